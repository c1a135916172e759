package matching

// Buyers who describe a scene rarely write it the way the vocabulary lists it: "仓库的货想让车
// 自己搬" for 货让车自己搬, "油烟实在太大" for 油烟太大. A scene phrase of three or more
// characters also matches with up to maxGap characters written into it, once its first two
// characters have matched: an expansion at gappedWeight of an exact one. Leads only (scenes are
// read from leads only), so the index is unchanged.

const (
	maxGap       = 2
	gappedWeight = 0.8
)

// hanGapped adds the scene expansions found in run with characters written into them, for the
// scenes not already found exactly over the same start (out[from:] holds the exact ones).
func (a *analyzer) hanGapped(run []rune, base int, w float32, out []term, from int) []term {
	t := a.v.hanApps
	type hit struct {
		app int32
		end int
	}
	for i := range run {
		var hits []hit
		var walk func(n int32, j, depth, gaps int)
		walk = func(n int32, j, depth, gaps int) {
			if j >= len(run) {
				return
			}
			if c, ok := t.step(n, run[j]); ok {
				if p := t.pay[c]; p != 0 && gaps > 0 {
					for _, id := range t.lists[p-1] {
						hits = append(hits, hit{app: id, end: j + 1})
					}
				}
				walk(c, j+1, depth+1, gaps)
			}
			if depth >= 2 && gaps < maxGap {
				walk(n, j+1, depth, gaps+1)
			}
		}
		walk(0, i, 0, 0)
		if len(hits) == 0 {
			continue
		}
		seen := map[int32]bool{}
		for _, h := range hits {
			if seen[h.app] || a.foundAt(out[from:], h.app, int32(base+i)) {
				continue
			}
			seen[h.app] = true
			out = a.conceptTerms(out, h.app, kExpansion, w*expansionWeight*gappedWeight, int32(base+i), int32(base+h.end))
		}
	}
	return out
}

// foundAt reports whether the application's first concept was already added from start.
func (a *analyzer) foundAt(ts []term, app int32, start int32) bool {
	cs := a.v.apps[app]
	if len(cs) == 0 {
		return true
	}
	name := a.v.concepts[cs[0]].term
	for _, t := range ts {
		if t.start == start && t.text == name {
			return true
		}
	}
	return false
}

// latinGapped is hanGapped for English scene phrases: "move the pallets" and "move heavy
// pallets" meet "move pallets". Words may be written in after the phrase's first word, up to
// maxGap, within one stretch of text (not across punctuation).
func (a *analyzer) latinGapped(lat []latinTok, brk []bool, w float32, out []term, from int) []term {
	t := a.v.latinApps
	for i := range lat {
		first, ok := a.v.latinSyms[lat[i].text]
		if !ok {
			continue
		}
		n0, ok := t.step(0, first)
		if !ok {
			continue
		}
		type hit struct {
			app int32
			end int
		}
		var hits []hit
		var walk func(n int32, j, gaps int)
		walk = func(n int32, j, gaps int) {
			if j >= len(lat) || brk[j] {
				return
			}
			if sym, ok := a.v.latinSyms[lat[j].text]; ok {
				if c, ok := t.step(n, sym); ok {
					if p := t.pay[c]; p != 0 && gaps > 0 {
						for _, id := range t.lists[p-1] {
							hits = append(hits, hit{id, j})
						}
					}
					walk(c, j+1, gaps)
				}
			}
			if gaps < maxGap {
				walk(n, j+1, gaps+1)
			}
		}
		walk(n0, i+1, 0)
		seen := map[int32]bool{}
		for _, h := range hits {
			if seen[h.app] || a.foundAt(out[from:], h.app, int32(lat[i].start)) {
				continue
			}
			seen[h.app] = true
			out = a.conceptTerms(out, h.app, kExpansion, w*expansionWeight*gappedWeight, int32(lat[i].start), int32(lat[h.end].end))
		}
	}
	return out
}
