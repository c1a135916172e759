package matching

import (
	"math"
	"sort"
	"strings"
	"time"

	"duijie/domain"
)

// Options narrow one ranking.
type Options struct {
	// Exclude lists enterprise (or, for LeadsFor, lead) IDs never to return: firms already
	// matched or that declined.
	Exclude []string
	// Within keeps only suppliers located in this GB/T 2260 area ("320200": Wuxi suppliers only).
	Within string
	// NoExposure ranks without the fair-exposure down-weighting.
	NoExposure bool
	// Now, when set, leaves out leads whose deadline has passed (LeadsFor).
	Now time.Time
}

// leadText is a lead analysed for matching: its weighted terms and, for explanations, the
// normalised fields the term spans point into.
type leadText struct {
	v      *Vocabulary
	fields [2][]rune // title, description as normalised
	orig   [2][]rune // the same, as written (for display)
	occ    [2][]term // occurrences per field
	text   []weighted
	keys   []weighted
	heads  []string // the Chinese headwords of kTrans terms (term.via)
}

// analyzeLead turns a lead into weighted terms. The same lead always gives the same ordered
// terms, so its score against a supplier is the same in both directions.
func (e *Engine) analyzeLead(l *domain.Lead, withText bool) *leadText {
	return e.analyzeLeadBy(&e.an, l, withText)
}

// analyzeLeadBy is analyzeLead by a given analyser: the engine's, or its shown reading
// (analyzer.shownBag) for Understand.
func (e *Engine) analyzeLeadBy(a *analyzer, l *domain.Lead, withText bool) *leadText {
	lt := &leadText{v: a.v}
	for i, s := range [2]string{l.Title, l.Description} {
		lt.fields[i] = a.normalize(s)
		lt.occ[i] = a.inField(i, lt.fields[0]).cased(s).field(lt.fields[i], [2]float32{a.lw.title, 1}[i], true, nil)
		discountSettings(lt.occ[i], a.lw.setting)
		if withText {
			lt.orig[i] = []rune(s)[:len(lt.fields[i])]
		}
	}
	if a.bridge && english(lt.fields[0], lt.fields[1]) {
		if a.v.named(lt.occ[0], lt.occ[1]) <= bridgeGate {
			for i, s := range [2]string{l.Title, l.Description} {
				orig := []rune(s)[:len(lt.fields[i])]
				lt.occ[i] = a.translate(lt.fields[i], orig, [2]float32{a.lw.title, 1}[i], lt.occ[i], &lt.heads, nil)
			}
		} else if a.lw.bridgeNeed > 0 {
			orig := []rune(l.Description)[:len(lt.fields[1])]
			lt.occ[1] = a.translate(lt.fields[1], orig, a.lw.bridgeNeed, lt.occ[1], &lt.heads, needBridgeSpans(lt.fields[1]))
		}
	}
	if a.layman {
		for i := range lt.occ {
			lt.occ[i] = a.laymanRead(lt.fields[i], [2]float32{a.lw.title, 1}[i], lt.occ[i], &lt.heads)
		}
	}
	weighLabelTitle(a.v, lt.fields, &lt.occ, a.lw.title, a.lw.label)
	// After the bridges: a translation of what is negated, or of the buyer's own trade, is
	// weighed down with it.
	negate(a.v, lt.fields, &lt.occ, a.lw.negated)
	discountOwnTrade(lt.fields, &lt.occ, a.lw.subjectTrade, a.lw.firmFacts, a.lw.title)
	focusNeed(lt.fields, &lt.occ, a.lw.need, a.lw.story)
	discountSettingsNamed(lt.fields, &lt.occ, a.lw.possession, a.lw.application)
	discountApplications(lt.fields, &lt.occ, a.lw.forPhrase)
	discountInterfaces(lt.fields, &lt.occ, a.lw.iface)
	all := append(append([]term(nil), lt.occ[0]...), lt.occ[1]...)
	lt.text = merge(all)
	markPeers(lt.text, peerProducts(lt.fields, &lt.occ, a.lw.firmFacts))
	for i := range lt.text {
		lt.text[i].w = queryWeight(lt.text[i].w)
	}
	if len(lt.text) > e.cfg.MaxQueryTerms {
		// The buyer's own terms first: a translation is the first to go.
		sort.SliceStable(lt.text, func(i, j int) bool {
			if ti, tj := lt.text[i].kind == kTrans, lt.text[j].kind == kTrans; ti != tj {
				return tj
			}
			return lt.text[i].w > lt.text[j].w
		})
		lt.text = lt.text[:e.cfg.MaxQueryTerms]
		sortWeighted(lt.text)
	}
	if !e.cfg.TextOnly {
		lt.keys = leadKeys(l, e.cfg.Weights, e.inferredShares(l))
	}
	return lt
}

