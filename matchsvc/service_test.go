package matchsvc

import (
	"context"
	"errors"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// A lead that opens stores its best Keep suppliers once per pair and sends the best Send of
// them; opening it again (an edit) stores no duplicates and sends no more.
func TestOpenLeadStoresAndSendsTopMatches(t *testing.T) {
	e := newEnv(t, Config{Keep: 5, Send: 3})
	buyer := e.addEnterprise(textileMaker(0))
	var chips []*domain.Enterprise
	for i := range 8 {
		chips = append(chips, e.addEnterprise(chipMaker(i, 1+i%3)))
	}
	for i := 1; i <= 3; i++ {
		e.addEnterprise(textileMaker(i))
	}
	draft := e.mcuLead(buyer, domain.LeadDraft)
	if ms := e.byLead(draft.ID); len(ms) != 0 {
		t.Fatalf("a draft lead stored %d matches", len(ms))
	}

	l := e.mcuLead(buyer, domain.LeadOpen)
	ms := e.byLead(l.ID)
	if len(ms) != 5 {
		t.Fatalf("stored %d matches, want Keep = 5", len(ms))
	}
	if c := statusCount(ms); c[domain.MatchSent] != 3 || c[domain.MatchProposed] != 2 {
		t.Fatalf("statuses %v, want 3 sent and 2 proposed", c)
	}
	for i, m := range ms {
		if m.EnterpriseID == buyer.ID || m.EnterpriseName == "" || len(m.Explanation.Factors) == 0 ||
			m.Explanation.Summary == "" || m.Clusters[0] != "L2" {
			t.Errorf("match %d: %+v", i, m)
		}
		if sent := m.Status == domain.MatchSent; sent != (i < 3) {
			t.Errorf("match %d (score %.3f) status %s: the best scores must be sent", i, m.Score, m.Status)
		}
		if want := map[bool]int{true: 1, false: 0}[m.Status == domain.MatchSent]; e.svc.Engine().Exposure(m.EnterpriseID) != want {
			t.Errorf("match %d: exposure %d, want %d", i, e.svc.Engine().Exposure(m.EnterpriseID), want)
		}
	}

	// Reopening re-ranks: the sent suppliers now carry exposure, so another may enter the
	// stored set, but no pair is stored twice and no more are sent.
	e.svc.LeadChanged(context.Background(), *l)
	again := e.byLead(l.ID)
	seen := map[string]bool{}
	for _, m := range again {
		if seen[m.EnterpriseID] {
			t.Fatalf("pair stored twice: %s", m.EnterpriseID)
		}
		seen[m.EnterpriseID] = true
	}
	for _, m := range ms {
		if !seen[m.EnterpriseID] {
			t.Errorf("reopening dropped the match of %s", m.EnterpriseName)
		}
	}
	if c := statusCount(again); c[domain.MatchSent] != 3 || len(again) > len(chips) {
		t.Fatalf("after reopening: %d matches, statuses %v", len(again), c)
	}
}

// A decline frees its place: the next best proposal goes to its supplier.
func TestDeclineSendsTheNextSupplier(t *testing.T) {
	e := newEnv(t, Config{Keep: 4, Send: 2})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 6 {
		e.addEnterprise(chipMaker(i, 1+i%3))
	}
	l := e.mcuLead(buyer, domain.LeadOpen)
	ms := e.byLead(l.ID)
	first := ms[0]
	m, err := e.svc.Respond(context.Background(), member(&domain.Enterprise{ID: first.EnterpriseID}), first.ID,
		domain.MatchDeclined, "产能已排满")
	if err != nil || m.Status != domain.MatchDeclined || m.Note != "产能已排满" {
		t.Fatalf("decline: %v %+v", err, m)
	}
	c := statusCount(e.byLead(l.ID))
	if c[domain.MatchSent] != 2 || c[domain.MatchDeclined] != 1 || c[domain.MatchProposed] != 1 {
		t.Fatalf("after a decline: %v, want 2 sent, 1 declined, 1 proposed", c)
	}
}

// A supplier that arrives after the lead opened gets its match when it ranks among the best.
func TestNewSupplierArrivesInOpenLeads(t *testing.T) {
	e := newEnv(t, Config{Keep: 3, Send: 3})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 3 {
		e.addEnterprise(chipMaker(i, 1))
	}
	l := e.mcuLead(buyer, domain.LeadOpen)
	before := e.byLead(l.ID)
	if len(before) != 3 {
		t.Fatalf("stored %d, want 3", len(before))
	}
	weak := e.addEnterprise(textileMaker(5))
	strong := e.addEnterprise(chipMaker(9, 3))
	after := e.byLead(l.ID)
	var found *domain.Match
	for i := range after {
		if after[i].EnterpriseID == weak.ID {
			t.Error("a supplier that does not fit was matched")
		}
		if after[i].EnterpriseID == strong.ID {
			found = &after[i]
		}
	}
	if found == nil || found.Score <= before[len(before)-1].Score {
		t.Fatalf("the better newcomer was not matched: %+v", after)
	}
	if found.Status != domain.MatchProposed {
		t.Errorf("newcomer status %s: all %d places were taken, it waits as proposed", found.Status, 3)
	}
	// Its profile changing again refreshes the one match rather than adding another.
	strong.Description += "，通过AEC-Q100认证"
	e.svc.EnterpriseChanged(context.Background(), *strong)
	if n := len(e.byLead(l.ID)); n != len(after) {
		t.Fatalf("re-saving the profile changed the match count from %d to %d", len(after), n)
	}
}

func TestRespondAndOutcomeRules(t *testing.T) {
	e := newEnv(t, Config{Keep: 3, Send: 2})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 3 {
		e.addEnterprise(chipMaker(i, 3-i))
	}
	other := e.addEnterprise(textileMaker(1))
	l := e.mcuLead(buyer, domain.LeadOpen)
	ms := e.byLead(l.ID)
	sent, proposed := ms[0], ms[2]
	supplier := member(&domain.Enterprise{ID: sent.EnterpriseID})
	buyerMember := member(buyer)
	organiser := &domain.User{ID: "org", Role: domain.RoleOrganiser, Clusters: []string{"L2"}}
	ctx := context.Background()

	for _, tc := range []struct {
		name string
		u    *domain.User
		id   string
		want error
	}{
		{"the buyer", buyerMember, sent.ID, domain.ErrForbidden},
		{"another member", member(other), sent.ID, domain.ErrForbidden},
		{"an organiser", organiser, sent.ID, domain.ErrForbidden},
		{"not sent yet", member(&domain.Enterprise{ID: proposed.EnterpriseID}), proposed.ID, domain.ErrConflict},
		{"no such match", supplier, domain.NewID(), domain.ErrNotFound},
		{"malformed id", supplier, "x", domain.ErrNotFound},
	} {
		if _, err := e.svc.Respond(ctx, tc.u, tc.id, domain.MatchInterested, ""); !errors.Is(err, tc.want) {
			t.Errorf("respond as %s: err %v, want %v", tc.name, err, tc.want)
		}
	}

	// Recording an outcome before the supplier answered skips a stage.
	if _, err := e.svc.RecordOutcome(ctx, buyerMember, sent.ID, domain.Outcome{Stage: domain.MatchContacted}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("contacted before interest: %v, want conflict", err)
	}
	m, err := e.svc.Respond(ctx, supplier, sent.ID, domain.MatchInterested, "可以供货")
	if err != nil || m.Status != domain.MatchInterested {
		t.Fatalf("respond: %v %+v", err, m)
	}
	again, err := e.svc.Respond(ctx, supplier, sent.ID, domain.MatchInterested, "再说一次")
	if err != nil || again.Note != "可以供货" || len(again.History) != len(m.History) {
		t.Fatalf("responding twice must change nothing: %v %+v", err, again)
	}
	if _, err := e.svc.Respond(ctx, supplier, sent.ID, domain.MatchDeclined, ""); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("changing the answer: %v, want conflict", err)
	}

	if _, err := e.svc.RecordOutcome(ctx, supplier, sent.ID, domain.Outcome{Stage: domain.MatchContacted}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("the supplier recording an outcome: %v, want forbidden", err)
	}
	if _, err := e.svc.RecordOutcome(ctx, buyerMember, sent.ID, domain.Outcome{Stage: domain.MatchSigned, Value: 5}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("jump to signed: %v, want conflict", err)
	}
	steps := []struct {
		u *domain.User
		o domain.Outcome
	}{
		{buyerMember, domain.Outcome{Stage: domain.MatchContacted}},
		{organiser, domain.Outcome{Stage: domain.MatchNegotiating, Note: "组织方协调洽谈"}},
		{buyerMember, domain.Outcome{Stage: domain.MatchIntent, Value: 300000}},
		{buyerMember, domain.Outcome{Stage: domain.MatchSigned, Value: 520000, Currency: "CNY"}},
	}
	for _, st := range steps {
		if m, err = e.svc.RecordOutcome(ctx, st.u, sent.ID, st.o); err != nil {
			t.Fatalf("outcome %s: %v", st.o.Stage, err)
		}
	}
	stored, err := e.st.Matches.Get(ctx, sent.ID)
	if err != nil || stored.Status != domain.MatchSigned || stored.Value != 520000 || len(stored.History) != 6 ||
		stored.BuyerNote != "组织方协调洽谈" {
		t.Fatalf("signed match: %v %+v", err, stored)
	}
	if m, err := e.svc.RecordOutcome(ctx, buyerMember, sent.ID, domain.Outcome{Stage: domain.MatchSigned, Value: 520000}); err != nil || m.Status != domain.MatchSigned {
		t.Fatalf("recording the signature twice: %v", err)
	}

	f, err := e.svc.Funnel(ctx, organiser, FunnelScope{Cluster: "L2"})
	if err != nil || f.SignedValue != 520000 || f.Stages[6].Count != 1 || f.Total != 3 {
		t.Fatalf("funnel: %v %+v", err, f)
	}
	if _, err := e.svc.Funnel(ctx, organiser, FunnelScope{Cluster: "A2"}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("funnel of another cluster: %v", err)
	}
	if _, err := e.svc.Funnel(ctx, buyerMember, FunnelScope{}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("funnel as a member: %v", err)
	}
	if f, err := e.svc.Funnel(ctx, buyerMember, FunnelScope{LeadID: l.ID}); err != nil || f.Total != 3 {
		t.Fatalf("funnel of one's own lead: %v %+v", err, f)
	}
	byCluster, err := e.svc.FunnelByCluster(ctx, organiser)
	if err != nil || len(byCluster) != 1 || byCluster[0].Cluster.Code != "L2" || byCluster[0].Funnel.Total != 3 {
		t.Fatalf("funnel by cluster: %v %+v", err, byCluster)
	}
}

