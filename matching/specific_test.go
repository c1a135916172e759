package matching

import "testing"

// A two-character scene (漏油 → 液压件) beside a longer phrase calling for another product
// (营地没电 → 户外电源) weighs Tuning.ShortScene; alone in its field it weighs in full, and the
// longer phrase's product is untouched.
func TestShortSceneBesideALongerOneIsDiscounted(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	weight := func(text, product string) float32 {
		var w float32
		for _, tm := range a.field([]rune(text), 1, true, nil) {
			if tm.kind == kExpansion && tm.text == product && !tm.bag {
				w = max(w, tm.w)
			}
		}
		return w
	}
	alone, beside := weight("漏油", "#液压件"), weight("漏油，营地没电", "#液压件")
	if alone == 0 || beside == 0 {
		t.Fatalf("漏油 should call for 液压件: alone %v, beside 营地没电 %v", alone, beside)
	}
	if want := alone * float32(DefaultTuning().ShortScene); beside != want {
		t.Errorf("漏油 beside 营地没电 weighs %v for 液压件, alone %v: want %v", beside, alone, want)
	}
	if got, want := weight("漏油，营地没电", "#户外电源"), weight("营地没电", "#户外电源"); got != want {
		t.Errorf("the longer phrase's product weighs %v beside 漏油, %v alone: want it untouched", got, want)
	}
	// A zero ShortScene (a Tuning written before it) leaves the short scene whole.
	a.lw = newLeadWeights(Tuning{})
	if got := weight("漏油，营地没电", "#液压件"); got != weight("漏油", "#液压件") {
		t.Errorf("with ShortScene 0 漏油 beside 营地没电 weighs %v, alone %v", got, weight("漏油", "#液压件"))
	}
}
