package matching

// termPeak is what bounds a text term's contribution over all its postings: the highest
// frequency and the shortest encoded length among them (possibly of different profiles). Both
// only move outwards as profiles are added; a removal leaves them loose but still valid, and
// index.trim tightens them again.
type termPeak struct {
	maxTF   uint8
	minNorm uint8
}

func (p *termPeak) add(tf, norm uint8) {
	p.maxTF = max(p.maxTF, tf)
	p.minNorm = min(p.minNorm, norm)
}

// bound is the most term t of q adds to any profile's relevance. contribution grows with tf and
// shrinks with the length factor, and every float32 step of it is monotone, so the value at the
// peak bounds every posting's exact float32 contribution, not only its real-number one.
func (ix *index) bound(q *query, t int) float64 {
	qt := &q.terms[t]
	if qt.key {
		return float64(qt.w)
	}
	pk := ix.peak[qt.id]
	if pk.maxTF == 0 {
		return float64(qt.w)
	}
	return float64(contribution(qt.w, float32(pk.maxTF), q.normK[pk.minNorm]))
}
