package matching

import "slices"

// Overseas buyers rarely write a product the way a catalogue phrase does: "robots to move our
// pallets" names no "mobile robot", "an exhaust purifier for the kitchen" no "kitchen fume
// purifier". The last word of an English concept phrase is its head noun; where that noun
// belongs to one concept only and says something specific (purifier, dehumidifier, electrolyser,
// not system or machine), a lead using it alone is weak evidence for the concept: an expansion
// at headWeight of a named one. Leads only, like every expansion, so the index is unchanged.

// headWeight scales a head-noun expansion against a named concept.
const headWeight = expansionWeight * 0.5

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
	for h, ids := range v.heads {
		w := word[h]
		n, ok := v.latinConcepts.step(0, h)
		own := ok && v.latinConcepts.pay[n] != 0
		if len(ids) != 1 || own || v.otherTrade(ids[0], v.modifiers[h]) || genericHeads[w] || v.stopEn[w] || len(w) < 5 {
			delete(v.heads, h)
		}
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
				out = append(out, term{text: name, kind: kExpansion, w: w * headWeight, start: int32(t.start), end: int32(t.end)})
			}
		}
	}
	return out
}
