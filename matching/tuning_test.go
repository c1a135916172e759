package matching

import (
	"math"
	"reflect"
	"testing"

	"duijie/domain"
)

// occWeight is the largest weight, in a lead analysed by e, of the term text of kind k in field f.
func occWeight(e *Engine, title, description string, f int, k termKind, text string) float32 {
	lt := e.analyzeLead(&domain.Lead{Title: title, Description: description}, false)
	var w float32
	for _, t := range lt.occ[f] {
		if t.kind == k && t.text == text {
			w = max(w, t.w)
		}
	}
	return w
}

func tuned(f func(*Tuning)) *Engine {
	c := DefaultConfig()
	f(&c.Tuning)
	return New(c)
}

// A Config built without DefaultConfig's Tuning reads leads with the default one, not with every
// weight at zero.
func TestZeroTuningIsTheDefault(t *testing.T) {
	c := DefaultConfig()
	c.Tuning = Tuning{}
	zero, def := New(c), New(DefaultConfig())
	l := domain.Lead{Title: "食堂油烟太大", Description: "楼上住户老投诉，想装油烟净化设备。"}
	if a, b := zero.analyzeLead(&l, false), def.analyzeLead(&l, false); !reflect.DeepEqual(a.text, b.text) {
		t.Errorf("zero Tuning reads %v, the default %v", a.text, b.text)
	}
	if zero.Config().Tuning != DefaultTuning() {
		t.Errorf("zero Tuning kept as %+v", zero.Config().Tuning)
	}
}

// Every weight of a lead's reading is read from Config.Tuning: doubling one doubles the weight
// of the terms it scales and leaves the words the buyer wrote alone.
func TestTuningWeighsALeadsTerms(t *testing.T) {
	def := New(DefaultConfig())
	const scene, product = "食堂油烟太大", "#油烟净化设备"
	for _, tc := range []struct {
		name         string
		set          func(*Tuning)
		title, descr string
		f            int
		kind         termKind
		text         string
		factor       float32
	}{
		{"Expansion", func(t *Tuning) { t.Expansion *= 2 }, "", scene, 1, kExpansion, product, 2},
		{"Title", func(t *Tuning) { t.Title *= 2 }, scene, "", 0, kExpansion, product, 2},
		{"Gapped", func(t *Tuning) { t.Gapped *= 1.2 }, "", "车间很闷热", 1, kExpansion, "#工业冷风机", 1.2},
		{"LongGap", func(t *Tuning) { t.LongGap *= 2 }, "", "车间夏天特别闷热", 1, kExpansion, "#工业冷风机", 2},
		{"Family", func(t *Tuning) { t.Family *= 2 }, "", "need GP30KL", 1, kFamily, "gp30", 2},
		{"Compose", func(t *Tuning) { t.Compose *= 2 }, "", "潜水员下去看一次要两千", 1, kExpansion, "#水下机器人", 2},
		{"Expansion leaves a named product", func(t *Tuning) { t.Expansion *= 2 }, "", "采购油烟净化设备", 1, kConcept, product, 1},
	} {
		e := tuned(tc.set)
		w0 := occWeight(def, tc.title, tc.descr, tc.f, tc.kind, tc.text)
		w1 := occWeight(e, tc.title, tc.descr, tc.f, tc.kind, tc.text)
		if w0 == 0 || math.Abs(float64(w1/w0-tc.factor)) > 1e-5 {
			t.Errorf("%s: %s weighs %v by default, %v tuned: want ×%v", tc.name, tc.text, w0, w1, tc.factor)
		}
	}
}

// The scene bag's limits are read from Config.Tuning: how many guesses a field gets and how many
// products a field may name before the bag stays out.
func TestTuningBoundsTheSceneBag(t *testing.T) {
	const text = "排出去的水发红被罚了"
	bagTerms := func(e *Engine) int {
		n := 0
		for _, tm := range e.analyzeLead(&domain.Lead{Title: text}, false).occ[0] {
			if tm.bag {
				n++
			}
		}
		return n
	}
	if n := bagTerms(New(DefaultConfig())); n < 2 {
		t.Fatalf("%s: %d bag guesses by default, want several", text, n)
	}
	if n := bagTerms(tuned(func(t *Tuning) { t.BagTop = 1 })); n != 1 {
		t.Errorf("BagTop 1: %d bag guesses", n)
	}
	if n := bagTerms(tuned(func(t *Tuning) { t.BagMinScore = 2 })); n != 0 {
		t.Errorf("BagMinScore above any cosine: %d bag guesses", n)
	}
}

// A field that names a few products still gets the bag's guesses for the rest of what it says
// (BagGate, fitted: a buyer who names two or three products has not said everything); one that
// names many does not.
func TestSceneBagReadsAFieldNamingAFewProducts(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200, lw: newLeadWeights(DefaultTuning())}
	named := func(occ []term) int {
		seen := map[string]bool{}
		for _, t := range occ {
			if (t.kind == kConcept || t.kind == kExpansion) && !t.bag {
				seen[t.text] = true
			}
		}
		return len(seen)
	}
	few := []rune("车间里有空压机和冷却塔，排出去的水发红被罚了")
	occ := a.field(few, 1, true, nil)
	if n := named(occ); n < 3 || n > DefaultTuning().BagGate {
		t.Fatalf("the test field names %d products, want 3 to BagGate", n)
	}
	bag := false
	for _, tm := range occ {
		bag = bag || tm.bag
	}
	if !bag {
		t.Errorf("a field naming %d products got no bag guess: %v", named(occ), occ)
	}
}