// The buyer's view lists every match sent (with its answer), then the best of the rest up to
// the limit, clamped to 1..100; candidates without records are ranked live.
func TestForLead(t *testing.T) {
	e := newEnv(t, Config{Keep: 3, Send: 2})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 6 {
		e.addEnterprise(chipMaker(i, 1+i%3))
	}
	l := e.mcuLead(buyer, domain.LeadOpen)
	ctx := context.Background()
	bm := member(buyer)

	for _, tc := range []struct {
		limit, want int
	}{{0, 2}, {1, 2}, {3, 3}, {5, 5}, {100000, 6}} {
		ms, got, err := e.svc.ForLead(ctx, bm, l.ID, tc.limit)
		if err != nil || got.ID != l.ID {
			t.Fatalf("limit %d: %v", tc.limit, err)
		}
		if len(ms) != tc.want {
			t.Errorf("limit %d: %d entries, want %d", tc.limit, len(ms), tc.want)
		}
		sent := 0
		for i, m := range ms {
			if m.Rank != i+1 || (i > 0 && m.Score > ms[i-1].Score) {
				t.Errorf("limit %d: entry %d rank %d score %.3f out of order", tc.limit, i, m.Rank, m.Score)
			}
			if m.Status == domain.MatchSent {
				sent++
			}
			if (m.ID == "") != (m.Status == "") {
				t.Errorf("limit %d: entry %d has id %q status %q", tc.limit, i, m.ID, m.Status)
			}
		}
		if sent != 2 {
			t.Errorf("limit %d: %d sent matches listed, want both", tc.limit, sent)
		}
	}
	if _, _, err := e.svc.ForLead(ctx, member(&domain.Enterprise{ID: "x"}), l.ID, 20); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a stranger: %v", err)
	}
	if _, _, err := e.svc.ForLead(ctx, bm, domain.NewID(), 20); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("no such lead: %v", err)
	}
}

