package matching

import (
	"slices"
	"strings"
	"testing"

	"duijie/domain"
)

// The embedded table is sorted (lookups are a binary search over it), carries its licence, and
// holds what the generator's filter keeps: industrial senses first, no function word alone.
func TestBridgeTable(t *testing.T) {
	b := enZh()
	if len(b.lines) < 10000 {
		t.Fatalf("%d keys: the table is not the CC-CEDICT extract", len(b.lines))
	}
	if !strings.Contains(enZhData, "CC-CEDICT") || !strings.Contains(enZhData, "creativecommons.org/licenses/by-sa/4.0") {
		t.Error("the table lacks its attribution and licence")
	}
	prev := ""
	for k := range b.lines {
		key, heads := b.line(k)
		if key <= prev {
			t.Fatalf("line %d: key %q after %q: the table is not sorted", k, key, prev)
		}
		prev = key
		for _, h := range strings.Fields(heads) {
			for _, r := range h {
				if !isHan(r) {
					t.Fatalf("%q: headword %q is not Han", key, h)
				}
			}
		}
	}
	for key, want := range map[string]string{
		"bearing":       "轴承", // "(mechanical) bearing", not a person's bearing (仪态)
		"conveyor belt": "传送带",
		"chopstick":     "筷子", // keys are lemmas: a lead's "chopsticks" meets it
	} {
		heads, ok := b.lookup(key)
		if !ok || !slices.Contains(strings.Fields(heads), want) {
			t.Errorf("lookup(%q) = %q, %v; want %s among them", key, heads, ok, want)
		}
		if strings.Contains(heads, "仪态") {
			t.Errorf("lookup(%q) = %q: a sense no supplier writes", key, heads)
		}
	}
	for _, key := range []string{"between", "the", "surname wang", "zzz"} {
		if heads, ok := b.lookup(key); ok {
			t.Errorf("lookup(%q) = %q, want nothing", key, heads)
		}
	}
}

// bridged returns the headwords an English text is read as, word → headwords.
func bridged(e *Engine, text string) map[string][]string {
	a := &e.an
	rs := a.normalize(text)
	occ := a.field(rs, 1, true, nil)
	n0 := len(occ)
	var heads []string
	occ = a.translate(rs, []rune(text), 1, occ, &heads, nil)
	out := map[string][]string{}
	for _, t := range occ[n0:] {
		w := string(rs[t.start:t.end])
		if h := heads[t.via-1]; !slices.Contains(out[w], h) {
			out[w] = append(out[w], h)
		}
	}
	return out
}

// The bridge reads the English words the vocabulary did not: not a word it resolved to a
// concept, not a stop word or an everyday word, not an acronym.
func TestBridgeReadsWhatTheVocabularyDoesNot(t *testing.T) {
	e := New(DefaultConfig())
	got := bridged(e, "Bamboo chopsticks for our restaurants, steam boiler room, OEM")
	if loud := bridged(e, "BAMBOO CHOPSTICKS"); !slices.Contains(loud["chopsticks"], "筷子") {
		t.Errorf("a title in capitals read as %v: only short words in capitals are acronyms", loud)
	}
	if !slices.Contains(got["chopsticks"], "筷子") {
		t.Errorf("chopsticks read as %v, want 筷子", got["chopsticks"])
	}
	if !slices.Contains(got["boiler"], "锅炉") {
		t.Errorf("boiler read as %v, want 锅炉", got["boiler"])
	}
	for _, w := range []string{"for", "our", "OEM", "steam boiler"} {
		if h, ok := got[w]; ok {
			t.Errorf("%q read as %v: want it left alone", w, h)
		}
	}
	// "spur gear" names a concept (齿轮): the vocabulary's reading stands, nothing is added.
	if got := bridged(e, "spur gear"); len(got) != 0 {
		t.Errorf("spur gear bridged as %v; the vocabulary resolved it", got)
	}
	// A longer phrase wins over its words: "conveyor belt" is 传送带, not belt (腰带).
	got = bridged(e, "rubber conveyor belt splicing")
	for w, hs := range got {
		if strings.Contains(w, "belt") && slices.Contains(hs, "腰带") {
			t.Errorf("%q read as %v: the phrase should win", w, hs)
		}
	}
}

// A Chinese lead with a code in Latin letters is read as written: the bridge adds nothing, so
// the Chinese leads rank exactly as before.
func TestBridgeLeavesChineseLeads(t *testing.T) {
	on, off := New(DefaultConfig()), New(func() Config { c := DefaultConfig(); c.NoBridge = true; return c }())
	for _, l := range []domain.Lead{
		{Title: "排出去的水COD超标", Description: "印染厂废水颜色深，环保局来查了"},
		{Title: "采购PLC和伺服", Description: "产线改造用"},
		{Title: "食堂里chopsticks不够", Description: "员工食堂要采购一批"},
	} {
		a, b := on.analyzeLead(&l, false), off.analyzeLead(&l, false)
		if len(a.heads) != 0 || !slices.Equal(a.text, b.text) {
			t.Errorf("%q: bridged %v", l.Title, a.heads)
		}
	}
}

