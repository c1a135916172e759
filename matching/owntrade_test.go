package matching

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A buyer's introduction of itself is found in Chinese and English posts, with or without
// punctuation, and ends where the need begins; wishes and things done are not introductions.
func TestOwnTradeSpans(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"我们是做电动工具电机的，客户反映电机一热就没劲", []string{"我们是做电动工具电机的"}},
		{"兄弟们问一下 我们是做五金电镀的 厂后面那条河", []string{"我们是做五金电镀的"}},
		{"王总您好，我司成立于1998年，是一家精细化工企业，在惠山有两个厂区", []string{"我司成立于1998年", "是一家精细化工企业"}},
		{"我们厂主要生产阀门现在需要一台激光切割机", []string{"我们厂主要生产阀门"}},
		{"急！！我们做电饭煲的，主板上那颗芯片缺货", []string{"我们做电饭煲的"}},
		{"我们是想找一家做屋顶防水的", nil},
		{"我们做了很多尝试都不行", nil},
		{"厂房一下雨就漏", nil},
		{"We are a distributor of medical supplies in Kenya, looking for disposable syringes.", []string{"we are a distributor of medical supplies in kenya,"}},
		{"Hello. We import pumps, valves and fittings and need a new supplier of seals.", []string{"we import pumps, valves and fittings and"}},
		{"We are looking for EV chargers for a parking lot.", nil},
		{"We are spare parts importer in Lagos. Our buses have brake problem.", []string{"we are spare parts importer in lagos"}},
		{"We are interested in your inverters.", nil},
		{"I'm the owner of a bakery chain and we need ovens.", []string{"i'm the owner of a bakery chain"}},
	} {
		if got := introductions(a, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: introduction %q, want %q", c.text, got, c.want)
		}
	}
}

// What the buyer makes counts less than what it needs, in ranking and in cluster inference,
// but only when the rest of the post names a need: alone, the trade is the best clue.
func TestOwnTradeDiscountedBesideANeed(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 200}
	weight := func(text, concept string) float32 { return discountedWeight(a, text, concept) }
	plain := weight("注塑件采购", "#注塑件")
	if got := weight("我们是做注塑件的，想上一套储能系统", "#注塑件"); got == 0 || got >= plain {
		t.Errorf("注塑件 in the buyer's introduction beside a need weighs %v, named as a need %v: want it lower", got, plain)
	}
	if got := weight("我们是做注塑件的，想上一套储能系统", "#储能系统"); got != weight("想上一套储能系统", "#储能系统") {
		t.Errorf("the need 储能系统 after an introduction weighs %v, want its weight unchanged", got)
	}
	if got := weight("我们是做注塑件的，有没有懂的", "#注塑件"); got != plain {
		t.Errorf("注塑件 in an introduction with no other need weighs %v, want %v (the trade is the only clue)", got, plain)
	}
}

// The products a buyer's introduction names come after those it needs in what the platform
// shows it understood.
func TestOwnTradeProductsShownLast(t *testing.T) {
	e := New(DefaultConfig())
	u := e.Understand("", "我们是做注塑件的，想上一套储能系统", nil, nil)
	at := func(name string) int { return slices.Index(u.Products, name) }
	if at("储能系统") < 0 || at("注塑件") < 0 || at("注塑件") < at("储能系统") {
		t.Errorf("products %v: want 储能系统 before the buyer's own 注塑件", u.Products)
	}
}

// A product the buyer's introduction names is its own wherever else the lead names it: the title
// of a motor maker's post about weak motors asks for no motor.
func TestOwnProductDiscountedEverywhere(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 400}
	// weight returns the largest weight of concept in the title, and whether it is marked own.
	weight := func(title, desc, concept string) (float32, bool) {
		var fields [2][]rune
		var occ [2][]term
		for f, s := range [2]string{title, desc} {
			fields[f] = a.normalize(s)
			occ[f] = a.field(fields[f], 1, true, nil)
		}
		discountOwnTrade(fields, &occ, true, false, 1)
		var w float32
		own := false
		for _, tm := range occ[0] {
			if tm.kind == kConcept && tm.text == concept && tm.w > w {
				w, own = tm.w, tm.own
			}
		}
		return w, own
	}
	for _, c := range []struct{ title, intro, need, concept string }{
		{"电机一热就没劲", "我们做电动工具电机的，", "客户反映电机明显没劲，想找耐高温的磁钢", "#驱动电机"},
		{"Pump seals leaking", "We are a pump manufacturer in Izmir. ", "Our pumps leak at the seal, we need a sealant that holds.", "#泵"},
	} {
		plain, _ := weight(c.title, c.need, c.concept)
		got, own := weight(c.title, c.intro+c.need, c.concept)
		if plain == 0 || got >= plain || !own {
			t.Errorf("%s | %s%s: %s in the title weighs %v (own %v), want less than %v: it is the buyer's own product",
				c.title, c.intro, c.need, c.concept, got, own, plain)
		}
	}
	// Naming its own product again is no need: alone, the trade keeps its weight.
	plain, _ := weight("注塑件", "有没有懂的", "#注塑件")
	if got, own := weight("注塑件", "我们是做注塑件的，注塑件有没有懂的", "#注塑件"); got != plain || own {
		t.Errorf("注塑件 with no other need weighs %v (own %v), want %v", got, own, plain)
	}
}

// introductions returns the buyer's introductions of itself that a reads in text.
func introductions(a analyzer, text string) []string {
	rs := a.normalize(text)
	var got []string
	for _, s := range ownTradeSpans(rs) {
		got = append(got, strings.TrimSpace(string(rs[s[0]:s[1]])))
	}
	return got
}

// discountedWeight is the largest weight of concept in a description text, after the buyer's
// own trade is discounted.
func discountedWeight(a analyzer, text, concept string) float32 {
	var fields [2][]rune
	var occ [2][]term
	fields[1] = a.normalize(text)
	occ[1] = a.field(fields[1], 1, true, nil)
	discountOwnTrade(fields, &occ, true, false, 1)
	var w float32
	for _, tm := range occ[1] {
		if tm.kind == kConcept && tm.text == concept {
			w = max(w, tm.w)
		}
	}
	return w
}
