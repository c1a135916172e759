// Package matching pairs order leads with suppliers and suppliers with open leads. It is pure Go:
// it works on domain.Enterprise and domain.Lead and imports neither Fiber, nor a database driver,
// nor the store; callers feed it profile and lead writes and ask it for rankings.
//
// A ranking is a BM25 text score over Chinese-aware terms (CJK bigrams or dictionary words, Latin
// words, model numbers kept whole, field concepts from an embedded vocabulary) plus structured
// evidence (cluster, GB/T 4754 and HS prefix depth, delivery region, export market, tier), minus
// hard constraints that remove a candidate (a missing required certification, a blocked firm, the
// buyer itself). Every result carries its explanation. The top K are exact: candidates come from
// an inverted index and a bounded heap, and a brute-force scorer over the same data gives the same
// list (the tests check it).
package matching
