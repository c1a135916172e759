package matching

import (
	"slices"
	"strings"
)

// Cluster inference counts what the vocabulary reads from a lead: each concept named and each
// product a scene calls for votes for its clusters. Three things a buyer writes must not count
// as a need:
//
//   - The setting of a pain. 电梯 in 电梯老困人，想远程知道电梯状态, gensets in "backup power
//     without diesel gensets", dyeing in "dyeing wastewater": the thing the pain happens to is
//     named, but the buyer needs the monitoring, the fuel cell, the treatment. The text score
//     already lowers such a concept (setting.go); cluster inference lowers it too, wherever the
//     lead names it, since the same thing named twice is the same setting.
//   - A general product beside its specific form of another trade: 电梯 (equipment) beside
//     电梯物联网 (IoT), 传感器 beside 图像传感器 (chips), 泵 beside 热泵 (energy saving). The
//     specific product names the trade; the general one is its setting.
//   - A short scene inside a longer one read over the same words: 太吵 inside 病房太吵, "backup
//     power" inside "backup power without diesel". The longer phrase is the more specific
//     reading; the short one would vote a second time, often for a generic trade.
//
// And the scene bag's products for a clause (scenebag.go) are alternative guesses, the products
// of a short generic pain (着火, 太吵) a hedge: each set shares one vote.

