package matching

// English puts a participle before its noun where a scene phrase puts the verb after it:
// "broken belts", "clogged drains", "leaking roof", "worn bearings" for the vocabulary's "belt
// breaks", "drains clog", "roof leaking", "bearings wear". With every word read as its lemma
// the two orders differ only in where the verb stands, so a scene phrase of a noun part and a
// final verb also matches the verb written first as a participle, then the noun part (one word
// may stand between them: "broken conveyor belts"). Leads only, at the weight of a reversed
// scene (gapReversed).
//
// A present participle before a noun may say something done to the noun ("damaging goods"); it
// reads as the noun's own action ("leaking roof") only against a phrase whose verb is not
// written as a past form ("goods damaged"), so those are left out.

// maxFrontedNoun bounds the words of the noun part; maxFrontedSkip the words between the
// participle and the noun part.
const (
	maxFrontedNoun = 3
	maxFrontedSkip = 1
)

// latinFronted adds the scene expansions of phrases met with their verb fronted as a
// participle, for the scenes not already found from the same start (out[from:] holds them).
func (a *analyzer) latinFronted(lat []latinTok, brk []bool, w float32, out []term, from int) []term {
	t := a.v.latinApps
	for i, v := range lat {
		if v.aspect == aspectNone || v.kind != latinWord {
			continue
		}
		verb, ok := a.v.latinSyms[v.text]
		if !ok {
			continue
		}
		for s := i + 1; s <= i+1+maxFrontedSkip && s < len(lat); s++ {
			if brk[s] || s > i+1 && a.v.stopEn[lat[s-1].text] {
				break
			}
			a.latinNodes(t, lat, brk, s, maxFrontedNoun, func(j int, n int32) {
				c, ok := t.step(n, verb)
				if !ok || t.pay[c] == 0 || v.aspect == aspectIng && a.v.latinAppNodes[c].lastPast {
					return
				}
				for _, id := range t.lists[t.pay[c]-1] {
					if a.foundAt(out[from:], id, int32(lat[s].start)) || a.foundAt(out[from:], id, int32(v.start)) {
						continue
					}
					n0 := len(out)
					out = a.conceptTerms(out, id, kExpansion, w*a.lw.expansion*a.lw.gap[gapReversed], int32(v.start), int32(lat[j].end))
					out = dropRepeated(out, n0)
				}
			})
		}
	}
	return out
}
