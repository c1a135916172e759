package matching

import (
	"sort"

	"duijie/domain"
)

// Lessons are what the cluster office's corrections taught (domain.LearnLinks): a term the
// engine reads in a lead — a product or a scene phrase — routes the lead to a cluster. They are
// an overlay passed to UnderstandWith; without them (nil) cluster inference is exactly
// Understand's. Safe for concurrent reads; build a new value when the corrections change.
type Lessons struct {
	byTerm map[string][]lesson
}

type lesson struct {
	term, cluster string
	corrections   int
}

// LearnedRoute is one lesson a lead was routed by: "2 次分拣纠正：食堂油烟 → 节能环保".
type LearnedRoute struct {
	Term        string
	Cluster     string
	Corrections int
}

// learnedShare is the weight of the lessons against the engine's own reading when a lead reads
// a learned term. The cluster office's answer, given twice or more for leads written this way,
// outweighs the reading that was corrected: the learned cluster comes first (0.75 against at
// most 0.25), and a corrected-away cluster stays below Tuning.SecondClusterShare of it.
const learnedShare = 0.75

// NewLessons builds the overlay from learned links; links switched off, or taught by fewer
// than domain.MinLessonCorrections corrections, are left out. Nil when none is left.
func NewLessons(links []domain.LearnedLink) *Lessons {
	ls := &Lessons{byTerm: map[string][]lesson{}}
	for _, l := range links {
		k := domain.LessonKey(l.Term)
		if l.Off || l.Net < domain.MinLessonCorrections || k == "" || l.Cluster == "" {
			continue
		}
		ls.byTerm[k] = append(ls.byTerm[k], lesson{term: l.Term, cluster: l.Cluster, corrections: l.Net})
	}
	if len(ls.byTerm) == 0 {
		return nil
	}
	return ls
}

// Len is the number of links in the overlay.
func (ls *Lessons) Len() int {
	if ls == nil {
		return 0
	}
	n := 0
	for _, l := range ls.byTerm {
		n += len(l)
	}
	return n
}

// UnderstandWith is Understand with the lessons of triage: when the lead reads a learned term,
// the learned clusters are mixed into the inferred ones at learnedShare and the lessons used are
// in Learned. ls nil, or no learned term read, is Understand bit for bit.
func (e *Engine) UnderstandWith(title, description string, hsCodes, industryCodes []string, ls *Lessons) Understanding {
	u := e.Understand(title, description, hsCodes, industryCodes)
	if ls != nil {
		u.learn(ls)
	}
	return u
}

// Terms are what a correction of the lead is kept with: the scene phrases, as the buyer wrote
// them, then the products it names itself, each once, at most domain.MaxCorrectionTerms. Left
// out: the products a scene calls for (电梯 in 电梯老困人 is the setting of the pain, and a lead
// buying lifts must not follow a lesson about trapped passengers), and a clause only guessed
// through the scene bag (a guess is no reading to teach from).
func (u Understanding) Terms() []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		k := domain.LessonKey(t)
		if k != "" && !seen[k] && len(out) < domain.MaxCorrectionTerms {
			seen[k] = true
			out = append(out, t)
		}
	}
	called := map[string]bool{}
	for _, s := range u.Scenes {
		for _, p := range s.Products {
			called[p] = true
		}
		if !s.Guessed {
			add(s.Phrase)
		}
	}
	for _, p := range u.Products {
		if !called[p] {
			add(p)
		}
	}
	return out
}

// learn mixes the lessons of the terms u reads into its clusters.
func (u *Understanding) learn(ls *Lessons) {
	votes := map[string]float64{}
	sum := 0.0
	for _, t := range u.Terms() {
		for _, l := range ls.byTerm[domain.LessonKey(t)] {
			votes[l.cluster] += float64(l.corrections)
			sum += float64(l.corrections)
			u.Learned = append(u.Learned, LearnedRoute{Term: t, Cluster: l.cluster, Corrections: l.corrections})
		}
	}
	if sum == 0 {
		return
	}
	mix := map[string]float64{}
	for _, c := range u.Clusters {
		mix[c.Code] += (1 - learnedShare) * c.Score
	}
	for c, x := range votes {
		mix[c] += learnedShare * x / sum
		if u.backed != nil && !containsString(u.backed, c) {
			u.backed = append(u.backed, c)
		}
	}
	out := make([]ClusterScore, 0, len(mix))
	for c, x := range mix {
		if x >= 0.05 || votes[c] > 0 {
			out = append(out, ClusterScore{Code: c, Score: round3(x)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Code < out[j].Code
	})
	u.Clusters = out
	sort.SliceStable(u.Learned, func(i, j int) bool { return u.Learned[i].Corrections > u.Learned[j].Corrections })
}
