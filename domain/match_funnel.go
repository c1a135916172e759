package domain

// MatchCounts are the tallies a store gives for a set of matches; Funnel turns them into what
// organisers read.
type MatchCounts struct {
	ByStatus  map[MatchStatus]int
	ByReached map[int]int           // furthest stage reached (Match.Reached) → matches
	Values    map[MatchStatus]int64 // CNY values of the matches at intent and at signed
}

// FunnelStage is how many matches got at least this far, and the share of the previous stage
// that did (0 when the previous stage is empty).
type FunnelStage struct {
	Status MatchStatus `json:"status"`
	Count  int         `json:"count"`
	Rate   float64     `json:"rate"`
}

// MatchFunnel is the follow-up of a lead or a cluster: how far its matches got, where they are
// now, and the value of intentions and signed orders (CNY, yuan).
type MatchFunnel struct {
	Total    int                 `json:"total"`
	Stages   []FunnelStage       `json:"stages"`
	Current  map[MatchStatus]int `json:"current"`
	Declined int                 `json:"declined"`
	Lost     int                 `json:"lost"`
	// IntentValue is 意向成交额 and SignedValue 签约额, as CampaignResults defines them (signed
	// deals count in both), so the funnel and the campaign dashboard show the same sums.
	IntentValue int64           `json:"intentValue"`
	SignedValue int64           `json:"signedValue"`
	Outcomes    CampaignResults `json:"outcomes"`
}

// funnelStages are the stages a funnel shows, in order; declined and lost are exits, shown apart.
var funnelStages = []MatchStatus{MatchProposed, MatchSent, MatchInterested, MatchContacted,
	MatchNegotiating, MatchIntent, MatchSigned}

// Funnel computes the cumulative funnel: a match counts for every stage up to the furthest it
// reached, so a lost negotiation still counts as contacted. Declined answers reach the answer
// stage but not "interested".
func (c MatchCounts) Funnel() MatchFunnel {
	f := MatchFunnel{Current: map[MatchStatus]int{}}
	for _, s := range MatchStatuses {
		f.Current[s] = c.ByStatus[s]
		f.Total += c.ByStatus[s]
	}
	f.Declined, f.Lost = c.ByStatus[MatchDeclined], c.ByStatus[MatchLost]
	f.Outcomes = c.Outcomes()
	f.IntentValue, f.SignedValue = f.Outcomes.IntendedValue, f.Outcomes.SignedValue
	atLeast := func(stage int) int {
		n := 0
		for r, k := range c.ByReached {
			if r >= stage {
				n += k
			}
		}
		return n
	}
	prev := 0
	for i, s := range funnelStages {
		n := atLeast(s.Stage())
		if s == MatchInterested {
			n -= f.Declined
		}
		st := FunnelStage{Status: s, Count: n}
		if i > 0 && prev > 0 {
			st.Rate = float64(n) / float64(prev)
		}
		f.Stages = append(f.Stages, st)
		prev = n
	}
	return f
}
