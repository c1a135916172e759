package matching

import (
	"slices"
	"sort"
	"strings"

	"duijie/domain"
	"duijie/domain/codes"
)

// Understanding is what the platform reads from a lead as a buyer wrote it: the clusters it
// belongs to, the codes its likely suppliers carry, the products or services it names or implies,
// the certifications it mentions and the export market of its destination.
type Understanding struct {
	Clusters       []ClusterScore
	IndustryCodes  []string // GB/T 4754 divisions or classes, best first
	HSCodes        []string // HS headings (4 digits), best first
	Products       []string // canonical concept names, named ones first
	Scenes         []Scene  // the buyer's words and what they were read as
	Certifications []string
	Country        string // ISO 3166-1 country named as a destination, "" if none
	ExportMarket   string // the market of that country (EU for DE), "" if none
	// Learned are the lessons of triage the clusters were read with (UnderstandWith), the
	// strongest first; empty without lessons.
	Learned []LearnedRoute

	// backed are the clusters the vocabulary's votes back (minVocabShare of them or more):
	// only those may be inferred second (InferClusters).
	backed []string
	// secondShare is the engine's Tuning.SecondClusterShare; 0 (an Understanding made by
	// hand) means the default.
	secondShare float64
}

// ClusterScore is an inferred cluster with its share of the evidence (0–1).
type ClusterScore struct {
	Code  string
	Score float64
}

// Scene is a phrase of the lead and the products it calls for: "食堂油烟 → 油烟净化设备".
type Scene struct {
	Phrase   string
	Products []string
	// Guessed marks a clause read through the scene bag (scenebag.go), by the words it shares
	// with a product's phrases rather than by a phrase: a page asks the buyer to check it.
	Guessed bool
}

// Two sources of cluster evidence are mixed, at Tuning.VocabCluster and Tuning.KNNCluster: the
// vocabulary (which cluster a named product or scene belongs to) and the neighbours (the
// clusters of the Tuning.KNNNeighbours suppliers the text ranks first). The vocabulary is precise
// where it knows the words; the neighbours know every product a profile names. Measured on the
// quality set (BENCHMARKS.md, "Lead intake"). A second cluster is inferred when it has at least
// Tuning.SecondClusterShare of the first one's score.

// span is a vocabulary term of a lead with the words it was read from, as written.
type span struct {
	f    int // field: 0 title, 1 description
	t    term
	text string
	// lead is where the words leading into a scene start: the scene's start, or earlier over
	// spaces and English linking words ("the compressor| is too |noisy").
	lead int32
}

// Understand analyses a lead's title and description (and the codes the buyer gave, which only
// steer the neighbours). It never fails: empty text gives an empty Understanding.
func (e *Engine) Understand(title, description string, hsCodes, industryCodes []string) Understanding {
	u := Understanding{secondShare: e.cfg.Tuning.SecondClusterShare}
	a := &e.an
	v := a.v
	text := title + "\n" + description
	spans := a.leadSpans(title, description)
	vote := map[string]float64{}
	u.Products = vocabVotes(v, spans, vote, &e.cfg.Tuning)
	u.Scenes = scenesOf(v, spans)
	sceneVotes(v, u.Scenes, spans, vote, &e.cfg.Tuning)

	// Neighbours: the clusters and codes of the suppliers the text ranks first.
	knn, ind, hs, shared := e.neighbourCodes(domain.Lead{Title: title, Description: description, HSCodes: hsCodes, IndustryCodes: industryCodes})
	if len(vote) == 0 && shared < minSharedTerms {
		knn = nil // nothing read from the lead, one word in common with a profile: a coincidence
	}
	u.Clusters = blendClusters(vote, knn, e.cfg.Tuning.VocabCluster, e.cfg.Tuning.KNNCluster)
	u.backed = backedClusters(vote, e.cfg.Tuning.MinVocabShare)
	u.IndustryCodes = topKeys(strongKeys(ind, codeShare), 3)
	u.HSCodes = topKeys(strongKeys(hs, codeShare), 3)
	u.Certifications = v.CertificationsIn(title + "\n" + a.withoutFirmStory(description))
	if c := v.CountryIn(text); c != "" {
		u.Country = c
		u.ExportMarket = codes.CountryMarket(c)
	}
	return u
}

