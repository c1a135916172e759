package quality

import (
	"math"
	"testing"

	"duijie/matching"
)

const dir = "../testdata"

// TestQualityFloor fails when the engine's nDCG@10 on the labelled set falls below the figure
// committed in testdata/quality.json (go run ./matching/cmd/eval -write updates it).
// floorTolerance is how far nDCG@10 may fall below the committed floor before the test fails.
// The figure is a mean over the set's 122 leads: a change elsewhere that swaps two suppliers in
// one lead's top ten moves it by a few ten-thousandths, which is noise; a lead whose best
// supplier leaves its top ten typically moves it by 0.002 or more, which fails.
const floorTolerance = 0.001

func TestQualityFloor(t *testing.T) {
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	floor, err := ReadFloor(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Evaluate(s, "engine", matching.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case m.NDCG10 < floor.Engine.NDCG10-floorTolerance:
		t.Errorf("nDCG@10 %.4f is below the committed %.4f by more than %.3f", m.NDCG10, floor.Engine.NDCG10, floorTolerance)
	case m.NDCG10 < floor.Engine.NDCG10:
		t.Logf("nDCG@10 %.4f is %.4f below the committed %.4f, within the tolerance", m.NDCG10, floor.Engine.NDCG10-m.NDCG10, floor.Engine.NDCG10)
	}
	base, err := Evaluate(s, "baseline", matching.BaselineConfig())
	if err != nil {
		t.Fatal(err)
	}
	if m.NDCG10 <= base.NDCG10 || m.Recall20 <= base.Recall20 {
		t.Errorf("engine (%.3f, %.3f) should beat plain BM25 (%.3f, %.3f) on nDCG@10 and recall@20",
			m.NDCG10, m.Recall20, base.NDCG10, base.Recall20)
	}
}

func TestSetShape(t *testing.T) {
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Enterprises) < 200 || len(s.Leads) < 40 {
		t.Errorf("the set has %d enterprises and %d leads; the issue asks for at least 200 and 40", len(s.Enterprises), len(s.Leads))
	}
	english := 0
	for _, l := range s.Leads {
		if l.Title != "" && l.Title[0] < 0x80 {
			english++
		}
		if len(s.Grades[l.ID]) == 0 {
			t.Errorf("lead %s has no judgment", l.ID)
		}
	}
	if english < 5 {
		t.Errorf("only %d English leads", english)
	}
}

func TestMetrics(t *testing.T) {
	g := map[string]int{"a": 2, "b": 1, "c": 0}
	cases := []struct {
		ranked          []string
		ndcg, p5, rec20 float64
	}{
		{[]string{"a", "b", "c"}, 1, 0.4, 1},
		{[]string{"b", "a"}, (1 + 3/math.Log2(3)) / (3 + 1/math.Log2(3)), 0.4, 1},
		{[]string{"c", "x"}, 0, 0, 0},
		{nil, 0, 0, 0},
	}
	for _, c := range cases {
		if got := NDCG(c.ranked, g, 10); math.Abs(got-c.ndcg) > 1e-9 {
			t.Errorf("NDCG(%v) = %v, want %v", c.ranked, got, c.ndcg)
		}
		if got := Precision(c.ranked, g, 5); got != c.p5 {
			t.Errorf("Precision(%v) = %v, want %v", c.ranked, got, c.p5)
		}
		if got := Recall(c.ranked, g, 20); got != c.rec20 {
			t.Errorf("Recall(%v) = %v, want %v", c.ranked, got, c.rec20)
		}
	}
}

// The intake set: 60 leads without codes, a third per category, half held out; no lead is
// refused for a missing code, no top-10 supplier lacks a required certification, and on the
// held-out half the engine beats plain BM25.
func TestIntakeSet(t *testing.T) {
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := LoadIntake(dir)
	if err != nil {
		t.Fatal(err)
	}
	per, held := map[string]int{}, 0
	byID := map[string]bool{}
	for _, l := range s.Leads {
		byID[l.ID] = len(l.Clusters)+len(l.IndustryCodes)+len(l.HSCodes) == 0
	}
	for _, m := range meta {
		per[m.Category]++
		if m.HeldOut {
			held++
		}
		if !byID[m.ID] {
			t.Errorf("intake lead %s carries codes or is missing", m.ID)
		}
	}
	if len(meta) < 60 || per["colloquial"] < 20 || per["overseas"] < 20 || per["tradename"] < 20 || held*2 != len(meta) {
		t.Fatalf("intake set: %d leads %v, %d held out", len(meta), per, held)
	}
	rows, err := EvaluateIntake(s, meta)
	if err != nil {
		t.Fatal(err)
	}
	all := rows[len(rows)-1]
	if all.Engine.Refused != 0 || all.Engine.CertViolations != 0 {
		t.Errorf("refused %d, certification violations %d", all.Engine.Refused, all.Engine.CertViolations)
	}
	// Floors: the figures measured when the set was committed (BENCHMARKS.md, "Lead intake"),
	// round 2 (0.834, 90 %): nDCG@10 is still below the target of 0.90.
	if h := rows[0]; h.Engine.NDCG10 <= h.Baseline.NDCG10 || h.Engine.NDCG10 < 0.83 || h.Engine.ClusterFirst < 0.89 {
		t.Errorf("held-out: engine %.3f vs BM25 %.3f, cluster first %.2f", h.Engine.NDCG10, h.Baseline.NDCG10, h.Engine.ClusterFirst)
	}
}
