package matching

import "slices"

// Overseas buyers rarely write a product the way a catalogue phrase does: "robots to move our
// pallets" names no "mobile robot", "an exhaust purifier for the kitchen" no "kitchen fume
// purifier". The last word of an English concept phrase is its head noun; where that noun
// belongs to one concept only and says something specific (purifier, dehumidifier, electrolyser,
// not system or machine), a lead using it alone is weak evidence for the concept: an expansion
// at Tuning.Head of a scene's (leadWeights.head). Leads only, like every expansion, so the index
// is unchanged.

// genericHeads are head nouns that name a kind of thing, not a product.
var genericHeads = map[string]bool{
	"system": true, "equipment": true, "machine": true, "service": true, "device": true, "solution": true,
	"product": true, "material": true, "part": true, "unit": true, "module": true, "line": true, "plant": true,
	"station": true, "board": true, "control": true, "management": true, "design": true, "film": true,
	"component": true, "assembly": true, "processing": true, "treatment": true, "supply": true, "power": true,
	"software": true, "platform": true, "technology": true, "kit": true, "set": true, "work": true, "works": true,
	"development": true, "monitoring": true, "testing": true, "test": true, "inspection": true,
	"consulting": true, "manufacturing": true, "production": true, "application": true, "tool": true, "cell": true,
	"chip": true, "sensor": true, "panel": true, "light": true, "room": true, "center": true, "centre": true,
	"vehicle": true, "truck": true, "robot": true, "motor": true, "battery": true, "storage": true, "energy": true,
	"network": true, "data": true, "parts": true, "detection": true, "recognition": true, "reduction": true,
	"protection": true, "analysis": true, "generation": true, "printing": true, "fabric": true, "wear": true,
	"clothing": true, "shirt": true, "bag": true, "cable": true, "wire": true, "pipe": true, "plate": true,
	"thing": true, "research": true, "transport": true, "installation": true, "integration": true, "operation": true,
	"planning": true, "structure": true, "profile": true, "human": true, "reality": true, "intelligence": true,
	"grade": true, "guide": true, "medicine": true, "housing": true, "fitting": true, "insert": true, "disposal": true,
	"counter": true, "model": true, "number": true, "sheet": true, "metal": true, "support": true, "search": true,
	"content": true, "contract": true, "security": true, "building": true, "scale": true, "transfer": true,
	"replacement": true, "positioning": true, "tracking": true, "water": true, "waste": true, "display": true,
	"electronic": true, "electrical": true, "vision": true, "computer": true, "communication": true, "clock": true,
	"record": true, "records": true, "report": true, "reports": true,
}

func (v *Vocabulary) addModifiers(syms []int32, concepts []int32) {
	if v.modifiers == nil {
		v.modifiers = map[int32][]int32{}
	}
	for _, s := range syms {
		for _, c := range concepts {
			if !slices.Contains(v.modifiers[s], c) {
				v.modifiers[s] = append(v.modifiers[s], c)
			}
		}
	}
}

// pruneHeads keeps the head nouns worth reading alone: of one concept, not generic, not a stop
// word, not a surface of their own (those are matched anyway), and not a modifier in a phrase
// of another cluster's concept ("grease" of "grease filter", "driver" of "driver assistance":
// the word plays parts in two trades).
func (v *Vocabulary) pruneHeads() {
	word := map[int32]string{}
	for w, s := range v.latinSyms {
		word[s] = w
	}
	uses := v.latinUses()
	for h, ids := range v.heads {
		w := word[h]
		n, ok := v.latinConcepts.step(0, h)
		own := ok && v.latinConcepts.pay[n] != 0
		if len(ids) != 1 || own || v.otherTrade(ids[0], v.modifiers[h]) || genericHeads[w] || v.stopEn[w] || len(w) < 5 ||
			v.commonHead(ids[0], uses[h]) {
			delete(v.heads, h)
		}
	}
}