// vocabVotes adds to vote, for each concept named and each product a scene calls for, its
// weight shared among the concept's clusters, and returns the products in order: the concepts
// named, then those the scenes call for. Settings vote at t.SettingVote, nested scenes not at
// all.
func vocabVotes(v *Vocabulary, spans []span, vote map[string]float64, t *Tuning) []string {
	var products []string
	seen := map[string]bool{}
	needed := map[string]bool{} // named or called for outside the buyer's introduction of itself
	focus := map[string]bool{}  // named or called for inside a need clause
	settings := clusterSettings(v, spans)
	if t.WordsSetting {
		wordsSettings(v, spans, settings)
	}
	called := map[calledAt]bool{}
	story := storyFactor(v, spans, t)
	for _, pass := range []termKind{kConcept, kExpansion} {
		for i, s := range spans {
			if s.t.kind != pass {
				continue
			}
			name := strings.TrimPrefix(s.t.text, "#")
			id, ok := v.byName[name]
			if !ok {
				continue
			}
			if !seen[name] {
				seen[name] = true
				products = append(products, name)
			}
			needed[name] = needed[name] || !s.t.own
			focus[name] = focus[name] || s.t.need
			w := 1.0
			if k := settings[s.t.text]; k == generalSetting || k == painSetting && pass == kConcept {
				w = t.SettingVote
			}
			if pass == kConcept {
				if readTwice(spans, i) {
					continue
				}
				w /= float64(sameWords(spans, i))
			}
			if pass == kExpansion {
				// Two vocabulary lines listing the same words for the same product read it
				// twice over the same span: one reading, one vote.
				k := calledAt{s.f, s.t.start, s.t.end, s.t.text, s.t.bag}
				if called[k] || nestedScene(spans, s) {
					continue
				}
				called[k] = true
				w *= t.Expansion
				if s.t.bag {
					w /= float64(bagGuesses(spans, s))
				} else if isShortPain(s.text) {
					w /= float64(sceneProducts(spans, s))
				}
			}
			if s.t.own {
				w *= ownVote(t)
			}
			if pass == kConcept && s.f == 1 && !s.t.need {
				w *= story // a thing the description names outside its need clauses: the story's
			}
			for _, c := range v.conceptClusters[id] {
				vote[c] += w * float64(s.t.w) / float64(len(v.conceptClusters[id]))
			}
		}
	}
	// What the buyer makes is shown after what it needs: the page asks it to confirm the need.
	// What the need clauses name (needfocus.go) is shown first: the story's words come after.
	rank := func(p string) int {
		switch {
		case focus[p]:
			return 0
		case needed[p]:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(products, func(a, b string) int { return rank(a) - rank(b) })
	return products
}

// sceneVotes adds to vote a vote of weight t.SceneVote (half) for the cluster of each scene
// phrase, besides its products' votes, unless a longer scene read over it speaks instead. A
// phrase written only in the buyer's introduction of itself votes at Tuning.OwnVote.
func sceneVotes(v *Vocabulary, scenes []Scene, spans []span, vote map[string]float64, t *Tuning) {
	for _, sc := range scenes {
		if nestedPhrase(spans, sc.Phrase) {
			continue
		}
		w := t.SceneVote
		if t.OwnVote > 0 && ownPhrase(spans, sc.Phrase) {
			w *= t.OwnVote
		}
		for _, c := range sceneClusters(v, sc.Phrase) {
			vote[c] += w
		}
	}
}

// The buyer's own trade (owntrade.go) is who buys, not what is bought: the motor maker whose
// magnets lose their pull needs a magnet supplier, and the cluster office that can answer the
// lead is the magnets'. Ranking weighs the trade at ownTradeWeight, since it still says a
// little about the need (a dyeing plant's wastewater); cluster inference weighs it at
// Tuning.OwnVote, so that the need's one or two products outvote a trade named in the title and
// again in the body (dev6 s19 电机一热就没劲, dev7 u13 充电桩太烫). A lead that names nothing but
// its trade is not discounted at all (discountOwnTrade): then the trade is the best clue.

// ownVote is the factor that turns a term's ownTradeWeight into Tuning.OwnVote; 0 leaves the
// ranking's weight.
func ownVote(t *Tuning) float64 {
	if t.OwnVote == 0 {
		return 1
	}
	return t.OwnVote / ownTradeWeight
}

// ownPhrase tells whether every occurrence of a scene phrase lies in the buyer's introduction.
func ownPhrase(spans []span, phrase string) bool {
	for _, s := range spans {
		if s.t.kind == kExpansion && s.text == phrase && !s.t.own {
			return false
		}
	}
	return true
}

// calledAt is a product called for over one span of a field.
type calledAt struct {
	f          int
	start, end int32
	product    string
	bag        bool
}

// The two kinds of setting: the thing a pain happens to lowers the lead's mentions of it, not
// a scene's call for it (路灯整晚亮着 → 节能照明 is the scene's word, though 路灯 is the setting of
// 路灯整晚亮); a general product beside its specific form lowers every vote for it.
const (
	painSetting    = 1
	generalSetting = 2
)

// clusterSettings returns the concept terms (#name) a lead names as the setting of its need,
// with their kind.
func clusterSettings(v *Vocabulary, spans []span) map[string]int {
	settings := map[string]int{}
	for _, c := range spans {
		if c.t.kind == kConcept && isSettingOf(spans, c) {
			settings[c.t.text] = painSetting
		}
	}
	// A general product beside its specific form in another trade.
	var names []string
	for _, s := range spans {
		if !slices.Contains(names, s.t.text) {
			names = append(names, s.t.text)
		}
	}
	for _, p := range names {
		for _, q := range names {
			pn, qn := strings.TrimPrefix(p, "#"), strings.TrimPrefix(q, "#")
			if len(qn) > len(pn) && strings.Contains(qn, pn) && disjointClusters(v, pn, qn) {
				settings[p] = generalSetting
			}
		}
	}
	return settings
}

// wordsSettings adds to settings the concepts whose words, not only whose name, lie inside the
// name of a more specific product of another trade the lead names or calls for: 衬底 is read as
// 晶圆 (chips), and beside 碳化硅衬底 (third-generation semiconductors) it is that product's
// general word, though 晶圆 is no part of 碳化硅衬底: a concept's name is not always the word the
// buyer wrote.
func wordsSettings(v *Vocabulary, spans []span, settings map[string]int) {
	var names []string // few: a slice is cheaper than a map
	for _, s := range spans {
		if n := strings.TrimPrefix(s.t.text, "#"); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, c := range spans {
		if c.t.kind != kConcept || settings[c.t.text] == generalSetting {
			continue
		}
		cn := strings.TrimPrefix(c.t.text, "#")
		for _, qn := range names {
			if len(qn) > len(c.text) && qn != cn && strings.Contains(qn, c.text) && disjointClusters(v, cn, qn) {
				settings[c.t.text] = generalSetting
				break
			}
		}
	}
}

// isSettingOf tells whether concept c is named as the thing a scene's pain happens to: at the
// start or the end of the scene's words (电梯老困人, "diesel gensets") or right before them
// (钢结构锈得厉害), the scene not calling for c itself. Concepts in the middle of a scene are
// words written into a gapped match (新建的芯片封装车间), a scene read over the very words of a
// product name (芯片封装) is that product, not a pain, and the scene bag's products (scenebag.go)
// are read from a whole clause, not from a phrase around the concept.
func isSettingOf(spans []span, c span) bool {
	inside := false
	for _, x := range spans {
		if x.t.kind != kExpansion || x.t.bag || x.f != c.f {
			continue
		}
		before := x.lead <= c.t.end && c.t.end <= x.t.start
		in := x.t.start <= c.t.start && c.t.end <= x.t.end && x.t.end-x.t.start > c.t.end-c.t.start &&
			(c.t.start == x.t.start || c.t.end == x.t.end)
		if !before && !in || isConceptSpan(spans, x) {
			continue
		}
		if x.t.text == c.t.text {
			return false // the scene calls for the thing named: it is the need
		}
		inside = true
	}
	return inside
}

// linkWords are the English words a buyer writes between a thing and its pain: "the compressor
// is too noisy", "the chiller keeps breaking down".
var linkWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "gets": true, "get": true, "getting": true, "got": true,
	"keeps": true, "keep": true, "kept": true, "too": true, "very": true, "so": true, "always": true,
	"often": true, "still": true, "constantly": true, "has": true, "have": true, "had": true, "been": true,
}

// leadIn returns where the words leading into position at begin: back over spaces and up to
// three linking words.
func leadIn(rs []rune, at int32) int32 {
	lead, i, words := at, int(at), 0
	for {
		for i > 0 && rs[i-1] == ' ' {
			i--
		}
		lead = int32(i)
		if words == 3 {
			return lead
		}
		j := i
		for j > 0 && rs[j-1] >= 'a' && rs[j-1] <= 'z' {
			j--
		}
		if j == i || !linkWords[string(rs[j:i])] {
			return lead
		}
		i, words = j, words+1
	}
}

// readTwice tells whether concept spans[i] lies within a longer surface of the same concept
// read over the same words ("compressor" in "air compressor"): one mention, one vote.
func readTwice(spans []span, i int) bool {
	c := spans[i]
	for j, x := range spans {
		if j != i && x.t.kind == kConcept && x.f == c.f && x.t.text == c.t.text &&
			x.t.start <= c.t.start && c.t.end <= x.t.end && (x.t.end-x.t.start > c.t.end-c.t.start || j < i) {
			return true
		}
	}
	return false
}

// sameWords counts the concepts read over exactly the words of concept spans[i] (空压机 is
// both 空压机 and 压缩机): one mention, shared among them as a concept's vote is shared among
// its clusters.
func sameWords(spans []span, i int) int {
	c, n := spans[i], 0
	for _, x := range spans {
		if x.t.kind == kConcept && x.f == c.f && x.t.start == c.t.start && x.t.end == c.t.end {
			n++
		}
	}
	return n
}

// bagGuesses counts the scene bag's products for the clause of s. They are alternatives ranked
// by likeness, not the several products a phrase calls for together: one guess, one vote,
// shared among them (a bag of five guesses for 太暗了 must not outvote a phrase read elsewhere).
func bagGuesses(spans []span, s span) int {
	n := 0
	for _, x := range spans {
		if x.t.bag && x.f == s.f && x.t.start == s.t.start && x.t.end == s.t.end {
			n++
		}
	}
	return max(n, 1)
}

// shortPain is the most characters of a short Han scene phrase: 着火, 太吵, 漏水了.
const shortPain = 3

// isShortPain tells whether a scene was read from a short Han phrase. Such a phrase says little
// of the trade (着火 happens to a charger, a kitchen, a warehouse), and the several products the
// vocabulary lists for it (火灾报警系统, 智慧用电, 智能烟感) are its hedge: they share one vote, so
// a generic pain does not outvote a longer, specific phrase (电动车充电 → 充电桩) by the length of
// its list. A longer phrase's products answer its scene together and keep a vote each.
func isShortPain(text string) bool {
	n := 0
	for _, r := range text {
		if !isHan(r) {
			return false
		}
		n++
	}
	return n > 0 && n <= shortPain
}

// sceneProducts counts the distinct products a phrase scene calls for at the words of s.
func sceneProducts(spans []span, s span) int {
	var seen []string
	for _, x := range spans {
		if x.t.kind == kExpansion && !x.t.bag && x.f == s.f && x.t.start == s.t.start && x.t.end == s.t.end &&
			!slices.Contains(seen, x.t.text) {
			seen = append(seen, x.t.text)
		}
	}
	return max(len(seen), 1)
}

// isConceptSpan tells whether a concept was read over exactly the words of scene x.
func isConceptSpan(spans []span, x span) bool {
	for _, c := range spans {
		if c.t.kind == kConcept && c.f == x.f && c.t.start == x.t.start && c.t.end == x.t.end {
			return true
		}
	}
	return false
}

// disjointClusters tells whether concepts p and q, both tagged, share no cluster.
func disjointClusters(v *Vocabulary, p, q string) bool {
	a, b := v.conceptClusters[v.byName[p]], v.conceptClusters[v.byName[q]]
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return false
			}
		}
	}
	return true
}

