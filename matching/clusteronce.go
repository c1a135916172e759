package matching

import (
	"strings"
	"unicode/utf8"
)

// Cluster credit. A lead carries one key per cluster (a code-less lead usually two or three
// inferred ones), and a profile earns a credit for the ones it shares. Every path that scores
// (accumulate, relevance, the walk, LeadsFor, the explanation) sums the other terms in query
// order and adds the cluster credit last, worked out by query.credit from the same
// clusterCredit, so their float32 sums stay the same bits.
//
// Two rules decide the credit:
//
//   - A profile that shares nothing with a code-less lead that a person would call evidence (a
//     lone character met in an unrelated word, a word true of every firm such as 系统 or 服务,
//     or nothing beyond the cluster) keeps only Tuning.BareClusterShare of its cluster credit.
//     The clusters were guessed from the lead's own words; a supplier none of whose words
//     answer them is in the right office by registration, not by what it makes, and should not
//     outrank a maker with weak but real evidence. Measured on the development sets (BENCHMARKS.md,
//     "Cluster credit"), it helps; dropping such a profile below every other, or capping the
//     credit at the text score, does not.
//   - With Config.ClusterOnce a profile earns the largest single cluster key it matches instead
//     of the sum. It is off: a supplier registered in both of a lead's inferred clusters is, on
//     the development sets, more often the right one than not (SiC MOSFETs: 新能源 and 集成电路).

// clusterCredit gathers what a profile matched of a lead's cluster keys.
type clusterCredit struct {
	max, sum float32
	evidence bool // the profile shares real evidence with the lead (qterm.evidence)
}

func (c *clusterCredit) add(w float32) {
	c.max = max(c.max, w)
	c.sum += w
}

// credit is what the cluster keys add to a profile's relevance.
func (q *query) credit(c clusterCredit) float32 {
	cr := c.sum
	if q.once {
		cr = c.max
	}
	if !c.evidence {
		cr *= q.bare
	}
	return cr
}

// withCluster adds the cluster credit to the rest of a profile's relevance a.
func (q *query) withCluster(a float32, c clusterCredit) float32 { return a + q.credit(c) }

// bareShare is the share of its cluster credit a profile without real evidence keeps for a lead
// whose clusters were inferred (Tuning.BareClusterShare, within [0, 1] so that the sum of the
// cluster keys still bounds it); 1 for a lead whose clusters a person gave.
func (c *Config) bareShare(inferred bool) float32 {
	if !inferred {
		return 1
	}
	return float32(min(1, max(0, orOne(c.Tuning.BareClusterShare))))
}

func isClusterKey(k string) bool { return strings.HasPrefix(k, keyCluster) }

// weakText reports whether a lead's text term is no evidence a person would give: a lone
// character (铁 of 铁架子 met in 磷酸铁锂) or a word true of almost every firm (evidence_stop.txt).
// It still counts in the score.
func (v *Vocabulary) weakText(t weighted) bool {
	switch t.kind {
	case kHan:
		return utf8.RuneCountInString(t.text) == 1 || v.generic(t.text)
	case kWord:
		return v.generic(t.text)
	}
	return false
}

// onceBound is what a cluster key of bound ub adds to the bound of a set of terms whose
// cluster keys so far bound at most *top, when only the largest counts (Config.ClusterOnce).
func onceBound(ub float64, top *float64) float64 {
	if ub <= *top {
		return 0
	}
	d := ub - *top
	*top = ub
	return d
}
