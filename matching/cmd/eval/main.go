// Command eval measures the matching engine on the labelled set: nDCG@10, P@5, recall@20 and
// coverage for the engine's variants and a plain BM25 baseline.
//
//	go run ./matching/cmd/eval [-dir matching/testdata] [-v] [-write] [-fresh] [-heldout]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/quality"
)

func main() {
	dir := flag.String("dir", "matching/testdata", "directory of the labelled set")
	verbose := flag.Bool("v", false, "print each lead's nDCG@10 and top 5 for the default engine")
	write := flag.Bool("write", false, "commit the default engine's and the baseline's figures to quality.json")
	flag.BoolVar(&withFresh, "fresh", false, "also report the second to fifth development sets (testdata/fresh, dev3 … dev7), lead by lead with -v")
	flag.BoolVar(&withHeldOut, "heldout", false, "also report the held-out sets (testdata/heldout, heldout2, heldout3, heldout4) in aggregate: for measuring, never while tuning")
	flag.BoolVar(&withGate, "gate", false, "also report the gate set (testdata/gate) in aggregate: checked before an engine change lands, never read or tuned on")
	flag.StringVar(&vocabDir, "vocab", "", "read the intake sets with the vocabulary files of this directory (e.g. an older commit's matching/data, from git archive) instead of the embedded one")
	flag.BoolVar(&noSceneBag, "nobag", false, "read the intake sets without the scene bag (matching/scenebag.go), to measure what it adds")
	flag.BoolVar(&devOnly, "dev", false, "with -v, print the intake set's dev half only: whoever writes vocabulary must not read the held-out leads")
	flag.Parse()
	if err := run(*dir, *verbose, *write); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

var devOnly, withFresh, withHeldOut, withGate bool

// vocabDir and noSceneBag set up the engine of the intake sets: an older vocabulary (a set that
// was blind to it measures how a change generalises), or the scene bag off.
var (
	vocabDir   string
	noSceneBag bool
)

func engineConfig() matching.Config {
	c := matching.DefaultConfig()
	c.NoSceneBag = noSceneBag
	if vocabDir != "" {
		v, err := matching.LoadVocabulary(os.DirFS(filepath.Dir(vocabDir)), filepath.Base(vocabDir))
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval: vocabulary:", err)
			os.Exit(1)
		}
		c.Vocabulary = v
	}
	return c
}

// extraSets are the sets kept in directories of their own beside the labelled set, in the order
// they are reported: development sets with -fresh, held-out sets with -heldout.
var extraSets = []struct {
	dir, title string
	heldOut    bool
	gate       bool
}{
	{quality.FreshDir, "Second development set (written blind, measured once blind, then used for tuning):", false, false},
	{quality.ThirdDir, "Third development set (written blind, mostly colloquial, for tuning):", false, false},
	{quality.FourthDir, "Fourth development set (written blind, mostly colloquial, for tuning):", false, false},
	{quality.FifthDir, "Fifth development set (written blind in session 5, leads kept only if the corpus has a strong supplier):", false, false},
	{quality.SixthDir, "Sixth development set (written blind in session 7 from real posting styles, for tuning):", false, false},
	{quality.SeventhDir, "Seventh development set (written blind in session 9 from the gate set's brief, for tuning):", false, false},
	{quality.GateDir, "Gate set (written blind in session 9 from real posting styles; checked before an engine change lands; aggregates only):", false, true},
	{quality.HeldOutDir, "Held-out set (written and graded without sight of the vocabulary or any other lead; aggregates only):", true, false},
	{quality.HeldOut2Dir, "Second held-out set (written blind in session 5, no lead rewritten after the corpus was read; aggregates only):", true, false},
	{quality.HeldOut3Dir, "Third held-out set (written blind in session 6, the same way; aggregates only):", true, false},
	{quality.HeldOut4Dir, "Fourth held-out set (written blind in session 7 from real posting styles; aggregates only):", true, false},
}

func run(dir string, verbose, write bool) error {
	s, err := quality.Load(dir)
	if err != nil {
		return err
	}
	ms, err := quality.Report(os.Stdout, s)
	if err != nil {
		return err
	}
	// The leads of the first set (l01…) alone, to compare with figures from before the intake
	// set was added.
	for _, m := range ms {
		sum, n := 0.0, 0
		for id, v := range m.PerLead {
			if strings.HasPrefix(id, "l") {
				sum, n = sum+v, n+1
			}
		}
		if n > 0 {
			fmt.Printf("%s: nDCG@10 %.3f on the %d leads of the first set\n", m.Name, sum/float64(n), n)
		}
	}
	if meta, err := quality.LoadIntake(dir); err == nil {
		rows, err := quality.EvaluateIntakeWith(s, meta, engineConfig())
		if err != nil {
			return err
		}
		fmt.Println("\nLead intake set (leads written without codes; clusters inferred, no fair exposure):")
		if err := quality.ReportIntake(os.Stdout, rows); err != nil {
			return err
		}
		if verbose {
			intakeDetails(s, meta)
		}
	}
	for _, x := range extraSets {
		switch {
		case x.gate && !withGate, x.heldOut && !withHeldOut, !x.gate && !x.heldOut && !withFresh:
			continue
		}
		// A held-out or gate set is only ever reported in aggregate.
		if err := extraSet(dir, x.dir, verbose && !x.heldOut && !x.gate, x.title); err != nil {
			return err
		}
	}
	if withHeldOut {
		if err := combinedSets(dir, []string{quality.HeldOutDir, quality.HeldOut2Dir},
			"Both held-out sets together (aggregates only):"); err != nil {
			return err
		}
		if err := combinedSets(dir, []string{quality.HeldOutDir, quality.HeldOut2Dir, quality.HeldOut3Dir},
			"All three held-out sets together (aggregates only):"); err != nil {
			return err
		}
		if err := combinedSets(dir, []string{quality.HeldOutDir, quality.HeldOut2Dir, quality.HeldOut3Dir, quality.HeldOut4Dir},
			"All four held-out sets together (aggregates only):"); err != nil {
			return err
		}
	}
	if verbose && !devOnly {
		details(s, ms[0])
	}
	if write {
		base := ms[len(ms)-2] // the bigram baseline
		if err := quality.WriteFloor(dir, ms[0], base); err != nil {
			return err
		}
		fmt.Println("wrote", quality.FloorFile)
	}
	return nil
}

