package matching

import (
	"math"
	"sort"
	"sync"
	"sync/atomic"

	"duijie/domain"
)

// normCache holds a lead's normalisation (Engine.leadNorm) for one version of the profile
// index. Rankings fill it under the read locks; while they hold them the index cannot change,
// so racing fills store the same bits, and the version is stored last.
type normCache struct {
	version atomic.Uint64 // (index version + 1) << 1 | 1 when the lead has nothing specific; 0 empty
	maxText atomic.Uint64 // float64 bits
}

func (n *normCache) reset() { n.version.Store(0) }

// leadNormOf returns the normalisation of the lead in slot for the profile index as it is now,
// and whether the lead has nothing specific. The caller holds e.mu and e.lmu (read).
func (e *Engine) leadNormOf(slot uint32) (maxText float64, widened bool) {
	c := &e.leads.norms[slot]
	want := (e.ix.version + 1) << 1
	if v := c.version.Load(); v&^1 == want {
		return math.Float64frombits(c.maxText.Load()), v&1 != 0
	}
	// Engine.leadNorm over the lead's own list of terms, which needs no string.
	var sum normSum
	for _, t := range e.leads.terms[slot] {
		if st := e.leadTermStat(t.id); t.key {
			sum.key(t.broad, st)
		} else {
			sum.text(t.w, st, e.cfg.K1, t.broad)
		}
	}
	maxText, specific := sum.norm(), sum.specific
	c.maxText.Store(math.Float64bits(maxText))
	if !specific {
		want |= 1
	}
	c.version.Store(want)
	return maxText, !specific
}

// leadTermCache holds termStat of a lead-dictionary term for one version of the profile index,
// filled like normCache, so that renormalising the leads after a profile write costs no string
// lookups.
type leadTermCache struct {
	version atomic.Uint64 // (index version + 1) << 2 | stop << 1 | known; 0 empty
	idf     atomic.Uint64 // float64 bits
}

// leadTermStat returns termStat for the lead-dictionary term id. The caller holds e.mu and
// e.lmu (read).
func (e *Engine) leadTermStat(id uint32) termStat {
	c := &e.leads.stats[id]
	want := (e.ix.version + 1) << 2
	if v := c.version.Load(); v&^3 == want {
		return termStat{idf: math.Float64frombits(c.idf.Load()), stop: v&2 != 0, known: v&1 != 0}
	}
	st := e.termStat(e.leads.words[id])
	c.idf.Store(math.Float64bits(st.idf))
	if st.stop {
		want |= 2
	}
	if st.known {
		want |= 1
	}
	c.version.Store(want)
	return st
}

// leadScratch is the per-lead memory of one "leads for you" ranking.
type leadScratch struct {
	acc     []float32
	cl      []clusterCredit // the cluster keys matched, once leadCluster is set (clusteronce.go)
	state   []uint8         // 0 untouched, else leadTouched and the flags below
	touched []uint32
}

const (
	leadTouched  = 1
	leadSpecific = 2 // sharing something specific
	leadEvidence = 4 // sharing real evidence (qterm.evidence)
	leadCluster  = 8 // sharing a cluster key: cl holds the credit
)

var leadScratchPool = sync.Pool{New: func() any { return new(leadScratch) }}

// sharedTerm is a term of the supplier that leads can be scored on.
type sharedTerm struct {
	text string
	id   uint32 // in the lead dictionary
	tf   uint32 // in the profile
	df   int    // in the profile index
}