func sortWeighted(ws []weighted) {
	sort.Slice(ws, func(i, j int) bool { return ws[i].text < ws[j].text })
}

// qterm is a term of a compiled query: its ID in the profile index and its weight, with the
// BM25 idf and the text weight folded in.
type qterm struct {
	id    uint32
	w     float32
	key   bool
	broad bool // a cluster, an HS chapter or an industry division: evidence, not a reason to match
	peer  bool // one of the buyer's own products (peer.go)
	// cluster marks a cluster key: its weight goes to the cluster credit (clusteronce.go).
	cluster bool
	// evidence marks a term a person would call evidence of a match: a text term other than a
	// lone character or a generic word (translations included), or a specific code.
	evidence bool
	kind     termKind
	text     string
}

// query is a lead compiled against the profile index as it is now.
type query struct {
	terms    []qterm
	normK    *[256]float32 // BM25 length normalisation per encoded length (shared, read-only)
	maxBoost float64       // the most the pair evidence can multiply by: bounds scores for pruning

	lead    *domain.Lead
	region  uint32
	market  string
	tiers   uint8
	certs   []string
	demand  uint8
	buyer   string
	exclude map[string]bool
	within  uint32
	noExpo  bool
	once    bool    // only the largest cluster key matched counts (Config.ClusterOnce)
	bare    float32 // the share of its cluster credit a profile without evidence keeps

	// peer is what the relevance of the buyer's peer is multiplied by (peer.go); hasPeer is set
	// when the lead names own products and peer is below 1.
	peer    float32
	hasPeer bool
}

// compile turns an analysed lead into a query over ix. The caller holds e.mu.
func (e *Engine) compile(lt *leadText, l *domain.Lead, opts Options) *query {
	ix, c := e.ix, &e.cfg
	q := e.leadEvidence(l, lt.text, opts)
	maxText, _ := e.leadNorm(lt.text, lt.keys, func(j int) termStat {
		if j < len(lt.text) {
			return e.termStat(lt.text[j].text)
		}
		return e.termStat(lt.keys[j-len(lt.text)].text)
	})
	for _, t := range lt.text {
		if id, df := e.docFreq(t.text); df > 0 && !e.stopTerm(df) {
			q.terms = append(q.terms, qterm{id: id, w: e.textWeight(t.w, e.idf(df), maxText), kind: t.kind, text: t.text, broad: t.kind == kTrans, peer: t.peer,
				evidence: !e.an.v.weakText(t)})
			q.hasPeer = q.hasPeer || t.peer
		}
	}
	q.peer = peerWeight(c)
	q.hasPeer = q.hasPeer && q.peer < 1
	for _, k := range lt.keys {
		if id, df := e.docFreq(k.text); df > 0 {
			q.terms = append(q.terms, qterm{id: id, w: k.w, key: true, broad: broadKey(k.text), cluster: isClusterKey(k.text), text: k.text})
		}
	}
	// Broad evidence only counts for profiles that share something specific with the lead; a
	// lead with nothing specific falls back to it.
	specific := false
	for _, t := range q.terms {
		specific = specific || !t.broad
	}
	if !specific {
		for i := range q.terms {
			q.terms[i].broad = false
		}
	}
	for i := range q.terms {
		if t := &q.terms[i]; t.key {
			t.evidence = !t.broad
		}
	}
	q.normK = ix.normTable(c.K1, c.B)
	return q
}