// leadSpans returns the concepts and scene expansions of a lead, each with the words it was
// read from. The scene bag reads within its shown limits (Tuning.ShownBag…): what is understood
// is shown to the buyer and routes the lead.
func (a *analyzer) leadSpans(title, description string) []span {
	a = a.shownBag()
	var spans []span
	var fields [2][]rune
	var occ [2][]term
	for f, s := range [2]string{title, description} {
		fields[f] = a.normalize(s)
		occ[f] = a.cased(s).field(fields[f], [2]float32{a.lw.title, 1}[f], true, nil)
	}
	weighLabelTitle(a.v, fields, &occ, a.lw.title, a.lw.label)
	negate(a.v, fields, &occ, a.lw.negated)
	discountOwnTrade(fields, &occ, a.lw.subjectTrade, a.lw.firmFacts, a.lw.title)
	focusNeed(fields, &occ, a.lw.need, a.lw.story)
	for f, s := range [2]string{title, description} {
		o := []rune(s)
		for _, t := range occ[f] {
			// A negated reading is neither shown as understood nor a vote for a cluster.
			if (t.kind == kConcept || t.kind == kExpansion) && !t.neg && int(t.end) <= len(o) {
				spans = append(spans, span{f, t, string(o[t.start:t.end]), leadIn(fields[f], t.start)})
			}
		}
	}
	return spans
}

// shownBag returns a copy of a reading the scene bag within its shown limits.
func (a *analyzer) shownBag() *analyzer {
	s := *a
	s.lw.bagMinScore, s.lw.bagTop, s.lw.bagGate = a.lw.shown.minScore, a.lw.shown.top, a.lw.shown.gate
	// Composed products (compose.go) order suppliers; they are guesses not shown, nor votes.
	s.lw.compose = 0
	return &s
}

// InferClusters returns the clusters to give a lead that names none: the best, and the second
// when it is nearly as strong and, if the vocabulary read anything, backed by it. Empty when
// nothing points anywhere.
func (u Understanding) InferClusters() []string {
	if len(u.Clusters) == 0 {
		return nil
	}
	out := []string{u.Clusters[0].Code}
	share := u.secondShare
	if share == 0 {
		share = DefaultTuning().SecondClusterShare
	}
	if len(u.Clusters) > 1 && u.Clusters[1].Score >= share*u.Clusters[0].Score &&
		(u.backed == nil || slices.Contains(u.backed, u.Clusters[1].Code)) {
		out = append(out, u.Clusters[1].Code)
	}
	return out
}

// scenesOf groups the expansion spans by the phrase that triggered them.
func scenesOf(v *Vocabulary, spans []span) []Scene {
	var out []Scene
	idx := map[string]int{}
	for _, s := range spans {
		if s.t.kind != kExpansion {
			continue
		}
		name := strings.TrimPrefix(s.t.text, "#")
		phrase := s.text
		if s.t.sound { // a slip of the phone's input: "食堂有烟 ≈ 食堂油烟"
			if h := v.HeardAs(s.text); h != "" {
				phrase += GuessArrow + h
			}
		}
		key := phrase
		if s.t.bag {
			key += "\x00bag"
		}
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, Scene{Phrase: phrase, Guessed: s.t.bag})
		}
		if !containsString(out[i].Products, name) {
			out[i].Products = append(out[i].Products, name)
		}
	}
	return out
}

// sceneClusters returns the clusters of the scenes whose surface is phrase.
func sceneClusters(v *Vocabulary, phrase string) []string {
	sf, err := v.parseSurface(phrase, false)
	if err != nil {
		return nil
	}
	t, syms := v.hanApps, sf.han
	switch {
	case sf.mixed != nil:
		t, syms = v.mixedApps, sf.mixed
	case sf.han == nil:
		t, syms = v.latinApps, sf.latin
	}
	var apps []int32
	n, ok := int32(0), true
	for _, s := range syms {
		if n, ok = t.step(n, s); !ok {
			break
		}
	}
	if p := t.pay[n]; ok && p != 0 {
		apps = t.lists[p-1]
	} else if sf.han != nil {
		apps = v.looseSceneApps(sf.han) // the buyer's words of a gapped or reversed scene
	}
	var out []string
	for _, app := range apps {
		for _, c := range v.appClusters[app] {
			out = appendUnique(out, c)
		}
	}
	return out
}