// Two instances over one database converge through Resync: what one wrote, the other ranks.
func TestResyncConverges(t *testing.T) {
	e := newEnv(t, Config{})
	other := New(e.st, Config{Now: e.now.Now})
	if err := other.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	buyer := e.addEnterprise(textileMaker(0))
	chip := e.addEnterprise(chipMaker(1, 3))
	l := e.mcuLead(buyer, domain.LeadOpen)
	if other.Engine().Has(chip.ID) || other.Engine().OpenLeads() != 0 {
		t.Fatal("the other instance knew the writes before syncing")
	}
	n, err := other.Resync(context.Background())
	if err != nil || n < 3 {
		t.Fatalf("resync applied %d: %v", n, err)
	}
	ms, _, err := other.ForLead(context.Background(), member(buyer), l.ID, 5)
	if err != nil || len(ms) != 1 || ms[0].EnterpriseID != chip.ID || ms[0].EnterpriseName != chip.Name {
		t.Fatalf("other instance's ranking: %v %+v", err, ms)
	}
	if other.Engine().Exposure(chip.ID) != 1 {
		t.Errorf("exposure after resync: %d, want the send counted", other.Engine().Exposure(chip.ID))
	}
}

func TestSupplierViews(t *testing.T) {
	e := newEnv(t, Config{Keep: 2, Send: 1})
	buyer := e.addEnterprise(textileMaker(0))
	chipA := e.addEnterprise(chipMaker(1, 3))
	chipB := e.addEnterprise(chipMaker(2, 1))
	l := e.mcuLead(buyer, domain.LeadOpen)
	ctx := context.Background()

	mine, _, total, err := e.svc.ForSupplier(ctx, member(chipA), nil, store.Page{Limit: 10})
	if err != nil || total != 1 || len(mine) != 1 {
		t.Fatalf("leads for chipA: %v %d", err, total)
	}
	sm := mine[0]
	if sm.Lead.ID != l.ID || sm.Lead.BuyerName == buyer.Name || sm.Lead.Contact != (domain.Contact{}) {
		t.Fatalf("before interest the buyer must be masked: %+v", sm.Lead)
	}
	if none, _, total, _ := e.svc.ForSupplier(ctx, member(chipB), nil, store.Page{Limit: 10}); total != 0 || len(none) != 0 {
		t.Fatalf("chipB's proposed match must not be shown to it: %d", total)
	}
	if _, err := e.svc.Respond(ctx, member(chipA), sm.Match.ID, domain.MatchInterested, ""); err != nil {
		t.Fatal(err)
	}
	mine, _, _, _ = e.svc.ForSupplier(ctx, member(chipA), nil, store.Page{Limit: 10})
	if mine[0].Lead.BuyerName != buyer.Name || mine[0].Lead.Contact.Phone == "" {
		t.Fatalf("after mutual interest the supplier sees the buyer: %+v", mine[0].Lead)
	}
	if pending, _, _, _ := e.svc.ForSupplier(ctx, member(chipA), []domain.MatchStatus{domain.MatchSent}, store.Page{}); len(pending) != 0 {
		t.Fatalf("answered match listed as pending")
	}

	// chipB was not sent the lead: it is one of chipB's suggestions; chipA's is already matched.
	sug, err := e.svc.Recommend(ctx, member(chipB), 10)
	if err != nil || len(sug) != 0 {
		t.Fatalf("chipB's proposed match is matched already, so not suggested: %v %+v", err, sug)
	}
	second := e.mcuLead(buyer, domain.LeadOpen) // matched to both at once
	third := *second
	third.ID, third.Title = domain.NewID(), "采购电机控制芯片"
	if err := e.st.Leads.Create(ctx, &third); err != nil {
		t.Fatal(err)
	}
	e.svc.Engine().UpsertLead(third) // indexed only: no records yet
	sug, err = e.svc.Recommend(ctx, member(chipA), 10)
	if err != nil || len(sug) != 1 || sug[0].Lead.ID != third.ID || sug[0].Lead.BuyerName == buyer.Name {
		t.Fatalf("suggestions for chipA: %v %+v", err, sug)
	}

	from := e.now.Now().Add(-time.Hour)
	leads, err := e.svc.MatchedLeads(ctx, member(chipA), from, e.now.Now().Add(time.Hour), "en")
	if err != nil || len(leads) != 2 || leads[0].Why == "" || leads[0].Link == "" {
		t.Fatalf("digest leads: %v %+v", err, leads)
	}
	answers, err := e.svc.PendingAnswers(ctx, member(chipA), from, e.now.Now().Add(time.Hour), "zh-CN")
	if err != nil || len(answers) != 1 || answers[0].Title != second.Title {
		t.Fatalf("digest answers: %v %+v", err, answers)
	}
}

