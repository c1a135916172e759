package matching

import (
	"math"
	"sort"
)

// Segmenter chooses how runs of Han characters become terms.
type Segmenter uint8

// The segmenters compared on the quality set (BENCHMARKS.md, "Matching").
const (
	// SegBigram emits overlapping character bigrams, plus single characters of the vocabulary's
	// unigram list (materials: 钢, 铝, 铜 …) and characters standing alone.
	SegBigram Segmenter = iota
	// SegDict segments by forward maximum matching over the field dictionary and falls back to
	// bigrams for stretches the dictionary does not know.
	SegDict
	// SegHybrid emits the bigrams and, in addition, dictionary words of three or more characters.
	SegHybrid
)

// String names the segmenter for reports and flags.
func (s Segmenter) String() string {
	switch s {
	case SegDict:
		return "dict"
	case SegHybrid:
		return "hybrid"
	}
	return "bigram"
}

// ParseSegmenter reads the name String returns.
func ParseSegmenter(name string) (Segmenter, bool) {
	for _, s := range []Segmenter{SegBigram, SegDict, SegHybrid} {
		if s.String() == name {
			return s, true
		}
	}
	return SegBigram, false
}

// termKind says where a term came from; it sets query weights and how explanations show it.
type termKind uint8

const (
	kHan       termKind = iota // bigram, unigram or dictionary word
	kWord                      // Latin word
	kModel                     // model number, kept whole
	kUnit                      // number with its unit
	kNumber                    // long number (a code written in the text)
	kFamily                    // series prefix of a model number
	kTrans                     // Chinese term of an English word read through the bridge (leads only)
	kExpansion                 // concept called for by an application phrase (leads only)
	kConcept                   // field concept named in the text
)

// term is one occurrence of a term in a field. Spans are rune offsets in the field's normalised
// text, used to show buyers the words of theirs that matched.
type term struct {
	text       string
	kind       termKind
	bag        bool  // an expansion found by the scene bag (scenebag.go), not by a phrase
	faint      bool  // a bag guess beyond the limits of what is shown to the buyer (weakfloor.go)
	modifier   bool  // in a profile, opens a longer concept's surface: 储能 in 储能变流器 (profilehead.go)
	composed   bool  // an expansion composed of two phrases' halves (compose.go), explained as a bag guess is
	own        bool  // within the buyer's introduction of itself (owntrade.go), weighed down
	need       bool  // within a clause that states the need (needfocus.go), weighed up
	neg        bool  // negated (negation.go): not wanted, or a test of a defect the buyer wants gone
	via        uint8 // a kTrans term's headword: its place in leadText.heads, plus one
	sound      bool  // heard as a phrase the characters missed (homophone.go), weighed down
	w          float32
	start, end int32
}

// analyzer turns text into terms.
type analyzer struct {
	v        *Vocabulary
	seg      Segmenter
	vocab    bool // add concepts (and, for leads, application expansions)
	sceneBag bool // for leads, add the scene bag's products where phrases explain little
	bridge   bool // for leads, read English words through the English→Chinese bridge (translate.go)
	layman   bool // for leads, read everyday Chinese names through their dictionary glosses (layman.go)
	maxRunes int
	lw       leadWeights
	// bagTitle is the lead's title while its description is read: the scene bag reads the two
	// together (scenebag.go, Tuning.BagTitleInBody).
	bagTitle []rune
	// proper marks the runes of the field being read that lie in a proper name (names.go):
	// the scene bag makes no key of them.
	proper []bool
}

// leadWeights are the weights of terms inside a lead (Tuning), as the analyser multiplies them:
// expansions and series prefixes are weaker evidence than the words the buyer wrote.
type leadWeights struct {
	title, expansion, family, head float32
	gap                            [gapReversed + 1]float32 // by gapKind, on an exact match
	setting                        float32
	need, story                    float32
	layman                         float32
	sound                          float32 // homophone.go; 0 reads no slips
	shortScene                     float32 // specific.go
	subjectTrade                   bool    // owntrade_subject.go
	firmFacts                      bool    // history.go
	label                          float32 // titlelabel.go
	negated                        float32 // negation.go
	possession, application        float32 // possession.go
	forPhrase                      float32 // appfor.go
	iface                          float32 // interface.go
	bridgeNeed                     float32 // translate.go
	bag, bagMinScore               float32
	compose                        float32 // compose.go; 0 composes nothing
	bagTop, bagGate                int
	bagTitleInBody                 bool
	names                          bool      // names.go
	profileHeads                   bool      // profilehead.go
	shown                          bagLimits // bagMinScore, bagTop, bagGate when Understand reads
}

