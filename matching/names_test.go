package matching

import (
	"slices"
	"testing"
)

// bagProductsOf returns the products the scene bag adds to one field.
func bagProductsOf(t *testing.T, names bool, text string) []string {
	t.Helper()
	tu := DefaultTuning()
	tu.Names = names
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

// A place name of three or more characters holds no product for the lead: neither the concept
// 马达 (驱动电机) nor the bigram 马达 that a motor maker's profile would meet.
func TestPlaceNameHoldsNoTerm(t *testing.T) {
	for _, on := range []bool{true, false} {
		tu := DefaultTuning()
		tu.Names = on
		a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 400, lw: newLeadWeights(tu)}
		var got []string
		for _, tm := range a.field(a.normalize("我们在马达加斯加有工厂"), 1, true, nil) {
			if tm.text == "#驱动电机" || tm.text == "马达" {
				got = append(got, tm.text)
			}
		}
		if on && len(got) > 0 {
			t.Errorf("马达加斯加 read as %v", got)
		}
		if !on && len(got) == 0 {
			t.Errorf("without the rule, want 马达 read inside 马达加斯加 (the case this test is about)")
		}
	}
}

// A capitalised word inside an English sentence is a name; one that opens a sentence, an acronym
// and the words of a title-cased field are not.
func TestProperNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"We need chillers, ship to Dubai Marina.", []string{"Dubai", "Marina"}},
		{"Importer in São Paulo. Inmetro registration is a plus", []string{"Paulo"}},
		{"LED lighting for a hotel, PoE switches", nil},
		{"Hydrogen Fuel Cell Stack For Buses", nil},
		{"Please quote FOB Shanghai, destination Monterrey", []string{"Shanghai", "Monterrey"}},
	} {
		mark := properNames(c.text, 400)
		rs := []rune(c.text)
		var got []string
		for i := 0; i < len(rs); i++ {
			if i < len(mark) && mark[i] {
				j := i
				for j < len(mark) && mark[j] {
					j++
				}
				got = append(got, string(rs[i:j]))
				i = j
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("properNames(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// Dubai Marina is no marina: the scene bag of an English lead reads no name, while the same
// sentence with the word in lower case ("a marina") still reaches marine engineering.
func TestSceneBagSkipsProperNames(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 400, lw: newLeadWeights(DefaultTuning())}
	read := func(raw string) []string {
		rs := a.normalize(raw)
		var out []string
		for _, tm := range a.cased(raw).field(rs, 1, true, nil) {
			if tm.bag {
				out = append(out, tm.text)
			}
		}
		return out
	}
	if got := read("we need chillers, ship to Dubai Marina"); slices.Contains(got, "#海洋工程装备") {
		t.Errorf("Dubai Marina read as marine engineering: %v", got)
	}
	if got := read("we need chillers, ship to a marina"); !slices.Contains(got, "#海洋工程装备") {
		t.Errorf("a marina (lower case) should still reach marine engineering, got %v", got)
	}
}

// namedLeads are leads that write places and names: the reading the rule adds to.
var namedLeads = []string{
	"我们在马达加斯加有工厂，需要采购一批包装机，货发到塔那那利佛",
	"迪拜的客户要一批冷水机，车间温度太高，机器老是报警",
	"We are a contractor based in Dubai Marina, looking for LED lighting for a hotel project. Proposal in Spanish or English please.",
	"Dear, I work for municipality in Puno, Peru. Town of 8000 people near old mines, the well water have arsenic 3x WHO limit.",
	"排出去的水发红被罚了，厂在锡山区，环保局下个月还要来查",
	"Robotic palletizer for 25kg cement bags. Destination: Monterrey, Mexico. Please quote FOB Shanghai and lead time.",
}

// BenchmarkAnalyseNames is a lead field's reading with the scene bag, names kept out of it and
// not, alternated in one run so the ratio holds on a loaded machine.
func BenchmarkAnalyseNames(b *testing.B) {
	v := DefaultVocabulary()
	leads := append(append([]string(nil), sceneLeads...), namedLeads...)
	var as [2]analyzer
	for k, on := range []bool{false, true} {
		tu := DefaultTuning()
		tu.Names = on
		as[k] = analyzer{v: v, seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 4000, lw: newLeadWeights(tu)}
	}
	rs := make([][]rune, len(leads))
	for i, s := range leads {
		rs[i] = as[0].normalize(s)
	}
	for range 3 {
		for k, name := range []string{"off", "on"} {
			a := &as[k]
			b.Run(name, func(b *testing.B) {
				var buf []term
				for i := 0; b.Loop(); i++ {
					j := i % len(rs)
					buf = a.cased(leads[j]).field(rs[j], 1, true, buf[:0])
				}
			})
		}
	}
}
