package matching

import (
	"reflect"
	"strings"
	"testing"
)

// The buyer's trade named as the speaker's workplace (我们印染厂, 本阀门厂, we run a dyeing mill, our
// machine shop) is its introduction of itself; a workplace that is a request's object (想找一家印染厂),
// part of a longer word (厂房) or a sector (养殖场, hotel) is not.
func TestOwnTradeSubjectSpans(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"我们印染厂每天排出去的水发红，想找能处理废水的", []string{"我们印染"}},
		{"本阀门厂现需采购一台激光切割机", []string{"本阀门"}},
		{"兄弟们 作为一家汽配厂 我们想上一套MES", []string{"作为一家汽配"}},
		{"一家做注塑的小厂想上一套储能", []string{"一家做注塑的小"}},
		{"我们这家喷涂车间的废气要处理", []string{"我们这家喷涂"}},
		{"We run a dyeing mill in Surat and need wastewater treatment.", []string{"dyeing"}},
		{"Hello, our machine shop needs a new CNC lathe.", []string{"machine"}},
		{"We run two textile mills in Bangladesh.", []string{"textile"}},
		{"I run a small machine shop in Ohio and my paint shop needs a booth.", []string{"small machine"}},
		{"Dust collection and flue gas treatment for steel plant", []string{"steel"}},
		{"Building a hydrogen pilot at a municipal wastewater plant.", []string{"municipal wastewater"}},
		{"Bag filters for a factory in Lodz.", nil},
		// Not the buyer's trade.
		{"我们厂房屋顶一下雨就漏", nil},
		{"我们厂食堂油烟太大", nil},
		{"想找一家印染厂代工", nil},
		{"我们需要一家阀门厂", nil},
		{"咱们养殖场老停电", nil},
		{"我是开饭店的，油烟太大", nil},
		{"成本厂价直供", nil},
		{"Our factory roof leaks every monsoon.", nil},
		{"Looking for a dyeing mill with better colour fastness.", nil},
		{"Our valve manufacturer raised prices again.", nil},
		{"Our hotel needs new bed linen.", nil},
	} {
		rs := a.normalize(c.text)
		var got []string
		for _, s := range subjectTradeSpans(rs) {
			got = append(got, strings.TrimSpace(string(rs[s[0]:s[1]])))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: trade %q, want %q", c.text, got, c.want)
		}
	}
}

// A dyeing mill that needs its wastewater treated: 印染 is its own trade and weighs less than the
// need, in both languages; with Tuning.SubjectTrade off it weighs as a need.
func TestOwnTradeSubjectDiscounted(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 400}
	for _, c := range []struct{ text, concept string }{
		{"我们印染厂每天排出去的水发红，COD超标，想找做污水处理的", "#印染"},
		{"We run a dyeing mill in Surat and need wastewater treatment.", "#印染"},
		{"本阀门厂现需采购一台激光切割机", "#阀门"},
	} {
		var w [2]float32
		for i, subject := range []bool{false, true} {
			var fields [2][]rune
			var occ [2][]term
			fields[1] = a.normalize(c.text)
			occ[1] = a.field(fields[1], 1, true, nil)
			discountOwnTrade(fields, &occ, subject, false, 1)
			for _, tm := range occ[1] {
				if tm.kind == kConcept && tm.text == c.concept {
					w[i] = max(w[i], tm.w)
				}
			}
		}
		if w[0] == 0 || w[1] >= w[0] {
			t.Errorf("%s: %s weighs %v as the buyer's trade, %v read as a need: want it lower", c.text, c.concept, w[1], w[0])
		}
	}
}

// One person's self-introduction (我是做注塑的), a trade whose name holds a character that asks
// elsewhere (做智能电表的: 能), and a signature line naming the buyer's firm introduce the buyer too;
// things done (我们搞不定) and a place on a line of its own (排到县污水处理厂) do not.
func TestOwnTradeMoreIntroductions(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"我是做注塑的，最近电费太高想上储能", []string{"我是做注塑的"}},
		{"我们这边是搞电镀的，废水老超标", []string{"我们这边是搞电镀的"}},
		{"做智能电表的，原来用的进口单片机交期一年", []string{"做智能电表的"}},
		{"做太阳能热水器的，想找做钣金的", []string{"做太阳能热水器的"}},
		{"请尽快报价。\n无锡宏达印染有限公司 采购部 王经理", []string{"无锡宏达印染"}},
		{"废水处理方案请发邮箱。——宏达印染厂 张工", []string{"宏达印染"}},
		{"我们搞不定这个问题，想找人", nil},
		{"我这边是想找个做防水的", nil},
		{"废水老超标。\n排到县污水处理厂", nil},
		{"有意者联系。\n求购一家印染厂", nil},
	} {
		if got := introductions(a, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: introduction %q, want %q", c.text, got, c.want)
		}
	}
}

// The buyer's own product named in the title weighs no more than in the description: the title's
// weight does not lift the trade above the need the story names.
func TestOwnTradeInTitleLosesTitleWeight(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 400}
	const title = 2
	var fields [2][]rune
	var occ [2][]term
	for f, s := range [2]string{"充电桩太烫", "我们是做直流充电桩的小厂，电源部分一热就降功率，想换碳化硅功率器件"} {
		fields[f] = a.normalize(s)
		occ[f] = a.field(fields[f], [2]float32{title, 1}[f], true, nil)
	}
	discountOwnTrade(fields, &occ, true, false, title)
	weight := func(f int) (w float32) {
		for _, tm := range occ[f] {
			if tm.kind == kConcept && tm.text == "#充电桩" {
				w = max(w, tm.w)
			}
		}
		return w
	}
	if inTitle, inDesc := weight(0), weight(1); inDesc == 0 || inTitle != inDesc {
		t.Errorf("the buyer's own 充电桩 weighs %v in the title, %v in the description: want the same", inTitle, inDesc)
	}
}