type bagLimits struct {
	minScore  float32
	top, gate int
}

func newLeadWeights(t Tuning) leadWeights {
	return leadWeights{
		title:     float32(t.Title),
		expansion: float32(t.Expansion),
		family:    float32(t.Family),
		head:      float32(t.Expansion * t.Head),
		gap: [...]float32{gapShort: float32(t.Gapped), gapLong: float32(t.Gapped * t.LongGap),
			gapLongOne: float32(t.Gapped * t.LongGap), gapReversed: float32(t.Gapped * t.Reversed)},
		setting:        float32(t.Setting),
		need:           orOne(t.NeedWeight),
		story:          orOne(t.StoryWeight),
		layman:         float32(t.Layman),
		sound:          float32(t.Homophone),
		shortScene:     orOne(t.ShortScene),
		subjectTrade:   t.SubjectTrade,
		firmFacts:      t.FirmFacts,
		label:          float32(t.TitleLabel),
		negated:        orOne(t.Negated),
		profileHeads:   t.ProfileHeads,
		possession:     orOne(t.Possession),
		application:    orOne(t.Application),
		forPhrase:      orOne(t.ForPhrase),
		iface:          orOne(t.Interface),
		bridgeNeed:     float32(t.BridgeNeed),
		bag:            float32(t.BagWeight),
		compose:        float32(t.Compose),
		bagMinScore:    float32(t.BagMinScore),
		bagTop:         t.BagTop,
		bagGate:        t.BagGate,
		bagTitleInBody: t.BagTitleInBody,
		names:          t.Names,
		shown:          bagLimits{float32(t.ShownBagMinScore), t.ShownBagTop, t.ShownBagGate},
	}
}

// orOne is a weight that a Tuning written without it (0) leaves at 1.
func orOne(x float64) float32 {
	if x == 0 {
		return 1
	}
	return float32(x)
}

// normalize folds the text to the analyser's alphabet, cut at maxRunes so that a 100 KB paste
// costs no more than a long description.
func (a *analyzer) normalize(s string) []rune {
	rs := make([]rune, 0, min(len(s), a.maxRunes))
	for _, r := range s {
		if len(rs) >= a.maxRunes {
			break
		}
		rs = append(rs, foldRune(r))
	}
	return rs
}

// field analyses one field's text with occurrence weight w; query adds application expansions.
func (a *analyzer) field(rs []rune, w float32, query bool, out []term) []term {
	n0 := len(out)
	for i := 0; i < len(rs); {
		if !isHan(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isHan(rs[j]) {
			j++
		}
		out = a.han(rs, i, j, w, query, out)
		i = j
	}
	lat, brk := latinStream(rs)
	if a.vocab {
		out = a.mixedRuns(rs, w, query, out)
	}
	out = a.latin(lat, brk, w, query, out)
	if a.vocab && query {
		shortScenes(out, n0, a.lw.shortScene)
	}
	if a.sceneBag && query {
		out = a.bagProducts(rs, lat, w, out, n0)
	}
	if a.vocab && query && a.lw.compose > 0 {
		out = a.composeScenes(rs, w, out, n0)
	}
	return out
}

// latinStream returns the Latin tokens of a normalised field and, per token, whether something
// other than a space (a Han character, punctuation) comes before it: a phrase does not cross
// it. A Han run breaks a phrase as punctuation does.
func latinStream(rs []rune) ([]latinTok, []bool) {
	var lat []latinTok
	var brk []bool
	broken := true
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isAlnum(r):
			i, lat, brk = latinRun(rs, i, broken, lat, brk)
			broken = false
		case joinsWords(r):
			i++
		case len(lat) > 0 && !broken && isHan(r) && latinGlueEnd(rs, i) > i:
			i = latinGlueEnd(rs, i) // 的, 要做 between two Latin words (mixed.go)
		default:
			broken = true
			i++
		}
	}
	return lat, brk
}

func isJoiner(r rune) bool { return r == '-' || r == '.' || r == '_' || r == '+' }

// joinsWords reports a character between Latin words that breaks no phrase: a space, and an
// apostrophe (won't, visitors'), as in the vocabulary's surfaces.
func joinsWords(r rune) bool { return r == ' ' || r == '\t' || r == '\'' || r == '’' }

