package matching

// A place name is where the buyer is or ships to, never what it needs, yet its characters and
// words read like any others: 马达加斯加 (Madagascar) holds 马达 (motor) and read as a motor lead,
// and "Dubai Marina", a district, made the scene bag's "marina" a marine-engineering lead. The
// scene bag reads bigrams and words that no phrase covers, so such accidents reach it first;
// with Tuning.Names it reads no key inside a place name of data/places.tsv (countries, and the
// cities and ports buyers name) nor a bigram straddling its edge (在迪, 拜客), and no capitalised
// name inside an English sentence (properNames). A two-character place name is one word and a
// key of its own (a phrase may name the place): only its straddlers go. A place name of three
// or more characters holds no concept and no bigram of the lead either (dropInNames). The name
// still routes the lead (CountryIn reads the text as written).

// bagKeyable marks, for every i, whether rs[i:i+2] may be a Han key of the scene bag.
func (a *analyzer) bagKeyable(rs []rune) []bool {
	ok := make([]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		ok[i] = a.v.bagBigram(rs, i)
	}
	names := a.v.places.names
	if !a.lw.names || names == nil {
		return ok
	}
	for i := range rs {
		if !isHan(rs[i]) {
			continue
		}
		end := names.longestRunes(rs, i)
		if end == i {
			continue
		}
		from, to := i, end-1 // bigrams that start within the name, and the one that leaves it
		if end-i == 2 {
			from = i + 1
		}
		if i > 0 {
			ok[i-1] = false // the one that enters it
		}
		for k := from; k < to; k++ {
			ok[k] = false
		}
		if to < len(ok) {
			ok[to] = false
		}
	}
	return ok
}

// latinPlaces marks the tokens of lat that spell a place name of one to four words.
func (a *analyzer) latinPlaces(rs []rune, lat []latinTok) []bool {
	if !a.lw.names || len(a.v.places.latin) == 0 {
		return nil
	}
	var mark []bool
	for i := range lat {
		name := ""
		for n := 0; n < 4 && i+n < len(lat); n++ {
			t := lat[i+n]
			if t.kind != latinWord {
				break
			}
			if n > 0 {
				if t.start != lat[i+n-1].end+1 || rs[t.start-1] != ' ' {
					break
				}
				name += " "
			}
			name += string(rs[t.start:t.end])
			if _, ok := a.v.places.latin[name]; ok {
				if mark == nil {
					mark = make([]bool, len(lat))
				}
				for k := i; k <= i+n; k++ {
					mark[k] = true
				}
			}
		}
	}
	return mark
}

// A capitalised word inside an English sentence is a name: "Dubai Marina" is a district, not a
// marina, "Inmetro" an agency, "VW Gol" a car. Written as the buyer wrote it (normalising folds
// the case away), properNames marks the runes of such words: a capital, then lower-case letters
// only (LED, PCB and PoE are no names), neither first in the field nor after the end of a
// sentence. A field whose words are mostly capitalised is written in title case, and its
// capitals say nothing.

// properNames returns, for the first n runes of raw, whether each lies in a proper name; nil when
// none does.
func properNames(raw string, n int) []bool {
	rs := []rune(raw)
	if len(rs) > n {
		rs = rs[:n]
	}
	type word struct{ s, e int }
	var words, caps []word
	for i := 0; i < len(rs); {
		if !isASCIILetter(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isASCIILetter(rs[j]) {
			j++
		}
		w := word{i, j}
		words = append(words, w)
		if j-i >= 2 && rs[i] >= 'A' && rs[i] <= 'Z' && lowerOnly(rs[i+1:j]) && !sentenceStart(rs, i) {
			caps = append(caps, w)
		}
		i = j
	}
	if len(caps) == 0 || 2*len(caps) >= len(words) {
		return nil
	}
	mark := make([]bool, len(rs))
	for _, w := range caps {
		for k := w.s; k < w.e; k++ {
			mark[k] = true
		}
	}
	return mark
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func lowerOnly(rs []rune) bool {
	for _, r := range rs {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// sentenceStart reports whether the word at rs[i] opens the field or a sentence.
func sentenceStart(rs []rune, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch r := rs[k]; {
		case r == ' ' || r == '\t' || r == '"' || r == '\'' || r == '“' || r == '(' || r == '（' || r == '-' || r == '–':
			continue
		case r == '.' || r == '!' || r == '?' || r == ':' || r == '\n' || r == '。' || r == '！' || r == '？' || r == '：':
			return true
		default:
			return false
		}
	}
	return true
}

// cased returns a copy of the analyser that knows the proper names of the field written raw.
func (a *analyzer) cased(raw string) *analyzer {
	if !a.lw.names || !a.sceneBag {
		return a
	}
	b := *a
	b.proper = properNames(raw, a.maxRunes)
	return &b
}

// dropInNames removes, among out[c0:], the lead's terms found strictly inside a place name of
// three or more characters of the Han run (at rune offset base): 马达加斯加 names no 马达 (motor),
// neither as a concept nor as a bigram a supplier's text would meet. A name of two characters
// is one word and holds nothing.
func (a *analyzer) dropInNames(run []rune, base int, out []term, c0 int) []term {
	names := a.v.places.names
	if names == nil || len(out) == c0 {
		return out
	}
	var spans [][2]int32
	for i := range run {
		if end := names.longestRunes(run, i); end-i >= 3 {
			spans = append(spans, [2]int32{int32(base + i), int32(base + end)})
		}
	}
	if spans == nil {
		return out
	}
	kept := out[:c0]
	for _, t := range out[c0:] {
		inside := false
		for _, s := range spans {
			if s[0] <= t.start && t.end <= s[1] && t.end-t.start < s[1]-s[0] {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, t)
		}
	}
	return kept
}
