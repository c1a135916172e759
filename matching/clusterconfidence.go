package matching

// Two limits of cluster inference show in real posts, where a buyer tells a story around a need
// and the vocabulary knows only some of the words (the analysis in BENCHMARKS.md, "Cluster
// inference on real posts"):
//
//   - The story outvotes the need. The place, the fleet, the machines, the company's products
//     are named in the story, and there are more of them than of the one or two things the need
//     clause asks for (我们厂有几台数控机床、两台空压机 … 希望上一套人脸识别门禁). When a need clause
//     (needfocus.go) is read as something, what the description names outside its need clauses
//     votes at Tuning.StoryVote. A pain the story tells (a scene phrase: "runs on diesel gensets")
//     keeps its vote: it is what the need answers; the title keeps its votes: it sums the post up.
//     The ranking weighs the story at Tuning.StoryWeight only, since a story word still finds a
//     supplier; the office that answers the lead is the need's.
//   - A thin source decides. The vocabulary's votes are mixed with the neighbours' as shares, so
//     one bag guess (现货 → 钢材) or one story concept is as sure as ten readings that agree, and
//     outvotes neighbours that share many of the lead's words. Tuning.VocabMass weighs the
//     vocabulary by its evidence: m/(m+VocabMass) of its weight for a vote mass m (a product named
//     in the description counts 1, in the title 2, a bag guess a fraction).

// storyFactor is the factor of the votes outside the need clauses: Tuning.StoryVote when a need
// clause is read as a product or a scene of a cluster, 1 otherwise (and when StoryVote is 0).
func storyFactor(v *Vocabulary, spans []span, t *Tuning) float64 {
	if t.StoryVote <= 0 || t.StoryVote == 1 {
		return 1
	}
	for _, s := range spans {
		if !s.t.need {
			continue
		}
		if id, ok := v.byName[productName(s.t.text)]; ok && len(v.conceptClusters[id]) > 0 {
			return t.StoryVote
		}
	}
	return 1
}

// vocabConfidence is the share of its weight the vocabulary keeps for a vote mass m.
func vocabConfidence(m, mass float64) float64 {
	if mass <= 0 {
		return 1
	}
	return m / (m + mass)
}
