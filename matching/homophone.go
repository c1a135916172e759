package matching

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Buyers type on a phone, by pinyin or by voice, and the phone picks a character that sounds
// right and means something else: 食堂有烟 for 食堂油烟, 空呀机 for 空压机, 厂房楼水 for 厂房漏水. The
// analyser matches scene phrases and product names by their characters, so one such slip loses
// the whole phrase. The homophone reader hears what the characters matching missed: a stretch of
// a lead that reads, without tones, like a scene phrase or a product name of the vocabulary and
// differs from it in one character (two in a phrase of six or more) counts as that phrase, as
// weaker evidence (Tuning.Homophone), and the explanation says how it was heard ("空呀机 ≈ 空压机").
//
// Chinese has many homophones, so a hit must pass every gate that tells a slip from a real word:
// the phrase has three or more characters (two-character ones sound like too many real words);
// the slipped characters are not read by any concept or scene phrase of the lead already; no real
// word covers a slipped character (the segmenter's dictionary, the vocabulary's surfaces and
// CC-CEDICT's headwords: 露水 is dew, not a leak); and only leads are read this way, never
// profiles, which firms write with care.

//go:embed data/bridge/pinyin.tsv
var pinyinTSV string

//go:embed data/bridge/zh_words.txt
var zhWords string

const (
	pinyinFirst = 0x4E00 // the table covers the CJK Unified Ideographs
	pinyinLast  = 0x9FFF
	// soundMinRunes is the shortest phrase heard by its sound.
	soundMinRunes = 3
	// soundMaxRunes is the longest stretch of a lead heard at once.
	soundMaxRunes = 10
	// soundPrefixBits sizes the bitset of the keys' prefixes that cuts a lead's walk short:
	// 2^20 bits were ~40 % full and let most walks on (+15 % ranking p99 at 10^5 profiles).
	soundPrefixBits = 22
)

// pinyinTable holds the toneless readings of the CJK Unified Ideographs: up to two syllable
// numbers (1-based, 0 for none) a character, most common first.
type pinyinTable struct {
	reads [pinyinLast - pinyinFirst + 1][2]uint16
}

var pinyinReadings = sync.OnceValue(func() *pinyinTable {
	t := new(pinyinTable)
	syl := uint16(0)
	for _, line := range strings.Split(pinyinTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		syl++
		for k, chars := range f[1:] { // the usual reading, then the second
			for _, r := range chars {
				if r >= pinyinFirst && r <= pinyinLast {
					t.reads[r-pinyinFirst][k] = syl
				}
			}
		}
	}
	return t
})

// of returns the readings of r (none for a character outside the table).
func (t *pinyinTable) of(r rune) [2]uint16 {
	if r < pinyinFirst || r > pinyinLast {
		return [2]uint16{}
	}
	return t.reads[r-pinyinFirst]
}

// heardAs reports whether written, read its usual way, sounds like one reading of meant: a
// phone offers a character for the syllable typed or spoken by the reading most people give it
// (了 is le, never 料's liao).
func (t *pinyinTable) heardAs(written, meant rune) bool {
	s, m := t.of(written)[0], t.of(meant)
	return s != 0 && (s == m[0] || s == m[1])
}

const (
	soundSeed  = 14695981039346656037
	soundPrime = 1099511628211
)

func soundStep(h uint64, syl uint16) uint64 { return (h ^ uint64(syl)) * soundPrime }

func runeHash(rs []rune) uint64 {
	h := uint64(soundSeed)
	for _, r := range rs {
		h = (h ^ uint64(r)) * soundPrime
	}
	return h
}

// soundIndex maps the sound of every Han scene phrase and product name of the vocabulary to the
// phrase. Flat sorted arrays rather than a trie keep it small (about 2 MB for 44,000 phrases); a
// key is a 32-bit hash, and every hit is checked against the phrase itself.
type soundIndex struct {
	keys   []uint32 // the sound of a phrase, sorted: its usual readings, or one character read its second way
	refs   []int32  // parallel to keys: the phrase, ^index for a scene phrase
	forms  string   // the phrases, one after another
	at     []int32  // phrase i is forms[at[i]:at[i+1]] (bytes)
	prefix []uint64 // bitset of the sounds of the phrases' first two or more characters
	words  []uint32 // sorted hashes of CC-CEDICT's headwords: real words, never slips
	py     *pinyinTable
}

