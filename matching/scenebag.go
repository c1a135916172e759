package matching

import (
	"math"
	"sort"
)

// The scene phrases are matched whole (or with a bounded gap), so a buyer who says the same
// thing in other words matches none of them: 排出去的水发红 is no phrase, though many phrases of
// 污水处理 share its 排水, 发红 and 超标. The scene bag reads all the phrases written for a product
// as one bag of character bigrams (tf-idf over products, unit length) and finds the products whose
// bags a field shares the rarer bigrams with (cosine). It is a fallback: a field that already
// names or calls for more than bagGate products is explained by its phrases, and the bag only
// adds noise there (measured: BENCHMARKS.md, issue 9, "scene bag"). Its products are expansion
// terms weighted by their cosine, at most bagTop of them, at least bagMinScore.
const (
	bagWeight   = 2
	bagMinScore = 0.08
	bagTop      = 5
	bagGate     = 2
)

type bigram [2]rune

type bagPosting struct {
	concept int32
	w       float32 // the bigram's tf-idf weight in the concept's bag, the bag at unit length
}

// sceneBag maps a bigram to the bags it appears in, with its idf over bags.
type sceneBag struct {
	post map[bigram][]bagPosting
	idf  map[bigram]float32
}

// buildSceneBag reads the Han forms written for every application (before word-family siblings,
// which would count each form again) into one bag per concept called for.
func (v *Vocabulary) buildSceneBag() {
	tf := map[int32]map[bigram]float32{}
	for _, p := range v.pending {
		seen := map[bigram]bool{}
		for _, f := range p.forms {
			rs := []rune(f)
			for i := 0; i+1 < len(rs); i++ {
				if v.bagBigram(rs, i) {
					seen[bigram{rs[i], rs[i+1]}] = true
				}
			}
		}
		for _, c := range v.apps[p.app] {
			m := tf[c]
			if m == nil {
				m = map[bigram]float32{}
				tf[c] = m
			}
			for b := range seen {
				m[b]++
			}
		}
	}
	df := map[bigram]int{}
	for _, m := range tf {
		for b := range m {
			df[b]++
		}
	}
	bag := sceneBag{post: map[bigram][]bagPosting{}, idf: map[bigram]float32{}}
	n := float64(len(tf))
	for b, d := range df {
		bag.idf[b] = float32(math.Log(1 + n/float64(d)))
	}
	concepts := make([]int32, 0, len(tf))
	for c := range tf {
		concepts = append(concepts, c)
	}
	sort.Slice(concepts, func(i, j int) bool { return concepts[i] < concepts[j] })
	for _, c := range concepts {
		m := tf[c]
		// In a fixed order, so the same files give the same weights to the last bit.
		grams := make([]bigram, 0, len(m))
		for b := range m {
			grams = append(grams, b)
		}
		sort.Slice(grams, func(i, j int) bool {
			return grams[i][0] < grams[j][0] || grams[i][0] == grams[j][0] && grams[i][1] < grams[j][1]
		})
		norm := 0.0
		for _, b := range grams {
			w := (1 + math.Log(float64(m[b]))) * float64(bag.idf[b])
			m[b] = float32(w)
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for _, b := range grams {
			bag.post[b] = append(bag.post[b], bagPosting{c, float32(float64(m[b]) / norm)})
		}
	}
	v.bag = bag
}

// bagProducts returns the products whose scene bags the Han runs of rs overlap most, as
// expansion terms of weight w, leaving out the concepts already in out[n0:]. Each term spans the
// bigram that weighs most for its product, so an explanation shows the buyer's own words.
func (a *analyzer) bagProducts(rs []rune, w float32, out []term, n0 int) []term {
	bag := &a.v.bag
	if len(bag.post) == 0 {
		return out
	}
	type hit struct {
		score, best float32
		at          int
	}
	hits := map[int32]*hit{}
	seen := map[bigram]bool{}
	qnorm := 0.0
	for i := 0; i+1 < len(rs); i++ {
		if !a.v.bagBigram(rs, i) {
			continue
		}
		b := bigram{rs[i], rs[i+1]}
		if seen[b] {
			continue
		}
		seen[b] = true
		idf := bag.idf[b]
		if idf == 0 {
			continue
		}
		qnorm += float64(idf) * float64(idf)
		for _, p := range bag.post[b] {
			h := hits[p.concept]
			if h == nil {
				h = &hit{}
				hits[p.concept] = h
			}
			x := p.w * idf
			h.score += x
			if x > h.best {
				h.best, h.at = x, i
			}
		}
	}
	if len(hits) == 0 {
		return out
	}
	have := map[string]bool{}
	nexp := 0
	for _, t := range out[n0:] {
		if t.kind == kConcept || t.kind == kExpansion {
			if !have[t.text] {
				nexp++
			}
			have[t.text] = true
		}
	}
	if nexp > bagGate {
		return out
	}
	qn := float32(math.Sqrt(qnorm))
	type ranked struct {
		c int32
		h *hit
	}
	var rank []ranked
	for c, h := range hits {
		h.score /= qn
		if h.score >= bagMinScore && !have[a.v.concepts[c].term] {
			rank = append(rank, ranked{c, h})
		}
	}
	sort.Slice(rank, func(i, j int) bool {
		if rank[i].h.score != rank[j].h.score {
			return rank[i].h.score > rank[j].h.score
		}
		return rank[i].c < rank[j].c
	})
	for _, r := range rank[:min(len(rank), bagTop)] {
		s, e := clauseAround(rs, r.h.at, r.h.at+2)
		out = append(out, term{text: a.v.concepts[r.c].term, kind: kExpansion, bag: true,
			w: w * expansionWeight * bagWeight * r.h.score, start: int32(s), end: int32(e)})
	}
	return out
}

// bagBigram reports whether rs[i:i+2] is a bigram of two Han characters, neither a function
// word: 的水 and 被罚 say nothing about the need.
func (v *Vocabulary) bagBigram(rs []rune, i int) bool {
	return isHan(rs[i]) && isHan(rs[i+1]) && !v.stopChars[rs[i]] && !v.stopChars[rs[i+1]]
}

// bagClauseMax bounds the span shown for a bag match: the buyer's clause, not a paragraph.
const bagClauseMax = 12

// clauseAround widens [s, e) to the clause around it, at most bagClauseMax runes, so an
// explanation reads "排出去的水发红被罚了 → 污水处理" rather than a bare bigram.
func clauseAround(rs []rune, s, e int) (int, int) {
	for s > 0 && e-s < bagClauseMax && !isClauseBreak(rs[s-1]) {
		s--
	}
	for e < len(rs) && e-s < bagClauseMax && !isClauseBreak(rs[e]) {
		e++
	}
	return s, e
}

// isClauseBreak reports punctuation that ends a clause (full-width forms are folded already).
func isClauseBreak(r rune) bool {
	switch r {
	case ',', '.', ';', '!', '?', ':', '\n', '，', '。', '；', '！', '？', '：', '、':
		return true
	}
	return false
}
