package matching

import "testing"

// A product named inside a pain (空压机房吵) is the buyer's setting: it counts at settingWeight,
// while a scene that calls for the product it names keeps it whole, and so does a product named
// outside any scene.
func TestSettingInsideSceneIsDiscounted(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	weightOf := func(kind termKind, text, name string) float32 {
		occ := a.field([]rune(text), 1, true, nil)
		discountSettings(occ, float32(dt.Setting))
		var w float32
		for _, tm := range occ {
			if tm.kind == kind && tm.text == name {
				w = max(w, tm.w)
			}
		}
		return w
	}
	weight := func(text, concept string) float32 { return weightOf(kConcept, text, concept) }
	bigram := func(text, gram string) float32 { return weightOf(kHan, text, gram) }
	named, setting := weight("空压机采购", "#空压机"), weight("空压机房吵", "#空压机")
	if setting == 0 || setting >= named {
		t.Errorf("空压机 inside the pain 空压机房吵 weighs %v, named alone %v: want it lower", setting, named)
	}
	// 叉车事故多 calls for 叉车 (and 搬运机器人): the forklift it names stays whole.
	if got, want := weight("叉车事故多", "#叉车"), weight("叉车采购", "#叉车"); got != want {
		t.Errorf("叉车 inside 叉车事故多, a scene calling for it, weighs %v, named alone %v", got, want)
	}
	// A scene that calls for the concept written right before it, among other products, keeps
	// it whole: 大模型 in 大模型私有化部署 is the need.
	if got, want := weight("大模型私有化部署", "#大模型"), weight("大模型采购", "#大模型"); got != want {
		t.Errorf("大模型 before 私有化部署, a scene calling for it, weighs %v, named alone %v", got, want)
	}
	// The thing written right before the pain is the setting too, and so are its words.
	if before, named := weight("钢结构锈得厉害", "#钢结构工程"), weight("钢结构采购", "#钢结构工程"); before == 0 || before >= named {
		t.Errorf("钢结构 before the pain 锈得厉害 weighs %v, named alone %v: want it lower", before, named)
	}
	if in, alone := bigram("钢结构锈得厉害", "结构"), bigram("钢结构采购", "结构"); in == 0 || in >= alone {
		t.Errorf("结构 of the setting 钢结构 weighs %v, in 钢结构采购 %v: want it lower", in, alone)
	}
	if w := weight("空压机房吵", "#噪声治理"); w != 0 {
		t.Errorf("the scene's own product is an expansion, not a named concept: %v", w)
	}
}
