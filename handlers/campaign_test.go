package handlers

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// seedCampaign2025 stores a finished year: a flagship event in L1 with a matchmaking round on
// its agenda, a matchmaking event in A2, both fixture enterprises registered, an L1 lead of the
// member's enterprise and its match with the A2 enterprise, signed for 600,000 yuan.
func (f *fixture) seedCampaign2025() {
	f.t.Helper()
	ctx := context.Background()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, loc) }
	event := func(cluster string, kind domain.EventKind, start time.Time, sessions ...domain.AgendaSession) *domain.Event {
		e := &domain.Event{ID: domain.NewID(), Title: "活动", Cluster: cluster, Kind: kind, Venue: "无锡", StartsAt: start,
			EndsAt: start.Add(8 * time.Hour), Timezone: domain.DefaultTimezone, Capacity: 100, MaxAttendeesPerEnterprise: 3,
			Status: domain.EventPublished, Sessions: sessions, CreatedAt: start.AddDate(0, -2, 0), UpdatedAt: start.AddDate(0, -2, 0)}
		if err := f.store.Events.Create(ctx, e); err != nil {
			f.t.Fatalf("create event: %v", err)
		}
		return e
	}
	register := func(e *domain.Event, ent *domain.Enterprise) {
		r := &domain.Registration{EventID: e.ID, EnterpriseID: ent.ID, EnterpriseName: ent.Name,
			Attendees: []domain.Attendee{{Name: "王伟", Mobile: "13912345678", Email: "w@example.cn"}}}
		if _, _, err := f.store.Registrations.Register(ctx, r, e.StartsAt.AddDate(0, 0, -7)); err != nil {
			f.t.Fatalf("register: %v", err)
		}
	}
	flagship := event("L1", domain.EventFlagship, at(3, 10), domain.AgendaSession{ID: domain.NewID(), Title: "供需对接",
		StartsAt: at(3, 10).Add(2 * time.Hour), EndsAt: at(3, 10).Add(3 * time.Hour), Kind: domain.SessionMatchmaking})
	session := event("A2", domain.EventMatchmaking, at(5, 1))
	register(flagship, f.enterprise)
	register(session, f.otherEnt)

	opened := at(2, 1)
	l := &domain.Lead{ID: domain.NewID(), Title: "采购温度传感器", Clusters: []string{"L1"}, Currency: "CNY",
		Status: domain.LeadOpen, BuyerEnterpriseID: f.enterprise.ID, BuyerName: f.enterprise.Name, OpenedAt: &opened,
		CreatedAt: opened, UpdatedAt: opened}
	if err := f.store.Leads.Create(ctx, l); err != nil {
		f.t.Fatalf("create lead: %v", err)
	}
	batch := []domain.Match{{LeadID: l.ID, EnterpriseID: f.otherEnt.ID, EnterpriseName: f.otherEnt.Name,
		Clusters: l.Clusters, Status: domain.MatchProposed, CreatedAt: opened, UpdatedAt: opened}}
	if _, err := f.store.Matches.Put(ctx, batch); err != nil {
		f.t.Fatalf("put match: %v", err)
	}
	m, when := &batch[0], opened.AddDate(0, 0, 1)
	outcome := func(s domain.MatchStatus, v int64) func() error {
		return func() error { _, err := m.Advance(domain.Outcome{Stage: s, Value: v}, "buyer", when); return err }
	}
	for _, mv := range []func() error{
		func() error { return m.Send(when) },
		func() error { _, err := m.Respond(domain.MatchInterested, "", "supplier", when); return err },
		outcome(domain.MatchContacted, 0), outcome(domain.MatchNegotiating, 0),
		outcome(domain.MatchIntent, 500_000), outcome(domain.MatchSigned, 600_000),
	} {
		from := m.Status
		if err := mv(); err != nil {
			f.t.Fatal(err)
		}
		if err := f.store.Matches.Update(ctx, m, from); err != nil {
			f.t.Fatalf("update match: %v", err)
		}
	}
}

// campaignAnswer decodes a dashboard answer.
func campaignAnswer(t *testing.T, res *response) campaignReport {
	t.Helper()
	var out struct {
		Data campaignReport `json:"data"`
	}
	if err := json.Unmarshal(res.body, &out); err != nil {
		t.Fatalf("decode %s: %v", res.body, err)
	}
	return out.Data
}

