package matching

import (
	"slices"
	"testing"
)

// A head noun of a concept that is a sort of a broader kind, used by other concepts' phrases too,
// names the kind: alone it calls for none of them. A specific one still does.
func TestCommonHeadNouns(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), vocab: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	for _, tc := range []struct {
		text, product string
		want          bool
	}{
		{"a wall mount for the screens", "减振隔振", false},            // mount
		{"apparel brand looking for a fabric mill", "户外服装", false}, // apparel: every clothing line
		{"approval workflow for purchase orders", "办公自动化", false},  // approval
		{"a precipitator for the boiler house", "除尘设备", true},      // specific
		{"harnesses for e-scooters", "线束", true},
	} {
		var heads []string
		for _, x := range a.headTerms(latinTokens(tc.text), 1, nil, 0) {
			heads = append(heads, x.text)
		}
		if got := slices.Contains(heads, "#"+tc.product); got != tc.want {
			t.Errorf("%q: head-noun expansions %v, %s wanted %v", tc.text, heads, tc.product, tc.want)
		}
	}
}

// A concept whose Chinese name ends with a broader field word is a sort of that word.
func TestKindOf(t *testing.T) {
	v := DefaultVocabulary()
	for name, want := range map[string]string{
		"户外服装":  "服装",
		"光伏支架":  "支架",
		"工业除湿机": "", // its tail 除湿机 is its own surface
		"除尘设备":  "", // 设备 says nothing
		"线束":    "",
	} {
		if got := v.kindOf(v.byName[name]); got != want {
			t.Errorf("%s is a sort of %q, want %q", name, got, want)
		}
	}
}
