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
