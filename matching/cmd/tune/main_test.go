package main

import (
	"testing"

	"duijie/matching"
)

// The defaults are the fitted values: on the development sets they beat the values set by hand
// before the fit, and keep the first set (leads with codes) within the guard.
func TestFittedDefaultsBeatTheHandSetOnes(t *testing.T) {
	if testing.Short() {
		t.Skip("ranks the six development sets twice")
	}
	sets, err := loadSets("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	ev := &evaluator{sets: sets, memo: map[string][]float64{}, first: map[string][]float64{}}
	hand, fit := ev.eval(handSetConfig()), ev.eval(matching.DefaultConfig())
	oh, _ := ev.objective(hand, -1, hand)
	of, guard := ev.objective(fit, -1, hand)
	if of < oh+0.01 || !guard {
		t.Errorf("fitted defaults: %s\nhand-set: %s\nwant the intake-type mean 0.01 higher, the first set within %.3f",
			ev.line(fit), ev.line(hand), guardLoss)
	}
	for i, s := range sets {
		if fit[i] < hand[i]-guardLoss {
			t.Errorf("%s falls from %.4f to %.4f", s.name, hand[i], fit[i])
		}
	}
}

// The values tried around a weight stay in range and read like hand-set ones.
func TestAround(t *testing.T) {
	share := param{name: "SecondClusterShare", max: 1}
	if got := share.around(0.8); len(got) != 3 || got[0] != 0.48 || got[2] != 1 {
		t.Errorf("around 0.8 within (0, 1]: %v, want [0.48 0.64 1]", got)
	}
	top := param{name: "BagTop", whole: true}
	if got := top.around(2); len(got) != 3 || got[0] != 1 || got[2] != 4 {
		t.Errorf("around 2: %v, want [1 3 4]", got)
	}
	if got := top.around(10); len(got) != 4 || got[0] != 6 || got[3] != 15 {
		t.Errorf("around 10: %v, want [6 8 12 15]", got)
	}
	if got := round(0.028800000001); got != 0.0288 {
		t.Errorf("round: %v", got)
	}
}
