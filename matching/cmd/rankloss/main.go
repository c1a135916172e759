// Command rankloss tells, for every development-set lead that ranks below a threshold, whether it
// lost in the reading or in the ranking, and why: the figures that decide which engine limit to
// work on next.
//
//	go run ./matching/cmd/rankloss [-below 0.85] [-share 0.5] [-v]
//
// A graded supplier is understood when it shares a product the engine read from the lead with at
// least half the weight of the lead's strongest product. The ranking loss of a lead is what its
// nDCG@10 would gain if its understood graded suppliers came first (by grade) and the rest kept
// their order; the rest of its loss is the reading's. The first pair out of order (a supplier of
// a lower grade above an understood one) names the cause.
//
// It reads the development sets only (the first and intake set, fresh, dev3 to dev7), ranked as
// eval ranks them (intake leads routed, no fair exposure). Held-out and gate sets are never opened.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/quality"
)

func main() {
	dir := flag.String("dir", "matching/testdata", "directory of the labelled set")
	below := flag.Float64("below", 0.85, "diagnose the leads whose nDCG@10 is below this")
	flag.Float64Var(&understoodShare, "share", understoodShare, "the least share of the lead's strongest product weight that makes a graded supplier sharing it understood")
	verbose := flag.Bool("v", false, "print each diagnosed lead: its first pair out of order and its top 5 by kind of evidence")
	flag.Parse()
	if err := run(*dir, *below, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "rankloss:", err)
		os.Exit(1)
	}
}

// tally adds up the diagnosed leads of a set or a cause.
type tally struct {
	leads                  int
	loss, reading, ranking float64
}

func (t *tally) add(v verdict) {
	t.leads++
	t.loss += v.Loss
	t.ranking += v.RankingLoss
	t.reading += v.Loss - v.RankingLoss
}

func run(dir string, below float64, verbose bool) error {
	bySet := map[string]*tally{}
	byCause := map[string]*tally{}
	byCategory := map[string]*tally{}
	var all tally
	for _, ds := range quality.DevSets {
		s, meta, err := quality.LoadDevSet(dir, ds.Sub)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		eng := matching.New(matching.DefaultConfig())
		eng.UpsertMany(s.Enterprises)
		intake := map[string]bool{}
		category := map[string]string{}
		for _, m := range meta {
			intake[m.ID] = true
			category[m.ID] = m.Category
		}
		set := &tally{}
		bySet[ds.Name] = set
		for _, l := range s.Leads {
			if ds.Sub != "" && !intake[l.ID] {
				continue
			}
			if intake[l.ID] {
				l, _ = quality.Route(eng, l) // a first-set lead keeps the codes it was written with
			}
			grades := s.EligibleGrades(l, eng.Vocabulary())
			if len(grades) == 0 {
				continue
			}
			rs, err := eng.SuppliersFor(l, 20, matching.Options{NoExposure: true})
			if err != nil {
				return fmt.Errorf("lead %s: %w", l.ID, err)
			}
			ranked := make([]string, len(rs))
			for i, r := range rs {
				ranked[i] = r.ID
			}
			if quality.NDCG(ranked, grades, 10) >= below {
				continue
			}
			ask := slices.Clone(ranked)
			for id := range grades {
				if !slices.Contains(ask, id) {
					ask = append(ask, id)
				}
			}
			reading, bs, err := eng.Breakdowns(l, ask)
			if err != nil {
				return fmt.Errorf("lead %s: %w", l.ID, err)
			}
			byID := map[string]matching.Breakdown{}
			for _, b := range bs {
				byID[b.ID] = b
			}
			v := diagnose(ranked, grades, reading, byID)
			set.add(v)
			all.add(v)
			if byCause[v.Cause] == nil {
				byCause[v.Cause] = &tally{}
			}
			byCause[v.Cause].add(v)
			c := category[l.ID]
			if c == "" {
				c = "first set (codes given)"
			}
			if byCategory[c] == nil {
				byCategory[c] = &tally{}
			}
			byCategory[c].add(v)
			if verbose {
				printLead(ds.Name, l, v, ranked, grades, byID)
			}
		}
	}
	fmt.Printf("Development-set leads with nDCG@10 below %.2f: loss = sum of (1 - nDCG@10); understood = shares a product of %.2f× the lead's strongest weight or more\n", below, understoodShare)
	fmt.Printf("%14s %6s %7s %8s %8s\n", "set", "leads", "loss", "reading", "ranking")
	for _, ds := range quality.DevSets {
		if t := bySet[ds.Name]; t != nil {
			fmt.Printf("%14s %6d %7.2f %8.2f %8.2f\n", ds.Name, t.leads, t.loss, t.reading, t.ranking)
		}
	}
	fmt.Printf("%14s %6d %7.2f %8.2f %8.2f\n\n", "all", all.leads, all.loss, all.reading, all.ranking)
	fmt.Printf("%24s %6s %7s %8s %8s\n", "category", "leads", "loss", "reading", "ranking")
	for _, c := range sortedKeys(byCategory) {
		t := byCategory[c]
		fmt.Printf("%24s %6d %7.2f %8.2f %8.2f\n", c, t.leads, t.loss, t.reading, t.ranking)
	}
	fmt.Println()
	causes := make([]string, 0, len(byCause))
	for c := range byCause {
		causes = append(causes, c)
	}
	sort.Slice(causes, func(i, j int) bool { return byCause[causes[i]].loss > byCause[causes[j]].loss })
	fmt.Printf("%-62s %6s %7s %8s\n", "first pair out of order (cause)", "leads", "loss", "ranking")
	for _, c := range causes {
		t := byCause[c]
		fmt.Printf("%-62s %6d %7.2f %8.2f\n", c, t.leads, t.loss, t.ranking)
	}
	return nil
}

func printLead(set string, l domain.Lead, v verdict, ranked []string, grades map[string]int, bs map[string]matching.Breakdown) {
	fmt.Printf("\n%s/%s nDCG@10 %.3f, ranking loss %.3f: %s\n  %s | %.80s\n", set, l.ID, 1-v.Loss, v.RankingLoss, v.Cause, l.Title, l.Description)
	if v.X != "" {
		fmt.Printf("  %s (grade %d) above %s (grade %d)\n", v.X, grades[v.X], v.Y, grades[v.Y])
	}
	for i, id := range ranked[:min(5, len(ranked))] {
		b := bs[id]
		fmt.Printf("  %d %d %-5s %5.2f products %s words %.2f codes %.2f ×%.2f\n", i+1, grades[id], id, b.Score,
			products(b.Products), b.Words, b.Codes, b.Factor)
	}
}

func products(ps map[string]float64) string {
	names := make([]string, 0, len(ps))
	for n := range ps {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return ps[names[i]] > ps[names[j]] })
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s:%.2f", n, ps[n])
	}
	return "[" + b.String() + "]"
}

func sortedKeys(m map[string]*tally) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
