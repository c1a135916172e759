package matching

import (
	"slices"
	"testing"
)

// bagProductsOf returns the products the scene bag adds to one field.
func bagProductsOf(t *testing.T, names bool, text string) []string {
	t.Helper()
	tu := DefaultTuning()
	tu.BagNames = names
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 400, lw: newLeadWeights(tu)}
	var out []string
	for _, tm := range a.field(a.normalize(text), 1, true, nil) {
		if tm.bag {
			out = append(out, tm.text)
		}
	}
	return out
}

// Madagascar is where the buyer's customer is, not a motor: 马达 inside 马达加斯加 is no key of the
// scene bag. (Without the rule the bag reads it as 工业电机, which is what the test guards.)
func TestSceneBagSkipsPlaceNames(t *testing.T) {
	text := "马达加斯加客户要一批货"
	if got := bagProductsOf(t, false, text); !slices.Contains(got, "#工业电机") {
		t.Fatalf("without the rule, want the accidental 工业电机 (the case this test is about), got %v", got)
	}
	if got := bagProductsOf(t, true, text); slices.Contains(got, "#工业电机") {
		t.Errorf("%s: the bag reads 马达 inside a place name as a motor: %v", text, got)
	}
}

// The same characters outside the name still count, and the name's own edges go with it.
func TestBagKeyableAroundAName(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), lw: newLeadWeights(DefaultTuning())}
	rs := []rune("在马达加斯加车间马达老是烧")
	ok := a.bagKeyable(rs)
	for i, want := range map[int]bool{0: false, 1: false, 3: false, 5: false, 6: true, 7: true, 8: true} {
		if ok[i] != want {
			t.Errorf("bagKeyable(%q) at %d (%s) = %v, want %v", string(rs), i, string(rs[i:i+2]), ok[i], want)
		}
	}
	// A two-character name is a key of its own (a phrase may name the place); its straddlers are not.
	rs = []rune("发到迪拜港口")
	ok = a.bagKeyable(rs)
	if !ok[2] || ok[1] || ok[3] {
		t.Errorf("bagKeyable(%q) = %v: want 迪拜 kept, 到迪 and 拜港 dropped", string(rs), ok[:5])
	}
}

// An English place name of one or more words makes no key either.
func TestLatinPlacesMarkNames(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), lw: newLeadWeights(DefaultTuning())}
	rs := []rune("pumps shipped to los angeles and dubai")
	lat, _ := latinStream(rs)
	mark := a.latinPlaces(rs, lat)
	var got []string
	for i, m := range mark {
		if m {
			got = append(got, string(rs[lat[i].start:lat[i].end]))
		}
	}
	if want := []string{"los", "angeles", "dubai"}; !slices.Equal(got, want) {
		t.Errorf("place words of %q = %v, want %v", string(rs), got, want)
	}
}

// A buyer whose motor burns out still reaches motors: the rule removes names, not words.
func TestMotorSentenceStillReadsMotors(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 400, lw: newLeadWeights(DefaultTuning())}
	for _, text := range []string{"车间的马达老是烧", "我们在马达加斯加有个车间，电机老是过热烧坏"} {
		found := false
		for _, tm := range a.field(a.normalize(text), 1, true, nil) {
			if tm.text == "#驱动电机" || tm.text == "#工业电机" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want a motor product read", text)
		}
	}
}