// latinRun reads the run of Latin words starting at rs[i] into lat, marking in brk whether its
// first word follows a break (punctuation or Han text), and returns where the run ends.
func latinRun(rs []rune, i int, broken bool, lat []latinTok, brk []bool) (int, []latinTok, []bool) {
	j := i
	for j < len(rs) && (isAlnum(rs[j]) || isJoiner(rs[j]) && j+1 < len(rs) && isAlnum(rs[j+1])) {
		j++
	}
	n0 := len(lat)
	lat = splitLatin(string(rs[i:j]), i, lat)
	for k := n0; k < len(lat); k++ {
		brk = append(brk, k == n0 && broken)
	}
	return j, lat, brk
}

// han analyses the run rs[s:e] of Han characters.
func (a *analyzer) han(rs []rune, s, e int, w float32, query bool, out []term) []term {
	run := rs[s:e]
	c0 := len(out)
	if a.vocab {
		out = a.hanConcepts(run, s, w, out, a.v.hanConcepts, kConcept, 1)
		if !query && a.lw.profileHeads {
			markModifiers(out, c0)
		}
		if query {
			n0 := len(out)
			out = a.hanConcepts(run, s, w, out, a.v.hanApps, kExpansion, a.lw.expansion)
			out = dropNestedScenes(out, n0)
			g0 := len(out)
			out = a.hanGapped(run, s, w, out, n0)
			out = a.hanSounds(run, s, w, out, c0, g0)
		}
	}
	// Stop words split the run, so no bigram straddles them.
	n0, from := len(out), 0
	for i := 0; i < len(run); {
		if end := a.v.stopHan.longestRunes(run, i); end > i {
			out = a.piece(run, s, from, i, w, out)
			i, from = end, end
			continue
		}
		i++
	}
	out = a.piece(run, s, from, len(run), w, out)
	if query && a.vocab {
		out = a.dropStraddlers(run, s, out, c0, n0)
		if a.lw.names {
			out = a.dropInNames(run, s, out, c0)
		}
	}
	return out
}

// hanConcepts adds a term for every concept (or application) surface found in run. A concept
// found by several overlapping surfaces ("锂电" and "锂电池") counts once, over the longest.
func (a *analyzer) hanConcepts(run []rune, base int, w float32, out []term, t *trie, kind termKind, f float32) []term {
	n0 := len(out)
	out = a.hanConceptHits(run, base, w, out, t, kind, f)
	if kind == kConcept {
		out = dropStraddling(out, n0)
	}
	return out
}

// dropStraddling removes, among out[n0:], a concept found strictly inside a longer concept's
// surface, touching neither of its ends: 电机 in 发电机组 is a generator, not a motor, while 传感器
// in 温度传感器 (its head) stays.
func dropStraddling(out []term, n0 int) []term {
	return dropWhere(out, n0, func(c, x term) bool {
		return x.text != c.text && x.start < c.start && c.end < x.end
	})
}

// dropWhere removes, among out[n0:], each term c for which some other term x of out[n0:] makes
// inside(c, x) true. Every term is judged against all the others before any is removed.
func dropWhere(out []term, n0 int, inside func(c, x term) bool) []term {
	var drop []bool
	for i := n0; i < len(out); i++ {
		d := false
		for j := n0; j < len(out) && !d; j++ {
			d = j != i && inside(out[i], out[j])
		}
		drop = append(drop, d)
	}
	kept := out[:n0]
	for i, d := range drop {
		if !d {
			kept = append(kept, out[n0+i])
		}
	}
	return kept
}

func (a *analyzer) hanConceptHits(run []rune, base int, w float32, out []term, t *trie, kind termKind, f float32) []term {
	type seen struct{ start, end, at int }
	var last map[int32]seen
	for i := range run {
		t.matchRunes(run, i, func(end int, ids []int32) {
			for _, id := range ids {
				if last == nil {
					last = map[int32]seen{}
				}
				if p, ok := last[id]; ok && i < p.end {
					if i == p.start { // a longer surface from the same start: widen the span
						for k := p.at; k < len(out); k++ {
							out[k].end = int32(base + end)
						}
						last[id] = seen{p.start, end, p.at}
					}
					continue
				}
				last[id] = seen{i, end, len(out)}
				out = a.conceptTerms(out, id, kind, w*f, int32(base+i), int32(base+end))
			}
		})
	}
	return out
}

// conceptTerms appends the terms of concept id (kConcept) or of application id (kExpansion).
func (a *analyzer) conceptTerms(out []term, id int32, kind termKind, w float32, s, e int32) []term {
	if kind == kConcept {
		return append(out, term{text: a.v.concepts[id].term, kind: kConcept, w: w, start: s, end: e})
	}
	for _, c := range a.v.apps[id] {
		out = append(out, term{text: a.v.concepts[c].term, kind: kExpansion, w: w, start: s, end: e})
	}
	return out
}

