package matching

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"duijie/domain"
)

// The clauses that state a need are found by their wish or request markers, in Chinese and in
// English, with or without punctuation; a marker that is undone (没想到) or a question about the
// story (有没有破) opens none, and a heading's colon leads into the need.
func TestNeedSpans(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"上个月冷链货车司机打瞌睡追尾了。要求采取措施，比如司机犯困时能及时提醒，后台也能看到。请有经验的单位联系。",
			[]string{"要求采取措施,比如司机犯困时能及时提醒,后台也能看到", "请有经验的单位联系"}},
		{"电瓶车电瓶被盗。希望实现：夜间有人逗留时保安手机能收到提醒。车库约1.8万平。", []string{"希望实现:夜间有人逗留时保安手机能收到提醒"}},
		{"需求：屋面防水；外墙翻新；工期30天\n联系人：王工", []string{"需求:屋面防水;外墙翻新;工期30天"}},
		{"猪场老停电 柴油机发电又贵 能不能利用起来自己发电 谁做过这个的 帮忙介绍下", []string{"能不能利用起来自己发电 谁做过这个的 帮忙介绍下"}},
		{"家长说校服闷。有没有又透气又不起静电的？", []string{"有没有又透气又不起静电的"}},
		{"每个月要请潜水员下去看网衣有没有破。", nil},
		{"当时想到的办法都不行。", nil},
		{"我们不想再被罚了。", nil},
		{"潜水员下去太危险。想不用人下水就能看清水底下。", []string{"想不用人下水就能看清水底下"}},
		{"垃圾站太臭了，问问有没有办法让它别那么臭？", []string{"有没有办法让它别那么臭"}},
		{"找SMT贴片加工厂，首批500片。", []string{"找smt贴片加工厂,首批500片"}},
		{"求 RTO 蓄热式焚烧炉，三室", []string{"求 rto 蓄热式焚烧炉,三室"}},
		{"仓库东西老是找不到，想不到办法。", nil},
		{"这台设备无需安装。", nil},
		{"Our buses wear brakes fast. We need stronger brake pads. Delivery to Lagos.", []string{"need stronger brake pads"}},
		{"Divers are slow and risky. Looking for an ROV, purchase or rental.", []string{"looking for an rov, purchase or rental"}},
		{"The pumps are noisy.", nil},
	} {
		rs := a.normalize(c.text)
		var got []string
		for _, s := range needSpans(rs) {
			got = append(got, string(rs[s[0]:s[1]]))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: need %q, want %q", c.text, got, c.want)
		}
	}
}

// The story told before the need weighs Tuning.StoryWeight when the need names a product of its
// own: what the story alone reads (the refrigerated trucks, the diesel gensets) is incidental.
// Nothing changes when the need names nothing, when it replaces what the story is about, or for
// what the need calls for too; a buyer's introduction of itself keeps its own weight.
func TestFocusNeedWeighsTheStory(t *testing.T) {
	on := New(DefaultConfig())
	off := tuned(func(t *Tuning) { t.StoryWeight = 1 })
	story := float32(DefaultTuning().StoryWeight)
	for _, c := range []struct {
		name, text, concept string
		kind                termKind
		factor              float32
	}{
		{"story", "上个月冷链货车司机打瞌睡追尾了。要求比如司机犯困时能及时提醒。", "#冷链物流", kExpansion, story},
		{"story", "Our mine runs on diesel gensets and fuel costs too much. We need solar panels and batteries.", "#发电机组", kConcept, story},
		{"called by the need too", "上个月冷链货车司机打瞌睡追尾了。要求比如司机犯困时能及时提醒。", "#车载视频", kExpansion, 1},
		{"called by the need too", "Our mine runs on diesel gensets and fuel costs too much. We need solar panels and batteries.", "#储能系统", kExpansion, 1},
		{"the need names nothing", "上个月冷链货车司机打瞌睡追尾了。有没有做过这块的老板帮忙介绍下。", "#冷链物流", kExpansion, 1},
		{"the need names nothing", "Our mine runs on diesel gensets and fuel costs too much. We need someone who has done this.", "#发电机组", kConcept, 1},
		{"after the need", "上个月司机打瞌睡追尾了。要求司机犯困时能及时提醒。公司有冷链货车42台。", "#冷链物流", kExpansion, 1},
		{"after the need", "Fuel costs too much. We need solar panels and batteries. Today the mine runs on diesel gensets.", "#发电机组", kConcept, 1},
		{"a replacement", "酒店床单洗几十次就起球发黄。想换一批耐洗的。", "#家纺", kExpansion, 1},
		{"a replacement", "Our truck bodies are too heavy. We want a lightweight material to replace the steel panels.", "#挂车车厢", kConcept, 1},
		{"the buyer's own trade", "我们是做冷链物流的，上个月司机打瞌睡追尾了。要求司机犯困时能及时提醒。", "#冷链物流", kConcept, 1},
		{"the buyer's own trade", "We are a cold chain logistics company. A driver fell asleep at the wheel. We need a driver fatigue warning.", "#冷链物流", kConcept, 1},
	} {
		w0 := firstWeight(off, c.text, c.kind, c.concept)
		w1 := firstWeight(on, c.text, c.kind, c.concept)
		if w0 == 0 || math.Abs(float64(w1/w0-c.factor)) > 1e-5 {
			t.Errorf("%s: %s: %s weighs %v without need focus, %v with it: want ×%v", c.name, c.text, c.concept, w0, w1, c.factor)
		}
	}
}

// firstWeight is the weight, in a lead of description text analysed by e, of the first
// occurrence of the term text of kind k.
func firstWeight(e *Engine, text string, k termKind, concept string) float32 {
	for _, t := range e.analyzeLead(&domain.Lead{Description: text}, false).occ[1] {
		if t.kind == k && t.text == concept {
			return t.w
		}
	}
	return 0
}

// The need's own terms weigh Tuning.NeedWeight (1 by default: raising them was measured and
// did not help, BENCHMARKS.md "Need focus"), in both languages.
func TestNeedWeightWeighsTheNeed(t *testing.T) {
	def := New(DefaultConfig())
	twice := tuned(func(t *Tuning) { t.NeedWeight *= 2 })
	for _, c := range []struct{ text, concept string }{
		{"仓库叉车老撞人。想找人装个人脸识别门禁。", "#人脸识别门禁"},
		{"Our mine runs on diesel gensets and fuel costs too much. We need solar panels.", "#光伏组件"},
	} {
		w0 := occWeight(def, "", c.text, 1, kConcept, c.concept)
		w1 := occWeight(twice, "", c.text, 1, kConcept, c.concept)
		if w0 == 0 || math.Abs(float64(w1/w0-2)) > 1e-5 {
			t.Errorf("%s: %s weighs %v, %v with NeedWeight doubled: want ×2", c.text, c.concept, w0, w1)
		}
	}
}

// Understand shows the buyer the need's products first, before what the story names.
func TestUnderstandListsTheNeedFirst(t *testing.T) {
	e := New(DefaultConfig())
	for _, c := range []struct{ text, need, story string }{
		{"仓库叉车老撞人。想找人装个人脸识别门禁。", "人脸识别门禁", "叉车"},
		{"Our mine runs on diesel gensets and fuel costs too much. We need solar panels.", "光伏组件", "发电机组"},
	} {
		u := e.Understand("", c.text, nil, nil)
		n, s := slices.Index(u.Products, c.need), slices.Index(u.Products, c.story)
		if n < 0 || s < 0 || n > s {
			t.Errorf("%s: products %v, want %s before %s", c.text, u.Products, c.need, c.story)
		}
	}
}