// bridgeCorpus is two tableware makers of one cluster; only one writes the product the English
// lead asks for.
func bridgeCorpus(cfg Config) *Engine {
	e := New(cfg)
	e.UpsertMany([]domain.Enterprise{
		{ID: "box", Name: "无锡某餐盒有限公司", Clusters: []string{"A2"}, Status: domain.EnterpriseActive,
			Products: []string{"塑料餐盒", "打包盒"}, Description: "餐饮打包用塑料餐盒，出口东南亚。"},
		{ID: "zhu", Name: "无锡竹韵家居用品有限公司", Clusters: []string{"A2"}, Status: domain.EnterpriseActive,
			Products: []string{"竹筷子", "竹砧板"}, Description: "一次性筷子和竹制餐具，出口欧美餐饮连锁。"},
	})
	return e
}

var chopsticksLead = domain.Lead{ID: "L1", Title: "Bamboo chopsticks for our restaurants",
	Description: "Each chopstick individually wrapped, 200,000 pairs a month.", Clusters: []string{"A2"},
	Status: domain.LeadOpen}

// The supplier writing the buyer's product in Chinese ranks first, explained as the buyer's
// word and the supplier's; without the bridge the two share only their cluster.
func TestBridgeRanksAndExplains(t *testing.T) {
	rs, err := bridgeCorpus(DefaultConfig()).SuppliersFor(chopsticksLead, 5, Options{NoExposure: true})
	if err != nil || len(rs) != 2 || rs[0].ID != "zhu" {
		t.Fatalf("ranking %+v, %v; want zhu first", rs, err)
	}
	x := rs[0].Explanation
	for lang, want := range map[string]string{"zh-CN": "≈ 筷子", "en": "≈ 筷子"} {
		if s := Render(x, lang, nil, nil); strings.Count(s, want) != 1 {
			t.Errorf("%s: %q should say %q once", lang, s, want)
		}
	}
	// A supplier's word that is a concept keeps its Chinese in English too: the reason shows
	// the two languages meeting, never "waste heat recovery ≈ waste heat recovery".
	if got := TermLabels([]string{"waste heat recovery" + BridgeArrow + "余热回收"}, "en", nil); got[0] != "waste heat recovery ≈ 余热回收" {
		t.Errorf("TermLabels = %q", got)
	}
	if rs[0].Score <= rs[1].Score {
		t.Errorf("scores %v, %v: the translation adds nothing", rs[0].Score, rs[1].Score)
	}
	cfg := DefaultConfig()
	cfg.NoBridge = true
	off, _ := bridgeCorpus(cfg).SuppliersFor(chopsticksLead, 5, Options{NoExposure: true})
	if len(off) == 2 && off[0].Score != off[1].Score {
		t.Errorf("without the bridge the two differ (%v, %v): the test proves nothing", off[0].Score, off[1].Score)
	}
}

// A translation is evidence among suppliers the lead reached, never a reason alone: a profile
// that shares nothing but translated words with a lead that names something specific comes after
// the ones that share it, however often the buyer repeats the word.
func TestBridgeIsNoReasonAlone(t *testing.T) {
	e := bridgeCorpus(DefaultConfig())
	e.Upsert(domain.Enterprise{ID: "pcba", Name: "无锡某电子有限公司", Clusters: []string{"L2"}, Status: domain.EnterpriseActive,
		Products: []string{"PCBA"}, Description: "PCBA贴片加工。"})
	l := domain.Lead{Title: "Bamboo chopsticks", Description: "Bamboo chopsticks, bamboo chopsticks, and a PCBA.", Status: domain.LeadOpen}
	rs, _ := e.SuppliersFor(l, 5, Options{NoExposure: true})
	if len(rs) < 2 || rs[0].ID != "pcba" || rs[1].ID != "zhu" {
		t.Fatalf("%+v: want the PCBA maker first, then the chopstick maker", rs)
	}
}

// A pair scores the same both ways: the lead's translations are broad in the lead index too.
func TestBridgeBothDirections(t *testing.T) {
	e := bridgeCorpus(DefaultConfig())
	e.UpsertLead(chopsticksLead)
	zhu := domain.Enterprise{ID: "zhu"}
	leads, err := e.LeadsFor(zhu, 5, Options{})
	if err != nil || len(leads) != 1 {
		t.Fatalf("LeadsFor(zhu) = %+v, %v", leads, err)
	}
	sup, _ := e.SuppliersFor(chopsticksLead, 5, Options{})
	if sup[0].ID != "zhu" || sup[0].Score != leads[0].Score {
		t.Errorf("the pair scores %v one way and %v the other", sup[0].Score, leads[0].Score)
	}
	bf, _ := e.BruteForce(chopsticksLead, 5, Options{})
	if len(bf) == 0 || bf[0].ID != "zhu" || bf[0].Score != sup[0].Score {
		t.Errorf("brute force %+v, index %+v", bf, sup)
	}
}

