package matching

import (
	"slices"
	"sort"
	"strings"
	"time"

	"duijie/domain"
)

// leadIndex holds the open leads, with an inverted index from their terms (text and code keys)
// to lead slots, so "leads for you" only scores leads that share something with the supplier.
// Guarded by Engine.lmu.
type leadIndex struct {
	dict  map[string]uint32
	words []string        // term ID → term
	posts [][]leadPosting // term → the leads that have it, by ascending slot
	stats []leadTermCache // term → what the profile index says of it, cached per version

	docs  []*leadDoc   // slot → lead, nil when free
	terms [][]leadTerm // slot → the lead's terms (leadDoc.terms, kept here for locality)
	norms []normCache  // slot → the lead's normalisation, cached per profile-index version
	boost []float64    // slot → the most the lead's pair evidence can multiply by
	byID  map[string]uint32
	free  []uint32
	live  int
}

// leadTerm is a term of an indexed lead.
type leadTerm struct {
	id    uint32 // in the lead dictionary
	w     float32
	key   bool
	broad bool // a broad key, or a text term read through the bridge (kTrans)
}

// leadPosting is a lead having a term, with the term's weight in the lead: its dampened
// frequency for a text term (the profile index turns it into a BM25 weight), the code's weight
// for a key.
type leadPosting struct {
	slot  uint32
	w     float32
	trans bool // a kTrans term: evidence only where the lead shares something specific
	// cluster marks a cluster key, weak a text term that is no evidence (clusteronce.go).
	cluster, weak bool
}

// leadDoc is an indexed lead with its analysis (kept, so ranking never re-reads the text).
type leadDoc struct {
	lead  domain.Lead
	text  []weighted
	keys  []weighted
	terms []leadTerm // its text terms, then its keys, in the lead dictionary
	ev    *query     // the lead's preferences and filters, see Engine.leadEvidence
	weak  []bool     // per text term: no evidence a person would give (Vocabulary.weakText)
}

func newLeadIndex() *leadIndex {
	return &leadIndex{dict: map[string]uint32{}, byID: map[string]uint32{}}
}

func (li *leadIndex) termID(t string) uint32 {
	if id, ok := li.dict[t]; ok {
		return id
	}
	id := uint32(len(li.words))
	t = strings.Clone(t)
	li.dict[t] = id
	li.words = append(li.words, t)
	li.posts = append(li.posts, nil)
	li.stats = append(li.stats, leadTermCache{})
	return id
}

func (li *leadIndex) remove(id string) bool {
	slot, ok := li.byID[id]
	if !ok {
		return false
	}
	for _, t := range li.docs[slot].terms {
		li.posts[t.id] = removeLeadPosting(li.posts[t.id], slot)
	}
	li.docs[slot] = nil
	li.terms[slot] = nil
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
		li.terms = append(li.terms, nil)
		li.norms = append(li.norms, normCache{})
		li.boost = append(li.boost, 0)
	}
	for i, ws := range [][]weighted{d.text, d.keys} {
		for j, t := range ws {
			id := li.termID(t.text)
			trans := i == 0 && t.kind == kTrans
			d.terms = append(d.terms, leadTerm{id: id, w: t.w, key: i == 1, broad: i == 1 && broadKey(t.text) || trans})
			li.posts[id] = insertLeadPosting(li.posts[id], leadPosting{slot: slot, w: t.w, trans: trans,
				cluster: i == 1 && isClusterKey(t.text), weak: i == 0 && d.weak[j]})
		}
	}
	li.docs[slot] = d
	li.terms[slot] = d.terms
	li.norms[slot].reset()
	li.boost[slot] = d.ev.maxBoost
	li.byID[d.lead.ID] = slot
	li.live++
}

func insertLeadPosting(p []leadPosting, x leadPosting) []leadPosting {
	i := len(p)
	if i > 0 && p[i-1].slot > x.slot {
		i = sort.Search(len(p), func(i int) bool { return p[i].slot >= x.slot })
	}
	return slices.Insert(p, i, x)
}

func removeLeadPosting(p []leadPosting, slot uint32) []leadPosting {
	i := sort.Search(len(p), func(i int) bool { return p[i].slot >= slot })
	if i < len(p) && p[i].slot == slot {
		return slices.Delete(p, i, i+1)
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
	if !lt.empty() && e.unreadLead(&l, lt) {
		// Only place names: a supplier would be offered it for naming the place (unread.go).
		e.RemoveLead(l.ID)
		return true
	}
	d := &leadDoc{lead: l, text: lt.text, keys: lt.keys, weak: make([]bool, len(lt.text))}
	for i, t := range lt.text {
		d.weak[i] = e.an.v.weakText(t)
	}
	d.ev = e.leadEvidence(&d.lead, lt.text, Options{})
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
	weak := make([]pairWeakness, len(hits))
	for i, h := range hits {
		d := e.leads.docs[h.slot]
		lt := e.analyzeLead(&d.lead, true)
		q := e.compile(lt, &d.lead, opts)
		out[i] = Result{ID: h.id, Score: h.score, Explanation: e.explain(q, lt, v)}
		if e.cfg.Tuning.WeakFloor > 0 {
			guess, faint := lt.guessed()
			weak[i] = e.weakness(q, guess, faint, v)
		}
	}
	return markWeak(out, e.cfg.Tuning.WeakFloor, func(i int) pairWeakness { return weak[i] })
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
	weak := make([]pairWeakness, len(hits))
	for i, h := range hits {
		out[i] = Result{ID: h.id, Score: h.score}
		if e.cfg.Tuning.WeakFloor > 0 {
			d := e.leads.docs[h.slot]
			lt := e.analyzeLead(&d.lead, false)
			guess, faint := lt.guessed()
			weak[i] = e.weakness(e.compile(lt, &d.lead, popts), guess, faint, &v)
		}
	}
	return markWeak(out, e.cfg.Tuning.WeakFloor, func(i int) pairWeakness { return weak[i] }), nil
}
