package cmp

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/synth"
)

func TestDbg4(t *testing.T) {
	e := matching.New(matching.DefaultConfig())
	synth.Enterprises(300000, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	type row struct {
		i  int
		d  time.Duration
		st [4]int
	}
	var rows []row
	for i := 0; i < 300; i++ {
		t0 := time.Now()
		e.SuppliersFor(synth.Lead(1, i), 20, matching.Options{})
		rows = append(rows, row{i, time.Since(t0), matching.DebugStats})
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].d > rows[b].d })
	for _, r := range append(rows[:6], rows[150:153]...) {
		l := synth.Lead(1, r.i)
		fmt.Printf("%v visits=%d scored=%d terms=%d ess=%d %s | %s\n  %s\n", r.d, r.st[0], r.st[1], r.st[2], r.st[3], l.Title, l.Description, e.DebugTerms(l))
	}
}
