package matching

import "testing"

// englishLeads are overseas buyers' sentences: inflected verbs, plurals, British spellings, a
// participle before its noun, model numbers — every path of the lemma layer.
var englishLeads = []string{
	"The belts on our packaging line keep breaking, and the conveyor stopped twice last week.",
	"Diesel generators at our mine burn too much fuel; the camp runs on diesel gensets 24/7.",
	"We need welded steel frames and powder coated enclosures for outdoor telecom cabinets, colour RAL7035.",
	"Humidity is damaging goods in our warehouse; paper goods get mouldy in the wet season.",
	"Looking for a supplier of injection moulded parts and machined aluminium housings, ISO 9001, deliver to Hamburg.",
	"Broken pallets, worn bearings and leaking roofs: our distribution centres need maintenance contractors.",
	"Children's shoes and knitted sweaters, private label, small MOQ, shipped to Los Angeles.",
	"SiC MOSFETs 1200V and GaN transistors for EV traction inverters, AEC-Q101 qualified.",
}

// BenchmarkAnalyseEnglish is the lead-side analysis of English leads (concepts, scenes,
// gapped and fronted scenes, words), the path the lemma layer adds to.
//
//	go test ./matching/ -run '^$' -bench 'AnalyseEnglish|IndexEnglish' -benchtime 20000x
func BenchmarkAnalyseEnglish(b *testing.B) { benchEnglish(b, true) }

// BenchmarkIndexEnglish is the profile-side analysis of the same text (concepts and words, no
// scenes), the part of an index build the lemma layer adds to.
func BenchmarkIndexEnglish(b *testing.B) { benchEnglish(b, false) }

// benchEnglish analyses englishLeads one after another, as a lead (query) or as a profile.
func benchEnglish(b *testing.B, query bool) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	rs := make([][]rune, len(englishLeads))
	for i, s := range englishLeads {
		rs[i] = a.normalize(s)
	}
	var buf []term
	for i := 0; b.Loop(); i++ {
		buf = a.field(rs[i%len(rs)], 1, query, buf[:0])
	}
}