// piece segments run[from:to] (no stop words inside).
func (a *analyzer) piece(run []rune, base, from, to int, w float32, out []term) []term {
	if to <= from {
		return out
	}
	switch a.seg {
	case SegDict:
		return a.dictPiece(run, base, from, to, w, out)
	case SegHybrid:
		out = a.bigrams(run, base, from, to, w, out)
		return a.dictWords(run, base, from, to, w, 3, out)
	}
	return a.bigrams(run, base, from, to, w, out)
}

func (a *analyzer) bigrams(run []rune, base, from, to int, w float32, out []term) []term {
	stop := a.v.stopChars
	for i := from; i < to; i++ {
		r := run[i]
		if stop[r] {
			continue
		}
		alone := (i == from || stop[run[i-1]]) && (i == to-1 || stop[run[i+1]])
		if alone || a.v.unigrams[r] {
			out = append(out, term{text: string(run[i : i+1]), kind: kHan, w: w, start: int32(base + i), end: int32(base + i + 1)})
		}
		if i+1 < to && !stop[run[i+1]] {
			out = append(out, term{text: string(run[i : i+2]), kind: kHan, w: w, start: int32(base + i), end: int32(base + i + 2)})
		}
	}
	return out
}

// dictPiece is forward maximum matching: the longest dictionary word at each position, and
// bigrams over the stretches between words.
func (a *analyzer) dictPiece(run []rune, base, from, to int, w float32, out []term) []term {
	oov := -1
	sub := run[:to]
	for i := from; i < to; {
		end := a.v.dict.longestRunes(sub, i)
		if end-i >= 2 || end-i == 1 && a.v.unigrams[run[i]] {
			if oov >= 0 {
				out = a.bigrams(run, base, oov, i, w, out)
				oov = -1
			}
			out = append(out, term{text: string(run[i:end]), kind: kHan, w: w, start: int32(base + i), end: int32(base + end)})
			i = end
			continue
		}
		if oov < 0 {
			oov = i
		}
		i++
	}
	if oov >= 0 {
		out = a.bigrams(run, base, oov, to, w, out)
	}
	return out
}

// dictWords adds the dictionary words of at least minLen characters found by forward maximum
// matching (the hybrid segmenter's extra terms).
func (a *analyzer) dictWords(run []rune, base, from, to int, w float32, minLen int, out []term) []term {
	sub := run[:to]
	for i := from; i < to; {
		end := a.v.dict.longestRunes(sub, i)
		if end-i >= minLen {
			out = append(out, term{text: string(run[i:end]), kind: kHan, w: w, start: int32(base + i), end: int32(base + end)})
			i = end
			continue
		}
		i++
	}
	return out
}

// latin emits the terms of the Latin tokens of a field, after looking for concept phrases
// ("lithium ion battery") in the unfiltered stream.
func (a *analyzer) latin(lat []latinTok, brk []bool, w float32, query bool, out []term) []term {
	if a.vocab && len(lat) > 0 {
		from := len(out)
		out = a.latinPhrases(lat, brk, w, out, a.v.latinConcepts, kConcept, 1)
		if query {
			n0 := len(out)
			out = a.latinPhrases(lat, brk, w, out, a.v.latinApps, kExpansion, a.lw.expansion)
			out = a.latinGapped(lat, brk, w, out, n0)
			out = a.latinFronted(lat, brk, w, out, n0)
			out = a.headTerms(lat, w, out, from)
		}
	}
	for i := 0; i < len(lat); i++ {
		t := lat[i]
		s, e := int32(t.start), int32(t.end)
		switch t.kind {
		case latinWord:
			if len(t.text) < 2 || a.v.stopEn[t.text] {
				continue
			}
			out = append(out, term{text: t.text, kind: kWord, w: w, start: s, end: e})
		case latinNumber:
			if i+1 < len(lat) && !brk[i+1] && lat[i+1].kind == latinWord && units[lat[i+1].text] {
				out = append(out, term{text: t.text + lat[i+1].text, kind: kUnit, w: w, start: s, end: int32(lat[i+1].end)})
				i++
				continue
			}
			if len(t.text) >= 4 {
				out = append(out, term{text: t.text, kind: kNumber, w: w, start: s, end: e})
			}
		case latinModel:
			if isUnitQuantity(t.text) {
				out = append(out, term{text: t.text, kind: kUnit, w: w, start: s, end: e})
				continue
			}
			out = append(out, term{text: t.text, kind: kModel, w: w, start: s, end: e})
			if f := modelFamily(t.text); f != "" {
				fw := w
				if query {
					fw *= a.lw.family
				}
				out = append(out, term{text: f, kind: kFamily, w: fw, start: s, end: e})
			}
		}
	}
	return out
}

