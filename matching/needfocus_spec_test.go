package matching

import "testing"

// A request's spec line before its need marker ("用于车身控制，需 IATF16949") says what the thing is
// for: it is part of the need and keeps its weight. A story (a sentence, or a long run of
// clauses) before the need is lowered to Tuning.StoryWeight.
func TestSpecLineIsNoStory(t *testing.T) {
	flat := tuned(func(t *Tuning) { t.StoryWeight = 1 })
	def := New(DefaultConfig())
	for _, c := range []struct {
		title, text, term string
		k                 termKind
		lowered           bool
	}{
		{"采购车规级 MCU 芯片", "用于车身控制，需 IATF16949，型号 GP30KL", "#汽车电子", kExpansion, false},
		{"", "仓库叉车老撞人。想找人装个人脸识别门禁。", "#叉车", kConcept, true},
		{"", "我们仓库里每天进出的叉车特别多经常有工人被撞到 想找人装个人脸识别门禁", "#叉车", kConcept, true},
	} {
		w, w1 := occWeight(def, c.title, c.text, 1, c.k, c.term), occWeight(flat, c.title, c.text, 1, c.k, c.term)
		if w1 == 0 || (w < w1) != c.lowered {
			t.Errorf("%s | %s: %s weighs %v (%v without story weight), lowered want %v", c.title, c.text, c.term, w, w1, c.lowered)
		}
	}
	for _, c := range []struct {
		opening string
		story   bool
	}{
		{"用于车身控制,", false},
		{"仓库叉车老撞人。", true},
		{"我们仓库里每天进出的叉车特别多经常有工人被撞到 ", true},
	} {
		if got := tellsStory([]rune(c.opening)); got != c.story {
			t.Errorf("tellsStory(%q) = %v, want %v", c.opening, got, c.story)
		}
	}
}
