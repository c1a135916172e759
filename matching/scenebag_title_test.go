package matching

import "testing"

// The description's scene bag reads the title's words too: a post titled with its pain and
// told below reaches the product both point at, the explanation still shows the description's
// own words, and a product only the title's words reach is left to the title's own bag.
func TestSceneBagReadsTheTitleWithTheBody(t *testing.T) {
	tu := DefaultTuning()
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 400, lw: newLeadWeights(tu)}
	title, body := a.normalize("排出去的水发红被罚了"), a.normalize("颜色也不对，下个月还要复查，复查不过就要停产")
	guess := func(a *analyzer) (float32, int32, int32) {
		for _, tm := range a.field(body, 1, true, nil) {
			if tm.bag && tm.text == "#污水处理" {
				return tm.w, tm.start, tm.end
			}
		}
		return 0, 0, 0
	}
	alone, _, _ := guess(&a)
	with, s, e := guess(a.inField(1, title))
	if with <= alone {
		t.Errorf("污水处理 from the body's bag weighs %v with the title read, %v without: want more", with, alone)
	}
	if with > 0 && (s < 0 || int(e) > len(body) || e <= s) {
		t.Errorf("the guess spans [%d, %d), want a span of the description (%d runes)", s, e, len(body))
	}
	if a.inField(0, title) != &a {
		t.Error("the title is read alone")
	}
	tu.BagTitleInBody = false
	off := analyzer{v: a.v, seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 400, lw: newLeadWeights(tu)}
	if off.inField(1, title) != &off {
		t.Error("with Tuning.BagTitleInBody off, the description is read alone")
	}
	// Only the title's words reach it: no guess in the description.
	for _, tm := range a.inField(1, title).field(a.normalize("好的"), 1, true, nil) {
		if tm.bag {
			t.Errorf("a description that shares nothing with a bag got %s from the title's words alone", tm.text)
		}
	}
}