// neighbourCodes ranks the suppliers for the text alone and adds up, weighted by score, the
// clusters, GB/T 4754 classes and HS headings they carry. shared counts the lead's distinct
// text terms found in any of those suppliers' profiles.
func (e *Engine) neighbourCodes(l domain.Lead) (clusters, industry, hs map[string]float64, shared int) {
	clusters, industry, hs = map[string]float64{}, map[string]float64{}, map[string]float64{}
	lt := e.analyzeLeadBy(e.an.shownBag(), &l, false)
	if lt.empty() {
		return
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ix.live == 0 {
		return
	}
	q := e.compile(lt, &l, Options{NoExposure: true})
	hits := e.rank(q, e.cfg.Tuning.KNNNeighbours)
	if len(hits) == 0 || hits[0].score <= 0 {
		return
	}
	shared = sharedTerms(q, hits, e.ix.fwd)
	top := hits[0].score
	for rank, h := range hits {
		w := h.score / top / float64(rank+1)
		nc, ni, nh := 0, 0, 0
		keys := e.ix.fwd[h.slot]
		for _, f := range keys {
			t := e.ix.terms[f>>8]
			switch {
			case strings.HasPrefix(t, keyCluster):
				nc++
			}
		}
		for _, f := range keys {
			t := e.ix.terms[f>>8]
			switch {
			case strings.HasPrefix(t, keyCluster):
				clusters[t[len(keyCluster):]] += w / float64(nc)
			case strings.HasPrefix(t, keyIndustry) && len(t)-len(keyIndustry) >= 3:
				industry[t[len(keyIndustry):]] += w
				ni++
			case strings.HasPrefix(t, keyHS) && len(t)-len(keyHS) == 4:
				hs[t[len(keyHS):]] += w
				nh++
			}
		}
	}
	return
}

// blendClusters normalises both votes to shares and mixes them; a source with no evidence
// leaves the other alone.
func blendClusters(vocab, knn map[string]float64, vocabWeight, knnWeight float64) []ClusterScore {
	share := func(m map[string]float64) map[string]float64 {
		sum := 0.0
		for _, x := range m {
			sum += x
		}
		out := map[string]float64{}
		for k, x := range m {
			if sum > 0 {
				out[k] = x / sum
			}
		}
		return out
	}
	a, b := share(vocab), share(knn)
	wa, wb := vocabWeight, knnWeight
	switch {
	case len(a) == 0 && len(b) == 0:
		return nil
	case len(a) == 0:
		wa, wb = 0, 1
	case len(b) == 0:
		wa, wb = 1, 0
	}
	mix := map[string]float64{}
	for k, x := range a {
		mix[k] += wa * x
	}
	for k, x := range b {
		mix[k] += wb * x
	}
	out := make([]ClusterScore, 0, len(mix))
	for k, x := range mix {
		if x >= 0.05 {
			out = append(out, ClusterScore{Code: k, Score: round3(x)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// topKeys returns up to n keys by descending weight, leaving out codes that are a prefix of a
// stronger one already chosen (C39 when C3973 is in).
// codeShare is the least share of the best code's neighbour weight a further code suggestion
// needs: a code that only a lower-ranked neighbour holds (a pharmaceutical maker that also
// mentions its wastewater plant, for a dyeing mill's effluent) is that neighbour's trade, not
// the buyer's need, and a buyer who accepts the chips would file the lead under it.
const codeShare = 0.4

// strongKeys keeps the keys whose weight is at least share of the largest.
func strongKeys(m map[string]float64, share float64) map[string]float64 {
	best := 0.0
	for _, x := range m {
		best = max(best, x)
	}
	out := make(map[string]float64, len(m))
	for k, x := range m {
		if x >= share*best {
			out[k] = x
		}
	}
	return out
}

func topKeys(m map[string]float64, n int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if m[ks[i]] != m[ks[j]] {
			return m[ks[i]] > m[ks[j]]
		}
		if len(ks[i]) != len(ks[j]) {
			return len(ks[i]) > len(ks[j]) // the more specific code on a tie
		}
		return ks[i] < ks[j]
	})
	var out []string
	for _, k := range ks {
		if len(out) == n {
			break
		}
		dup := false
		for _, o := range out {
			dup = dup || strings.HasPrefix(o, k) || strings.HasPrefix(k, o)
		}
		if !dup {
			out = append(out, k)
		}
	}
	return out
}
