package matching

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// The scene phrases are matched whole (or with a bounded gap), so a buyer who says the same
// thing in other words matches none of them: 排出去的水发红 is no phrase, though many phrases of
// 污水处理 share its 排水, 发红 and 超标. The scene bag reads all the phrases written for a product
// as one bag of character bigrams (tf-idf over products, unit length) and finds the products whose
// bags a field shares the rarer bigrams with (cosine). It is a fallback: a field that already
// names or calls for more than Tuning.BagGate products is explained by its phrases, and the bag
// only adds noise there (measured: BENCHMARKS.md, issue 9, "scene bag"). Its products are
// expansion terms weighted by their cosine (times Tuning.BagWeight), at most Tuning.BagTop of
// them, at least Tuning.BagMinScore.

// bagMinKeys is how many distinct keys a field must share with a bag, per script: one rare Han
// bigram says something (发红), one English word rarely does ("city", "water").
var bagMinKeys = [2]int{1, 2}

// bigram is a key of the bag: two Han characters, or {0, symbol} for a Latin word (latinKey).
type bigram [2]rune

// latinKey is the bag key of a Latin word's symbol: inflections share their word's symbol.
func latinKey(sym int32) bigram { return bigram{0, sym} }

// latinForm is a Latin surface written for an application, as symbols.
type latinForm struct {
	app  int32
	syms []int32
}

type bagPosting struct {
	concept int32
	w       float32 // the bigram's tf-idf weight in the concept's bag, the bag at unit length
}

// sceneBag maps a key to the bags it appears in, with its idf over bags. There is one per script
// (Han bigrams, Latin words): an English surface must not dilute a product's Chinese bag.
type sceneBag struct {
	post map[bigram][]bagPosting
	idf  map[bigram]float32
}

// buildSceneBag reads the forms written for every application (Han ones before word-family
// siblings, which would count each form again) into one bag per concept called for and script.
func (v *Vocabulary) buildSceneBag() {
	stopSyms := map[int32]bool{}
	for w := range v.stopEn {
		if sym, ok := v.latinSyms[w]; ok {
			stopSyms[sym] = true
		}
	}
	// An everyday English word makes no key: a field's key with no bag has no weight either.
	for _, w := range v.bagStopEn {
		if sym, ok := v.latinSyms[w]; ok {
			stopSyms[sym] = true
		}
	}
	var keys [2]map[int32]map[bigram]bool // script → application → the keys of its forms
	keysOf := func(script int, app int32) map[bigram]bool {
		if keys[script] == nil {
			keys[script] = map[int32]map[bigram]bool{}
		}
		m := keys[script][app]
		if m == nil {
			m = map[bigram]bool{}
			keys[script][app] = m
		}
		return m
	}
	for _, p := range v.pending {
		m := keysOf(0, p.app)
		for _, f := range p.forms {
			rs := []rune(f)
			for i := 0; i+1 < len(rs); i++ {
				if v.bagBigram(rs, i) {
					m[bigram{rs[i], rs[i+1]}] = true
				}
			}
		}
	}
	for _, f := range v.latinWritten {
		m := keysOf(1, f.app)
		for _, sym := range f.syms {
			if !stopSyms[sym] {
				m[latinKey(sym)] = true
			}
		}
	}
	v.latinWritten = nil
	for script := range keys {
		v.bag[script] = v.bagOf(keys[script])
	}
}

