package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
)

// TestDashboards builds each role's first screen from known records and checks its numbers
// against them, in both languages.
func TestDashboards(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	ctx := context.Background()
	ev := f.events().event // the member's enterprise is registered (events_fixture_test.go)
	reg := f.events().reg
	// Two leads sent to the member's enterprise await its answer.
	f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchSent)
	f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchSent)
	// Its own open lead has two suppliers, one interested that quoted.
	lead := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	s1, s2 := f.supplierIn("L1"), f.supplierIn("L1")
	m1 := f.newMatch(lead, s1, domain.MatchInterested)
	f.newMatch(lead, s2, domain.MatchSent)
	f.addActor("s1", &domain.User{Role: domain.RoleMember, EnterpriseID: s1.ID})
	f.do("s1", "POST", "/api/v1/matches/"+m1.ID+"/quote", f.quoteBody(10, "CNY", 5)).wantStatus(t, 201)
	// A partner asks the member for a meeting.
	partner := f.partner()
	f.storeMeeting(partner, f.enterprise)

	d := f.do(asMember, "GET", "/api/v1/me/dashboard", "").wantStatus(t, 200).json(t)["data"].(map[string]any)
	if d["pendingAnswers"] != float64(2) || d["pendingMeetings"] != float64(1) || d["newMatches"] != float64(2) {
		t.Fatalf("member counts %v", d)
	}
	leads := d["myOpenLeads"].([]any)
	var mine map[string]any
	for _, l := range leads {
		if l.(map[string]any)["id"] == lead.ID {
			mine = l.(map[string]any)
		}
	}
	if mine == nil || mine["matches"] != float64(2) || mine["interested"] != float64(1) || mine["quotes"] != float64(1) {
		t.Fatalf("open leads %v", leads)
	}
	evs := d["upcomingEvents"].([]any)
	if len(evs) != 1 || evs[0].(map[string]any)["eventId"] != ev.ID || evs[0].(map[string]any)["checkinCode"] != reg.CheckinCode {
		t.Fatalf("upcoming events %v", evs)
	}
	if _, ok := d["triage"]; ok {
		t.Error("a member's dashboard has the organiser part")
	}
	for _, lang := range []string{"zh-CN", "en"} {
		page := string(f.do(asMember, "GET", "/dashboard", "", acceptLanguage(lang), cookie("lang", lang)).wantStatus(t, 200).body)
		for _, w := range []string{reg.CheckinCode, lead.Title, "/leads/" + lead.ID + "/quotes", partner.Name} {
			if !strings.Contains(page, w) {
				t.Errorf("%s member dashboard lacks %q", lang, w)
			}
		}
	}
	// The page visit moves the mark: nothing is new any more.
	if d := f.do(asMember, "GET", "/api/v1/me/dashboard", "").json(t)["data"].(map[string]any); d["newMatches"] != float64(0) || d["lastVisit"] == nil {
		t.Fatalf("after a visit %v", d)
	}

	// The organiser of L1 sees its draft event needing action; the admin also the failed mail.
	draft := f.newEvent("L1", 5, domain.EventDraft, 50)
	failed := &domain.OutboxMessage{DedupKey: "x", Kind: domain.MailDigest, To: "x@example.cn", Subject: "s", Text: "t"}
	if _, err := f.store.Outbox.Enqueue(ctx, failed); err != nil {
		t.Fatal(err)
	}
	ms, _ := f.store.Outbox.Claim(ctx, "t", f.clock.Now().Add(1e9), f.clock.Now().Add(2e9), 10)
	for _, m := range ms {
		if m.ID == failed.ID {
			_ = f.store.Outbox.Fail(ctx, m.ID, "t", "550 no such user", f.clock.Now())
		}
	}
	o := f.do(asOrganiser, "GET", "/api/v1/me/dashboard", "").wantStatus(t, 200).json(t)["data"].(map[string]any)
	acts := fmt.Sprint(o["eventsNeedingAction"])
	if o["triage"] == nil || o["verificationsPending"] == nil || !strings.Contains(acts, draft.ID) || !strings.Contains(acts, "draft") || o["outboxFailed"] != nil {
		t.Fatalf("organiser dashboard %v", o)
	}
	_, _, pending, err := f.store.Enterprises.List(ctx, store.EnterpriseFilter{Clusters: []string{"L1"},
		Verification: domain.VerificationPending}, store.Page{Limit: 1})
	if err != nil || o["verificationsPending"] != float64(pending) {
		t.Fatalf("verifications pending %v, the database says %d (%v)", o["verificationsPending"], pending, err)
	}
	if other := f.do(asOtherOrganiser, "GET", "/api/v1/me/dashboard", "").json(t)["data"].(map[string]any); strings.Contains(fmt.Sprint(other), draft.ID) {
		t.Fatal("an organiser of another cluster sees the draft")
	}
	a := f.do(asAdmin, "GET", "/api/v1/me/dashboard", "").wantStatus(t, 200).json(t)["data"].(map[string]any)
	if a["outboxFailed"] != float64(1) || a["jobsFailed"] == nil || a["counts"].(map[string]any)["enterprises"] == nil {
		t.Fatalf("admin dashboard %v", a)
	}
	for _, lang := range []string{"zh-CN", "en"} {
		page := string(f.do(asAdmin, "GET", "/dashboard", "", acceptLanguage(lang), cookie("lang", lang)).wantStatus(t, 200).body)
		if !strings.Contains(page, "/events/"+draft.ID+"/console") || !strings.Contains(page, "/admin/outbox?status=failed") || !strings.Contains(page, `href="/events/new"`) {
			t.Errorf("%s admin dashboard lacks the draft, the failed mail link or new event", lang)
		}
	}
}

// TestSignInLandsOnDashboard signs in through the form.
func TestSignInLandsOnDashboard(t *testing.T) {
	f := newFixture(t)
	seed := strings.Repeat("d", 64)
	r := httptest.NewRequest("POST", "/login", strings.NewReader("email=member%40fixture.duijie.test&password="+
		testPassword+"&_csrf="+f.h.anonCSRFToken(seed)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: seed})
	res := f.sendRaw(r)
	if res.status != 303 || res.header.Get("Location") != "/dashboard" {
		t.Fatalf("sign-in answered %d to %q", res.status, res.header.Get("Location"))
	}
}