// buildSoundIndex indexes the Han surfaces of the concept and scene tries. A lead is heard by
// its characters' usual readings; a phrase is indexed by its characters' usual readings and, for
// each character with a second one, by that reading too (重 of 重复 is chong, not zhong), since the
// slipped character is the one whose reading the phone heard.
func (v *Vocabulary) buildSoundIndex() {
	py := pinyinReadings()
	x := &soundIndex{py: py, prefix: make([]uint64, 1<<soundPrefixBits/64), at: []int32{0}}
	type entry struct {
		key uint32
		ref int32
	}
	var entries []entry
	var forms strings.Builder
	for k, t := range []*trie{v.hanConcepts, v.hanApps} {
		eachTrieWord(t, func(rs []rune) {
			if len(rs) < soundMinRunes || len(rs) > soundMaxRunes {
				return
			}
			for _, r := range rs {
				if py.of(r)[0] == 0 {
					return
				}
			}
			i := int32(len(x.at) - 1)
			forms.WriteString(string(rs))
			x.at = append(x.at, int32(forms.Len()))
			ref := i
			if k == 1 {
				ref = ^i
			}
			for second := -1; second < len(rs); second++ { // -1: every character its usual way
				if second >= 0 && py.of(rs[second])[1] == 0 {
					continue
				}
				h := uint64(soundSeed)
				for n, r := range rs {
					rd := py.of(r)
					s := rd[0]
					if n == second {
						s = rd[1]
					}
					h = soundStep(h, s)
					if n >= 1 {
						x.setPrefix(h)
					}
				}
				entries = append(entries, entry{key32(h), ref})
			}
		})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return int(a.ref - b.ref)
	})
	entries = slices.Compact(entries)
	x.keys = make([]uint32, len(entries))
	x.refs = make([]int32, len(entries))
	for i, e := range entries {
		x.keys[i], x.refs[i] = e.key, e.ref
	}
	x.forms = strings.Clone(forms.String()) // without the builder's spare capacity
	x.at = slices.Clone(x.at)
	x.words = cedictWords()
	v.sound = x
}

func key32(h uint64) uint32 { return uint32(h>>32 ^ h) }

func (x *soundIndex) setPrefix(h uint64) {
	b := h >> (64 - soundPrefixBits)
	x.prefix[b>>6] |= 1 << (b & 63)
}

func (x *soundIndex) hasPrefix(h uint64) bool {
	b := h >> (64 - soundPrefixBits)
	return x.prefix[b>>6]&(1<<(b&63)) != 0
}

func (x *soundIndex) form(ref int32) string {
	if ref < 0 {
		ref = ^ref
	}
	return x.forms[x.at[ref]:x.at[ref+1]]
}

// cedictWords returns the sorted hashes of CC-CEDICT's headwords (data/bridge/zh_words.txt).
func cedictWords() []uint32 {
	var out []uint32
	for data := zhWords; len(data) > 0; {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		if line == "" || line[0] == '#' {
			continue
		}
		out = append(out, key32(runeHash([]rune(line))))
	}
	slices.Sort(out)
	return slices.Clone(slices.Compact(out))
}

// eachTrieWord calls fn with every word of t.
func eachTrieWord(t *trie, fn func([]rune)) {
	type edge struct {
		parent int32
		sym    rune
	}
	par := make([]edge, len(t.pay))
	for k, c := range t.next {
		par[c] = edge{int32(k >> 32), rune(uint32(k))}
	}
	var buf []rune
	for n := 1; n < len(t.pay); n++ {
		if t.pay[n] == 0 {
			continue
		}
		buf = buf[:0]
		for m := int32(n); m != 0; m = par[m].parent {
			buf = append(buf, par[m].sym)
		}
		slices.Reverse(buf)
		fn(buf)
	}
}

// soundHit is a stretch of a lead heard as a phrase of the vocabulary.
type soundHit struct {
	start, end int // in the run
	ref        int32
}

// soundHits finds, in run, the stretches heard as a phrase that the characters did not match.
// covered marks the run's characters read by a concept or a scene phrase already.
func (a *analyzer) soundHits(run []rune, covered []bool, fn func(h soundHit)) {
	x := a.v.sound
	py := x.py
	var emitted []soundHit
	for i := range run {
		h := uint64(soundSeed)
		for j := i; j < len(run) && j-i < soundMaxRunes; j++ {
			s := py.of(run[j])[0]
			if s == 0 {
				break
			}
			h = soundStep(h, s)
			if j > i && !x.hasPrefix(h) {
				break
			}
			if j+1-i < soundMinRunes {
				continue
			}
			key := key32(h)
			k, _ := slices.BinarySearch(x.keys, key)
			for ; k < len(x.keys) && x.keys[k] == key; k++ {
				hit := soundHit{i, j + 1, x.refs[k]}
				if slices.Contains(emitted, hit) || !a.slipOf(run, hit, covered) {
					continue
				}
				emitted = append(emitted, hit)
				fn(hit)
			}
		}
	}
}

