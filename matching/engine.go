package matching

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"duijie/domain"
)

// Engine ranks suppliers for leads and open leads for suppliers. It is safe for concurrent use:
// rankings share a read lock, writes take the write lock for the few microseconds of an update.
type Engine struct {
	cfg Config
	an  analyzer

	mu sync.RWMutex // guards ix
	ix *index

	lmu   sync.RWMutex // guards leads; taken after mu when both are needed
	leads *leadIndex
}

// New returns an empty engine.
func New(cfg Config) *Engine {
	v := cfg.Vocabulary
	if v == nil {
		v = DefaultVocabulary()
	}
	if cfg.DefaultK <= 0 {
		cfg.DefaultK = 20
	}
	if cfg.MaxK < cfg.DefaultK {
		cfg.MaxK = max(cfg.DefaultK, 200)
	}
	if cfg.MaxFieldRunes <= 0 {
		cfg.MaxFieldRunes = 4000
	}
	if cfg.MaxQueryTerms <= 0 {
		cfg.MaxQueryTerms = 160
	}
	if cfg.Tuning == (Tuning{}) {
		cfg.Tuning = DefaultTuning()
	}
	return &Engine{
		cfg: cfg,
		an: analyzer{v: v, seg: cfg.Segmenter, vocab: !cfg.NoVocabulary, sceneBag: !cfg.NoVocabulary && !cfg.NoSceneBag,
			bridge: !cfg.NoVocabulary && !cfg.NoBridge, layman: !cfg.NoVocabulary && !cfg.NoLayman, maxRunes: cfg.MaxFieldRunes, lw: newLeadWeights(cfg.Tuning)},
		ix:    newIndex(),
		leads: newLeadIndex(),
	}
}

// Config returns the engine's settings.
func (e *Engine) Config() Config { return e.cfg }

// Vocabulary returns the vocabulary the engine analyses text with.
func (e *Engine) Vocabulary() *Vocabulary { return e.an.v }

// maxProducts bounds the product list read from one profile.
const maxProducts = 200

// prepare analyses a profile; it needs no lock.
func (e *Engine) prepare(ent *domain.Enterprise) *prepared {
	a := &e.an
	var ts []term
	ts = a.field(a.normalize(ent.Name), 1, false, ts)
	for i, p := range ent.Products {
		if i == maxProducts {
			break
		}
		ts = a.field(a.normalize(p), 2, false, ts)
	}
	ts = a.field(a.normalize(ent.Description), 1, false, ts)

	p := &prepared{id: ent.ID}
	counts := make(map[string]uint32, len(ts))
	var modOnly map[string]bool // concepts read only as modifiers of a longer one (profilehead.go)
	for _, t := range ts {
		counts[t.text] += uint32(t.w)
		p.dl += int(t.w)
		if t.modifier {
			if modOnly == nil {
				modOnly = map[string]bool{}
			}
			if _, seen := modOnly[t.text]; !seen {
				modOnly[t.text] = true
			}
		}
	}
	if modOnly != nil {
		for _, t := range ts {
			if !t.modifier {
				delete(modOnly, t.text)
			}
		}
		for t := range modOnly {
			counts[t] = min(counts[t], modifierTF)
		}
	}
	if !e.cfg.TextOnly {
		for _, k := range profileKeys(ent) {
			counts[k] = 1
		}
	}
	p.terms = make([]termTF, 0, len(counts))
	for t, n := range counts {
		p.terms = append(p.terms, termTF{text: t, tf: n})
	}
	// slices.SortFunc, not sort.Slice: this sort is a tenth of the build's CPU, and the
	// reflection-based swapper doubles it.
	slices.SortFunc(p.terms, func(x, y termTF) int { return strings.Compare(x.text, y.text) })

	p.meta = docMeta{
		updated: ent.UpdatedAt.UnixNano(),
		region:  parseRegion(ent.Region),
		tier:    tierBit(ent.Tier),
		role:    supplierRole(ent),
	}
	if ent.UpdatedAt.IsZero() {
		p.meta.updated = 0
	}
	p.certs = e.certSet(ent.Certifications)
	p.markets = marketSet(ent.ExportMarkets)
	return p
}

// certSet normalises, deduplicates and sorts certification names.
func (e *Engine) certSet(in []string) []string {
	var out []string
	for _, c := range in {
		if n := e.an.v.Cert(c); n != "" {
			out = append(out, n)
		}
	}
	return sortedUnique(out)
}

