package meetings

import (
	"context"
	"errors"
	"sort"

	"duijie/domain"
	"duijie/store"
)

// Tally counts meetings and what came of them.
type Tally struct {
	Requested        int                           `json:"requested"`
	Accepted         int                           `json:"accepted"`
	Declined         int                           `json:"declined"`
	Cancelled        int                           `json:"cancelled"`
	Scheduled        int                           `json:"scheduled"`
	Held             int                           `json:"held"`
	NoShows          int                           `json:"noShows"`
	AwaitingFeedback int                           `json:"awaitingFeedback"` // scheduled, slot begun, nobody answered
	Ratings          int                           `json:"ratings"`
	AverageRating    float64                       `json:"averageRating"`
	Outcomes         map[domain.MeetingOutcome]int `json:"outcomes"` // best outcome of held meetings
}

// ClusterTally is the tally of the meetings in which a firm of the cluster took part.
type ClusterTally struct {
	Cluster string `json:"cluster"`
	Tally
}

// Report is the organiser's view of an event's meetings.
type Report struct {
	EventID   string         `json:"eventId"`
	Total     Tally          `json:"total"`
	ByCluster []ClusterTally `json:"byCluster"`
}

func newTally() Tally { return Tally{Outcomes: map[domain.MeetingOutcome]int{}} }

func (t *Tally) add(m *domain.Meeting, begun bool) {
	t.Requested++
	switch m.Status {
	case domain.MeetingAccepted:
		t.Accepted++
	case domain.MeetingDeclined:
		t.Declined++
	case domain.MeetingCancelled:
		t.Cancelled++
	}
	if m.Status != domain.MeetingAccepted || !m.Scheduled() {
		return
	}
	t.Scheduled++
	switch {
	case m.Held():
		t.Held++
		t.Outcomes[m.BestOutcome()]++
	case m.NoShow():
		t.NoShows++
	case begun:
		t.AwaitingFeedback++
	}
	for _, f := range []*domain.MeetingFeedback{m.RequesterFeedback, m.RecipientFeedback} {
		if f != nil && f.Rating > 0 {
			t.AverageRating = (t.AverageRating*float64(t.Ratings) + float64(f.Rating)) / float64(t.Ratings+1)
			t.Ratings++
		}
	}
}

// Report tallies the event's meetings: requested, accepted, held, no-shows and outcomes, in
// total and by the clusters of the firms that met.
func (s *Service) Report(ctx context.Context, e *domain.Event) (*Report, error) {
	ms, err := s.meetings.List(ctx, store.MeetingFilter{EventID: e.ID})
	if err != nil {
		return nil, err
	}
	clusters := map[string][]string{}
	clustersOf := func(id string) ([]string, error) {
		if c, ok := clusters[id]; ok {
			return c, nil
		}
		ent, err := s.enterprises.Get(ctx, id)
		if errors.Is(err, domain.ErrNotFound) {
			clusters[id] = nil
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		clusters[id] = ent.Clusters
		return ent.Clusters, nil
	}
	now := s.now()
	r := &Report{EventID: e.ID, Total: newTally(), ByCluster: []ClusterTally{}}
	by := map[string]*Tally{}
	for i := range ms {
		m := &ms[i]
		begun := m.SlotStart != nil && !now.Before(*m.SlotStart)
		r.Total.add(m, begun)
		seen := map[string]bool{}
		for _, id := range []string{m.RequesterID, m.RecipientID} {
			cs, err := clustersOf(id)
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				if seen[c] {
					continue
				}
				seen[c] = true
				if by[c] == nil {
					t := newTally()
					by[c] = &t
				}
				by[c].add(m, begun)
			}
		}
	}
	for c, t := range by {
		r.ByCluster = append(r.ByCluster, ClusterTally{Cluster: c, Tally: *t})
	}
	sort.Slice(r.ByCluster, func(i, j int) bool {
		a, b := r.ByCluster[i], r.ByCluster[j]
		if a.Requested != b.Requested {
			return a.Requested > b.Requested
		}
		return a.Cluster < b.Cluster
	})
	return r, nil
}
