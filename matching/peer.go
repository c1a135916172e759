package matching

import "strings"

// A buyer who introduces itself names its own trade (owntrade.go): "我们是做直流充电桩的小厂 …
// 电源部分夏天一热就得降功率". A supplier whose own products are that trade makes what the buyer
// makes: it is the buyer's peer, a competitor, not a supplier, however well it matches the words
// of the introduction (at half weight, they still put the charging-pile maker above the SiC maker
// the buyer needs). Its relevance counts at Tuning.Peer when its profile names one of the buyer's
// own products at least twice (as a product: the product list counts double) and shares none of
// the products the buyer needs. A supplier naming the trade once, in its description (magnets
// "for drive motors" for a motor maker), or answering the need too, stays whole. A buyer that
// sells what others make (a brand, an importer, a distributor) buys its own trade: no peer then.
//
// The factor only lowers a relevance, so every bound of the index walk still holds.

// peerTF is the least frequency of one of the buyer's own products in a profile that makes the
// supplier a peer: once in a product list, or twice in a description.
const peerTF = 2

// sellsOthers are the words of a self-introduction of a buyer that sells what others make.
var sellsOthers = []string{
	"brand", "importer", "distributor", "dealer", "retailer", "wholesaler", "reseller", "trading company",
	"trader", "e-commerce", "online shop", "online store",
	"品牌", "经销", "代理商", "贸易公司", "外贸公司", "商贸", "进出口", "进口商", "批发", "零售", "电商", "网店",
}

// peerProducts returns the buyer's own products (concepts named only where it introduces itself,
// owntrade.go) that make a supplier its peer, nil when there are none or the buyer sells what
// others make. fields and occ are a lead's normalised fields and occurrences after
// discountOwnTrade; firm reads the firm's story as discountOwnTrade did (Tuning.FirmFacts).
func peerProducts(fields [2][]rune, occ *[2][]term, firm bool) map[string]bool {
	var own map[string]bool
	needed := map[string]bool{}
	for f := range occ {
		for _, t := range occ[f] {
			switch {
			case t.kind != kConcept:
			case t.own:
				if own == nil {
					own = map[string]bool{}
				}
				own[t.text] = true
			default:
				needed[t.text] = true
			}
		}
	}
	for t := range needed {
		delete(own, t)
	}
	if len(own) == 0 {
		return nil
	}
	for f := range fields {
		for _, s := range ownTradeSpansIn(fields[f], f == 0, true, firm) {
			intro := introClause(fields[f], s)
			for _, w := range sellsOthers {
				if strings.Contains(intro, w) {
					return nil
				}
			}
		}
	}
	return own
}

// introClause is a self-introduction's span and the words right after it, within its clause:
// the span may leave out the noun that says what kind of firm the buyer is ("activewear" of
// "Activewear brand in Los Angeles").
func introClause(rs []rune, s [2]int32) string {
	j := int(s[1])
	for end := min(len(rs), j+introTail); j < end && !clauseEnd(rs, j); j++ {
	}
	return string(rs[s[0]:j])
}

// introTail is how far past a self-introduction's span its kind of firm is looked for.
const introTail = 16

// markPeers flags the terms of a lead's merged text that are the buyer's own products.
func markPeers(text []weighted, peers map[string]bool) {
	for i := range text {
		text[i].peer = peers[text[i].text]
	}
}

// peerFactor is what the relevance of a profile is multiplied by: q.peer when the profile is the
// buyer's peer, else 1. tf[t] is the profile's frequency of query term t.
func (q *query) peerFactor(tf []uint32) float32 {
	if !q.hasPeer {
		return 1
	}
	peer := false
	for t, f := range tf {
		qt := &q.terms[t]
		if f == 0 || !isProductTerm(*qt) {
			continue
		}
		if !qt.peer {
			return 1 // it shares a product the buyer needs
		}
		peer = peer || f >= peerTF
	}
	if peer {
		return q.peer
	}
	return 1
}

// peerFactorOf is peerFactor for a profile view.
func (q *query) peerFactorOf(v *docView) float32 {
	if !q.hasPeer {
		return 1
	}
	tf := make([]uint32, len(q.terms))
	for t := range q.terms {
		tf[t] = tfOf(v.fwd, q.terms[t].id)
	}
	return q.peerFactor(tf)
}

// peerWeight is the factor of a peer under c: Tuning.Peer within (0, 1], else 1.
func peerWeight(c *Config) float32 {
	if p := c.Tuning.Peer; p > 0 && p < 1 {
		return float32(p)
	}
	return 1
}

// leadPeerFactor is peerFactorOf for an indexed lead, read from its stored terms as compile would
// read them (LeadsFor scores without compiling each lead). The caller holds both locks.
func (e *Engine) leadPeerFactor(d *leadDoc, v *docView) float32 {
	p := peerWeight(&e.cfg)
	if p == 1 {
		return 1
	}
	peer := false
	for _, t := range d.text {
		if t.kind != kConcept && t.kind != kExpansion {
			continue
		}
		id, df := e.docFreq(t.text)
		if df == 0 || e.stopTerm(df) {
			continue // compile leaves it out
		}
		f := tfOf(v.fwd, id)
		if f == 0 {
			continue
		}
		if !t.peer {
			return 1
		}
		peer = peer || f >= peerTF
	}
	if peer {
		return p
	}
	return 1
}