// nestedScene tells whether scene occurrence s lies inside a longer scene read over the same
// words at least as strongly: a gapped match around an exact one does not silence it.
func nestedScene(spans []span, s span) bool {
	for _, x := range spans {
		if x.t.kind == kExpansion && !x.t.bag && x.f == s.f && x.t.start <= s.t.start && s.t.end <= x.t.end &&
			x.t.end-x.t.start > s.t.end-s.t.start && x.t.w >= s.t.w {
			return true
		}
	}
	return false
}

// nestedPhrase tells whether every occurrence of a scene phrase is nested in a longer scene.
func nestedPhrase(spans []span, phrase string) bool {
	for _, s := range spans {
		if s.t.kind == kExpansion && s.text == phrase && !nestedScene(spans, s) {
			return false
		}
	}
	return true
}

// minVocabShare (Tuning.MinVocabShare) is the share of the vocabulary's votes a cluster needs
// before it is inferred as a lead's second cluster: a trade only the neighbours carry (a supplier
// of it ranked high on a word or two) would route the lead to an office whose trade the lead
// names nothing of. A lead the vocabulary reads nothing from keeps the neighbours' second cluster.

// backedClusters returns the clusters holding minVocabShare of the votes or more, nil when
// there are no votes.
func backedClusters(vote map[string]float64, minVocabShare float64) []string {
	sum := 0.0
	for _, x := range vote {
		sum += x
	}
	var out []string
	for c, x := range vote {
		if x >= minVocabShare*sum && x > 0 {
			out = append(out, c)
		}
	}
	return out
}

// minSharedTerms is how many of a lead's own words its neighbours must share before they alone,
// with no product, scene or scene-bag product read from the lead, assign it a cluster: one word
// ("overseas" of "grow our business overseas") found in one exporter's profile is chance.
const minSharedTerms = 2

// sharedTerms counts the lead's own distinct words found in the profiles of hits: text terms,
// not its codes and not the products its scenes (or the scene bag) call for.
func sharedTerms(q *query, hits []hit, fwd [][]uint32) int {
	text := make(map[uint32]bool, len(q.terms))
	for _, t := range q.terms {
		if !t.key && t.kind != kExpansion {
			text[t.id] = false
		}
	}
	n := 0
	for _, h := range hits {
		for _, f := range fwd[h.slot] {
			if found, ok := text[f>>8]; ok && !found {
				text[f>>8] = true
				n++
			}
		}
	}
	return n
}
