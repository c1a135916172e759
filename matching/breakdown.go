package matching

import (
	"strings"

	"duijie/domain"
)

// A lead that ranks badly lost either in the reading (the suppliers a person would pick share
// none of the products the engine understood) or in the ranking (they do, and others still come
// first). Telling the two apart needs a supplier's score split by kind of evidence, which the
// explanation does not give (it shows one text figure); Breakdowns gives it, for diagnosis
// (cmd/rankloss), never for serving.

// Breakdown is a (lead, supplier) score split by kind of evidence.
type Breakdown struct {
	ID string
	// Products are the product concepts the supplier shares with the lead, named by the buyer
	// or called for by a scene, each with its share of the relevance.
	Products map[string]float64
	// Words is the rest of the text relevance: bigrams, Latin words, model numbers, the bridge's
	// translations.
	Words float64
	// Codes is what shared cluster, industry and HS codes add.
	Codes float64
	// Factor is what the preferences multiply the relevance by (fair exposure left out).
	Factor float64
	// Score is the supplier's score as SuppliersFor gives it without fair exposure: (Products +
	// Words + Codes) × Factor, 0 when it shares only broad evidence with a lead that has
	// something specific.
	Score float64
	// Allowed is false for a supplier the hard filters remove (the buyer, a missing required
	// certification).
	Allowed bool
}

// QueryReading is what the ranking reads of a lead, by product: each product concept's weight in the
// compiled query (the buyer's own words and the scenes' products, after every discount).
type QueryReading struct {
	Products map[string]float64
}

// Breakdowns compiles l as SuppliersFor does (without fair exposure) and splits the score of each
// supplier of ids; an ID not in the index is left out.
func (e *Engine) Breakdowns(l domain.Lead, ids []string) (QueryReading, []Breakdown, error) {
	lt := e.analyzeLead(&l, false)
	if lt.empty() {
		return QueryReading{}, nil, domain.Invalid("description", ErrNothingToMatch)
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	q := e.compile(lt, &l, Options{NoExposure: true})
	r := QueryReading{Products: map[string]float64{}}
	for _, t := range q.terms {
		if isProductTerm(t) {
			r.Products[productName(t.text)] = float64(t.w)
		}
	}
	var out []Breakdown
	for _, id := range ids {
		slot, ok := e.ix.byID[id]
		if !ok {
			continue
		}
		v := e.ix.view(slot)
		b := Breakdown{ID: id, Products: map[string]float64{}, Allowed: e.allowed(q, &v)}
		for _, t := range q.terms {
			tf := tfOf(v.fwd, t.id)
			switch {
			case tf == 0:
			case t.key:
				b.Codes += float64(t.w)
			case isProductTerm(t):
				b.Products[productName(t.text)] = float64(contribution(t.w, float32(tf), q.normK[v.norm]))
			default:
				b.Words += float64(contribution(t.w, float32(tf), q.normK[v.norm]))
			}
		}
		ev := e.pairEvidence(q, &v)
		b.Factor = ev.scale(1)
		a := q.accumulate(&v)
		if a <= 0 {
			a = q.broadAccumulate(&v)
		}
		b.Score = ev.score(a)
		out = append(out, b)
	}
	return r, out, nil
}

// isProductTerm reports whether a compiled query term is a product concept: named in the lead or
// called for by one of its scenes.
func isProductTerm(t qterm) bool {
	return !t.key && (t.kind == kConcept || t.kind == kExpansion)
}

// productName is a concept term's canonical name, without the mark that keeps concept terms
// apart from words.
func productName(term string) string { return strings.TrimPrefix(term, "#") }
