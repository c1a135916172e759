// Command tune fits the matching engine's hand-set weights (Config.Weights, Config.Tuning, BM25's
// k1 and b) by coordinate ascent on the development sets, and checks the fit by leave-one-set-out
// cross-validation: for each set, the weights fitted on the others are measured on it against
// the start (today's defaults; with -handset the values set by hand before the first fit). Only a
// gain that holds on sets the fit never saw is worth adopting.
//
//	go run ./matching/cmd/tune [-dir matching/testdata] [-rounds 3] [-cv=true] [-handset] [-share] [-only K1,BagTop]
//	go run ./matching/cmd/tune -eval K1=1.2,BagTop=5   # measure values, and each one reverted alone
//
// The objective is the mean nDCG@10 of the intake-type sets (the intake set, fresh, dev3, dev4,
// dev5), each set weighing the same, ranked as cmd/eval ranks them (quality.EvaluateIntakeWith);
// the first set's nDCG@10 (its 62 leads with codes, quality.Evaluate) is a guard: a step may not
// lower it by more than 0.003 from the start's. The held-out sets are never read.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"duijie/matching"
	"duijie/matching/quality"
)

func main() {
	dir := flag.String("dir", "matching/testdata", "directory of the labelled set")
	rounds := flag.Int("rounds", 3, "rounds of coordinate ascent (each tries every parameter)")
	cv := flag.Bool("cv", true, "run leave-one-set-out cross-validation before the fit on all sets")
	share := flag.Bool("share", false, "start with Tuning.InferredShare on (the structural experiment), compared with the start without it")
	only := flag.String("only", "", "comma-separated parameter names to fit (default: all)")
	set := flag.String("eval", "", "instead of fitting, measure the start with these values (Name=value,…) and each one reverted alone")
	flag.BoolVar(&fitSixth, "dev6", false, "fit on the sixth development set too (by default it is only measured: it landed after the first fit)")
	flag.BoolVar(&fromHandSet, "handset", false, "start from the hand-set values the engine had before the fit (handSetConfig), not today's defaults")
	flag.Parse()
	var err error
	if *set != "" {
		err = ablate(*dir, *share, *set)
	} else {
		err = run(*dir, *rounds, *cv, *share, *only)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tune:", err)
		os.Exit(1)
	}
}

// fitSixth puts dev6 among the sets fitted on.
var fitSixth bool

// fromHandSet starts (and compares) from handSetConfig instead of matching.DefaultConfig.
var fromHandSet bool

// reference is the configuration a fit starts from and is compared with.
func reference() matching.Config {
	if fromHandSet {
		return handSetConfig()
	}
	return matching.DefaultConfig()
}

// handSetConfig is the engine as it was before the first fit (session 7): the values set by
// hand over six sessions, where today's defaults differ. The leave-one-set-out table in
// BENCHMARKS.md ("Fitted weights") starts from it: go run ./matching/cmd/tune -handset.
func handSetConfig() matching.Config {
	c := matching.DefaultConfig()
	c.Weights.InferredCluster, c.Weights.Service, c.K1 = 0.5, 0.6, 1.2
	c.Tuning.LongGap, c.Tuning.Reversed = 0.75, 0.7
	c.Tuning.BagMinScore, c.Tuning.BagTop, c.Tuning.BagGate = 0.08, 5, 2
	return c
}

// guardLoss is how much the first set's nDCG@10 may fall below today's during a fit.
const guardLoss = 0.003

// minGain is the least rise of the objective a step must bring: smaller ones are noise of a few
// leads swapping places.
const minGain = 0.0005