// The explanation reads in both languages, naming clusters and regions.
func TestExplainInBothLanguages(t *testing.T) {
	e := newEnv(t, Config{})
	buyer := e.addEnterprise(textileMaker(0))
	e.addEnterprise(chipMaker(1, 3))
	l := e.mcuLead(buyer, domain.LeadOpen)
	m := e.byLead(l.ID)[0]
	zh, en := e.svc.Explain(m.Explanation, "zh-CN"), e.svc.Explain(m.Explanation, "en")
	if zh == en || zh == "" || en == "" {
		t.Fatalf("zh %q en %q", zh, en)
	}
	var nilSvc *Service
	if s := nilSvc.Explain(m.Explanation, "en"); s == "" {
		t.Fatal("a nil service still renders")
	}
	nilSvc.LeadChanged(context.Background(), *l) // nil-safe hooks
	nilSvc.EnterpriseChanged(context.Background(), *buyer)
}

// A lead that no longer takes answers refuses new interest but keeps earlier answers valid.
func TestRespondToClosedLead(t *testing.T) {
	e := newEnv(t, Config{Keep: 3, Send: 3})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 3 {
		e.addEnterprise(chipMaker(i, 1+i))
	}
	l := e.mcuLead(buyer, domain.LeadOpen)
	ms := e.byLead(l.ID)
	ctx := context.Background()
	early := member(&domain.Enterprise{ID: ms[0].EnterpriseID})
	if _, err := e.svc.Respond(ctx, early, ms[0].ID, domain.MatchInterested, ""); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(domain.OutcomeSigned, e.now.Now()); err != nil {
		t.Fatal(err)
	}
	if err := e.st.Leads.Update(ctx, l, domain.LeadOpen); err != nil {
		t.Fatal(err)
	}
	e.svc.LeadChanged(ctx, *l)
	if _, err := e.svc.Respond(ctx, member(&domain.Enterprise{ID: ms[1].EnterpriseID}), ms[1].ID, domain.MatchInterested, ""); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("interest in a closed lead: %v", err)
	}
	if _, err := e.svc.Respond(ctx, member(&domain.Enterprise{ID: ms[2].EnterpriseID}), ms[2].ID, domain.MatchDeclined, ""); err != nil {
		t.Fatalf("declining a closed lead: %v", err)
	}
	if _, err := e.svc.Respond(ctx, early, ms[0].ID, domain.MatchInterested, ""); err != nil {
		t.Fatalf("repeating an earlier interest: %v", err)
	}
}

