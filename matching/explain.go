package matching

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"duijie/domain"
	"duijie/locales"
)

// Result is one ranked counterpart: an enterprise for SuppliersFor, a lead for LeadsFor.
type Result struct {
	ID          string      `json:"id"`
	Score       float64     `json:"score"`
	Explanation Explanation `json:"explanation"`
	// Weak marks a weaker match: far below the best and reached only by a faint guess
	// (weakfloor.go). It keeps its place in the ranking; pages fold it away.
	Weak bool `json:"weak,omitempty"`
}

// Explanation says why a pair matched: the factors with their contributions (they add up to
// the score: relevance first, then what each preference multiplied in) and the words of the
// lead that the profile matched.
type Explanation struct {
	Summary      string   `json:"summary"` // Render in zh-CN
	Factors      []Factor `json:"factors"`
	MatchedTerms []string `json:"matchedTerms"`
}

// Factor is one kind of evidence. Name is a stable key (the Factor* constants) that pages
// translate; Detail holds language-neutral values (codes, terms, counts).
type Factor struct {
	Name         string  `json:"name"`
	Contribution float64 `json:"contribution"`
	Detail       string  `json:"detail"`
}

// Factor names.
const (
	FactorText          = "text"          // Detail: matched terms, comma-separated
	FactorCluster       = "cluster"       // Detail: shared cluster codes
	FactorIndustry      = "industry"      // Detail: the deepest shared GB/T 4754 prefix
	FactorHS            = "hs"            // Detail: the deepest shared HS prefix (8542.31)
	FactorRegion        = "region"        // Detail: the supplier's GB/T 2260 code, inside the delivery area
	FactorRegionNearby  = "region_nearby" // Detail: the supplier's code, same city or province
	FactorExport        = "export_market" // Detail: the market the supplier exports to
	FactorTier          = "tier"          // Detail: the supplier's tier, one the buyer prefers
	FactorCertification = "certification" // Detail: required certifications held
	FactorRole          = "role"          // negative; Detail: "service" or "trader"
	FactorExposure      = "exposure"      // negative; Detail: leads received recently
)

// SceneArrow joins a buyer's scene and the product it was read as in a matched term.
const SceneArrow = " → "

// GuessArrow joins a buyer's clause and a product the scene bag guessed from its words
// (scenebag.go): "排出去的水发红被罚了 ≈ 污水处理" says it is a likeness, not a known phrase.
const GuessArrow = " ≈ "

// ScenePartsSep joins the products one scene phrase calls for in an explanation.
const ScenePartsSep = "/"

// maxMatchedTerms bounds the terms listed in an explanation.
const maxMatchedTerms = 8

// explain builds the explanation of a (lead, profile) pair. The caller holds e.mu.
func (e *Engine) explain(q *query, lt *leadText, v *docView) Explanation {
	var x Explanation
	var text float64
	matched := map[string]bool{}
	var clusters []string
	var cl clusterCredit
	var indW, hsW float64
	var ind, hs string
	for _, t := range q.terms {
		tf := tfOf(v.fwd, t.id)
		if tf == 0 {
			continue
		}
		cl.evidence = cl.evidence || t.evidence
		if !t.key {
			text += float64(contribution(t.w, float32(tf), q.normK[v.norm]))
			matched[t.text] = true
			continue
		}
		code := t.text[len(keyCluster):]
		switch t.text[:len(keyCluster)] {
		case keyCluster:
			clusters = append(clusters, code)
			cl.add(t.w)
		case keyIndustry:
			indW += float64(t.w)
			if len(code) > len(ind) {
				ind = code
			}
		case keyHS:
			hsW += float64(t.w)
			if len(code) > len(hs) {
				hs = code
			}
		}
	}
	clusterW := float64(q.credit(cl))
	// A peer's relevance counts at its factor (peer.go): so do its parts.
	if pf := float64(q.peerFactorOf(v)); pf != 1 {
		text, clusterW, indW, hsW = text*pf, clusterW*pf, indW*pf, hsW*pf
	}
	x.MatchedTerms = lt.matchedTerms(matched)
	add := func(name string, c float64, detail string) {
		if c != 0 {
			x.Factors = append(x.Factors, Factor{Name: name, Contribution: round3(c), Detail: detail})
		}
	}
	add(FactorText, text, strings.Join(x.MatchedTerms, ", "))
	add(FactorCluster, clusterW, strings.Join(clusters, ","))
	add(FactorIndustry, indW, ind)
	add(FactorHS, hsW, formatHS(hs))

	// Preferences scale relevance one after the other; each reports what it added.
	ev := e.pairEvidence(q, v)
	region := ""
	if v.meta.region != 0 {
		region = strconv.Itoa(int(v.meta.region))
	}
	s := float64(q.accumulate(v))
	steps := ev.steps()
	names := [5]string{FactorRegion, FactorExport, FactorTier, FactorRole, FactorExposure}
	details := [5]string{region, ev.exportHow, string(tierOf(v.meta.tier)), roleNames[ev.role], strconv.Itoa(int(v.meta.exposure))}
	if ev.regionLevel != 0 {
		names[0] = FactorRegionNearby
	}
	for i, f := range steps {
		next := s * f
		add(names[i], next-s, details[i])
		s = next
	}
	if len(q.certs) > 0 { // equal for every candidate (the others are filtered out): it explains
		x.Factors = append(x.Factors, Factor{Name: FactorCertification, Detail: strings.Join(q.certs, ",")})
	}
	sort.SliceStable(x.Factors, func(i, j int) bool { return x.Factors[i].Contribution > x.Factors[j].Contribution })
	x.Summary = Render(x, locales.Default, e.an.v, e.cfg.Labeler)
	return x
}