func (a *analyzer) latinPhrases(lat []latinTok, brk []bool, w float32, out []term, t *trie, kind termKind, f float32) []term {
	for i := range lat {
		a.latinNodes(t, lat, brk, i, len(lat), func(j int, n int32) {
			p := t.pay[n]
			if p == 0 || t == a.v.latinApps && a.v.aspectClash(n, lat[i:j+1]) {
				return
			}
			for _, id := range t.lists[p-1] {
				n0 := len(out)
				out = a.conceptTerms(out, id, kind, w*f, int32(lat[i].start), int32(lat[j].end))
				if kind == kExpansion && a.v.latinAppNodes[n].folded {
					out = dropRepeated(out, n0)
				}
			}
		})
	}
	return out
}

// latinNodes walks t along the words of lat from lat[from] (at most limit of them), calling
// fn with each word's index and the trie node reached after it; the walk stops at a break, a
// word no surface has, or where no surface goes on.
func (a *analyzer) latinNodes(t *trie, lat []latinTok, brk []bool, from, limit int, fn func(j int, n int32)) {
	n := int32(0)
	for j := from; j < len(lat) && j < from+limit; j++ {
		if j > from && brk[j] {
			return
		}
		sym, ok := a.v.latinSyms[lat[j].text]
		if !ok {
			return
		}
		if n, ok = t.step(n, sym); !ok {
			return
		}
		fn(j, n)
	}
}

// dropRepeated removes, among out[n0:], a term already in out over the same words: two scene
// phrases written apart ("running on diesel", "runs on diesel") are one phrase once their words
// are read as lemmas, and the product they both call for counts once. (A phrase written the
// same in two places keeps counting twice, as it did before the lemma layer.)
func dropRepeated(out []term, n0 int) []term {
	kept := out[:n0]
	for _, t := range out[n0:] {
		dup := false
		for k := len(kept) - 1; k >= 0 && !dup; k-- {
			o := kept[k]
			dup = o.text == t.text && o.kind == t.kind && o.start == t.start && o.end == t.end
		}
		if !dup {
			kept = append(kept, t)
		}
	}
	return kept
}

// weighted is a term of a document or query with its summed weight.
type weighted struct {
	text string
	kind termKind
	peer bool // one of the buyer's own products (peer.go)
	w    float32
}

// merge sums the occurrences of each term; the kind kept is the strongest (a concept the buyer
// named beats the same concept reached through an application phrase). The result is sorted by
// text, so a lead always compiles to the same ordered query.
func merge(ts []term) []weighted {
	if len(ts) == 0 {
		return nil
	}
	idx := make(map[string]int, len(ts))
	var out []weighted
	for _, t := range ts {
		if i, ok := idx[t.text]; ok {
			out[i].w += t.w
			if kindRank(t.kind) > kindRank(out[i].kind) {
				out[i].kind = t.kind
			}
			continue
		}
		idx[t.text] = len(out)
		out = append(out, weighted{text: t.text, kind: t.kind, w: t.w})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].text < out[j].text })
	return out
}

// kindRank orders kinds by strength for merge: a term the buyer wrote, in whatever form, beats
// the same term reached through the bridge.
func kindRank(k termKind) int {
	if k == kTrans {
		return -1
	}
	return int(k)
}

// queryWeight dampens repetition: a term written five times is not five times the evidence.
func queryWeight(w float32) float32 {
	if w <= 1 {
		return w
	}
	return float32(1 + math.Log(float64(w)))
}

// dropNestedScenes removes, among out[n0:], a scene read over words that a longer scene phrase
// of the run covers, unless the longer one calls for its product too: 换电 (battery swapping)
// inside 换电动货车, 断电 (a power cut) inside 诊断电脑. The longer phrase is the more specific
// reading (cluster inference counts it alone already, clustervotes.go). Measured on the dev
// sets: every set within ±0.002.
func dropNestedScenes(out []term, n0 int) []term {
	covers := func(x, c term) bool { return x.start <= c.start && c.end <= x.end }
	terms := out[n0:]
	return dropWhere(out, n0, func(c, x term) bool {
		if !covers(x, c) || x.end-x.start <= c.end-c.start {
			return false
		}
		// A nested scene calling for a product the longer one calls for too is the same reading.
		for _, y := range terms {
			if y.text == c.text && covers(y, c) && (y.start != c.start || y.end != c.end) {
				return false
			}
		}
		return true
	})
}
