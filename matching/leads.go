package matching

import (
	"math/bits"
	"strings"
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

	// Candidates: the leads sharing a term or a specific code with the profile (a pair that
	// shares only broad evidence scores 0, see query.accumulate).
	seen := make([]uint64, (len(li.docs)+63)/64)
	for _, f := range v.fwd {
		t := e.ix.terms[f>>8]
		if isKey(t) && broadKey(t) {
			continue
		}
		if id, ok := li.dict[t]; ok {
			for _, s := range li.posts[id] {
				seen[s/64] |= 1 << (s % 64)
			}
		}
	}
	skip := map[string]bool{}
	for _, id := range opts.Exclude {
		skip[id] = true
	}
	top := newTopK(k)
	popts := Options{NoExposure: opts.NoExposure}
	for w, word := range seen {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			d := li.docs[w*64+b]
			if d == nil || skip[d.lead.ID] || !leadOpen(&d.lead, opts.Now) {
				continue
			}
			if sc, ok := e.scoreLead(d, &v, popts); ok {
				top.offer(hit{slot: uint32(w*64 + b), score: sc, id: d.lead.ID})
			}
		}
	}
	return e.leadResults(top.sorted(), &v, popts), nil
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
		if d == nil || !leadOpen(&d.lead, opts.Now) {
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