// LeadsFor ranks the open leads for a supplier ("leads for you"). Each lead is scored against
// the supplier exactly as SuppliersFor scores the pair, so both sides see the same score and
// explanation. Options.Exclude lists lead IDs to leave out, Options.Now (when set) drops leads
// past their deadline that the expiry job has not closed yet; Options.Within is ignored.
//
// The relevance of every lead sharing a term with the profile is accumulated term by term from
// the lead postings, the terms taken in the order a compiled lead lists them (text terms, then
// codes, each by text), so each lead's float32 sum is the one its own query would add up. The
// pair evidence is then worked out only for the leads whose relevance, scaled by their largest
// possible boost, can still enter the top k.
func (e *Engine) LeadsFor(ent domain.Enterprise, k int, opts Options) ([]Result, error) {
	k = e.cfg.clampK(k)
	if !matchable(&ent) {
		return nil, nil
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	e.lmu.RLock()
	defer e.lmu.RUnlock()
	v := e.supplierView(&ent)
	li := e.leads

	var shared []sharedTerm
	for _, f := range v.fwd {
		t := e.ix.terms[f>>8]
		id, ok := li.dict[t]
		df := len(e.ix.posts[f>>8])
		if !ok || df == 0 || !isKey(t) && e.stopTerm(df) { // compile would leave it out
			continue
		}
		shared = append(shared, sharedTerm{text: t, id: id, tf: f & maxTF, df: df})
	}
	sort.Slice(shared, func(i, j int) bool {
		a, b := &shared[i], &shared[j]
		if ka, kb := isKey(a.text), isKey(b.text); ka != kb {
			return kb
		}
		return a.text < b.text
	})

	s := leadScratchPool.Get().(*leadScratch)
	defer leadScratchPool.Put(s)
	if len(s.acc) < len(li.docs) {
		s.acc = make([]float32, len(li.docs))
		s.cl = make([]clusterCredit, len(li.docs))
		s.state = make([]uint8, len(li.docs))
	}
	s.touched = s.touched[:0]
	nk := e.ix.normTable(e.cfg.K1, e.cfg.B)[v.norm]
	for _, st := range shared {
		key, broad := isKey(st.text), isKey(st.text) && broadKey(st.text)
		idf := e.idf(st.df)
		for _, p := range li.posts[st.id] {
			maxText, widened := e.leadNormOf(p.slot)
			c, flag := p.w, uint8(leadTouched)
			if !key {
				c = contribution(e.textWeight(p.w, idf, maxText), float32(st.tf), nk)
			}
			if !broad && !p.trans || widened {
				flag |= leadSpecific
			}
			// As compile marks qterm.evidence: a text term unless weak, a code unless broad.
			if !key && !p.weak || key && (!broad || widened) {
				flag |= leadEvidence
			}
			state := s.state[p.slot]
			if state == 0 {
				s.touched = append(s.touched, p.slot)
				s.acc[p.slot] = 0
			}
			if p.cluster {
				if state&leadCluster == 0 {
					s.cl[p.slot] = clusterCredit{}
					flag |= leadCluster
				}
				s.cl[p.slot].add(c)
			} else {
				s.acc[p.slot] += c
			}
			s.state[p.slot] = state | flag
		}
	}

	skip := make(map[string]bool, len(opts.Exclude))
	for _, id := range opts.Exclude {
		skip[id] = true
	}
	top := newTopK(k)
	for _, slot := range s.touched {
		state := s.state[slot]
		s.state[slot] = 0
		a := s.acc[slot]
		var cl clusterCredit
		if state&leadCluster != 0 {
			cl = s.cl[slot]
			cl.evidence = state&leadEvidence != 0
		}
		// The cluster credit is at most the sum of the keys, and the evidence multiplies by at
		// most maxBoost, up to a few roundings.
		if state&leadSpecific == 0 || a+cl.sum <= 0 || top.full() && float64(a+cl.sum)*li.boost[slot]*(1+0x1p-40) < top.min() {
			continue
		}
		d := li.docs[slot]
		if a = d.ev.withCluster(a, cl); a <= 0 {
			continue
		}
		if !leadOpen(&d.lead, opts.Now) || skip[d.lead.ID] {
			continue
		}
		q := d.ev
		if opts.NoExposure {
			c := *q
			c.noExpo = true
			q = &c
		}
		if !e.allowed(q, &v) {
			continue
		}
		a *= e.leadPeerFactor(d, &v)
		ev := e.pairEvidence(q, &v)
		if sc := ev.score(a); sc > 0 {
			top.offer(hit{slot: slot, score: sc, id: d.lead.ID})
		}
	}
	return e.leadResults(top.sorted(), &v, Options{NoExposure: opts.NoExposure}), nil
}
