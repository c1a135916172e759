package meetings

import (
	"path/filepath"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

type env struct {
	t        *testing.T
	st       *store.Store
	svc      *Service
	now      time.Time
	ev       *domain.Event
	buyer    *domain.Enterprise // posts the lead, requests the meeting
	supplier *domain.Enterprise // matched to the lead
	other    *domain.Enterprise
	lead     *domain.Lead
	match    *domain.Match
}

func newEnv(t *testing.T) *env {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	return newEnvOn(t, st)
}

// newEnvOn is newEnv over a store of any engine.
func newEnvOn(t *testing.T, st *store.Store) *env {
	var err error
	ctx := t.Context()
	e := &env{t: t, st: st, now: time.Now()}
	e.svc = New(st, func() time.Time { return e.now }, nil)
	e.ev = storetest.NewEvent("L1", 3, 100)
	storetest.Must(t, st.Events.Create(ctx, e.ev), "event")
	for i, p := range []**domain.Enterprise{&e.buyer, &e.supplier, &e.other} {
		ent := storetest.NewEnterprise(900 + i)
		if i == 1 {
			ent.Verification = domain.VerificationVerified // the supplier's licence is checked
		}
		storetest.Must(t, st.Enterprises.Create(ctx, ent), "enterprise")
		*p = ent
		r := &domain.Registration{EventID: e.ev.ID, EnterpriseID: ent.ID, EnterpriseName: ent.Name, CreatedBy: "seed",
			Attendees: []domain.Attendee{{Name: "张三", Position: "经理", Mobile: "13900000000", Email: "z@example.test"}}}
		_, _, err := st.Registrations.Register(ctx, r, e.now)
		storetest.Must(t, err, "register")
		storetest.Must(t, st.Meetings.SetOptIn(ctx, e.ev.ID, ent.ID, true, e.now), "opt in")
	}
	e.lead = storetest.NewLead(1, "L1", e.buyer.ID)
	e.lead.Status = domain.LeadOpen
	storetest.Must(t, st.Leads.Create(ctx, e.lead), "lead")
	e.match = storetest.NewMatch(e.lead.ID, e.supplier.ID, 8.5)
	e.match.Status = domain.MatchInterested
	_, err = st.Matches.Put(ctx, []domain.Match{*e.match})
	storetest.Must(t, err, "match")
	ms, err := st.Matches.ByLead(ctx, e.lead.ID)
	storetest.Must(t, err, "matches")
	e.match = &ms[0]
	if e.match.Status != domain.MatchInterested {
		// Put stores new pairs as given; make sure the funnel starts at interested.
		from := e.match.Status
		e.match.Status = domain.MatchInterested
		storetest.Must(t, st.Matches.Update(ctx, e.match, from), "interested")
	}
	return e
}

func member(ent *domain.Enterprise) *domain.User {
	return &domain.User{ID: domain.NewID(), Role: domain.RoleMember, EnterpriseID: ent.ID}
}

func TestParticipantsRecommendFromMatches(t *testing.T) {
	e := newEnv(t)
	ps, err := e.svc.Participants(t.Context(), member(e.buyer), e.ev, ParticipantFilter{})
	storetest.Must(t, err, "participants")
	if !ps[0].Verified {
		t.Errorf("a verified enterprise carries no mark: %+v", ps[0])
	}
	if len(ps) != 3 || ps[0].EnterpriseID != e.supplier.ID || ps[0].Reason == nil || ps[0].Reason.Key != "supplies" ||
		ps[0].Reason.Lead != e.lead.Title || !ps[2].Self {
		t.Fatalf("buyer's directory: %+v", ps)
	}
	// The supplier sees the buyer recommended: it can supply the buyer's lead.
	ps, err = e.svc.Participants(t.Context(), member(e.supplier), e.ev, ParticipantFilter{})
	storetest.Must(t, err, "participants")
	if ps[0].EnterpriseID != e.buyer.ID || ps[0].Reason == nil || ps[0].Reason.Key != "buys" || len(ps[0].Seeks) != 1 {
		t.Fatalf("supplier's directory: %+v", ps)
	}
	// Opting out leaves the directory.
	storetest.Must(t, e.svc.SetOptIn(t.Context(), member(e.other), e.ev, false), "opt out")
	ps, _ = e.svc.Participants(t.Context(), member(e.buyer), e.ev, ParticipantFilter{})
	if len(ps) != 2 {
		t.Fatalf("%d participants after an opt-out, want 2", len(ps))
	}
}

func TestFeedbackMovesTheMatch(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	ws := []domain.MeetingWindow{{From: e.ev.StartsAt, Until: e.ev.StartsAt.Add(time.Hour), Minutes: 20, Tables: 5}}
	_, err := e.svc.SetWindows(ctx, e.ev, ws)
	storetest.Must(t, err, "windows")
	slot := e.ev.StartsAt.Add(20 * time.Minute)
	m, err := e.svc.Request(ctx, member(e.buyer), e.ev, RequestInput{With: e.supplier.ID, MatchID: e.match.ID, SlotStart: &slot})
	storetest.Must(t, err, "request")
	if m.Score != e.match.Score {
		t.Fatalf("score %v, want the match's %v", m.Score, e.match.Score)
	}
	m, _, err = e.svc.Act(ctx, member(e.supplier), m.ID, "accept", AnswerInput{})
	storetest.Must(t, err, "accept")
	if m.Table != 1 || !m.SlotStart.Equal(slot) {
		t.Fatalf("booked %+v", m)
	}
	e.now = slot.Add(30 * time.Minute)
	_, err = e.svc.Feedback(ctx, member(e.buyer), m.ID, domain.MeetingFeedback{Held: true, Rating: 5, Outcome: domain.OutcomeIntent})
	storetest.Must(t, err, "feedback")
	got, err := e.st.Matches.Get(ctx, e.match.ID)
	storetest.Must(t, err, "match")
	if got.Status != domain.MatchIntent {
		t.Fatalf("match at %s, want intent", got.Status)
	}
	// The other side's follow-up does not move it back.
	_, err = e.svc.Feedback(ctx, member(e.supplier), m.ID, domain.MeetingFeedback{Held: true, Rating: 4, Outcome: domain.OutcomeFollowUp})
	storetest.Must(t, err, "feedback 2")
	got, _ = e.st.Matches.Get(ctx, e.match.ID)
	if got.Status != domain.MatchIntent {
		t.Fatalf("match moved back to %s", got.Status)
	}
	r, err := e.svc.Report(ctx, e.ev)
	storetest.Must(t, err, "report")
	if r.Total.Held != 1 || r.Total.Outcomes[domain.OutcomeIntent] != 1 || r.Total.AverageRating != 4.5 {
		t.Fatalf("report %+v", r.Total)
	}
}
