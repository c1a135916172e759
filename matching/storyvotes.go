package matching

// The story outvotes the need. Real posts wrap a need in a story: the place, the fleet, the
// machines, the company's products are named, and there are more of them than of the one or two
// things the need clause asks for (我们厂有几台数控机床、两台空压机和一台注塑机 … 希望上一套人脸识别门禁;
// a company history that the buyer's-introduction openings of owntrade.go do not catch). When a
// need clause (needfocus.go) is read as a product or a scene, what the description names outside
// its need clauses votes for a cluster at Tuning.StoryVote. A pain the story tells (a scene
// phrase: "runs on diesel gensets") keeps its vote, for it is what the need answers; so does the
// title, which sums the post up. The ranking weighs the story at Tuning.StoryWeight only, since
// a story word still finds a supplier; the office that answers the lead is the need's.
// Measured in BENCHMARKS.md ("Session 10, helper Q").

// storyFactor is the factor of the story's named things: Tuning.StoryVote when a need clause is
// read as a product or a scene of a cluster, 1 otherwise (and when StoryVote is 0).
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