// extraSet reports a set of leads kept in a directory of its own, graded against the same
// corpus; lead by lead only when details is set (never for the held-out set).
func extraSet(dir, sub string, details bool, title string) error {
	fdir := filepath.Join(dir, sub)
	meta, err := quality.LoadIntake(fdir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	s, err := quality.LoadOn(dir, fdir)
	if err != nil {
		return err
	}
	rows, err := quality.EvaluateIntakeWith(s, meta, engineConfig())
	if err != nil {
		return err
	}
	fmt.Println("\n" + title)
	if err := quality.ReportIntake(os.Stdout, rows); err != nil {
		return err
	}
	if details {
		devOnly = false
		intakeDetails(s, meta)
	}
	return nil
}

// combinedSets reports several sets graded against the same corpus as one, in aggregate.
func combinedSets(dir string, subs []string, title string) error {
	all := &quality.Set{Grades: map[string]map[string]int{}}
	var meta []quality.IntakeLead
	for _, sub := range subs {
		fdir := filepath.Join(dir, sub)
		m, err := quality.LoadIntake(fdir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // reported only when every set is there
		}
		if err != nil {
			return err
		}
		s, err := quality.LoadOn(dir, fdir)
		if err != nil {
			return err
		}
		all.Enterprises = s.Enterprises
		all.Leads = append(all.Leads, s.Leads...)
		for id, g := range s.Grades {
			all.Grades[id] = g
		}
		meta = append(meta, m...)
	}
	rows, err := quality.EvaluateIntakeWith(all, meta, engineConfig())
	if err != nil {
		return err
	}
	fmt.Println("\n" + title)
	return quality.ReportIntake(os.Stdout, rows)
}

func intakeDetails(s *quality.Set, meta []quality.IntakeLead) {
	e := matching.New(engineConfig())
	e.UpsertMany(s.Enterprises)
	byID := map[string]domain.Lead{}
	for _, l := range s.Leads {
		byID[l.ID] = l
	}
	for _, m := range meta {
		if devOnly && m.HeldOut {
			continue
		}
		// Routed and scored exactly as the measurement does (quality.EvaluateIntakeWith), so the
		// figure printed is the one that counts.
		l, _ := quality.Route(e, byID[m.ID])
		u := e.Understand(l.Title, l.Description, nil, nil)
		rs, _ := e.SuppliersFor(l, 10, matching.Options{NoExposure: true})
		fmt.Printf("\n%s [%s heldout=%v want %v] %.3f %s → %v %v\n", l.ID, m.Category, m.HeldOut, m.Clusters,
			quality.NDCG(idsOf(rs), s.EligibleGrades(l, e.Vocabulary()), 10), l.Title, u.Clusters, u.Products)
		for _, r := range rs[:min(5, len(rs))] {
			fmt.Printf("  %d %-5s %6.2f %s\n", s.Grades[l.ID][r.ID], r.ID, r.Score, r.Explanation.Summary)
		}
	}
}

func idsOf(rs []matching.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func details(s *quality.Set, m quality.Metrics) {
	names := map[string]string{}
	for _, e := range s.Enterprises {
		names[e.ID] = e.Name
	}
	e := matching.New(engineConfig())
	e.UpsertMany(s.Enterprises)
	leads := append([]domain.Lead(nil), s.Leads...)
	sort.Slice(leads, func(i, j int) bool { return m.PerLead[leads[i].ID] < m.PerLead[leads[j].ID] })
	for _, l := range leads {
		rs, err := e.SuppliersFor(l, 5, matching.Options{NoExposure: true})
		if err != nil {
			fmt.Println(l.ID, err)
			continue
		}
		fmt.Printf("\n%s %.3f %s\n", l.ID, m.PerLead[l.ID], l.Title)
		for _, r := range rs {
			fmt.Printf("  %d %-5s %6.2f %s | %s\n", s.Grades[l.ID][r.ID], r.ID, r.Score, names[r.ID], r.Explanation.Summary)
		}
	}
}