func run(dir string, rounds int, cv, share bool, only string) error {
	sets, err := loadSets(dir)
	if err != nil {
		return err
	}
	ps := params()
	if only != "" {
		keep := map[string]bool{}
		for _, n := range strings.Split(only, ",") {
			keep[strings.TrimSpace(n)] = true
		}
		var sel []param
		for _, p := range ps {
			if keep[p.name] {
				sel = append(sel, p)
			}
		}
		ps = sel
	}
	start := reference()
	start.Tuning.InferredShare = share
	ev := &evaluator{sets: sets, memo: map[string][]float64{}, first: map[string][]float64{}}
	t0 := time.Now()
	def := ev.eval(reference())
	base := ev.eval(start)
	fmt.Printf("start:         %s\n", ev.line(def))
	if share {
		fmt.Printf("share on:      %s\n", ev.line(base))
	}
	names := make([]string, len(sets))
	for i, s := range sets {
		names[i] = s.name
	}
	if cv {
		fmt.Println("\nLeave-one-set-out: fitted on the other sets, measured on the one left out (nDCG@10)")
		fmt.Printf("%-8s %8s %8s %8s   %s\n", "left out", "start", "fitted", "gain", "fitted weights (changed from the start)")
		var gains []float64
		for out := range sets {
			if sets[out].watch {
				continue
			}
			fit := ev.ascend(start, ps, rounds, out, def)
			got := ev.eval(fit)
			g := got[out] - def[out]
			gains = append(gains, g)
			fmt.Printf("%-8s %8.3f %8.3f %+8.3f   %s\n", sets[out].name, def[out], got[out], g, diff(start, fit, ps))
		}
		pos, worst := 0, 0.0
		for _, g := range gains {
			if g > 0.0005 {
				pos++
			}
			worst = min(worst, g)
		}
		fmt.Printf("cross-validated gain positive on %d of %d sets, worst %+.3f\n", pos, len(gains), worst)
	}
	fmt.Println("\nFit on all sets:")
	fit := ev.ascend(start, ps, rounds, -1, def)
	got := ev.eval(fit)
	fmt.Printf("fitted:        %s\n", ev.line(got))
	fmt.Printf("               %s (start: %s)\n", ev.firstLine(fit), ev.firstLine(reference()))
	fmt.Printf("weights:       %s\n", diff(start, fit, ps))
	fmt.Printf("\n%d configurations evaluated in %s\n", len(ev.memo), time.Since(t0).Round(time.Second))
	return nil
}

// ablate measures the start configuration with the values given (Name=value,…), then with each
// of them reverted alone: what each part of a fit adds on each set.
func ablate(dir string, share bool, given string) error {
	sets, err := loadSets(dir)
	if err != nil {
		return err
	}
	ev := &evaluator{sets: sets, memo: map[string][]float64{}, first: map[string][]float64{}}
	start := reference()
	start.Tuning.InferredShare = share
	byName := map[string]param{}
	for _, p := range params() {
		byName[p.name] = p
	}
	type kv struct {
		p param
		x float64
	}
	var vs []kv
	for _, a := range strings.Split(given, ",") {
		name, val, _ := strings.Cut(strings.TrimSpace(a), "=")
		p, ok := byName[name]
		if !ok {
			return fmt.Errorf("no parameter %q", name)
		}
		var x float64
		if _, err := fmt.Sscan(val, &x); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		vs = append(vs, kv{p, x})
	}
	with := func(skip int) matching.Config {
		c := start
		for i, v := range vs {
			if i != skip {
				v.p.set(&c, v.x)
			}
		}
		return c
	}
	fmt.Printf("%-22s %s\n", "start", ev.line(ev.eval(reference())))
	if share {
		fmt.Printf("%-22s %s\n", "start (share on)", ev.line(ev.eval(start)))
	}
	fmt.Printf("%-22s %s\n", "", ev.firstLine(start))
	fmt.Printf("%-22s %s\n", "all given", ev.line(ev.eval(with(-1))))
	fmt.Printf("%-22s %s\n", "", ev.firstLine(with(-1)))
	for i, v := range vs {
		fmt.Printf("%-22s %s\n", "without "+v.p.name, ev.line(ev.eval(with(i))))
		fmt.Printf("%-22s %s\n", "", ev.firstLine(with(i)))
	}
	return nil
}

