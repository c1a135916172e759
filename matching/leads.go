package matching

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"duijie/domain"
)

// leadIndex holds the open leads, with an inverted index from their terms (text and code keys)
// to lead slots, so "leads for you" only scores leads that share something with the supplier.
// Guarded by Engine.lmu.
type leadIndex struct {
	dict  map[string]uint32
	terms []string
	posts [][]uint32 // term → lead slots, ascending

	docs []*leadDoc // slot → lead, nil when free
	byID map[string]uint32
	free []uint32
	live int
}

// leadDoc is an indexed lead with its analysis (kept, so ranking never re-reads the text).
type leadDoc struct {
	lead  domain.Lead
	text  []weighted
	keys  []weighted
	terms []uint32 // IDs in the lead dictionary, for removal

	// compiled caches the lead compiled against the profile index, without and with
	// Options.NoExposure; see Engine.compiled.
	compiled [2]atomic.Pointer[leadQuery]
}

func newLeadIndex() *leadIndex {
	return &leadIndex{dict: map[string]uint32{}, byID: map[string]uint32{}}
}

func (li *leadIndex) termID(t string) uint32 {
	if id, ok := li.dict[t]; ok {
		return id
	}
	id := uint32(len(li.terms))
	t = strings.Clone(t)
	li.dict[t] = id
	li.terms = append(li.terms, t)
	li.posts = append(li.posts, nil)
	return id
}

func (li *leadIndex) remove(id string) bool {
	slot, ok := li.byID[id]
	if !ok {
		return false
	}
	for _, t := range li.docs[slot].terms {
		li.posts[t] = removeSlot(li.posts[t], slot)
	}
	li.docs[slot] = nil
	delete(li.byID, id)
	li.free = append(li.free, slot)
	li.live--
	return true
}

func (li *leadIndex) put(d *leadDoc) {
	li.remove(d.lead.ID)
	var slot uint32
	if n := len(li.free); n > 0 {
		slot, li.free = li.free[n-1], li.free[:n-1]
	} else {
		slot = uint32(len(li.docs))
		li.docs = append(li.docs, nil)
	}
	for _, ws := range [][]weighted{d.text, d.keys} {
		for _, t := range ws {
			id := li.termID(t.text)
			d.terms = append(d.terms, id)
			li.posts[id] = insertSlot(li.posts[id], slot)
		}
	}
	li.docs[slot] = d
	li.byID[d.lead.ID] = slot
	li.live++
}

func insertSlot(p []uint32, s uint32) []uint32 {
	if n := len(p); n == 0 || p[n-1] < s {
		return append(p, s)
	}
	return insertPosting(p, s)
}

func removeSlot(p []uint32, s uint32) []uint32 {
	for i, x := range p {
		if x == s {
			return append(p[:i], p[i+1:]...)
		}
	}
	return p
}

// leadOpen reports whether a lead should be offered to suppliers at now (zero: any time).
func leadOpen(l *domain.Lead, now time.Time) bool {
	return l.ID != "" && l.Status == domain.LeadOpen && (l.Deadline == nil || now.IsZero() || l.Deadline.After(now))
}

// UpsertLead indexes an open lead for "leads for you", or removes it when it is no longer open.
// A write older than the indexed version is ignored and returns false.
func (e *Engine) UpsertLead(l domain.Lead) bool {
	if l.ID == "" {
		return false
	}
	if !leadOpen(&l, time.Time{}) {
		e.RemoveLead(l.ID)
		return true
	}
	lt := e.analyzeLead(&l, false)
	d := &leadDoc{lead: l, text: lt.text, keys: lt.keys}
	e.lmu.Lock()
	defer e.lmu.Unlock()
	if slot, ok := e.leads.byID[l.ID]; ok {
		if old := e.leads.docs[slot].lead.UpdatedAt; !l.UpdatedAt.IsZero() && old.After(l.UpdatedAt) {
			return false
		}
	}
	e.leads.put(d)
	return true
}

// RemoveLead takes a lead out of "leads for you"; it reports whether it was indexed.
func (e *Engine) RemoveLead(id string) bool {
	e.lmu.Lock()
	defer e.lmu.Unlock()
	return e.leads.remove(id)
}

// OpenLeads is the number of indexed leads.
func (e *Engine) OpenLeads() int {
	e.lmu.RLock()
	defer e.lmu.RUnlock()
	return e.leads.live
}

// supplierView returns the profile as the index sees it, or, for a profile not indexed yet,
// its analysis against the current dictionary (terms no profile has cannot be scored anyway).
// The caller holds e.mu.
func (e *Engine) supplierView(ent *domain.Enterprise) docView {
	if slot, ok := e.ix.byID[ent.ID]; ok {
		return e.ix.view(slot)
	}
	p := e.prepare(ent)
	v := docView{id: ent.ID, norm: encodeLen(p.dl), meta: p.meta, certs: p.certs, markets: p.markets}
	for _, t := range p.terms {
		if id, ok := e.ix.dict[t.text]; ok {
			v.fwd = append(v.fwd, id<<8|min(t.tf, maxTF))
		}
	}
	sortUint32(v.fwd)
	return v
}

