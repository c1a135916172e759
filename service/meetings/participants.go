package meetings

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"

	"duijie/domain"
	"duijie/store"
)

// Bounds of the participants directory.
const (
	maxParticipants = 5000 // registrations read per event
	maxViewerLeads  = 20   // the viewer's open leads whose matches recommend
	maxSeeks        = 3    // open leads shown as what a firm seeks
)

// Reason says why a participant is recommended: a message key of the locale files (under
// "meet2.reason.") and its arguments, so each page words it in its language.
type Reason struct {
	Key  string `json:"key"`
	Lead string `json:"lead,omitempty"` // the lead's title
}

// Participant is an opted-in enterprise as the directory shows it.
type Participant struct {
	EnterpriseID string   `json:"enterpriseId"`
	Name         string   `json:"name"`
	Clusters     []string `json:"clusters"`
	Products     []string `json:"products"`
	Offers       string   `json:"offers"` // the profile's description
	Seeks        []string `json:"seeks"`  // titles of its open leads
	Region       string   `json:"region"`
	Tier         string   `json:"tier"`
	Verified     bool     `json:"verified"`
	Score        float64  `json:"score"` // 0 when nothing recommends it
	Reason       *Reason  `json:"reason,omitempty"`
	Self         bool     `json:"self"`
	// MeetingID and MeetingStatus name the viewer's open meeting with this firm, if any.
	MeetingID     string               `json:"meetingId,omitempty"`
	MeetingStatus domain.MeetingStatus `json:"meetingStatus,omitempty"`
}

// ParticipantFilter narrows the directory.
type ParticipantFilter struct {
	Q       string // substring of name, products, description or sought leads
	Cluster string
}

// Participants lists the enterprises with a confirmed registration for e that take part in
// meetings, recommended ones first for a member (by the scores the matching service gave the
// pairs, with the reason), then by name. Members need a confirmed registration themselves;
// organisers of the event and admins see every participant (the caller checks they run it).
func (s *Service) Participants(ctx context.Context, u *domain.User, e *domain.Event, f ParticipantFilter) ([]Participant, error) {
	viewer := ""
	if u.Role == domain.RoleMember {
		ok, err := s.confirmed(ctx, e.ID, u.EnterpriseID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, domain.ErrForbidden
		}
		viewer = u.EnterpriseID
	}
	optedIn, err := s.meetings.OptedIn(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	regs, _, _, err := s.regs.ListByEvent(ctx, e.ID, store.RegistrationFilter{
		Statuses: []domain.RegistrationStatus{domain.RegConfirmed}}, store.Page{Limit: maxParticipants})
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(f.Q))
	cluster := strings.ToUpper(strings.TrimSpace(f.Cluster))
	var out []Participant
	ids := map[string]int{}
	for _, r := range regs {
		if !optedIn[r.EnterpriseID] {
			continue
		}
		ent, err := s.enterprises.Get(ctx, r.EnterpriseID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		p := Participant{EnterpriseID: ent.ID, Name: ent.Name, Clusters: ent.Clusters, Products: ent.Products,
			Offers: ent.Description, Region: ent.Region, Tier: string(ent.Tier), Verified: verified(ent),
			Self: ent.ID == viewer, Seeks: []string{}}
		if p.Seeks, err = s.seeks(ctx, ent.ID); err != nil {
			return nil, err
		}
		if cluster != "" && !slices.Contains(p.Clusters, cluster) {
			continue
		}
		if q != "" && !matchesText(p, q) {
			continue
		}
		ids[p.EnterpriseID] = len(out)
		out = append(out, p)
	}
	if viewer != "" {
		if err := s.recommend(ctx, viewer, out, ids); err != nil {
			return nil, err
		}
		if err := s.markMeetings(ctx, e.ID, viewer, out, ids); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Self != b.Self {
			return b.Self // oneself last
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Name < b.Name
	})
	if out == nil {
		out = []Participant{}
	}
	return out, nil
}

func matchesText(p Participant, q string) bool {
	parts := append([]string{p.Name, p.Offers}, p.Products...)
	parts = append(parts, p.Seeks...)
	for _, s := range parts {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// seeks are the titles of the enterprise's open leads: what it is looking for.
func (s *Service) seeks(ctx context.Context, enterpriseID string) ([]string, error) {
	ls, _, _, err := s.leads.List(ctx, store.LeadFilter{Buyer: enterpriseID, Status: domain.LeadOpen},
		store.Page{Limit: maxSeeks})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.Title)
	}
	return out, nil
}

// recommend scores the participants for the viewer from the match records of the matching
// service: a participant ranked for one of the viewer's open leads can supply it; a lead of a
// participant for which the viewer was ranked is one the viewer can supply. Failing both, a
// shared cluster is a weak reason.
func (s *Service) recommend(ctx context.Context, viewer string, ps []Participant, ids map[string]int) error {
	set := func(id string, score float64, r Reason) {
		i, ok := ids[id]
		if !ok || ps[i].Self || score <= ps[i].Score {
			return
		}
		ps[i].Score, ps[i].Reason = score, &r
	}
	mine, _, _, err := s.leads.List(ctx, store.LeadFilter{Buyer: viewer, Status: domain.LeadOpen}, store.Page{Limit: maxViewerLeads})
	if err != nil {
		return err
	}
	for _, l := range mine {
		ms, err := s.matches.ByLead(ctx, l.ID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.Status != domain.MatchDeclined {
				set(m.EnterpriseID, m.Score, Reason{Key: "supplies", Lead: l.Title})
			}
		}
	}
	theirs, _, _, err := s.matches.List(ctx, store.MatchFilter{EnterpriseID: viewer}, store.Page{Limit: 100})
	if err != nil {
		return err
	}
	for _, m := range theirs {
		l, err := s.leads.Get(ctx, m.LeadID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if l.Status == domain.LeadOpen || l.Status == domain.LeadClosed {
			set(l.BuyerEnterpriseID, m.Score, Reason{Key: "buys", Lead: l.Title})
		}
	}
	me, err := s.enterprises.Get(ctx, viewer)
	if err != nil {
		return err
	}
	for i := range ps {
		if ps[i].Reason != nil || ps[i].Self {
			continue
		}
		for _, c := range ps[i].Clusters {
			if slices.Contains(me.Clusters, c) {
				ps[i].Score, ps[i].Reason = 0.01, &Reason{Key: "cluster", Lead: c}
				break
			}
		}
	}
	return nil
}

// markMeetings notes the viewer's open meeting with each participant, so the page offers no
// second request.
func (s *Service) markMeetings(ctx context.Context, eventID, viewer string, ps []Participant, ids map[string]int) error {
	ms, err := s.meetings.List(ctx, store.MeetingFilter{EventID: eventID, EnterpriseID: viewer,
		Statuses: []domain.MeetingStatus{domain.MeetingRequested, domain.MeetingAccepted}})
	if err != nil {
		return err
	}
	for _, m := range ms {
		id, _ := m.Counterpart(viewer)
		if i, ok := ids[id]; ok {
			ps[i].MeetingID, ps[i].MeetingStatus = m.ID, m.Status
		}
	}
	return nil
}