// A head noun is specific when it can only mean its concept: "precipitator", "dehumidifier". When
// the concept is one sort of a broader kind (户外服装 of 服装, 光伏支架 of 支架, 电动两轮车 of 两轮车)
// and the vocabulary's English phrases use the word for another concept too, the word alone more
// likely names the kind ("apparel", "mounting", "motorcycle", "approval"): an apparel brand is no
// outdoor-wear buyer. Such a head is common, not evidence alone.
const kindUses = 2 // concepts whose phrases use the word

// commonHead reports whether a head word of concept c, used by the phrases of uses concepts,
// is too common to stand for c alone.
func (v *Vocabulary) commonHead(c int32, uses int) bool {
	return uses >= kindUses && v.kindOf(c) != ""
}

// latinUses counts, for every Latin word, the concepts whose English phrases (concept surfaces,
// application and scene phrases, by the concepts these call for) contain it anywhere.
func (v *Vocabulary) latinUses() map[int32]int {
	seen := map[[2]int32]bool{}
	uses := map[int32]int{}
	note := func(words, concepts []int32) {
		for _, w := range words {
			for _, c := range concepts {
				if k := [2]int32{w, c}; !seen[k] {
					seen[k] = true
					uses[w]++
				}
			}
		}
	}
	v.latinConcepts.each(func(words, ids []int32) { note(words, ids) })
	v.latinApps.each(func(words, apps []int32) {
		for _, a := range apps {
			note(words, v.apps[a])
		}
	})
	return uses
}

// kindOf returns the broader word a concept is one sort of, "" when it is none: 户外服装 is a
// sort of 服装, 光伏支架 of 支架. The concept's Chinese name ends with a dictionary word that says
// something (not 设备, 系统, 服务 …) and is no surface of the concept itself (工业除湿机 ends
// with its own 除湿机).
func (v *Vocabulary) kindOf(id int32) string {
	name := []rune(v.concepts[id].name)
	for i := 1; i+2 <= len(name); i++ {
		if v.dict.longestRunes(name, i) != len(name) {
			continue
		}
		kind := name[i:]
		own := false
		v.hanConcepts.matchRunes(kind, 0, func(end int, ids []int32) {
			own = own || end == len(kind) && slices.Contains(ids, id)
		})
		if own || v.generic(string(kind)) {
			return ""
		}
		return string(kind)
	}
	return ""
}

// each calls fn with every word of the trie (its symbols) and the values stored for it.
func (t *trie) each(fn func(syms, vals []int32)) {
	parent := make([]int32, len(t.pay))
	sym := make([]int32, len(t.pay))
	for k, c := range t.next {
		parent[c] = int32(k >> 32)
		sym[c] = int32(uint32(k))
	}
	var w []int32
	for n := 1; n < len(t.pay); n++ {
		if t.pay[n] == 0 {
			continue
		}
		w = w[:0]
		for c := int32(n); c != 0; c = parent[c] {
			w = append(w, sym[c])
		}
		slices.Reverse(w)
		fn(w, t.lists[t.pay[n]-1])
	}
}

// otherTrade reports whether any of concepts is another concept sharing no cluster with c.
func (v *Vocabulary) otherTrade(c int32, concepts []int32) bool {
	for _, o := range concepts {
		if o == c {
			continue
		}
		shared := false
		for _, k := range v.conceptClusters[o] {
			shared = shared || slices.Contains(v.conceptClusters[c], k)
		}
		if !shared {
			return true
		}
	}
	return false
}

// headTerms adds the head-noun expansions of a field's Latin words, for concepts the field does
// not already name (from is where this field's terms start in out).
func (a *analyzer) headTerms(lat []latinTok, w float32, out []term, from int) []term {
	if len(a.v.heads) == 0 {
		return out
	}
	for _, t := range lat {
		if t.kind != latinWord {
			continue
		}
		sym, ok := a.v.latinSyms[t.text]
		if !ok {
			continue
		}
		for _, id := range a.v.heads[sym] {
			name := a.v.concepts[id].term
			named := false
			for _, o := range out[from:] {
				named = named || o.text == name
			}
			if !named {
				out = append(out, term{text: name, kind: kExpansion, w: w * a.lw.head, start: int32(t.start), end: int32(t.end)})
			}
		}
	}
	return out
}
