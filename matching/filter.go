package matching

import "math"

// noSlot stands for a profile that is not indexed.
const noSlot = math.MaxUint32

// slotFilter applies the hard filters and the pair evidence to indexed profiles by slot, with
// what all profiles of one ranking share worked out once: the buyer's and the excluded firms'
// slots, per certification set and per market set the verdict and the boost, and the factors
// each region relation, tier and role brings. allowed and evidence give exactly what
// Engine.allowed and Engine.pairEvidence give on the profile's view; bound gives from the slot's
// brief a factor the evidence cannot exceed. The caller holds e.mu.
type slotFilter struct {
	e       *Engine
	q       *query
	off     bool // TextOnly: no filters, no evidence
	buyer   uint32
	exclude map[uint32]bool
	certOK  []int8    // certification set → 1 holds all required, -1 misses one, 0 unknown yet
	export  []float64 // market set → export boost, NaN unknown yet

	region [4]float64 // by regionCommon with the delivery region: 1 + the region boost
	tier   float64    // 1 + the tier boost, for a preferred tier
	role   [4]float64 // by role: 1 − the role penalty
}

// maxCachedSets bounds the per-ranking caches; beyond it a set is checked each time.
const maxCachedSets = 1 << 14

func (e *Engine) newSlotFilter(q *query) *slotFilter {
	ix := e.ix
	f := &slotFilter{e: e, q: q, off: e.cfg.TextOnly, buyer: noSlot}
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
	// The factor tables come from metaEvidence itself, on made-up profiles that stand in each
	// relation to the lead, so the bound cannot drift from the score.
	a := q.region
	for c, b := range [4]uint32{0, a/10000*10000 + (a/100%100+1)%100*100, a/100*100 + (a%100+1)%100, a} {
		ev := e.metaEvidence(q, &docMeta{region: b})
		f.region[c] = ev.steps()[0]
	}
	ev := e.metaEvidence(q, &docMeta{tier: q.tiers})
	f.tier = ev.steps()[2]
	for r := range f.role {
		ev := e.metaEvidence(q, &docMeta{role: uint8(r)})
		f.role[r] = ev.steps()[3]
	}
	return f
}

// bound returns a factor the pair evidence of the profile with brief b cannot exceed (its
// exact evidence but for the fair-exposure multiplier, which is at most 1), and false when the
// brief already shows that a hard filter rejects the profile. The buyer and the excluded firms
// are left to allowed.
func (f *slotFilter) bound(b slotBrief) (float64, bool) {
	q := f.q
	switch {
	case f.off:
		return 1, true
	case b&briefPartial != 0:
		return q.maxBoost, true
	}
	region := b.region()
	if q.within != 0 && !regionWithin(q.within, region) || len(q.certs) > 0 && !f.holds(b.certs()) {
		return 0, false
	}
	x := f.role[b.role()]
	if q.region != 0 {
		x *= f.region[regionCommon(q.region, region)]
	}
	if q.market != "" {
		x *= 1 + f.exportBoost(b.markets())
	}
	if q.tiers&b.tier() != 0 {
		x *= f.tier
	}
	return x, true
}

// allowed is Engine.allowed for the profile in slot.
func (f *slotFilter) allowed(slot uint32, m *docMeta) bool {
	q := f.q
	if f.off {
		return true
	}
	if slot == f.buyer || f.exclude[slot] {
		return false
	}
	if q.within != 0 && !regionWithin(q.within, m.region) {
		return false
	}
	return len(q.certs) == 0 || f.holds(m.certs)
}

// holds reports whether the certification set holds every certification the lead requires.
func (f *slotFilter) holds(set uint32) bool {
	if f.certOK != nil {
		if v := f.certOK[set]; v != 0 {
			return v > 0
		}
	}
	ok := true
	have := f.e.ix.certs.sets[set]
	for _, c := range f.q.certs {
		if !containsSorted(have, c) {
			ok = false
			break
		}
	}
	if f.certOK != nil {
		f.certOK[set] = -1
		if ok {
			f.certOK[set] = 1
		}
	}
	return ok
}

// evidence is Engine.pairEvidence for the profile in slot, without the export market's name
// (the explanation, built from the view, names it).
func (f *slotFilter) evidence(m *docMeta) evidence {
	ev := f.e.metaEvidence(f.q, m)
	if f.q.market != "" && !f.off {
		ev.exportB = f.exportBoost(m.markets)
	}
	return ev
}

// exportBoost is the export boost of a market set.
func (f *slotFilter) exportBoost(set uint32) float64 {
	if f.export != nil {
		if b := f.export[set]; !math.IsNaN(b) {
			return b
		}
	}
	e := f.e
	b, _ := exportMatch(e.an.v, f.q.market, e.ix.markets.sets[set], &e.cfg.Weights)
	if f.export != nil {
		f.export[set] = b
	}
	return b
}
