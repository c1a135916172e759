// Command weakfloor measures the weaker matches (matching/weakfloor.go) on the development sets:
// how many listed candidates of each lead's top 20 and top 10 it marks weak (the pages fold them),
// how many of them are graded suppliers, the lists it shortens above the fold, and nDCG@10 of the
// ranking and of the ranking with the weak lines cut (what the fold keeps from happening).
//
//	go run ./matching/cmd/weakfloor [-floor 0.15] [-v]
//
// It reads the development sets only (the first and intake set, fresh, dev3 to dev7), ranked as
// eval ranks them (intake leads routed, no fair exposure); held-out and gate sets are never opened.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"duijie/matching"
	"duijie/matching/quality"
)

func main() {
	dir := flag.String("dir", "matching/testdata", "directory of the labelled set")
	floor := flag.Float64("floor", matching.DefaultTuning().WeakFloor, "Tuning.WeakFloor to measure")
	verbose := flag.Bool("v", false, "print every candidate removed")
	flag.BoolVar(&unrouted, "unrouted", false, "rank the intake leads without their inferred clusters, as eval's first table does")
	flag.Parse()
	if err := run(*dir, *floor, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "weakfloor:", err)
		os.Exit(1)
	}
}

var unrouted bool

type count struct {
	leads, listed, listed10, cut, cut10, graded, gradedTop10, shortened int
	ndcgOff, ndcgOn                                                     float64
}

func run(dir string, floor float64, verbose bool) error {
	off := matching.DefaultConfig()
	off.Tuning.WeakFloor = 0
	on := matching.DefaultConfig()
	on.Tuning.WeakFloor = floor
	fmt.Printf("%-13s %5s %7s %5s %7s %5s %7s %9s %8s %8s\n", "set", "leads", "listed", "weak", "top-10", "weak", "graded", "shortened", "nDCG", "if cut")
	var all count
	for _, ds := range quality.DevSets {
		s, meta, err := quality.LoadDevSet(dir, ds.Sub)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		eOff, eOn := matching.New(off), matching.New(on)
		eOff.UpsertMany(s.Enterprises)
		eOn.UpsertMany(s.Enterprises)
		intake := map[string]bool{}
		for _, m := range meta {
			intake[m.ID] = true
		}
		var c count
		for _, l := range s.Leads {
			if ds.Sub != "" && !intake[l.ID] {
				continue
			}
			if intake[l.ID] && !unrouted {
				l, _ = quality.Route(eOff, l)
			}
			grades := s.EligibleGrades(l, eOff.Vocabulary())
			a, err := eOff.SuppliersFor(l, 20, matching.Options{NoExposure: true})
			if err != nil {
				return fmt.Errorf("lead %s: %w", l.ID, err)
			}
			b, err := eOn.SuppliersFor(l, 20, matching.Options{NoExposure: true})
			if err != nil {
				return fmt.Errorf("lead %s: %w", l.ID, err)
			}
			kept := map[string]bool{}
			var unfolded []matching.Result
			for _, r := range b {
				if !r.Weak {
					kept[r.ID] = true
					unfolded = append(unfolded, r)
				}
			}
			c.leads++
			c.listed += len(a)
			c.listed10 += min(10, len(a))
			if len(unfolded) < len(a) {
				c.shortened++
			}
			for i, r := range a {
				if kept[r.ID] {
					continue
				}
				c.cut++
				if i < 10 {
					c.cut10++
				}
				if grades[r.ID] > 0 {
					c.graded++
					if i < 10 {
						c.gradedTop10++
					}
				}
				if verbose {
					fmt.Printf("  %s/%s #%d %s %.3f (best %.3f) grade %d: %s\n", ds.Name, l.ID, i+1, r.ID, r.Score, a[0].Score, grades[r.ID], r.Explanation.Summary)
				}
			}
			if len(grades) > 0 {
				c.ndcgOff += quality.NDCG(ids(a), grades, 10)
				c.ndcgOn += quality.NDCG(ids(unfolded), grades, 10)
			}
		}
		print(ds.Name, c)
		all.leads += c.leads
		all.listed += c.listed
		all.listed10 += c.listed10
		all.cut += c.cut
		all.cut10 += c.cut10
		all.graded += c.graded
		all.gradedTop10 += c.gradedTop10
		all.shortened += c.shortened
		all.ndcgOff += c.ndcgOff
		all.ndcgOn += c.ndcgOn
	}
	print("all", all)
	return nil
}

func print(name string, c count) {
	fmt.Printf("%-13s %5d %7d %5d %7d %5d %4d/%-2d %9d %8.3f %8.3f\n", name, c.leads, c.listed, c.cut, c.listed10, c.cut10,
		c.graded, c.gradedTop10, c.shortened, c.ndcgOff/float64(max(1, c.leads)), c.ndcgOn/float64(max(1, c.leads)))
}

func ids(rs []matching.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return slices.Clip(out)
}