// round3 rounds to three decimals; a tiny negative rounds to 0, not -0, which JSON writes as
// "-0" and MongoDB stores as 0, so an explanation would read back changed.
func round3(f float64) float64 { return math.Round(f*1000)/1000 + 0 }

func tierOf(bit uint8) domain.EnterpriseTier {
	for i, t := range domain.EnterpriseTiers {
		if bit == 1<<i {
			return t
		}
	}
	return ""
}

// matchedTerms lists what the buyer wrote that the profile matched, in the order written:
// concepts by their canonical name, model numbers and Latin words as written, and runs of
// matched Chinese characters merged back into phrases ("温度传感器", not 温度 度传 传感 感器).
func (lt *leadText) matchedTerms(matched map[string]bool) []string {
	type item struct {
		text  string
		field int
		pos   int32
	}
	var items []item
	push := func(s string, f int, pos int32) {
		if s != "" {
			items = append(items, item{s, f, pos})
		}
	}
	direct := map[string]bool{} // concepts the buyer named: their expansions add nothing
	for f := range lt.occ {
		for _, t := range lt.occ[f] {
			if t.kind == kConcept {
				direct[t.text] = true
			}
		}
	}
	bridged := map[string]bool{} // translations shown: one reason per supplier's word
	for f := range lt.occ {
		var spans [][2]int32
		bridgedAt := map[int32]bool{} // and one per buyer's word
		shown := lt.bridgeShown(f, matched)
		for _, t := range lt.occ[f] {
			// A negated reading is no reason: 不起球 → 纺织品检测, 贸易商勿扰 → 贸易 (negation.go).
			if !matched[t.text] || t.neg {
				continue
			}
			switch t.kind {
			case kTrans: // the buyer's English and the supplier's word: "leachate ≈ 渗滤液"
				if h := lt.heads[t.via-1]; h == shown[t.start] && !bridged[h] && !bridgedAt[t.start] {
					bridged[h], bridgedAt[t.start] = true, true
					push(lt.display(f, t.start, t.end)+BridgeArrow+h, f, t.start)
				}
			case kExpansion: // the buyer's scene and the product it calls for: "食堂油烟 → 油烟净化设备"
				if !direct[t.text] {
					arrow, words := SceneArrow, lt.display(f, t.start, t.end)
					if t.bag || t.composed {
						arrow, words = GuessArrow, lt.excerpt(f, t.start, t.end)
					}
					if t.sound {
						words = lt.heard(f, t)
					}
					push(words+arrow+strings.TrimPrefix(t.text, "#"), f, t.start)
				}
			case kConcept, kHan: // the buyer's own words
				if t.sound { // a slip of the phone's input: "空呀机 ≈ 空压机"
					push(lt.heard(f, t), f, t.start)
					continue
				}
				if !isHan(lt.fields[f][t.start]) { // a Latin phrase ("IGBT modules") stands alone
					push(lt.display(f, t.start, t.end), f, t.start)
					continue
				}
				if t.kind == kHan && t.end-t.start == 1 {
					// A lone character (铁, 胶) counts in the score but is no reason a person
					// would give: 铁 of 铁架子 met in 磷酸铁锂. A concept of one (泵) still is.
					continue
				}
				spans = append(spans, [2]int32{t.start, t.end})
			default:
				push(lt.display(f, t.start, t.end), f, t.start)
			}
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
		for i := 0; i < len(spans); {
			s, end := spans[i][0], spans[i][1]
			j := i + 1
			for ; j < len(spans) && spans[j][0] <= end && (spans[j][0] < end || isHan(lt.fields[f][end-1]) && isHan(lt.fields[f][end])); j++ {
				end = max(end, spans[j][1])
			}
			s, end = lt.trimPhrase(f, s, end)
			push(lt.display(f, s, end), f, s)
			i = j
		}
	}
	// Words true of almost every firm are no evidence to show ("支持", "processing").
	if lt.v != nil {
		kept := items[:0]
		for _, it := range items {
			if !lt.v.generic(it.text) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	// Longest first decides which items survive (a phrase inside a longer one adds nothing);
	// the survivors are then listed in the order the buyer wrote them.
	byLen := append([]item(nil), items...)
	sort.SliceStable(byLen, func(i, j int) bool { return len(byLen[i].text) > len(byLen[j].text) })
	var keep []item
	for _, it := range byLen {
		dup := false
		for _, k := range keep {
			if strings.Contains(strings.ToLower(k.text), strings.ToLower(it.text)) {
				dup = true
				break
			}
		}
		if !dup {
			keep = append(keep, it)
		}
	}
	sort.SliceStable(keep, func(i, j int) bool {
		if keep[i].field != keep[j].field {
			return keep[i].field < keep[j].field
		}
		return keep[i].pos < keep[j].pos
	})
	out := make([]string, 0, min(len(keep), maxMatchedTerms))
	for _, it := range keep {
		if len(out) == maxMatchedTerms {
			break
		}
		out = append(out, it.text)
	}
	return out
}

// bridgeShown picks, for each English word of field f read through the bridge, the headword to
// show: the one the profile matched the most terms of (a supplier writing 承包商 is shown
// "contractor ≈ 承包商", not 承包人, though both share 承包), the first of them on a tie.
func (lt *leadText) bridgeShown(f int, matched map[string]bool) map[int32]string {
	var out map[int32]string
	if len(lt.heads) == 0 {
		return out
	}
	type at struct {
		start int32
		via   uint8
	}
	count := map[at]int{}
	for _, t := range lt.occ[f] {
		if t.kind == kTrans && matched[t.text] {
			count[at{t.start, t.via}]++
		}
	}
	best := map[int32]at{}
	for k, n := range count {
		b, ok := best[k.start]
		if !ok || n > count[b] || n == count[b] && k.via < b.via {
			best[k.start] = k
		}
	}
	for s, k := range best {
		if out == nil {
			out = map[int32]string{}
		}
		out[s] = lt.heads[k.via-1]
	}
	return out
}

// trimPhrase cuts a merged run of matched bigrams to word boundaries: a character at either end
// that belongs to no dictionary word inside the run ("化改造" from 自动化改造) is dropped, and a
// lone character that is not a listed unigram is dropped altogether.
func (lt *leadText) trimPhrase(f int, s, e int32) (int32, int32) {
	v := lt.v
	if v == nil {
		return s, e
	}
	run := lt.fields[f][s:e]
	if len(run) == 1 {
		if !v.unigrams[run[0]] {
			return s, s
		}
		return s, e
	}
	covered := make([]bool, len(run))
	for i := 0; i < len(run); {
		end := v.dict.longestRunes(run, i)
		if end-i >= 2 {
			for k := i; k < end; k++ {
				covered[k] = true
			}
			i = end
			continue
		}
		i++
	}
	a, b := 0, len(run)
	if !covered[0] && b-a > 2 && covered[1] {
		a++
	}
	if !covered[b-1] && b-a > 2 && covered[b-2] {
		b--
	}
	return s + int32(a), s + int32(b)
}

// display returns a span of a field as the buyer wrote it.
func (lt *leadText) display(f int, s, e int32) string {
	src := lt.orig[f]
	if src == nil {
		src = lt.fields[f]
	}
	if int(e) > len(src) || s >= e {
		return ""
	}
	return strings.TrimSpace(string(src[s:e]))
}

// excerpt is display for a span cut out of a longer clause (the scene bag's guess): an ellipsis
// marks each side where the clause runs on, so a reader sees an excerpt ("…发生4起电瓶车电瓶被盗")
// rather than a word cut in two.
func (lt *leadText) excerpt(f int, s, e int32) string {
	text := lt.display(f, s, e)
	rs := lt.fields[f]
	if text == "" || int(e) > len(rs) {
		return text
	}
	if s > 0 && !shownBreak(rs, int(s)-1) && rs[s-1] != ' ' {
		text = "…" + text
	}
	if int(e) < len(rs) && !shownBreak(rs, int(e)) && rs[e] != ' ' {
		text += "…"
	}
	return text
}

// Labeler names a code for people: kind is "cluster" or "region". It returns "" when it does
// not know the code, and the code is shown instead.
type Labeler func(kind, code, lang string) string

// Render writes an explanation as one sentence in lang (zh-CN or en), the factors in order of
// contribution: "匹配 车规级、MCU；同属集成电路集群；HS 8542.31；持有 IATF16949（必需）；位于 新吴区".
// The message patterns live in locales/matching.*.json.
func Render(x Explanation, lang string, v *Vocabulary, label Labeler) string {
	if v == nil {
		v = DefaultVocabulary()
	}
	name := func(kind, code string) string {
		if label != nil {
			if s := label(kind, code, lang); s != "" {
				return s
			}
		}
		return code
	}
	list := locales.T(lang, "matching.list")
	var parts []string
	for _, f := range x.Factors {
		var arg string
		switch f.Name {
		case FactorText:
			arg = strings.Join(termLabels(x.MatchedTerms, lang, v), list)
		case FactorCluster:
			var names []string
			for _, c := range strings.Split(f.Detail, ",") {
				names = append(names, name("cluster", c))
			}
			arg = strings.Join(names, list)
		case FactorRegion, FactorRegionNearby:
			arg = name("region", f.Detail)
		case FactorTier:
			arg = locales.T(lang, "matching.tier."+f.Detail)
		case FactorCertification:
			arg = strings.Join(strings.Split(f.Detail, ","), list)
		case FactorRole:
			parts = append(parts, locales.T(lang, "matching.factor.role_"+f.Detail))
			continue
		case FactorExposure:
			if f.Detail == "1" { // "received 1 leads" is no sentence
				parts = append(parts, locales.T(lang, "intake.explain.exposure_one"))
				continue
			}
			arg = f.Detail
		default:
			arg = f.Detail
		}
		if arg == "" && f.Name == FactorText {
			continue
		}
		parts = append(parts, locales.T(lang, "matching.factor."+f.Name, arg))
	}
	if len(parts) == 0 {
		return locales.T(lang, "matching.none")
	}
	return strings.Join(parts, locales.T(lang, "matching.separator"))
}

// TermLabels is termLabels for pages that list the evidence (the vocabulary nil: the embedded one).
func TermLabels(terms []string, lang string, v *Vocabulary) []string {
	if v == nil {
		v = DefaultVocabulary()
	}
	return termLabels(terms, lang, v)
}

// termLabels names matched terms in lang, each once: a concept by its label ("MCU" and "微控制器"
// are one term in English), a scene as "the buyer's words → the products", one item per phrase
// ("随时看到温度 → 物联网网关/冷链监测", not the phrase twice), and generic words (kept in
// explanations stored before they were filtered) left out.
func termLabels(terms []string, lang string, v *Vocabulary) []string {
	out := make([]string, 0, len(terms))
	seen := map[string]bool{}
	scene := map[string]int{} // phrase and arrow → its item in out
	var products [][]string   // per item of out, the products of a scene item
	var arrows []string       // per item of out, the arrow of a scene item
	for _, t := range terms {
		label := v.TermLabel(t, lang)
		arrow := SceneArrow
		phrase, product, ok := strings.Cut(t, arrow)
		if !ok {
			arrow = GuessArrow
			phrase, product, ok = strings.Cut(t, arrow)
		}
		if ok {
			p := v.ConceptLabel(product, lang)
			if strings.EqualFold(p, phrase) { // "leachate ≈ 渗滤液" in English too, never "leachate ≈ leachate"
				p = product
			}
			if i, ok := scene[phrase+arrow]; ok {
				if !containsString(products[i], p) {
					products[i] = append(products[i], p)
				}
				continue
			}
			scene[phrase+arrow] = len(out)
			out = append(out, phrase)
			products = append(products, []string{p})
			arrows = append(arrows, arrow)
			continue
		} else if v.generic(t) {
			continue
		}
		if k := strings.ToLower(label); !seen[k] {
			seen[k] = true
			out = append(out, label)
			products = append(products, nil)
			arrows = append(arrows, "")
		}
	}
	// The products of one phrase are joined by a slash: the list separator already separates
	// the items ("冷库、随时看到温度 → 物联网网关/冷链监测").
	for i, ps := range products {
		if ps != nil {
			out[i] += arrows[i] + strings.Join(ps, ScenePartsSep)
		}
	}
	return out
}
