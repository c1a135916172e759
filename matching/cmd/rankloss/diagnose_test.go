package main

import (
	"math"
	"testing"

	"duijie/matching"
)

func TestDiagnose(t *testing.T) {
	reading := matching.QueryReading{Products: map[string]float64{"A": 1, "B": 0.6, "C": 0.6}}
	bd := func(id string, words, codes float64, ps map[string]float64) matching.Breakdown {
		return matching.Breakdown{ID: id, Products: ps, Words: words, Codes: codes, Factor: 1, Allowed: true}
	}
	ranked := []string{"x", "y", "n1", "n2"}
	for _, tc := range []struct {
		name        string
		grades      map[string]int
		x, y        matching.Breakdown
		cause       string
		rankingLoss bool
	}{
		{"a supplier of three minor shares above the maker of the main product",
			map[string]int{"y": 2}, bd("x", 0, 0.3, map[string]float64{"A": 0.2, "B": 0.2, "C": 0.2}),
			bd("y", 0, 0.3, map[string]float64{"A": 0.5}), causeBreadth, true},
		{"words above the product",
			map[string]int{"y": 2}, bd("x", 1, 0.3, map[string]float64{"A": 0.1}),
			bd("y", 0, 0.3, map[string]float64{"A": 0.5}), causeWords, true},
		{"codes above the product",
			map[string]int{"y": 2}, bd("x", 0, 1.5, map[string]float64{"A": 0.1}),
			bd("y", 0, 0.3, map[string]float64{"A": 0.5}), causeCodes, true},
		{"the reading weighs the other product higher: not a ranking loss",
			map[string]int{"y": 2}, bd("x", 0, 0.3, map[string]float64{"A": 0.6}),
			bd("y", 0, 0.3, map[string]float64{"B": 0.5}), causeReadingWeight, false},
		{"the graded supplier shares no product read from the lead: a reading loss",
			map[string]int{"y": 2}, bd("x", 0, 0.3, map[string]float64{"A": 0.6}),
			bd("y", 0.5, 0.3, nil), causeReading, false},
	} {
		bs := map[string]matching.Breakdown{"x": tc.x, "y": tc.y, "n1": bd("n1", 0.1, 0, nil), "n2": bd("n2", 0.1, 0, nil)}
		v := diagnose(ranked, tc.grades, reading, bs)
		if v.Cause != tc.cause {
			t.Errorf("%s: cause %q, want %q", tc.name, v.Cause, tc.cause)
		}
		// y at rank 2 alone: nDCG@10 = (3/log2 3)/3; first it would be 1.
		if want := 1 - 1/math.Log2(3); math.Abs(v.Loss-want) > 1e-9 {
			t.Errorf("%s: loss %v, want %v", tc.name, v.Loss, want)
		}
		if got := v.RankingLoss > 0; got != tc.rankingLoss {
			t.Errorf("%s: ranking loss %v, want a ranking loss: %v", tc.name, v.RankingLoss, tc.rankingLoss)
		}
		if tc.rankingLoss && (v.X != "x" || v.Y != "y" || math.Abs(v.RankingLoss-v.Loss) > 1e-9) {
			t.Errorf("%s: pair %s above %s, ranking loss %v of %v", tc.name, v.X, v.Y, v.RankingLoss, v.Loss)
		}
	}
}
