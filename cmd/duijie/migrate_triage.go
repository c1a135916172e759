package main

import (
	"context"

	"duijie/domain"
	"duijie/store"
)

// copyTriage copies what the cluster office's triage taught: the corrections learning reads
// (the latest domain.MaxCorrections; older ones are never read) and the links switched off.
// Corrections the destination has (by ID) and links it has switched off are skipped.
func copyTriage(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	cs, err := src.Triage.Corrections(ctx, domain.MaxCorrections)
	if err != nil {
		return t, err
	}
	have, err := dst.Triage.Corrections(ctx, domain.MaxCorrections)
	if err != nil {
		return t, err
	}
	seen := make(map[string]bool, len(have))
	for _, c := range have {
		seen[c.ID] = true
	}
	for i := range cs {
		if seen[cs[i].ID] {
			t.skipped++
			continue
		}
		if err := t.add(dst.Triage.AddCorrection(ctx, &cs[i])); err != nil {
			return t, err
		}
	}
	off, err := src.Triage.Off(ctx)
	if err != nil {
		return t, err
	}
	offThere, err := dst.Triage.Off(ctx)
	if err != nil {
		return t, err
	}
	isOff := map[string]bool{}
	for _, o := range offThere {
		isOff[o.Cluster+":"+domain.LessonKey(o.Term)] = true
	}
	for i := range off {
		if isOff[off[i].Cluster+":"+domain.LessonKey(off[i].Term)] {
			t.skipped++
			continue
		}
		if err := t.add(dst.Triage.SwitchOff(ctx, &off[i])); err != nil {
			return t, err
		}
	}
	return t, nil
}
