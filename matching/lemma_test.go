package matching

import (
	"slices"
	"testing"
)

// The embedded table folds the forms vocabulary writers found blocking (an inflected form that
// is a surface word of its own, irregular forms) and keeps apart what is another word here.
func TestLemmaTable(t *testing.T) {
	for w, want := range map[string]string{
		"failing": "fail", "mapping": "map", "packaging": "package", "breaking": "break",
		"broke": "break", "broken": "break", "lost": "lose", "worn": "wear", "ran": "run",
		"leaves": "leaf", "children": "child", "mice": "mouse", "feet": "foot", "teeth": "tooth",
		"built": "build", "sold": "sell", "caught": "catch", "kept": "keep", "went": "go",
		"moving": "move", "clogged": "clog", "dried": "dry", "syringes": "syringe", "axes": "axis",
		"colour": "color", "coloured": "color", "fibres": "fiber", "aluminium": "aluminum", "mould": "mold",
		// words of their own in this field, and codes that look like forms
		"coating": "coating", "timing": "timing", "tooling": "tooling", "limited": "limited",
		"shipping": "shipping", "seed": "seed", "led": "led", "gan": "gan", "ate": "ate", "felt": "felt",
		"ground": "ground", "media": "media", "waterproofing": "waterproofing",
	} {
		if got := lemmaOf(w); got != want {
			t.Errorf("lemmaOf(%q) = %q, want %q", w, got, want)
		}
	}
	// A trade noun kept apart keeps its head-noun reading: waterproofing alone is the roofer's
	// trade, not the waterproof of jackets and labels.
	if u := New(DefaultConfig()).Understand("we need waterproofing", "", nil, nil); !slices.Contains(u.Products, "屋面防水工程") {
		t.Errorf("we need waterproofing: products %v", u.Products)
	}
	if n := lemmas().Verbs(); n < 8000 {
		t.Errorf("%d verbs in the lemma table: data/lemmas.txt is cut short", n)
	}
}

// However the buyer inflects it, an English scene meets the phrase the vocabulary wrote:
// "belt breaks" is met by "the belts keep breaking" and "belt broke twice".
func TestInflectedScenes(t *testing.T) {
	e := New(DefaultConfig())
	for _, tc := range []struct{ text, product string }{
		{"the belts keep breaking on our line", "传动带"},
		{"belt broke twice this month", "传动带"},
		{"winch cables broke", "海洋绞车"},
		{"boards failed after a few months", "失效分析"},
	} {
		if u := e.Understand(tc.text, "", nil, nil); !slices.Contains(u.Products, tc.product) {
			t.Errorf("%q: products %v lack %s", tc.text, u.Products, tc.product)
		}
	}
}

// Profiles and leads are indexed by the same lemmas: a supplier's "welded frames" and a buyer's
// "welding frame" share their terms, so BM25 meets them too.
func TestIndexTermsAreLemmas(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	words := func(s string) []string {
		var out []string
		for _, tm := range a.field([]rune(s), 1, false, nil) {
			out = append(out, tm.text)
		}
		slices.Sort(out)
		return out
	}
	for _, pair := range [][2]string{{"welded frames", "welding frame"}, {"broken gears", "gear breaks"}, {"colour sorting", "color sorted"}} {
		if x, y := words(pair[0]), words(pair[1]); !slices.Equal(x, y) {
			t.Errorf("%q → %v, %q → %v", pair[0], x, pair[1], y)
		}
	}
}

// Two scene phrases that the lemma layer makes one ("running on diesel", "runs on diesel") call
// for their shared products once over the same words.
func TestRepeatedSceneCountsOnce(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	type key struct {
		text       string
		start, end int32
	}
	seen := map[key]int{}
	for _, tm := range a.field([]rune("runs on diesel"), 1, true, nil) {
		if tm.kind == kExpansion {
			seen[key{tm.text, tm.start, tm.end}]++
		}
	}
	if len(seen) == 0 {
		t.Fatalf("runs on diesel calls for nothing")
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("%s over %d–%d added %d times", k.text, k.start, k.end, n)
		}
	}
	// The same phrase written in two places (applications.tsv and A4's scenes) counts as before.
	n := 0
	for _, tm := range a.field([]rune("lightweight"), 1, true, nil) {
		if tm.kind == kExpansion && tm.text == "#碳纤维" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("lightweight → 碳纤维 %d times, want 2 (written twice)", n)
	}
}

func TestWordAspect(t *testing.T) {
	for w, want := range map[string]aspect{
		"damaging": aspectIng, "moving": aspectIng, "damaged": aspectPast, "broken": aspectPast,
		"worn": aspectPast, "goods": aspectNone, "breaks": aspectNone, "children": aspectNone,
		"break": aspectNone, "coating": aspectNone, "building": aspectIng,
	} {
		if got := wordTok(w, 0, len(w)).aspect; got != want {
			t.Errorf("aspect of %q = %d, want %d", w, got, want)
		}
	}
}

// A past form before a noun in a scene phrase is a state ("damaged goods": goods that arrive
// broken); the buyer's present participle there says something else ("humidity is damaging
// goods") and does not meet it. The past form itself, and the base form, still do.
func TestParticipleAspect(t *testing.T) {
	e := New(DefaultConfig())
	if u := e.Understand("humidity is damaging goods in our warehouse", "", nil, nil); slices.Contains(u.Products, "缓冲包装材料") {
		t.Errorf("damaging goods met damaged goods: %v", u.Scenes)
	}
	if u := e.Understand("humidity is damaging the goods", "", nil, nil); slices.Contains(u.Products, "缓冲包装材料") {
		t.Errorf("damaging the goods met damaged goods (with a word written in): %v", u.Scenes)
	}
	if u := e.Understand("we keep receiving damaged goods", "", nil, nil); !slices.Contains(u.Products, "缓冲包装材料") {
		t.Errorf("damaged goods: products %v", u.Products)
	}
}

// A participle written before its noun meets the scene written with the verb after it: "broken
// belts" is the vocabulary's "belt breaks", more weakly than the phrase itself.
func TestFrontedParticiple(t *testing.T) {
	e := New(DefaultConfig())
	for _, text := range []string{"broken belts on the conveyor", "broken conveyor belts", "belts broken"} {
		if u := e.Understand(text, "", nil, nil); !slices.Contains(u.Products, "传动带") {
			t.Errorf("%q: products %v lack 传动带", text, u.Products)
		}
	}
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	weight := func(s string) (w float32) {
		for _, tm := range a.field([]rune(s), 1, true, nil) {
			if tm.kind == kExpansion && tm.text == "#传动带" {
				w = max(w, tm.w)
			}
		}
		return w
	}
	if f, x := weight("broken belts"), weight("belt breaks"); !(f > 0 && f < x) {
		t.Errorf("fronted weight %v, exact %v", f, x)
	}
}