// Follow applies other instances' writes on its own, and stops with its context.
func TestFollow(t *testing.T) {
	e := newEnv(t, Config{})
	other := New(e.st, Config{Now: e.now.Now, Logger: e.svc.log})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { other.Follow(ctx, 5*time.Millisecond); close(done) }()
	chip := e.addEnterprise(chipMaker(1, 2))
	deadline := time.Now().Add(5 * time.Second)
	for !other.Engine().Has(chip.ID) {
		if time.Now().After(deadline) {
			t.Fatal("the following instance never indexed the new profile")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Follow did not stop with its context")
	}
}

// A lead opened by a path without the hook gets its matches at the next re-sync.
func TestResyncMatchesLeadsOpenedElsewhere(t *testing.T) {
	e := newEnv(t, Config{Keep: 2, Send: 1})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 3 {
		e.addEnterprise(chipMaker(i, 1+i))
	}
	l := e.mcuLead(buyer, domain.LeadDraft)
	e.now.advance(time.Second)
	l.Status, l.UpdatedAt = domain.LeadOpen, e.now.Now()
	if err := e.st.Leads.Update(context.Background(), l, domain.LeadDraft); err != nil {
		t.Fatal(err)
	}
	if len(e.byLead(l.ID)) != 0 {
		t.Fatal("matches stored without the hook")
	}
	if _, err := e.svc.Resync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ms := e.byLead(l.ID); len(ms) != 2 || statusCount(ms)[domain.MatchSent] != 1 {
		t.Fatalf("after re-sync: %d matches, %v", len(ms), statusCount(ms))
	}
}

// Weak matches (here: the same cluster and nothing else) are stored for the buyer to see but
// not sent to their suppliers.
func TestWeakMatchesAreNotSent(t *testing.T) {
	e := newEnv(t, Config{Keep: 5, Send: 5})
	buyer := e.addEnterprise(textileMaker(0))
	strong := e.addEnterprise(chipMaker(1, 3))
	for i := range 3 {
		weak := textileMaker(10 + i)
		weak.Clusters, weak.Certifications = []string{"L2"}, []string{"IATF16949"}
		e.addEnterprise(weak)
	}
	l := e.mcuLead(buyer, domain.LeadOpen)
	ms := e.byLead(l.ID)
	if len(ms) < 2 {
		t.Fatalf("stored %d matches; the weak ones should be stored too", len(ms))
	}
	for _, m := range ms {
		if sent := m.Status == domain.MatchSent; sent != (m.EnterpriseID == strong.ID) {
			t.Errorf("%s (score %.2f of best %.2f): status %s", m.EnterpriseName, m.Score, ms[0].Score, m.Status)
		}
	}
}

// A profile written by a path without the hook reaches the open leads it fits at the next
// re-sync; a big batch (an import) is left to RematchOpen.
func TestResyncOffersChangedProfiles(t *testing.T) {
	e := newEnv(t, Config{Keep: 5, Send: 5})
	buyer := e.addEnterprise(textileMaker(0))
	e.addEnterprise(chipMaker(1, 1))
	l := e.mcuLead(buyer, domain.LeadOpen)
	e.now.advance(time.Second)
	quiet := chipMaker(2, 3)
	quiet.ID, quiet.USCC = domain.NewID(), domain.CompleteUSCC("91320214MB0000001")
	quiet.Status, quiet.CreatedAt, quiet.UpdatedAt = domain.EnterpriseActive, e.now.Now(), e.now.Now()
	if err := e.st.Enterprises.Create(context.Background(), &quiet); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Resync(context.Background()); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range e.byLead(l.ID) {
		found = found || m.EnterpriseID == quiet.ID
	}
	if !found {
		t.Fatal("the profile written without the hook was not matched at re-sync")
	}
}