// bagOf turns the keys of every application into one tf-idf bag per concept called for.
func (v *Vocabulary) bagOf(keys map[int32]map[bigram]bool) sceneBag {
	tf := map[int32]map[bigram]float32{}
	apps := make([]int32, 0, len(keys))
	for app := range keys {
		apps = append(apps, app)
	}
	slices.Sort(apps)
	for _, app := range apps {
		for _, c := range v.apps[app] {
			m := tf[c]
			if m == nil {
				m = map[bigram]float32{}
				tf[c] = m
			}
			for b := range keys[app] {
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
	slices.Sort(concepts)
	for _, c := range concepts {
		m := tf[c]
		// In a fixed order, so the same files give the same weights to the last bit.
		grams := make([]bigram, 0, len(m))
		for b := range m {
			grams = append(grams, b)
		}
		slices.SortFunc(grams, func(x, y bigram) int {
			if x[0] != y[0] {
				return int(x[0] - y[0])
			}
			return int(x[1] - y[1])
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
	return bag
}

// bagHit is a concept's cosine with one script of a field, and the key that weighs most in it.
type bagHit struct {
	score, best float32
	keys        int // distinct keys shared
	at, end     int
}

// bagProducts returns the products whose scene bags the field overlaps most (its Han bigrams and
// its Latin words lat, each script against its own bags), as expansion terms of weight w,
// leaving out the concepts already in out[n0:]. Each term spans the clause around the key that
// weighs most for its product, so an explanation shows the buyer's own words.
func (a *analyzer) bagProducts(rs []rune, lat []latinTok, w float32, out []term, n0 int) []term {
	have := map[string]bool{}
	named := 0
	for _, t := range out[n0:] {
		if (t.kind == kConcept || t.kind == kExpansion) && !have[t.text] {
			have[t.text] = true
			named++
		}
	}
	if named > a.lw.bagGate {
		return out
	}
	var han, latin []bagKey
	keyable := a.bagKeyable(rs)
	for i := 0; i+1 < len(rs); i++ {
		if keyable[i] {
			han = append(han, bagKey{k: bigram{rs[i], rs[i+1]}, at: i, end: i + 2})
		}
	}
	place := a.latinPlaces(rs, lat)
	for i, t := range lat {
		if t.kind != latinWord || len(t.text) < 2 || a.v.stopEn[t.text] || place != nil && place[i] ||
			t.start < len(a.proper) && a.proper[t.start] {
			continue
		}
		if sym, ok := a.v.latinSyms[t.text]; ok {
			latin = append(latin, bagKey{k: latinKey(sym), at: t.start, end: t.end})
		}
	}
	var titleKeyable []bool
	if len(rs) > 0 && len(a.bagTitle) > 0 {
		titleKeyable = a.bagKeyable(a.bagTitle)
	}
	for i := 0; i+1 < len(a.bagTitle) && len(rs) > 0; i++ {
		if titleKeyable[i] {
			han = append(han, bagKey{k: bigram{a.bagTitle[i], a.bagTitle[i+1]}, title: true})
		}
	}
	hits := a.v.bag[0].cosines(han, bagMinKeys[0])
	for c, h := range a.v.bag[1].cosines(latin, bagMinKeys[1]) {
		if g, ok := hits[c]; !ok || h.score > g.score {
			hits[c] = h
		}
	}
	type ranked struct {
		c int32
		h *bagHit
	}
	var rank []ranked
	for c, h := range hits {
		if h.score >= a.lw.bagMinScore && !have[a.v.concepts[c].term] {
			rank = append(rank, ranked{c, h})
		}
	}
	sort.Slice(rank, func(i, j int) bool {
		if rank[i].h.score != rank[j].h.score {
			return rank[i].h.score > rank[j].h.score
		}
		return rank[i].c < rank[j].c
	})
	for _, r := range rank[:min(len(rank), a.lw.bagTop)] {
		s, e := clauseAround(rs, r.h.at, r.h.end)
		out = append(out, term{text: a.v.concepts[r.c].term, kind: kExpansion, bag: true,
			w: w * a.lw.expansion * a.lw.bag * r.h.score, start: int32(s), end: int32(e),
			faint: r.h.score < a.lw.shown.minScore})
	}
	return out
}

// inField returns the analyser that reads field f (0 title, 1 description) of a lead whose
// normalised title is title. The description's scene bag reads the title's words as well: a
// buyer titles a post with the pain (排水超标被罚) and tells the story below, and a product whose
// bag both touch is what the post is about, as keys pooled over a field's clauses beat the best
// clause alone (BENCHMARKS.md, session 8, helper B). The title keeps its own bag too.
func (a *analyzer) inField(f int, title []rune) *analyzer {
	if f == 0 || !a.lw.bagTitleInBody || len(title) == 0 {
		return a
	}
	b := *a
	b.bagTitle = title
	return &b
}

// bagKey is a key of a field and where it was written.
type bagKey struct {
	k       bigram
	at, end int
	title   bool // the title's, read with the description (inField): it has no place in the field
}

// cosines scores every concept whose bag shares a key with keys (each distinct key once).
func (bag *sceneBag) cosines(keys []bagKey, minKeys int) map[int32]*bagHit {
	hits := map[int32]*bagHit{}
	seen := map[bigram]bool{}
	qnorm := 0.0
	for _, k := range keys {
		if seen[k.k] {
			continue
		}
		seen[k.k] = true
		idf := bag.idf[k.k]
		if idf == 0 {
			continue
		}
		qnorm += float64(idf) * float64(idf)
		for _, p := range bag.post[k.k] {
			h := hits[p.concept]
			if h == nil {
				h = &bagHit{}
				hits[p.concept] = h
			}
			x := p.w * idf
			h.score += x
			h.keys++
			if x > h.best && !k.title {
				h.best, h.at, h.end = x, k.at, k.end
			}
		}
	}
	qn := float32(math.Sqrt(qnorm))
	for c, h := range hits {
		h.score /= qn
		// A product only the title's words reach is the title's own guess, not the field's.
		if h.keys < minKeys || h.best == 0 {
			delete(hits, c)
		}
	}
	return hits
}

// bagBigram reports whether rs[i:i+2] is a bigram of two Han characters, neither a function
// word: 的水 and 被罚 say nothing about the need.
func (v *Vocabulary) bagBigram(rs []rune, i int) bool {
	return isHan(rs[i]) && isHan(rs[i+1]) && !v.stopChars[rs[i]] && !v.stopChars[rs[i+1]] &&
		!v.bagStop[bigram{rs[i], rs[i+1]}]
}

func isLatinWord(w string) bool {
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return w != ""
}

// addBagStop reads a line of everyday words (每天, 我们, 一直 …): their bigrams are in many buyers'
// sentences whatever they need, so a scene phrase that happens to contain one must not make it
// evidence for that phrase's product (律所每天要写文书 is no car wash).
func (v *Vocabulary) addBagStop(line string) error {
	if v.bagStop == nil {
		v.bagStop = map[bigram]bool{}
	}
	for _, w := range strings.Fields(line) {
		if isLatinWord(w) {
			v.bagStopEn = append(v.bagStopEn, strings.ToLower(w))
			continue
		}
		rs := []rune(w)
		if len(rs) < 2 {
			return fmt.Errorf("bag stop word %q: want two or more Han characters", w)
		}
		for i := 0; i+1 < len(rs); i++ {
			if !isHan(rs[i]) || !isHan(rs[i+1]) {
				return fmt.Errorf("bag stop word %q: want Han characters only", w)
			}
			v.bagStop[bigram{rs[i], rs[i+1]}] = true
		}
	}
	return nil
}

// bagClauseMax bounds the span shown for a bag match: the buyer's clause, not a paragraph
// (in runes: a dozen Han characters, or about eight English words).
const (
	bagClauseMax      = 12
	bagClauseMaxLatin = 48
)

// clauseAround widens [s, e) to the clause around it, within bounds and never cutting a Latin
// word, so an explanation reads "排出去的水发红被罚了 → 污水处理" rather than a bare bigram.
func clauseAround(rs []rune, s, e int) (int, int) {
	limit := bagClauseMax
	if isAlnum(rs[s]) {
		limit = bagClauseMaxLatin
	}
	s0, e0 := s, e
	for s > 0 && e-s < limit && !shownBreak(rs, s-1) {
		s--
	}
	for e < len(rs) && e-s < limit && !shownBreak(rs, e) {
		e++
	}
	for s < s0 && s > 0 && isAlnum(rs[s-1]) && isAlnum(rs[s]) {
		s++
	}
	for e > e0 && e < len(rs) && isAlnum(rs[e-1]) && isAlnum(rs[e]) {
		e--
	}
	for s < s0 && rs[s] == ' ' {
		s++
	}
	for e > e0 && rs[e-1] == ' ' {
		e--
	}
	return s, e
}

// shownBreak reports whether rs[i] ends the clause an explanation shows: punctuation (not the
// comma inside a number, 6,000), or a space between Han characters, which is how a phone post
// without punctuation separates its clauses.
func shownBreak(rs []rune, i int) bool {
	between := func(is func(rune) bool) bool { return i > 0 && i+1 < len(rs) && is(rs[i-1]) && is(rs[i+1]) }
	switch {
	case rs[i] == ',' && between(unicode.IsDigit):
		return false
	case rs[i] == ' ' && between(isHan):
		return true
	}
	return isClauseBreak(rs[i])
}

// isClauseBreak reports punctuation that ends a clause: the full-width forms of ASCII (，；！？：)
// are folded to it already; 。 and 、 have no ASCII form.
func isClauseBreak(r rune) bool {
	switch r {
	case ',', '.', ';', '!', '?', ':', '\n', '。', '、':
		return true
	}
	return false
}
