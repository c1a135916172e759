package matching

import "slices"

// An English request names its product and then what the product is for: "SiC MOSFETs for EV
// traction inverters", "probe cards and test services for 12-inch wafers", "hydraulic cylinders
// for tipper trucks", "solar + battery for hospital Lagos". The words after "for" are the
// application, the buyer's machine or its customer, not what is bought: read at full weight they
// rank the inverter maker, the wafer foundry and the truck builder beside the MOSFET, probe-card
// and cylinder suppliers. So the terms of an application that follows a product the lead reads
// weigh Tuning.ForPhrase of their weight, as a pain's setting does (setting.go). "for" after a
// word that asks or names whom the buyer looks for ("looking for", "quote for", "a partner for",
// "we work for") introduces the need or the buyer, and is left alone.

// enForAsks are the words before "for" that make what follows it the thing sought or the
// buyer's own side, not an application.
var enForAsks = slices.Concat(enSeeking, []string{"quote", "quotes", "quotation", "quotations", "request", "requests",
	"inquiry", "enquiry", "rfq", "rfi", "tender", "tenders", "bid", "bids", "bidding", "need", "needs", "needed",
	"demand", "offer", "offers", "price", "prices", "pricing", "budget", "order", "orders", "contract", "wait",
	"waiting", "apply", "applying", "pay", "paid", "is", "are", "was", "were", "be", "work", "works", "working",
	"we", "i", "me", "us", "them", "it", "supplier", "suppliers", "partner", "partners", "vendor", "vendors",
	"manufacturer", "manufacturers", "maker", "makers", "factory", "factories", "team", "company", "companies",
	"contractor", "contractors", "consultant", "consultants", "provider", "providers", "source", "sources",
	"sourcing", "procurement", "importer", "distributor", "agent", "agents", "someone", "somebody", "anyone",
	"solution", "solutions", "help", "support", "service", "services", "responsible", "ready", "known",
	"famous", "used", "only", "just", "also", "and", "or", "but", "as", "time", "thanks", "thank", "reason",
	"reasons", "example", "instance"})

// enForEnds are the words that end an application: a preposition or a word that starts another
// part of the sentence ("for hospital chain in Riyadh", "for drones and we need …").
var enForEnds = []string{"and", "or", "in", "at", "from", "to", "with", "by", "on", "of", "per", "that", "which", "who",
	"where", "when", "please", "we", "i", "but", "so", "because", "as", "via", "under", "within", "before",
	"after", "than", "is", "are", "was", "were", "will", "can", "must", "should", "need", "needs", "also"}

// appMaxWords is the longest application read: a noun phrase, not the rest of the sentence.
const appMaxWords = 5

// appReach is how many words before "for" the product may end: "probe cards and test services for".
const appReach = 4

// applicationSpans returns the rune spans of a field's normalised text that name what a product
// read just before them is for. products are the field's concept and scene readings.
func applicationSpans(rs []rune, occ []term) [][2]int32 {
	var out [][2]int32
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && !clauseEnd(rs, end) {
			end++
		}
		if hasLatinLetter(rs[start:end]) {
			out = append(out, clauseApplications(string(rs[start:end]), start, occ)...)
		}
		start = end + 1
	}
	return out
}

// clauseApplications finds the applications of one clause (base is its rune offset).
func clauseApplications(clause string, base int, occ []term) [][2]int32 {
	ws, pause := enWords(clause, 0)
	var out [][2]int32
	for i := 1; i < len(ws)-1; i++ {
		if ws[i].w != "for" || pause[i-1] || pause[i] || slices.Contains(enForAsks, ws[i-1].w) {
			continue
		}
		// The product: a reading that ends within the few words before "for", in this clause.
		from := runeSpan(clause, base, ws[max(0, i-appReach)].s, ws[i-1].e)
		if !slices.ContainsFunc(occ, func(t term) bool {
			return (t.kind == kConcept || t.kind == kExpansion) && !t.bag && !t.own && t.end > from[0] && t.end <= from[1]
		}) {
			continue
		}
		j := i + 1
		for j < len(ws) && j-i <= appMaxWords && !slices.Contains(enForEnds, ws[j].w) {
			j++
			if pause[j-1] {
				break
			}
		}
		if j == i+1 {
			continue
		}
		out = append(out, runeSpan(clause, base, ws[i+1].s, ws[j-1].e))
	}
	return out
}

// discountApplications weighs down, in each field, the terms of the applications named after a
// product, by weight. A concept the lead reads outside every application too is the need there,
// and keeps its weight.
func discountApplications(fields [2][]rune, occ *[2][]term, weight float32) {
	if weight == 1 {
		return
	}
	var spans [2][][2]int32
	for f := range fields {
		if hasLatinLetter(fields[f]) {
			spans[f] = applicationSpans(fields[f], occ[f])
		}
	}
	discountSpansUnlessNeeded(spans, occ, weight)
}

// discountSpansUnlessNeeded weighs down by weight the terms inside spans (per field), except a
// concept the lead also reads outside every span: there it is the need, and it keeps its weight.
// Scene-bag guesses are left to the bag's own weighting.
func discountSpansUnlessNeeded(spans [2][][2]int32, occ *[2][]term, weight float32) {
	if len(spans[0])+len(spans[1]) == 0 {
		return
	}
	var needed []string
	for f := range occ {
		for _, t := range occ[f] {
			if (t.kind == kConcept || t.kind == kExpansion) && !t.bag && !overlaps(spans[f], t) && !slices.Contains(needed, t.text) {
				needed = append(needed, t.text)
			}
		}
	}
	for f := range occ {
		for i := range occ[f] {
			t := &occ[f][i]
			if t.bag || !within(spans[f], *t) || slices.Contains(needed, t.text) {
				continue
			}
			t.w *= weight
		}
	}
}

// overlaps reports whether t shares a rune with one of spans.
func overlaps(spans [][2]int32, t term) bool {
	for _, s := range spans {
		if s[0] < t.end && t.start < s[1] {
			return true
		}
	}
	return false
}
