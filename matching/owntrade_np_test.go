package matching

import (
	"reflect"
	"strings"
	"testing"
)

// A buyer that opens with a noun phrase naming its trade ("Semiconductor OSAT in Malaysia",
// 江阴一家纺织厂) or signs with its firm's name introduces itself as "we are …" does; a request
// that names an organisation ("need a factory", 找代工厂) does not. The organisation noun itself
// (company, 厂) is no trade and stays out of the span.
func TestOwnTradeNounPhrases(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Semiconductor OSAT in Malaysia, looking for probe cards for 12-inch wafers.", []string{"semiconductor osat in malaysia"}},
		{"Hi there, small online retailer in Manchester (garden furniture). Our warehouse tracks stock on spreadsheets.",
			[]string{"small online", "in manchester (garden furniture)"}},
		{"Textile mill, Bangladesh — need help with coloured effluent.", []string{"textile mill"}},
		{"Hi, hotel group in Dubai here. We need a housekeeping system.", []string{"hotel", "in dubai"}},
		{"EPC contractor in Vietnam. Municipal landfill project needs leachate treatment.", []string{"epc", "in vietnam"}},
		{"Importer for a motor manufacturer in Pune. We need NdFeB magnets.", []string{"importer for a motor", "in pune"}},
		{"We need ovens for our bakeries.\nProcurement, ABC Foods Ltd", []string{"procurement, abc foods ltd"}},
		{"江阴一家纺织厂，排出去的水颜色老是不对", []string{"江阴一家纺织"}},
		{"做餐饮的，店里油烟太大", []string{"做餐饮的"}},
		{"大家好，连锁酒店，客房床单老起球", []string{"连锁酒店"}},
		// Requests and needs that happen to end in an organisation noun.
		{"Disposable syringes for distributor, 5 ml.", nil},
		{"Need a factory for custom aluminium parts, drawings provided.", nil},
		{"Factory roof leaking in the rainy season.", nil},
		{"Looking for a fabric mill with better dyeing.", nil},
		{"PLC柜，西门子S7-1500 PLC", nil},
		{"求推荐靠谱的加工厂，急", nil},
		{"找SMT贴片加工厂，PCBA一站式", nil},
		{"县城污水处理厂", nil}, // the whole post: nothing follows the phrase
		// A post that opens with "for" names a purpose (it once indexed the word before the first).
		{"For our warehouse we need plastic pallets.", nil},
		{"For over 40 years, Mueller Packaging has made corrugated boxes.", nil},
	} {
		if got := introductions(a, c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: introduction %q, want %q", c.text, got, c.want)
		}
	}
}

// The trade in an opening noun phrase weighs less beside a need, as in a "we are" introduction.
func TestOwnTradeNounPhraseDiscounted(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 400}
	weight := func(text, concept string) float32 { return discountedWeight(a, text, concept) }
	for _, c := range []struct{ intro, need, concept string }{
		{"Injection molding company in Izmir, ", "need a battery energy storage system.", "#注塑件"},
		{"做注塑件的，", "想上一套储能系统", "#注塑件"},
	} {
		alone := weight(c.intro+"and that is all.", c.concept)
		if alone == 0 {
			t.Fatalf("%s: %s not read", c.intro, c.concept)
		}
		if got := weight(c.intro+c.need, c.concept); got >= alone {
			t.Errorf("%s%s: the trade %s weighs %v beside a need, want less than %v", c.intro, c.need, c.concept, got, alone)
		}
	}
}

// Accented place names are words; a place before the organisation noun makes the phrase a need;
// in a title, which names the need more often than the buyer, only a place may follow the noun.
func TestOwnTradeNounPhraseEdges(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text  string
		title bool
		want  []string
	}{
		{"Fleet operator in São Paulo, 300 light delivery vans.", false, []string{"fleet", "in são paulo"}},
		{"Dust from cement plant, regulator threatens closure.", false, nil},
		{"Disposable medical devices OEM, ISO 13485 and CE required", true, nil},
		{"Disposable medical devices OEM, ISO 13485 and CE required", false, []string{"disposable medical devices oem"}},
		{"Textile mill in Bangladesh needs help", true, []string{"textile mill in bangladesh"}},
		{"芯片设计公司：流片一次太贵", true, []string{"芯片设计"}},
	} {
		rs := a.normalize(c.text)
		var got []string
		for _, s := range ownTradeSpansIn(rs, c.title, false, false) {
			got = append(got, strings.TrimSpace(string(rs[s[0]:s[1]])))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s (title %v): introduction %q, want %q", c.text, c.title, got, c.want)
		}
	}
}