// Cluster inference reads its weights from Config.Tuning, and an Understanding made by hand
// infers with the default share.
func TestTuningSteersClusterInference(t *testing.T) {
	u := Understanding{Clusters: []ClusterScore{{"F3", 0.5}, {"A6", 0.4}}}
	if got := u.InferClusters(); len(got) != 2 {
		t.Errorf("0.4 of 0.5 by hand: inferred %v, want both (default share %.2f)", got, DefaultTuning().SecondClusterShare)
	}
	u.secondShare = 0.9
	if got := u.InferClusters(); len(got) != 1 {
		t.Errorf("share 0.9: inferred %v, want the first only", got)
	}
	ents := []domain.Enterprise{
		{ID: "lift", Name: "无锡升华电梯有限公司", Clusters: []string{"A1"}, Products: []string{"乘客电梯"}, Description: "电梯制造与安装。"},
		{ID: "iot", Name: "无锡梯联物联网科技有限公司", Clusters: []string{"L1"}, Products: []string{"电梯物联网"}, Description: "电梯远程监测，困人报警。"},
	}
	def, knnOnly := New(DefaultConfig()), tuned(func(t *Tuning) { t.VocabCluster = 0 })
	def.UpsertMany(ents)
	knnOnly.UpsertMany(ents)
	const title = "电梯老困人，想远程知道电梯状态"
	if a, b := def.Understand(title, "", nil, nil).Clusters, knnOnly.Understand(title, "", nil, nil).Clusters; reflect.DeepEqual(a, b) {
		t.Errorf("VocabCluster 0 changed nothing: %v", a)
	}
	if got := tuned(func(t *Tuning) { t.SecondClusterShare = 0.3 }).Understand(title, "", nil, nil).secondShare; got != 0.3 {
		t.Errorf("Understand carries share %v, want the engine's 0.3", got)
	}
}

// With Tuning.InferredShare an inferred cluster's bonus follows its inferred score: a cluster
// inferred at 0.25 earns half the flat bonus, one at 0.5 the flat bonus.
func TestInferredShareScalesTheBonus(t *testing.T) {
	w := DefaultConfig().Weights
	l := &domain.Lead{Clusters: []string{"A1", "F3"}, ClustersInferred: true}
	flat := leadKeys(l, w, nil)
	shared := leadKeys(l, w, map[string]float64{"A1": 0.5, "F3": 0.25})
	get := func(ks []weighted, c string) float32 {
		for _, k := range ks {
			if k.text == keyCluster+c {
				return k.w
			}
		}
		return 0
	}
	want := float32(w.Cluster * w.InferredCluster)
	if get(flat, "A1") != want || get(flat, "F3") != want {
		t.Errorf("flat: %v, want %v each", flat, want)
	}
	if get(shared, "A1") != want || math.Abs(float64(get(shared, "F3")-want/2)) > 1e-6 {
		t.Errorf("by share: %v, want %v and %v", shared, want, want/2)
	}
	e := tuned(func(t *Tuning) { t.InferredShare = true })
	if e.inferredShares(&domain.Lead{Title: "食堂油烟太大", Clusters: []string{"F3"}}) != nil {
		t.Errorf("shares read for a lead whose clusters a person chose")
	}
	if New(DefaultConfig()).inferredShares(l) != nil {
		t.Errorf("shares read with InferredShare off")
	}
}

// The buyer is shown the scene bag's guesses within its shown limits, while ranking reads it
// widely: a lead whose phrases already say what it needs gets no "?" chips, though its ranking
// adds the bag's weaker guesses.
func TestUnderstandShowsTheNarrowBag(t *testing.T) {
	e := New(DefaultConfig())
	const title = "食堂油烟太大，楼上住户老投诉"
	for _, sc := range e.Understand(title, "", nil, nil).Scenes {
		if sc.Guessed {
			t.Errorf("%s: shown the guess %v", title, sc)
		}
	}
	bag := 0
	for _, tm := range e.analyzeLead(&domain.Lead{Title: title}, false).occ[0] {
		if tm.bag {
			bag++
		}
	}
	if bag == 0 {
		t.Errorf("%s: ranking read no bag guess", title)
	}
	wide := DefaultConfig()
	wide.Tuning.ShownBagMinScore, wide.Tuning.ShownBagTop, wide.Tuning.ShownBagGate = wide.Tuning.BagMinScore, wide.Tuning.BagTop, wide.Tuning.BagGate
	guessed := false
	for _, sc := range New(wide).Understand(title, "", nil, nil).Scenes {
		guessed = guessed || sc.Guessed
	}
	if !guessed {
		t.Errorf("%s: shown limits as wide as ranking's show no guess; the test reads nothing", title)
	}
}
