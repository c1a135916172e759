package matching

// A place name is where the buyer is or ships to, never what it needs, yet its characters and
// words make keys of the scene bag like any other: 马达加斯加 (Madagascar) holds 马达 (motor) and
// read as a motor lead, "Dubai" sits in phrases of projects in the Gulf. The bag reads no key
// inside a place name of data/places.tsv (countries, and the cities and ports buyers name), nor a
// bigram that straddles its edge (在迪, 拜客). A two-character name is one key and no part of a
// longer word: only its straddlers go, so a scene phrase that names the place itself still
// counts. Only the bag: a name the buyer writes still routes the lead (CountryIn) and meets a
// supplier who writes it.

// bagKeyable marks, for every i, whether rs[i:i+2] may be a Han key of the scene bag.
func (a *analyzer) bagKeyable(rs []rune) []bool {
	ok := make([]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		ok[i] = a.v.bagBigram(rs, i)
	}
	names := a.v.places.names
	if !a.lw.bagNames || names == nil {
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
	if !a.lw.bagNames || len(a.v.places.latin) == 0 {
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
	if !a.lw.bagNames || !a.sceneBag {
		return a
	}
	b := *a
	b.proper = properNames(raw, a.maxRunes)
	return &b
}