// BenchmarkBridge is the lead analysis of English leads (analyzeLead: every field, the merge)
// with the bridge and without: what the bridge adds to POST /leads/analyse and to a ranking.
//
//	go test ./matching/ -run '^$' -bench Bridge -benchtime 20000x
func BenchmarkBridge(b *testing.B) {
	for _, on := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.NoBridge = !on
		e := New(cfg)
		leads := make([]domain.Lead, len(englishLeads))
		for i, s := range englishLeads {
			leads[i] = domain.Lead{Title: s[:strings.IndexAny(s, ",;.")], Description: s}
		}
		e.analyzeLead(&leads[0], true) // the table is read once per process
		b.Run(map[bool]string{false: "off", true: "on"}[on], func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				e.analyzeLead(&leads[i%len(leads)], true)
			}
		})
	}
}

// The table costs its line index on the heap (the text is the binary's, read in place).
func TestBridgeHeap(t *testing.T) {
	b := newBridge(enZhData)
	if got := len(b.lines) * 4; got > 512<<10 {
		t.Errorf("bridge heap %d B: the table should be read in place", got)
	}
	t.Logf("bridge: %d keys, %d B of text in the binary, %d B of heap", len(b.lines), len(enZhData), len(b.lines)*4)
}

// A very long lead keeps its own words before its translations when it is cut to MaxQueryTerms.
func TestBridgeCutFirst(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxQueryTerms = 2
	e := New(cfg)
	l := domain.Lead{Title: "chopsticks zyxwv"}
	lt := e.analyzeLead(&l, false)
	if len(lt.heads) == 0 {
		t.Fatal("nothing bridged: the test proves nothing")
	}
	for _, w := range lt.text {
		if w.kind == kTrans {
			t.Errorf("kept %q (a translation) over the buyer's words: %+v", w.text, lt.text)
		}
	}
}

// One reason per word the buyer wrote, though several headwords of it matched, and the one the
// supplier writes: "contractor ≈ 承包商", not "contractor ≈ 承包人/承包商".
func TestBridgeOneReasonPerWord(t *testing.T) {
	e := New(DefaultConfig())
	e.UpsertMany([]domain.Enterprise{{ID: "epc", Name: "宜兴某环境工程有限公司", Clusters: []string{"A3"},
		Status: domain.EnterpriseActive, Description: "环保工程总承包，承包商资质一级。"}})
	rs, _ := e.SuppliersFor(domain.Lead{Title: "Looking for a contractor", Clusters: []string{"A3"}}, 5, Options{})
	if len(rs) != 1 {
		t.Fatalf("%+v", rs)
	}
	s := Render(rs[0].Explanation, "en", nil, nil)
	if strings.Count(s, "≈") != 1 || strings.Contains(s, ScenePartsSep+"承包") || !strings.Contains(s, "contractor ≈ 承包商") {
		t.Errorf("%q: want one translation of contractor, as the supplier writes it", s)
	}
}

// A lead its phrases already explain (more than bridgeGate products) is not bridged: its other
// English words are side words (port → 港口), and their translations only add noise.
func TestBridgeGate(t *testing.T) {
	e := New(DefaultConfig())
	explained := domain.Lead{Title: "Solar panels and inverters for a rooftop project, battery storage, port of Hamburg"}
	if lt := e.analyzeLead(&explained, false); len(lt.heads) != 0 {
		t.Errorf("bridged %v in a lead its phrases explain", lt.heads)
	}
	if lt := e.analyzeLead(&chopsticksLead, false); len(lt.heads) == 0 {
		t.Error("a lead naming nothing was not bridged")
	}
}

// In a long English post its phrases already explain, the bridge reads the need clauses only
// (Tuning.BridgeNeed): the story's and the title's everyday words stay unread.
func TestBridgeReadsTheNeedOfALongPost(t *testing.T) {
	l := domain.Lead{Title: "Power for our fish farm barge",
		Description: "Our salmon farms run on diesel gensets with solar panels and batteries; the hours are long. " +
			"We need a supplier to lay the cable to the barge and cut fuel costs."}
	heads := func(e *Engine) []string { return e.analyzeLead(&l, false).heads }
	on := heads(New(DefaultConfig()))
	if !slices.Contains(on, "电缆") {
		t.Errorf("need clause not bridged: %v", on)
	}
	for _, h := range []string{"小时", "钟点", "鱼"} {
		if slices.Contains(on, h) {
			t.Errorf("bridged %s outside the need: %v", h, on)
		}
	}
	if off := heads(tuned(func(t *Tuning) { t.BridgeNeed = 0 })); len(off) != 0 {
		t.Errorf("bridged %v without BridgeNeed", off)
	}
}