// docFreq returns a term's ID and the number of profiles that have it (0 for an unknown term).
// The caller holds e.mu.
func (e *Engine) docFreq(text string) (uint32, int) {
	id, ok := e.ix.dict[text]
	if !ok {
		return 0, 0
	}
	return id, len(e.ix.posts[id])
}

// idf is the inverse document frequency of a term found in df profiles. The caller holds e.mu.
func (e *Engine) idf(df int) float64 {
	n := float64(e.ix.live)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// rawWeight is a lead text term's BM25 weight before normalisation: its (dampened) frequency
// in the lead times the term's idf.
func rawWeight(w float32, idf float64) float64 { return float64(w) * idf }

// termStat is what the profile index says of a lead term: its idf, whether it is a stop word
// there (text terms only) and whether any profile has it. The caller holds e.mu.
type termStat struct {
	idf   float64
	stop  bool
	known bool
}

// termStat looks a lead term up in the profile index. The caller holds e.mu.
func (e *Engine) termStat(text string) termStat {
	_, df := e.docFreq(text)
	return termStat{idf: e.idf(df), stop: !isKey(text) && e.stopTerm(df), known: df > 0}
}

// leadNorm returns what a lead's text weights are normalised by, its best possible text score
// (stop words left out, terms no profile has counted in), and whether the lead has anything
// specific a profile can share. stat(j) says what the profile index says of text[j], or for j
// past the text of keys[j-len(text)]. The caller holds e.mu.
func (e *Engine) leadNorm(text, keys []weighted, stat func(j int) termStat) (maxText float64, specific bool) {
	var s normSum
	for j, t := range text {
		s.text(t.w, stat(j), e.cfg.K1, t.kind == kTrans)
	}
	for j, k := range keys {
		s.key(broadKey(k.text), stat(len(text)+j))
	}
	return s.norm(), s.specific
}

// normSum adds up a lead's normalisation term by term, in the lead's order (see leadNorm).
type normSum struct {
	maxText  float64
	specific bool
	// transText is maxText over the terms read through the bridge (kTrans). They are left out
	// of maxText: a translation adds to what a supplier shares with the buyer's own words and
	// never weakens them (it is a guess; the words are the buyer's). A lead of nothing else
	// is normalised by them.
	transText float64
}

func (s *normSum) text(w float32, st termStat, k1 float64, trans bool) {
	if st.stop {
		return
	}
	if trans {
		s.transText += rawWeight(w, st.idf) * (k1 + 1)
		return
	}
	s.maxText += rawWeight(w, st.idf) * (k1 + 1)
	s.specific = s.specific || st.known
}

// norm is what the lead's text weights are divided by.
func (s *normSum) norm() float64 {
	if s.maxText > 0 {
		return s.maxText
	}
	return s.transText
}

func (s *normSum) key(broad bool, st termStat) {
	s.specific = s.specific || !broad && st.known
}

// textWeight is the weight in the compiled query of a lead text term of frequency weight w and
// inverse document frequency idf, for a lead whose best text score is maxText: the text weight
// is the most a perfect textual match adds.
func (e *Engine) textWeight(w float32, idf, maxText float64) float32 {
	c := &e.cfg
	return float32(c.Weights.Text * rawWeight(w, idf) * (c.K1 + 1) / maxText)
}

// leadEvidence is the part of a compiled lead that does not depend on the profile index: the
// preferences and filters pair evidence reads, and the largest boost they can give. text is
// the lead's analysed text (its concepts and scene expansions among it).
func (e *Engine) leadEvidence(l *domain.Lead, text []weighted, opts Options) *query {
	c := &e.cfg
	q := &query{lead: l, maxBoost: 1, once: c.ClusterOnce, bare: c.bareShare(l.ClustersInferred)}
	if c.TextOnly {
		return q
	}
	w := &c.Weights
	q.region = parseRegion(l.DeliveryRegion)
	q.market = strings.ToUpper(strings.TrimSpace(l.ExportMarket))
	for _, t := range l.PreferredTiers {
		q.tiers |= tierBit(t)
	}
	q.certs = e.certSet(l.RequiredCertifications)
	q.demand = demandKind(l)
	// A quantity alone makes a goods demand, unless what the lead calls for is a project or a
	// service (屋顶光伏 of 12,000 m² is built by an EPC firm, not bought from a module maker).
	if q.demand == demandGoods && !goodsByCode(l) && e.an.v.callsForService(text) {
		q.demand = demandUnknown
	}
	q.buyer = l.BuyerEnterpriseID
	q.within = parseRegion(opts.Within)
	q.noExpo = opts.NoExposure
	if len(opts.Exclude) > 0 {
		q.exclude = make(map[string]bool, len(opts.Exclude))
		for _, id := range opts.Exclude {
			q.exclude[id] = true
		}
	}
	// The bound holds for any weights: the largest boost of each kind, and a penalty only when
	// one is configured as a bonus.
	if q.region != 0 {
		q.maxBoost *= 1 + max(0, w.Region[0], w.Region[1], w.Region[2])
	}
	if q.market != "" {
		q.maxBoost *= 1 + max(0, w.Export[0], w.Export[1])
	}
	if q.tiers != 0 {
		q.maxBoost *= 1 + max(0, w.Tier)
	}
	if q.demand == demandGoods {
		q.maxBoost *= 1 - min(0, w.Service, w.Trader)
	}
	return q
}

// stopTerm reports whether a text term found in df profiles is as common as a stop word in
// this index: compile leaves it out. The caller holds e.mu.
func (e *Engine) stopTerm(df int) bool {
	c := &e.cfg
	return c.MaxDFRatio > 0 && e.ix.live >= c.MinDFDocs && float64(df) > c.MaxDFRatio*float64(e.ix.live)
}

// empty reports whether the lead gave nothing to match on: no text term and no code.
func (lt *leadText) empty() bool { return len(lt.text) == 0 && len(lt.keys) == 0 }

// docView is what pair scoring reads of a profile.
type docView struct {
	id      string
	fwd     []uint32
	norm    uint8
	meta    docMeta
	certs   []string
	markets []string
}

func (ix *index) view(slot uint32) docView {
	m := ix.meta[slot]
	return docView{id: ix.ids[slot], fwd: ix.fwd[slot], norm: ix.norm[slot], meta: m,
		certs: ix.certs.sets[m.certs], markets: ix.markets.sets[m.markets]}
}

// contribution is one text term's share of the score; the index walk and the brute-force
// scorer call this same function, so both add the same float32 values in the same order.
func contribution(w, tf, nk float32) float32 { return w * tf / (tf + nk) }

// accumulate scores the query's terms against one profile, term by term in query order; 0
// when the profile shares only broad evidence with the lead.
func (q *query) accumulate(v *docView) float32 {
	var a float32
	var cl clusterCredit
	specific := false
	for _, t := range q.terms {
		tf := tfOf(v.fwd, t.id)
		if tf == 0 {
			continue
		}
		specific = specific || !t.broad
		cl.evidence = cl.evidence || t.evidence
		switch {
		case t.cluster:
			cl.add(t.w)
		case t.key:
			a += t.w
		default:
			a += contribution(t.w, float32(tf), q.normK[v.norm])
		}
	}
	if !specific {
		return 0
	}
	a = q.withCluster(a, cl)
	if q.hasPeer {
		a *= q.peerFactorOf(v)
	}
	return a
}

// broadAccumulate scores a profile that shares only broad evidence with the lead (the fallback
// tier), 0 when it shares something specific or nothing.
func (q *query) broadAccumulate(v *docView) float32 {
	var a float32
	var cl clusterCredit
	for _, t := range q.terms {
		if tfOf(v.fwd, t.id) == 0 {
			continue
		}
		if !t.broad {
			return 0
		}
		cl.evidence = cl.evidence || t.evidence
		switch {
		case t.cluster:
			cl.add(t.w)
		case t.key:
			a += t.w
		default:
			a += contribution(t.w, float32(tfOf(v.fwd, t.id)), q.normK[v.norm])
		}
	}
	return q.withCluster(a, cl)
}

// evidence is the pair evidence of one (lead, profile) pair beyond the indexed terms: boosts
// and penalties as shares of the relevance.
type evidence struct {
	regionLevel int // 0 inside the delivery area, 2 same city, 1 same province
	regionB     float64
	exportB     float64
	exportHow   string
	tierB       float64
	rolePen     float64
	role        uint8
	mult        float64 // fair-exposure multiplier
}

// allowed applies the hard filters: the buyer itself, excluded firms, the Within area and the
// required certifications.
func (e *Engine) allowed(q *query, v *docView) bool {
	if e.cfg.TextOnly {
		return true
	}
	if v.id == q.buyer || q.exclude[v.id] {
		return false
	}
	if q.within != 0 && !regionWithin(q.within, v.meta.region) {
		return false
	}
	for _, c := range q.certs {
		if !containsSorted(v.certs, c) {
			return false
		}
	}
	return true
}

func containsSorted(s []string, x string) bool {
	i := sort.SearchStrings(s, x)
	return i < len(s) && s[i] == x
}

// pairEvidence computes the non-indexed evidence of a pair.
func (e *Engine) pairEvidence(q *query, v *docView) evidence {
	ev := e.metaEvidence(q, &v.meta)
	if q.market != "" && !e.cfg.TextOnly {
		ev.exportB, ev.exportHow = exportMatch(e.an.v, q.market, v.markets, &e.cfg.Weights)
	}
	return ev
}

// metaEvidence is pairEvidence without the export market, which needs the profile's market set.
func (e *Engine) metaEvidence(q *query, m *docMeta) evidence {
	ev := evidence{mult: 1}
	if e.cfg.TextOnly {
		return ev
	}
	w := &e.cfg.Weights
	if q.region != 0 && m.region != 0 {
		switch common := regionCommon(q.region, m.region); {
		case common >= regionLevel(q.region):
			ev.regionB, ev.regionLevel = w.Region[0], 0
		case common == 2:
			ev.regionB, ev.regionLevel = w.Region[1], 2
		case common == 1:
			ev.regionB, ev.regionLevel = w.Region[2], 1
		}
	}
	if q.tiers&m.tier != 0 {
		ev.tierB = w.Tier
	}
	if q.demand == demandGoods {
		ev.role = m.role
		switch m.role {
		case roleService:
			ev.rolePen = w.Service
		case roleTrader:
			ev.rolePen = w.Trader
		}
	}
	if a := e.cfg.ExposureAlpha; a > 0 && !q.noExpo && m.exposure > 0 {
		ev.mult = 1 / (1 + a*math.Log1p(float64(m.exposure)))
	}
	return ev
}

// exportMatch scores export-market experience: the same market, or the same group (DE and EU).
func exportMatch(v *Vocabulary, want string, have []string, w *Weights) (float64, string) {
	if containsSorted(have, want) {
		return w.Export[0], want
	}
	wg := v.marketGroup[want]
	for _, h := range have {
		hg := v.marketGroup[h]
		if h == wg || hg == want || hg != "" && hg == wg {
			return w.Export[1], h
		}
	}
	return 0, ""
}

// steps are the factors by which relevance is scaled, in the order they are applied; the
// explanation reports each one's marginal contribution in the same order.
func (ev *evidence) steps() [5]float64 {
	return [5]float64{1 + ev.regionB, 1 + ev.exportB, 1 + ev.tierB, 1 - ev.rolePen, ev.mult}
}

// score scales the indexed relevance acc by the pair evidence; the index walk, the brute-force
// scorer and LeadsFor all end here.
func (ev *evidence) score(acc float32) float64 { return ev.scale(float64(acc)) }

// scale applies the factors to a relevance in float64. Each product is rounded monotonically,
// so scaling a bound of the relevance gives a bound of the score.
func (ev *evidence) scale(s float64) float64 {
	for _, f := range ev.steps() {
		s *= f
	}
	return s
}