// LeadsFor ranks the open leads for a supplier ("leads for you"). Each lead is scored against
// the supplier exactly as SuppliersFor scores the pair, so both sides see the same score and
// explanation. Options.Exclude lists lead IDs to leave out, Options.Now (when set) drops leads
// past their deadline that the expiry job has not closed yet; Options.Within is ignored.
//
// Only the leads that share a scoring term with the profile are looked at: a specific term or
// code that the profile index does not treat as a stop word, or, for the rare lead with nothing
// specific in it, a broad code. Each is scored from its cached compiled query in one merge with
// the profile's terms, and its pair evidence is worked out only when its relevance, scaled by
// its largest possible boost, can still enter the top k.
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
	noExpo := opts.NoExposure

	seen := make([]uint64, (len(li.docs)+63)/64)
	var broad []uint32 // lead-dictionary IDs of the profile's broad codes
	for _, f := range v.fwd {
		t := e.ix.terms[f>>8]
		id, ok := li.dict[t]
		switch {
		case !ok:
			continue
		case isKey(t) && broadKey(t):
			broad = append(broad, id)
			continue
		case !isKey(t) && e.stopTerm(len(e.ix.posts[f>>8])):
			continue
		}
		for _, s := range li.posts[id] {
			seen[s/64] |= 1 << (s % 64)
		}
	}
	for _, id := range broad {
		for _, s := range li.posts[id] {
			if seen[s/64]&(1<<(s%64)) == 0 && e.compiled(li.docs[s], noExpo).widened {
				seen[s/64] |= 1 << (s % 64)
			}
		}
	}
	skip := map[string]bool{}
	for _, id := range opts.Exclude {
		skip[id] = true
	}
	top := newTopK(k)
	var tf []uint32
	for w, word := range seen {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			slot := uint32(w*64 + b)
			d := li.docs[slot]
			if d == nil || skip[d.lead.ID] || !leadOpen(&d.lead, opts.Now) {
				continue
			}
			lq := e.compiled(d, noExpo)
			q := lq.q
			if cap(tf) < len(q.terms) {
				tf = make([]uint32, len(q.terms)*2)
			}
			tf = tf[:len(q.terms)]
			q.frequencies(lq.byID, v.fwd, tf)
			a := q.relevance(tf, q.normK[v.norm])
			// The evidence multiplies by at most maxBoost, up to a few roundings.
			if a <= 0 || top.full() && float64(a)*q.maxBoost*(1+0x1p-40) < top.min() || !e.allowed(q, &v) {
				continue
			}
			ev := e.pairEvidence(q, &v)
			if sc := ev.score(a); sc > 0 {
				top.offer(hit{slot: slot, score: sc, id: d.lead.ID})
			}
		}
	}
	return e.leadResults(top.sorted(), &v, Options{NoExposure: noExpo}), nil
}

// leadQuery is an indexed lead compiled against the profile index at one version.
type leadQuery struct {
	version uint64
	q       *query
	byID    []int // the query's terms by term ID, for query.frequencies
	widened bool  // the lead has nothing specific: its broad codes alone make a pair
}

// compiled returns the lead compiled against the profile index as it is now, from the lead's
// cache while the index has not changed. Rankings fill the cache under the read locks, hence
// the atomic pointers; two rankings compiling the same lead at once store equal queries. The
// caller holds e.mu and e.lmu.
func (e *Engine) compiled(d *leadDoc, noExpo bool) *leadQuery {
	cache := &d.compiled[0]
	if noExpo {
		cache = &d.compiled[1]
	}
	ver := e.ix.version
	if lq := cache.Load(); lq != nil && lq.version == ver {
		return lq
	}
	q := e.compile(&leadText{text: d.text, keys: d.keys}, &d.lead, Options{NoExposure: noExpo})
	lq := &leadQuery{version: ver, q: q, byID: make([]int, len(q.terms)), widened: len(q.terms) > 0}
	for i, t := range q.terms {
		lq.byID[i] = i
		lq.widened = lq.widened && t.key && broadKey(t.text)
	}
	sort.Slice(lq.byID, func(a, b int) bool { return q.terms[lq.byID[a]].id < q.terms[lq.byID[b]].id })
	cache.Store(lq)
	return lq
}

// scoreLead scores one indexed lead against a profile view. The caller holds both locks.
func (e *Engine) scoreLead(d *leadDoc, v *docView, opts Options) (float64, bool) {
	q := e.compile(&leadText{text: d.text, keys: d.keys}, &d.lead, opts)
	a := q.accumulate(v)
	if a <= 0 || !e.allowed(q, v) {
		return 0, false
	}
	ev := e.pairEvidence(q, v)
	sc := ev.score(a)
	return sc, sc > 0
}

func (e *Engine) leadResults(hits []hit, v *docView, opts Options) []Result {
	out := make([]Result, len(hits))
	for i, h := range hits {
		d := e.leads.docs[h.slot]
		lt := e.analyzeLead(&d.lead, true)
		q := e.compile(lt, &d.lead, opts)
		out[i] = Result{ID: h.id, Score: h.score, Explanation: e.explain(q, lt, v)}
	}
	return out
}

// BruteForceLeads ranks like LeadsFor by scoring every open lead, for checks and benchmarks.
func (e *Engine) BruteForceLeads(ent domain.Enterprise, k int, opts Options) ([]Result, error) {
	k = e.cfg.clampK(k)
	if !matchable(&ent) {
		return nil, nil
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	e.lmu.RLock()
	defer e.lmu.RUnlock()
	v := e.supplierView(&ent)
	top := newTopK(k)
	popts := Options{NoExposure: opts.NoExposure}
	for s, d := range e.leads.docs {
		if d == nil || !leadOpen(&d.lead, opts.Now) || slices.Contains(opts.Exclude, d.lead.ID) {
			continue
		}
		if sc, ok := e.scoreLead(d, &v, popts); ok {
			top.offer(hit{slot: uint32(s), score: sc, id: d.lead.ID})
		}
	}
	hits := top.sorted()
	out := make([]Result, len(hits))
	for i, h := range hits {
		out[i] = Result{ID: h.id, Score: h.score}
	}
	return out, nil
}