func kpiActuals(ks []domain.CampaignKPI) []int64 {
	out := make([]int64, len(ks))
	for i, k := range ks {
		out[i] = k.Actual
	}
	return out
}

func TestCampaignKPIsByRole(t *testing.T) {
	f := newFixture(t)
	f.seedCampaign2025()
	tests := []struct {
		as, query   string
		core        []int64 // 十 百 千 万
		whole       bool
		outcomes    []int64 // intentions, signed deals, signed value, intended value; nil: hidden
		clusterRows int
	}{
		{asAdmin, "year=2025", []int64{1, 2, 2, 1}, true, []int64{1, 1, 600_000, 600_000}, 15},
		{asAdmin, "year=2025&cluster=a2", []int64{0, 1, 1, 0}, false, []int64{0, 0, 0, 0}, 15},
		{asOrganiser, "year=2025", []int64{1, 1, 2, 1}, false, []int64{1, 1, 600_000, 600_000}, 1},
		{asOtherOrganiser, "year=2025", []int64{0, 1, 1, 0}, false, []int64{0, 0, 0, 0}, 1},
		{asMember, "year=2025", []int64{1, 2, 2, 1}, true, nil, 0},
		{asAdmin, "year=2024", []int64{0, 0, 0, 0}, true, []int64{0, 0, 0, 0}, 15},
	}
	for _, tt := range tests {
		t.Run(tt.as+" "+tt.query, func(t *testing.T) {
			res := f.do(tt.as, "GET", "/api/v1/campaign/kpis?"+tt.query, "").wantStatus(t, 200)
			r := campaignAnswer(t, res)
			if got := kpiActuals(r.KPIs); !equalInts(got, tt.core) {
				t.Errorf("十百千万 = %v, want %v", got, tt.core)
			}
			if r.Whole != tt.whole {
				t.Errorf("whole = %v, want %v", r.Whole, tt.whole)
			}
			if got := kpiActuals(r.Outcomes); !equalInts(got, tt.outcomes) || (r.Outcomes == nil) != (tt.outcomes == nil) {
				t.Errorf("outcomes = %v, want %v", got, tt.outcomes)
			}
			if len(r.ByCluster) != tt.clusterRows {
				t.Errorf("%d cluster rows, want %d", len(r.ByCluster), tt.clusterRows)
			}
			if tt.outcomes == nil && (r.Actuals.SignedValue != 0 || r.Actuals.Intentions != 0 ||
				strings.Contains(string(res.body), `"intendedValue":600000`)) {
				t.Errorf("a member's answer shows the deals: %s", res.body)
			}
		})
	}

	// The L1 row of the admin's breakdown: the cluster held its brand event.
	r := campaignAnswer(t, f.do(asAdmin, "GET", "/api/v1/campaign/kpis?year=2025", ""))
	for _, row := range r.ByCluster {
		if row.FlagshipHeld != (row.Code == "L1") {
			t.Errorf("row %s: flagshipHeld %v", row.Code, row.FlagshipHeld)
		}
	}
	if k := r.KPIs[0]; k.Target != 10 || k.Status != domain.KPIMissed || k.Percent != 10 || !r.Targets.Default {
		t.Errorf("十 against the default target in a finished year: %+v (targets %+v)", k, r.Targets)
	}
	// An organiser's own figures are a share of the programme's targets, with no verdict.
	r = campaignAnswer(t, f.do(asOrganiser, "GET", "/api/v1/campaign/kpis?year=2025", ""))
	if k := r.KPIs[0]; k.Status != domain.KPIShare || len(r.Clusters) != 1 || r.Clusters[0] != "L1" {
		t.Errorf("organiser's view: %+v, clusters %v", k, r.Clusters)
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCampaignKPIsRefusesBadInput(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		as, query string
		status    int
		field     string
	}{
		{asAdmin, "year=twenty", 400, "year"},
		{asAdmin, "year=1999", 422, "year"},
		{asAdmin, "year=2026&cluster=ZZ", 422, "cluster"},
		{asOtherOrganiser, "cluster=L1", 403, ""},
		{asMember, "cluster=L1", 403, ""},
		{asAnonymous, "", 401, ""},
	}
	for _, tt := range tests {
		res := f.do(tt.as, "GET", "/api/v1/campaign/kpis?"+tt.query, "")
		if res.status != tt.status {
			t.Errorf("%s ?%s: status %d, want %d: %s", tt.as, tt.query, res.status, tt.status, res.body)
			continue
		}
		if _, fields := res.apiError(t); tt.field != "" && fields[tt.field] == nil {
			t.Errorf("%s ?%s: no problem named on %q: %s", tt.as, tt.query, tt.field, res.body)
		}
	}
	// Without ?year= the dashboard is this year's, in the programme's zone.
	r := campaignAnswer(t, f.do(asAdmin, "GET", "/api/v1/campaign/kpis", "").wantStatus(t, 200))
	if want := f.clock.Now().In(f.h.loadZone("")).Year(); r.Year != want {
		t.Errorf("default year %d, want %d", r.Year, want)
	}
}

func TestCampaignTargetsAPI(t *testing.T) {
	f := newFixture(t)
	year := f.clock.Now().In(f.h.loadZone("")).Year()
	path := "/api/v1/campaign/targets/" + strconv.Itoa(year)
	var got struct {
		Data domain.CampaignTargets `json:"data"`
	}
	if err := json.Unmarshal(f.do(asMember, "GET", path, "").wantStatus(t, 200).body, &got); err != nil {
		t.Fatal(err)
	}
	if !got.Data.Default || got.Data.Leads != 10000 {
		t.Fatalf("unconfigured year: %+v", got.Data)
	}

	bad := []struct {
		body   string
		status int
		fields []string
	}{
		{`{"flagshipEvents":0,"matchmakingSessions":100,"enterprises":1000,"leads":-1,"signedValue":-5}`, 422,
			[]string{"flagshipEvents", "leads", "signedValue"}},
		{`{"year":1990,"flagshipEvents":10,"matchmakingSessions":100,"enterprises":1000,"leads":10000}`, 422, []string{"year"}},
		{`{"flagshipEvents":10,"sessions":100}`, 400, []string{"sessions"}},
		{`{"flagshipEvents":"ten"}`, 400, []string{"flagshipEvents"}},
	}
	for _, b := range bad {
		res := f.do(asAdmin, "PUT", path, b.body)
		if res.status != b.status {
			t.Errorf("%s: status %d, want %d: %s", b.body, res.status, b.status, res.body)
			continue
		}
		_, fields := res.apiError(t)
		for _, fl := range b.fields {
			if fields[fl] == nil {
				t.Errorf("%s: no problem on %q: %v", b.body, fl, fields)
			}
		}
	}
	f.do(asAdmin, "PUT", "/api/v1/campaign/targets/3000", `{"flagshipEvents":1}`).wantStatus(t, 422)

	// What was read can be sent back with changes: read-only fields are ignored.
	got.Data.FlagshipEvents, got.Data.Leads, got.Data.SignedValue = 15, 20000, 2_650_000_000
	body, _ := json.Marshal(got.Data)
	res := f.do(asAdmin, "PUT", path, string(body)).wantStatus(t, 200)
	var saved struct {
		Data domain.CampaignTargets `json:"data"`
	}
	if err := json.Unmarshal(res.body, &saved); err != nil {
		t.Fatal(err)
	}
	admin := f.actors[asAdmin].user
	if saved.Data.Default || saved.Data.FlagshipEvents != 15 || saved.Data.UpdatedBy != admin.ID || saved.Data.UpdatedAt.IsZero() {
		t.Fatalf("saved: %+v", saved.Data)
	}
	r := campaignAnswer(t, f.do(asOrganiser, "GET", "/api/v1/campaign/kpis", "").wantStatus(t, 200))
	if r.Targets.Default || r.KPIs[0].Target != 15 || r.KPIs[3].Target != 20000 {
		t.Fatalf("dashboard does not use the saved targets: %+v", r.Targets)
	}
	entries, _, err := f.store.Audit.List(context.Background(), "campaign:"+strconv.Itoa(year), store.Page{Limit: 5})
	if err != nil || len(entries) != 1 || entries[0].ActorID != admin.ID || entries[0].Action != "campaign.targets" {
		t.Fatalf("audit: %+v, %v", entries, err)
	}
	// The home page's tiles show the year's targets, not the defaults.
	home := string(f.do(asAnonymous, "GET", "/", "").wantStatus(t, 200).body)
	if !strings.Contains(home, "≥ 15") || !strings.Contains(home, "≥ 20,000") || strings.Contains(home, "≥ 10,000") {
		t.Errorf("home page does not show the saved targets")
	}
}
