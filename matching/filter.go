package matching

import "math"

// noSlot stands for a profile that is not indexed.
const noSlot = math.MaxUint32

// slotFilter is allowed and pairEvidence for indexed profiles, read from the slot's metadata
// with what all profiles of one ranking share worked out once: the buyer's and the excluded
// firms' slots, and per certification set and per market set the verdict and the boost. It
// gives exactly what allowed and pairEvidence give on the profile's view. The caller holds e.mu.
type slotFilter struct {
	e       *Engine
	q       *query
	buyer   uint32
	exclude map[uint32]bool
	certOK  []int8    // certification set → 1 holds all required, -1 misses one, 0 unknown yet
	export  []float64 // market set → export boost, NaN unknown yet
}

// maxCachedSets bounds the per-ranking caches; beyond it a set is checked each time.
const maxCachedSets = 1 << 14

func (e *Engine) newSlotFilter(q *query) *slotFilter {
	ix := e.ix
	f := &slotFilter{e: e, q: q, buyer: noSlot}
	if s, ok := ix.byID[q.buyer]; ok {
		f.buyer = s
	}
	for id := range q.exclude {
		if s, ok := ix.byID[id]; ok {
			if f.exclude == nil {
				f.exclude = map[uint32]bool{}
			}
			f.exclude[s] = true
		}
	}
	if len(q.certs) > 0 && len(ix.certs.sets) <= maxCachedSets {
		f.certOK = make([]int8, len(ix.certs.sets))
	}
	if q.market != "" && len(ix.markets.sets) <= maxCachedSets {
		f.export = make([]float64, len(ix.markets.sets))
		for i := range f.export {
			f.export[i] = math.NaN()
		}
	}
	return f
}

// allowed is Engine.allowed for the profile in slot.
func (f *slotFilter) allowed(slot uint32, m *docMeta) bool {
	q := f.q
	if f.e.cfg.TextOnly {
		return true
	}
	if slot == f.buyer || f.exclude[slot] {
		return false
	}
	if q.within != 0 && !regionWithin(q.within, m.region) {
		return false
	}
	if len(q.certs) == 0 {
		return true
	}
	if f.certOK != nil {
		if v := f.certOK[m.certs]; v != 0 {
			return v > 0
		}
	}
	ok := true
	have := f.e.ix.certs.sets[m.certs]
	for _, c := range q.certs {
		if !containsSorted(have, c) {
			ok = false
			break
		}
	}
	if f.certOK != nil {
		f.certOK[m.certs] = -1
		if ok {
			f.certOK[m.certs] = 1
		}
	}
	return ok
}

// bound returns a factor the pair evidence of the profile cannot exceed (its exact evidence
// but for the fair-exposure multiplier, which is at most 1), and false when the profile's
// brief already shows a hard filter rejects it.
func (f *slotFilter) bound(slot uint32, b slotBrief) (float64, bool) {
	if b&briefPartial != 0 {
		return f.q.maxBoost, slot != f.buyer && !f.exclude[slot]
	}
	m := b.meta()
	if !f.allowed(slot, &m) {
		return 0, false
	}
	ev := f.evidence(&m)
	return ev.scale(1), true
}

// evidence is Engine.pairEvidence for the profile in slot, without the export market's name
// (the explanation, built from the view, names it).
func (f *slotFilter) evidence(m *docMeta) evidence {
	e, q := f.e, f.q
	ev := e.metaEvidence(q, m)
	if q.market == "" || e.cfg.TextOnly {
		return ev
	}
	if f.export != nil {
		if b := f.export[m.markets]; !math.IsNaN(b) {
			ev.exportB = b
			return ev
		}
	}
	ev.exportB, _ = exportMatch(e.an.v, q.market, e.ix.markets.sets[m.markets], &e.cfg.Weights)
	if f.export != nil {
		f.export[m.markets] = ev.exportB
	}
	return ev
}