// set is one development set: the first set (guard) or an intake-type set.
type set struct {
	name  string
	guard bool
	// watch marks a set that is measured and shown but not fitted on (dev6, unless -dev6):
	// it landed after the fit, so it checks the fitted weights blind.
	watch bool
	s     *quality.Set
	meta  []quality.IntakeLead
}

func loadSets(dir string) ([]set, error) {
	first, err := quality.Load(dir)
	if err != nil {
		return nil, err
	}
	meta, err := quality.LoadIntake(dir)
	if err != nil {
		return nil, err
	}
	out := []set{{name: "first", guard: true, s: first}, {name: "intake", s: first, meta: meta}}
	for _, x := range []struct{ sub, name string }{
		{quality.FreshDir, "fresh"}, {quality.ThirdDir, "dev3"}, {quality.FourthDir, "dev4"}, {quality.FifthDir, "dev5"},
		{quality.SixthDir, "dev6"},
	} {
		fdir := filepath.Join(dir, x.sub)
		m, err := quality.LoadIntake(fdir)
		if err != nil {
			return nil, err
		}
		s, err := quality.LoadOn(dir, fdir)
		if err != nil {
			return nil, err
		}
		out = append(out, set{name: x.name, s: s, meta: m, watch: x.sub == quality.SixthDir && !fitSixth})
	}
	return out, nil
}

// evaluator measures configurations on every set, once each.
type evaluator struct {
	sets []set
	memo map[string][]float64
	// first holds, by the same key, the share of intake-type leads whose first inferred
	// cluster is right (reported, not fitted).
	first map[string][]float64
}

func key(cfg matching.Config) string {
	return fmt.Sprintf("%v|%v|%v|%v", cfg.Weights, cfg.Tuning, cfg.K1, cfg.B)
}

// firstLine reports the cluster-first shares of a configuration already evaluated.
func (ev *evaluator) firstLine(cfg matching.Config) string {
	var b strings.Builder
	b.WriteString("cluster first: ")
	for i, s := range ev.sets {
		if !s.guard {
			fmt.Fprintf(&b, "%s %.0f%%  ", s.name, 100*ev.first[key(cfg)][i])
		}
	}
	return b.String()
}

// eval returns the nDCG@10 of cfg on every set, in the order of ev.sets.
func (ev *evaluator) eval(cfg matching.Config) []float64 {
	key := key(cfg)
	if r, ok := ev.memo[key]; ok {
		return r
	}
	r, first := make([]float64, len(ev.sets)), make([]float64, len(ev.sets))
	for i, s := range ev.sets {
		if s.guard {
			m, err := quality.Evaluate(s.s, "tune", cfg)
			if err != nil {
				fail(err)
			}
			sum, n := 0.0, 0
			for id, v := range m.PerLead {
				if strings.HasPrefix(id, "l") {
					sum, n = sum+v, n+1
				}
			}
			r[i] = sum / float64(n)
			continue
		}
		rows, err := quality.EvaluateIntakeWith(s.s, s.meta, cfg)
		if err != nil {
			fail(err)
		}
		for _, row := range rows {
			if row.Group == "all" {
				r[i], first[i] = row.Engine.NDCG10, row.Engine.ClusterFirst
			}
		}
	}
	ev.memo[key], ev.first[key] = r, first
	return r
}

// objective is the mean nDCG@10 of the intake-type sets other than out (-1: all of them), and
// whether the guard set stays within guardLoss of its default figure def (unless it is out).
func (ev *evaluator) objective(r []float64, out int, def []float64) (float64, bool) {
	sum, n, ok := 0.0, 0, true
	for i, s := range ev.sets {
		if i == out || s.watch {
			continue
		}
		if s.guard {
			ok = r[i] >= def[i]-guardLoss
			continue
		}
		sum, n = sum+r[i], n+1
	}
	return sum / float64(n), ok
}