// slipOf reports whether run[h.start:h.end] is the phrase h.ref with a slip or two: the same
// length and sound, one differing character (two from six characters on), each differing one
// read by no term of the lead, no function character (的, 了, 和: a particle after a phrase is
// no slip of its last character) and inside no real word.
func (a *analyzer) slipOf(run []rune, h soundHit, covered []bool) bool {
	x := a.v.sound
	f := x.form(h.ref)
	if utf8.RuneCountInString(f) != h.end-h.start {
		return false
	}
	maxDiff := 1
	if h.end-h.start >= 6 {
		maxDiff = 2
	}
	diff, p := 0, h.start-1
	for _, r := range f {
		p++
		if run[p] == r {
			continue
		}
		diff++
		if diff > maxDiff || covered[p] || a.v.stopChars[run[p]] || !x.py.heardAs(run[p], r) || a.inRealWord(run, p) {
			return false
		}
	}
	return diff > 0
}

// inRealWord reports whether a word of two or more characters covers run[p]: one of the
// segmenter's dictionary (which holds every surface of the vocabulary) or of CC-CEDICT.
func (a *analyzer) inRealWord(run []rune, p int) bool {
	const longest = 6
	for s := max(0, p-longest+1); s <= p; s++ {
		found := false
		a.v.dict.matchRunes(run[:min(len(run), s+longest)], s, func(end int, _ []int32) {
			found = found || end > p && end-s >= 2
		})
		if found {
			return true
		}
		for e := max(p+1, s+2); e <= min(len(run), s+longest); e++ {
			if _, ok := slices.BinarySearch(a.v.sound.words, key32(runeHash(run[s:e]))); ok {
				return true
			}
		}
	}
	return false
}

// hanSounds adds the terms of the phrases heard in run (rs[base:base+len(run)]): concepts for a
// product name, the products a scene phrase calls for, each marked sound and weighted
// Tuning.Homophone. out[c0:g0] are the run's concepts and scene phrases read by their
// characters; out[g0:] the scenes read with a gap, whose gap no phrase reads ("车间…太吵" over
// 车间的空呀机太吵 leaves 空呀机 to be heard).
func (a *analyzer) hanSounds(run []rune, base int, w float32, out []term, c0, g0 int) []term {
	if a.lw.sound == 0 || a.v.sound == nil || len(run) < soundMinRunes {
		return out
	}
	var buf [64]bool
	covered := buf[:0]
	if len(run) > len(buf) {
		covered = make([]bool, 0, len(run))
	}
	covered = covered[:len(run)]
	clear(covered)
	for _, t := range out[c0:g0] {
		if t.kind == kConcept || t.kind == kExpansion {
			for p := int(t.start) - base; p < int(t.end)-base; p++ {
				covered[p] = true
			}
		}
	}
	n0 := len(out)
	a.soundHits(run, covered, func(h soundHit) {
		s, e := int32(base+h.start), int32(base+h.end)
		f := a.v.sound.form(h.ref)
		if h.ref >= 0 {
			for _, id := range trieVals(a.v.hanConcepts, []rune(f)) {
				out = append(out, term{text: a.v.concepts[id].term, kind: kConcept, sound: true, w: w * a.lw.sound, start: s, end: e})
			}
			return
		}
		for _, id := range trieVals(a.v.hanApps, []rune(f)) {
			k := len(out)
			out = a.conceptTerms(out, id, kExpansion, w*a.lw.expansion*a.lw.sound, s, e)
			for ; k < len(out); k++ {
				out[k].sound = true
			}
		}
	})
	// A stretch heard inside a longer heard one of its kind is the same slip read twice.
	return dropWhere(out, n0, func(c, x term) bool {
		return x.kind == c.kind && x.start <= c.start && c.end <= x.end && x.end-x.start > c.end-c.start
	})
}

// trieVals returns the payload of the word rs of t.
func trieVals(t *trie, rs []rune) []int32 {
	n := int32(0)
	for _, r := range rs {
		var ok bool
		if n, ok = t.step(n, r); !ok {
			return nil
		}
	}
	if p := t.pay[n]; p != 0 {
		return t.lists[p-1]
	}
	return nil
}

// HeardAs returns the phrase of the vocabulary a lead's words were heard as ("空呀机" →
// "空压机"), or "" when they are not a slip of one.
func (v *Vocabulary) HeardAs(words string) string {
	if v.sound == nil {
		return ""
	}
	run := []rune(words)
	if len(run) < soundMinRunes || len(run) > soundMaxRunes {
		return ""
	}
	a := analyzer{v: v}
	heard := ""
	a.soundHits(run, make([]bool, len(run)), func(h soundHit) {
		if heard == "" && h.start == 0 && h.end == len(run) {
			heard = v.sound.form(h.ref)
		}
	})
	return heard
}

// heard shows a term heard by its sound as the buyer's words and the phrase they were heard as:
// "食堂有烟 ≈ 食堂油烟".
func (lt *leadText) heard(f int, t term) string {
	words := lt.display(f, t.start, t.end)
	if lt.v == nil || int(t.end) > len(lt.fields[f]) {
		return words
	}
	if h := lt.v.HeardAs(string(lt.fields[f][t.start:t.end])); h != "" {
		return words + GuessArrow + h
	}
	return words
}