func marketSet(in []string) []string {
	var out []string
	for _, m := range in {
		if m = strings.ToUpper(strings.TrimSpace(m)); m != "" {
			out = append(out, m)
		}
	}
	return sortedUnique(out)
}

func sortedUnique(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// matchable reports whether a profile takes part in matching at all: blocked firms are kept in
// the store for the record but never offered.
func matchable(ent *domain.Enterprise) bool {
	return ent.ID != "" && ent.Status != domain.EnterpriseBlocked
}

// Upsert indexes a profile or re-indexes a changed one; a blocked profile is removed. A write
// older than the indexed version (an out-of-order re-sync) is ignored: Upsert then returns false.
func (e *Engine) Upsert(ent domain.Enterprise) bool {
	if ent.ID == "" {
		return false
	}
	if !matchable(&ent) {
		e.Remove(ent.ID)
		return true
	}
	p := e.prepare(&ent)
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.putLocked(p)
}

func (e *Engine) putLocked(p *prepared) bool {
	ix := e.ix
	if slot, ok := ix.byID[p.id]; ok {
		old := ix.meta[slot]
		if p.meta.updated != 0 && old.updated > p.meta.updated {
			return false
		}
		p.meta.exposure = old.exposure
	}
	return ix.put(p)
}

// UpsertMany indexes many profiles, analysing them on all cores; it is the bulk load at start
// and the re-sync path. It returns how many were applied.
func (e *Engine) UpsertMany(ents []domain.Enterprise) int {
	preps := make([]*prepared, len(ents))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if matchable(&ents[i]) {
					preps[i] = e.prepare(&ents[i])
				}
			}
		}()
	}
	for i := range ents {
		next <- i
	}
	close(next)
	wg.Wait()

	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for i, p := range preps {
		switch {
		case p != nil:
			if e.putLocked(p) {
				n++
			}
		case ents[i].ID != "":
			if e.ix.remove(ents[i].ID) {
				n++
			}
		}
	}
	return n
}

// Remove takes a profile out of matching; it reports whether it was indexed.
func (e *Engine) Remove(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ix.remove(id)
}

// Compact gives back memory the postings reserved while growing; call it after a bulk load.
func (e *Engine) Compact() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ix.trim()
}

// Has reports whether a profile is indexed.
func (e *Engine) Has(id string) bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	_, ok := e.ix.byID[id]
	return ok
}

// ActiveSuppliers is the number of profiles that can receive leads (the denominator of coverage).
func (e *Engine) ActiveSuppliers() int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.live
}

// Stats describes the index size.
type Stats struct {
	Profiles        int     `json:"profiles"`
	Leads           int     `json:"leads"`
	Terms           int     `json:"terms"`
	Postings        int     `json:"postings"`
	IndexBytes      int64   `json:"indexBytes"`      // estimated from the sizes of the structures
	BytesPerProfile float64 `json:"bytesPerProfile"` // IndexBytes / Profiles
	DroppedTerms    int     `json:"droppedTerms"`    // refused because the dictionary was full
}

// Stats estimates the memory held by the profile index from its structures (the benchmark also
// measures it with the runtime's heap statistics).
func (e *Engine) Stats() Stats {
	e.mu.RLock()
	ix := e.ix
	s := Stats{Profiles: ix.live, Terms: len(ix.terms), DroppedTerms: ix.droppedTerms}
	const hdr, str, mapEntry = 24, 16, 48
	b := int64(len(ix.terms)) * (str + hdr + mapEntry + str)
	for i, p := range ix.posts {
		s.Postings += len(p)
		b += int64(cap(p))*4 + int64(len(ix.terms[i]))
	}
	b += int64(len(ix.terms)) * 2 // peaks
	for i, f := range ix.fwd {
		b += int64(cap(f))*4 + hdr + str + int64(len(ix.ids[i])) + 1 + int64(unsafe.Sizeof(docMeta{})) + 8
	}
	b += int64(len(ix.byID)) * (mapEntry + str)
	for _, set := range [][][]string{ix.certs.sets, ix.markets.sets} {
		for _, x := range set {
			b += hdr + mapEntry + int64(len(x))*str*2
		}
	}
	s.IndexBytes = b
	e.mu.RUnlock()
	e.lmu.RLock()
	s.Leads = e.leads.live
	e.lmu.RUnlock()
	if s.Profiles > 0 {
		s.BytesPerProfile = float64(s.IndexBytes) / float64(s.Profiles)
	}
	return s
}