// ascend runs coordinate ascent from start: each round tries, for every parameter in turn, a few
// values around its current one and keeps the best that raises the objective by minGain and
// keeps the guard; it stops after rounds rounds or a round without a step.
func (ev *evaluator) ascend(start matching.Config, ps []param, rounds, out int, def []float64) matching.Config {
	cur := start
	best, _ := ev.objective(ev.eval(cur), out, def)
	for round := 0; round < rounds; round++ {
		moved := false
		for _, p := range ps {
			x0 := p.get(&cur)
			bestX := x0
			for _, x := range p.around(x0) {
				c := cur
				p.set(&c, x)
				o, ok := ev.objective(ev.eval(c), out, def)
				if ok && o > best+minGain {
					best, bestX = o, x
				}
			}
			if bestX != x0 {
				p.set(&cur, bestX)
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	return cur
}

func (ev *evaluator) line(r []float64) string {
	var b strings.Builder
	for i, s := range ev.sets {
		w := ""
		if s.watch {
			w = " (not fitted)"
		}
		fmt.Fprintf(&b, "%s%s %.4f  ", s.name, w, r[i])
	}
	o, _ := ev.objective(r, -1, r)
	fmt.Fprintf(&b, "| fitted sets' intake-type mean %.4f", o)
	return b.String()
}

// param is one weight the ascent moves.
type param struct {
	name  string
	get   func(*matching.Config) float64
	set   func(*matching.Config, float64)
	whole bool // an integer: steps of ±1 and ±2
	max   float64
}

// around returns the values tried around x: ×0.6, ×0.8, ×1.25 and ×1.5 (small integers: one
// and two either way), kept within (0, max].
func (p param) around(x float64) []float64 {
	var out []float64
	switch {
	case p.whole && x >= 6:
		for _, f := range []float64{0.6, 0.8, 1.25, 1.5} {
			out = append(out, math.Round(x*f))
		}
	case p.whole:
		for _, d := range []float64{-2, -1, 1, 2} {
			if v := x + d; v >= 1 {
				out = append(out, v)
			}
		}
	default:
		for _, f := range []float64{0.6, 0.8, 1.25, 1.5} {
			out = append(out, round(x*f))
		}
	}
	var keep []float64
	for _, v := range out {
		if v > 0 && (p.max == 0 || v <= p.max) && v != x {
			keep = append(keep, v)
		}
	}
	sort.Float64s(keep)
	return keep
}

// round keeps three significant digits, so fitted values read like hand-set ones.
func round(x float64) float64 {
	if x == 0 {
		return 0
	}
	e := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*e) / e
}

func f(name string, max float64, p func(*matching.Config) *float64) param {
	return param{name: name, max: max,
		get: func(c *matching.Config) float64 { return *p(c) },
		set: func(c *matching.Config, x float64) { *p(c) = x }}
}

func n(name string, p func(*matching.Config) *int) param {
	return param{name: name, whole: true,
		get: func(c *matching.Config) float64 { return float64(*p(c)) },
		set: func(c *matching.Config, x float64) { *p(c) = int(x) }}
}

// scaled moves a group of weights together, by the factor of their first one.
func scaled(name string, p func(*matching.Config) []*float64) param {
	return param{name: name,
		get: func(c *matching.Config) float64 { return *p(c)[0] },
		set: func(c *matching.Config, x float64) {
			ws := p(c)
			k := x / *ws[0]
			for _, w := range ws {
				*w = round(*w * k)
			}
			*ws[0] = x
		}}
}

// params are the weights that change a ranking of the development sets. Text is left fixed: the
// structured evidence is measured against it, so it sets the scale.
func params() []param {
	return []param{
		f("Cluster", 0, func(c *matching.Config) *float64 { return &c.Weights.Cluster }),
		f("InferredCluster", 0, func(c *matching.Config) *float64 { return &c.Weights.InferredCluster }),
		scaled("Industry", func(c *matching.Config) []*float64 {
			return []*float64{&c.Weights.Industry[2], &c.Weights.Industry[0], &c.Weights.Industry[1]}
		}),
		scaled("HS", func(c *matching.Config) []*float64 {
			return []*float64{&c.Weights.HS[2], &c.Weights.HS[0], &c.Weights.HS[1]}
		}),
		scaled("Region", func(c *matching.Config) []*float64 {
			return []*float64{&c.Weights.Region[0], &c.Weights.Region[1], &c.Weights.Region[2]}
		}),
		scaled("Export", func(c *matching.Config) []*float64 {
			return []*float64{&c.Weights.Export[0], &c.Weights.Export[1]}
		}),
		f("Service", 0.95, func(c *matching.Config) *float64 { return &c.Weights.Service }),
		f("Trader", 0.95, func(c *matching.Config) *float64 { return &c.Weights.Trader }),
		f("K1", 0, func(c *matching.Config) *float64 { return &c.K1 }),
		f("B", 1, func(c *matching.Config) *float64 { return &c.B }),
		f("Title", 0, func(c *matching.Config) *float64 { return &c.Tuning.Title }),
		f("Expansion", 0, func(c *matching.Config) *float64 { return &c.Tuning.Expansion }),
		f("Family", 0, func(c *matching.Config) *float64 { return &c.Tuning.Family }),
		f("Head", 0, func(c *matching.Config) *float64 { return &c.Tuning.Head }),
		f("Gapped", 1, func(c *matching.Config) *float64 { return &c.Tuning.Gapped }),
		f("LongGap", 1, func(c *matching.Config) *float64 { return &c.Tuning.LongGap }),
		f("Reversed", 1, func(c *matching.Config) *float64 { return &c.Tuning.Reversed }),
		f("Setting", 1, func(c *matching.Config) *float64 { return &c.Tuning.Setting }),
		f("SettingVote", 1, func(c *matching.Config) *float64 { return &c.Tuning.SettingVote }),
		f("BagWeight", 0, func(c *matching.Config) *float64 { return &c.Tuning.BagWeight }),
		f("Compose", 0, func(c *matching.Config) *float64 { return &c.Tuning.Compose }),
		f("BagMinScore", 0, func(c *matching.Config) *float64 { return &c.Tuning.BagMinScore }),
		n("BagTop", func(c *matching.Config) *int { return &c.Tuning.BagTop }),
		n("BagGate", func(c *matching.Config) *int { return &c.Tuning.BagGate }),
		f("VocabCluster", 0, func(c *matching.Config) *float64 { return &c.Tuning.VocabCluster }),
		n("KNNNeighbours", func(c *matching.Config) *int { return &c.Tuning.KNNNeighbours }),
		f("SecondClusterShare", 1, func(c *matching.Config) *float64 { return &c.Tuning.SecondClusterShare }),
		f("MinVocabShare", 1, func(c *matching.Config) *float64 { return &c.Tuning.MinVocabShare }),
		f("SceneVote", 0, func(c *matching.Config) *float64 { return &c.Tuning.SceneVote }),
		f("StoryVote", 1, func(c *matching.Config) *float64 { return &c.Tuning.StoryVote }),
		f("NeedWeight", 0, func(c *matching.Config) *float64 { return &c.Tuning.NeedWeight }),
		f("StoryWeight", 0, func(c *matching.Config) *float64 { return &c.Tuning.StoryWeight }),
		f("ShortScene", 1, func(c *matching.Config) *float64 { return &c.Tuning.ShortScene }),
		f("Negated", 1, func(c *matching.Config) *float64 { return &c.Tuning.Negated }),
		f("Possession", 1, func(c *matching.Config) *float64 { return &c.Tuning.Possession }),
		f("Application", 1, func(c *matching.Config) *float64 { return &c.Tuning.Application }),
	}
}

// diff names the parameters whose value in fit differs from start.
func diff(start, fit matching.Config, ps []param) string {
	var out []string
	for _, p := range ps {
		a, b := p.get(&start), p.get(&fit)
		if a != b {
			out = append(out, fmt.Sprintf("%s %g→%g", p.name, a, b))
		}
	}
	if len(out) == 0 {
		return "(none)"
	}
	return strings.Join(out, ", ")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tune:", err)
	os.Exit(1)
}
