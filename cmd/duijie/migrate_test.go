package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/demo"
	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
	"duijie/store/storetest"
)

// TestMigrateToMongo copies a demo installation with every kind of record to the Mongo engine
// (on the in-process FerretDB) twice: the first run copies everything, record for record, and
// the second finds everything there.
func TestMigrateToMongo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openDataDir(t, dir)
	if _, err := demo.Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	seedTheRest(t, st)
	if err := st.Health.Close(); err != nil {
		t.Fatal(err)
	}

	uri := mongotest.URI(t)
	db := mongotest.FreshDatabase(t, uri)
	env := map[string]string{"DATA_DIR": dir, "MONGODB_URI": uri, "MONGODB_DB": db}
	args := []string{"migrate", "--from", "sqlite", "--to", "mongodb"}

	code, stdout, stderr := run(t, env, args...)
	if code != 0 {
		t.Fatalf("first migrate: exit %d: %s", code, stderr)
	}
	first := tallies(t, stdout)
	for _, step := range migrationSteps {
		if n := first[step.name]; n.copied == 0 || n.skipped != 0 {
			t.Errorf("first run, %s: %d copied, %d already there; want some copied, none there", step.name, n.copied, n.skipped)
		}
	}
	if n := first["clusters"]; n.copied != 15 {
		t.Errorf("first run copied %d clusters, want 15", n.copied)
	}

	src := openDataDir(t, dir)
	defer src.Health.Close()
	dst, err := mongo.Open(ctx, uri, db)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Health.Close()
	sameStores(t, src, dst)

	code, stdout, stderr = run(t, env, args...)
	if code != 0 {
		t.Fatalf("second migrate: exit %d: %s", code, stderr)
	}
	second := tallies(t, stdout)
	for _, step := range migrationSteps {
		if n := second[step.name]; n.copied != 0 || n.skipped != first[step.name].copied {
			t.Errorf("second run, %s: %d copied, %d already there; want 0 and %d", step.name, n.copied, n.skipped,
				first[step.name].copied)
		}
	}
	sameStores(t, src, dst)

	got, err := dst.Users.GetByEmail(ctx, demo.MemberEmail)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := domain.VerifyPassword(got.PasswordHash, demo.Password); !ok {
		t.Error("migrated member's password does not verify")
	}
}

// seedTheRest adds to the demo data what it lacks, so that every kind of record is there: an
// API token, a door scan (and an unknown one), an offer and a gap in a waitlist, a recorded
// change, a calendar token, mail preferences, sent and pending mail, a match and campaign
// targets.
func seedTheRest(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	must := func(err error, what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	admin, err := st.Users.GetByEmail(ctx, demo.AdminEmail)
	must(err, "admin")
	member, err := st.Users.GetByEmail(ctx, demo.MemberEmail)
	must(err, "member")
	must(st.Tokens.Create(ctx, &domain.APIToken{ID: domain.NewID(), UserID: admin.ID, Name: "script",
		Hash: strings.Repeat("ab", 32), CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour)}), "token")
	must(st.Triage.SwitchOff(ctx, &domain.LessonOff{Term: "电梯老困人", Cluster: "L1", By: admin.ID, ByName: admin.Name,
		At: now}), "switch a lesson off")

	events, _, _, err := st.Events.List(ctx, store.EventFilter{Statuses: []domain.EventStatus{domain.EventPublished}}, store.Page{Limit: 10})
	must(err, "events")
	var expo, session *domain.Event
	for i := range events {
		if c, err := st.Registrations.Counts(ctx, events[i].ID); err == nil && c.Waitlisted > 1 {
			session = &events[i]
		} else if err == nil && c.Confirmed > 0 {
			expo = &events[i]
		}
	}
	if expo == nil || session == nil {
		t.Fatalf("demo data has no event with registrations and one with a waitlist: %+v", events)
	}
	reg, err := st.Registrations.ByEnterprise(ctx, expo.ID, member.EnterpriseID)
	must(err, "member's registration")
	_, _, err = st.Checkins.CheckIn(ctx, expo.ID, reg.CheckinCode, admin.ID, "door 1", now)
	must(err, "check in")
	_, _, err = st.Checkins.CheckIn(ctx, expo.ID, "ZZZZ-ZZZZ", admin.ID, "door 1", now)
	must(err, "scan an unknown code")

	// One leaves the line, and a confirmed firm leaves so that its seats are offered.
	regs, _, _, err := st.Registrations.ListByEvent(ctx, session.ID, store.RegistrationFilter{}, store.Page{Limit: 100})
	must(err, "session registrations")
	var confirmed, waiting []domain.Registration
	for _, r := range regs {
		switch r.Status {
		case domain.RegConfirmed:
			confirmed = append(confirmed, r)
		case domain.RegWaitlisted:
			waiting = append(waiting, r)
		}
	}
	if len(confirmed) == 0 || len(waiting) < 3 {
		t.Fatalf("session has %d confirmed and %d waiting, want some and at least 3", len(confirmed), len(waiting))
	}
	_, err = st.Registrations.Cancel(ctx, waiting[1].ID, domain.CancelByMember, now)
	must(err, "leave the waitlist")
	_, err = st.Registrations.Cancel(ctx, confirmed[0].ID, domain.CancelByMember, now)
	must(err, "cancel a confirmed registration")
	if c, err := st.Registrations.Counts(ctx, session.ID); err != nil || c.Offered == 0 {
		t.Fatalf("no offer after a cancellation: %+v, %v", c, err)
	}

	moved := *expo
	moved.Venue, moved.UpdatedAt = "无锡国际会议中心", now
	must(st.Events.Update(ctx, &moved, domain.NoticeChanges(expo, &moved, admin.ID, now)), "move the expo")

	_, err = st.Calendars.Token(ctx, member.ID)
	must(err, "calendar token")
	must(st.Preferences.Put(ctx, storetest.NewPreferences(member.ID, domain.DigestWeekly)), "preferences")
	for i := range 2 {
		_, err := st.Outbox.Enqueue(ctx, storetest.NewMail(i, domain.MailReminder))
		must(err, "enqueue")
	}
	claimed, err := st.Outbox.Claim(ctx, "sender", now.Add(time.Minute), now.Add(time.Hour), 1)
	must(err, "claim")
	must(st.Outbox.MarkSent(ctx, claimed[0].ID, "sender", now.Add(time.Minute)), "sent")

	leads, _, _, err := st.Leads.List(ctx, store.LeadFilter{}, store.Page{Limit: 1})
	must(err, "leads")
	if len(leads) == 0 {
		t.Fatal("demo data has no leads")
	}
	requoteAndCheckDeals(t, st, member.ID, now)
	_, err = st.Matches.Put(ctx, []domain.Match{*storetest.NewMatch(leads[0].ID, member.EnterpriseID, 9.5)})
	must(err, "match")
	must(st.Campaign.PutTargets(ctx, storetest.NewCampaignTargets(2026)), "campaign targets")

	// An accepted meeting between two firms of the expo, placed in a slot.
	others, _, _, err := st.Registrations.ListByEvent(ctx, expo.ID, store.RegistrationFilter{}, store.Page{Limit: 10})
	must(err, "expo registrations")
	// A firm the member has no open meeting with there (the demo's meetings take some pairs).
	open := map[string]bool{}
	demoMeetings, err := st.Meetings.List(ctx, store.MeetingFilter{EventID: expo.ID, EnterpriseID: member.EnterpriseID})
	must(err, "expo meetings")
	for _, m := range demoMeetings {
		if m.Open() {
			id, _ := m.Counterpart(member.EnterpriseID)
			open[id] = true
		}
	}
	var other string
	for _, r := range others {
		if r.EnterpriseID != member.EnterpriseID && r.Status == domain.RegConfirmed && !open[r.EnterpriseID] {
			other = r.EnterpriseID
		}
	}
	if other == "" {
		t.Fatal("the expo has no second confirmed firm")
	}
	start := expo.StartsAt.Add(time.Hour).UTC().Truncate(time.Millisecond)
	end := start.Add(20 * time.Minute)
	must(st.Meetings.Create(ctx, &domain.Meeting{ID: domain.NewID(), EventID: expo.ID, RequesterID: member.EnterpriseID,
		RequesterName: "requester", RecipientID: other, RecipientName: "recipient", Score: 1.5,
		Status: domain.MeetingAccepted, SlotStart: &start, SlotEnd: &end, Table: 3, CreatedBy: member.ID,
		CreatedAt: now.UTC().Truncate(time.Millisecond), UpdatedAt: now.UTC().Truncate(time.Millisecond)}, 10), "meeting")
}

// counted is one step's line of output.
type counted struct{ copied, skipped int }

// tallies reads the step lines of migrate's output by step name.
func tallies(t *testing.T, stdout string) map[string]counted {
	t.Helper()
	out := map[string]counted{}
	for _, line := range strings.Split(stdout, "\n") {
		if !strings.Contains(line, " copied, ") {
			continue
		}
		var n counted
		name := strings.TrimSpace(line[:16])
		if _, err := fmt.Sscanf(line[16:], "%d copied, %d already there", &n.copied, &n.skipped); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out[name] = n
	}
	if len(out) != len(migrationSteps) {
		t.Fatalf("%d step lines, want %d:\n%s", len(out), len(migrationSteps), stdout)
	}
	return out
}

// snapshot is every record of a kind as JSON by ID: engines may order ties differently.
type snapshot map[string]string

func (s snapshot) put(t *testing.T, id string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	s[id] = string(b)
}

// kinds returns a snapshot of each kind of record in st.
func kinds(t *testing.T, st *store.Store) map[string]snapshot {
	t.Helper()
	ctx := context.Background()
	out := map[string]snapshot{}
	take := func(kind string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
	for _, kind := range []string{"clusters", "enterprises", "users", "tokens", "audit", "events", "changes",
		"registrations", "counts", "checkins", "calendars", "leads", "matches", "meetings", "targets", "preferences", "outbox", "corrections", "lessons off",
		"quotes", "shortlists", "notices", "licences", "account links"} {
		out[kind] = snapshot{}
	}
	clusters, err := st.Clusters.List(ctx)
	take("clusters", err)
	for _, c := range clusters {
		out["clusters"].put(t, c.Code, c)
	}
	take("enterprises", each(enterprisesOf(ctx, st), func(e *domain.Enterprise) error {
		out["enterprises"].put(t, e.ID, e)
		if l, err := st.Licences.Get(ctx, e.ID); err == nil {
			out["licences"].put(t, e.ID, l) // Data is in the JSON form, as base64
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return nil
	}))
	take("users", each(usersOf(ctx, st), func(u *domain.User) error {
		// Hashes and tokens are not in the JSON form; compare them too.
		out["users"].put(t, u.ID, []any{u, u.PasswordHash})
		tokens, err := st.Tokens.ListByUser(ctx, u.ID)
		for _, tok := range tokens {
			out["tokens"].put(t, tok.ID, []any{tok, tok.Hash})
		}
		if err != nil {
			return err
		}
		if tok, err := st.Calendars.Find(ctx, u.ID); err == nil {
			out["calendars"].put(t, u.ID, tok)
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		if p, err := st.Preferences.Get(ctx, u.ID); err == nil {
			out["preferences"].put(t, u.ID, []any{p, p.UnsubscribeToken})
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return nil
	}))
	take("audit", each(auditOf(ctx, st), func(e *domain.AuditEntry) error {
		out["audit"].put(t, e.ID, e)
		return nil
	}))
	take("events", each(eventsOf(ctx, st), func(listed *domain.Event) error {
		e, err := st.Events.Get(ctx, listed.ID)
		if err != nil {
			return err
		}
		out["events"].put(t, e.ID, e)
		changes, err := st.Events.Changes(ctx, e.ID)
		for _, c := range changes {
			out["changes"].put(t, c.ID, c)
		}
		if err != nil {
			return err
		}
		regs, _, _, err := st.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{}, store.Page{Limit: 200})
		for _, r := range regs {
			out["registrations"].put(t, r.ID, r)
		}
		if err != nil {
			return err
		}
		c, err := st.Registrations.Counts(ctx, e.ID)
		out["counts"].put(t, e.ID, c)
		if err != nil {
			return err
		}
		scans, _, _, err := st.Checkins.List(ctx, e.ID, store.Page{Limit: 200})
		for _, s := range scans {
			out["checkins"].put(t, s.ID, s)
		}
		return err
	}))
	take("leads", each(leadsOf(ctx, st), func(l *domain.Lead) error {
		out["leads"].put(t, l.ID, l)
		quotes, err := st.Quotes.ByLead(ctx, l.ID)
		for _, q := range quotes {
			out["quotes"].put(t, q.ID, []any{q, q.UnitPrice}) // the price is not in the JSON form
		}
		if err != nil {
			return err
		}
		entries, err := st.Shortlists.Entries(ctx, l.ID)
		for _, e := range entries {
			out["shortlists"].put(t, l.ID+"/"+e.EnterpriseID, e)
		}
		return err
	}))
	take("account links", each(linksOf(ctx, st), func(l *domain.AccountLink) error {
		out["account links"].put(t, l.ID, l) // the ID (hash of the secret) is the key, not in the JSON
		return nil
	}))
	take("notices", each(noticesOf(ctx, st), func(n *domain.Notice) error {
		out["notices"].put(t, n.ID, n)
		return nil
	}))
	matches, _, _, err := st.Matches.List(ctx, store.MatchFilter{}, store.Page{Limit: 200})
	take("matches", err)
	for _, m := range matches {
		out["matches"].put(t, m.ID, m)
	}
	targets, err := st.Campaign.ListTargets(ctx)
	take("targets", err)
	for _, x := range targets {
		out["targets"].put(t, fmt.Sprint(x.Year), x)
	}
	mail, _, _, err := st.Outbox.List(ctx, store.OutboxFilter{}, store.Page{Limit: 200})
	take("outbox", err)
	for _, m := range mail {
		whole, err := st.Outbox.Get(ctx, m.ID)
		take("outbox", err)
		out["outbox"].put(t, m.ID, whole)
	}
	meetings, err := st.Meetings.List(ctx, store.MeetingFilter{})
	take("meetings", err)
	for _, m := range meetings {
		out["meetings"].put(t, m.ID, m)
	}
	corrections, err := st.Triage.Corrections(ctx, domain.MaxCorrections)
	take("corrections", err)
	for _, c := range corrections {
		out["corrections"].put(t, c.ID, c)
	}
	off, err := st.Triage.Off(ctx)
	take("lessons off", err)
	for _, o := range off {
		out["lessons off"].put(t, o.Cluster+":"+o.Term, o)
	}
	return out
}

// sameStores fails t unless dst holds every record of src as it is there, and nothing else.
func sameStores(t *testing.T, src, dst *store.Store) {
	t.Helper()
	want, got := kinds(t, src), kinds(t, dst)
	for kind, w := range want {
		if len(w) == 0 {
			t.Errorf("the source has no %s: the test seeds too little", kind)
		}
		g := got[kind]
		if len(g) != len(w) {
			t.Errorf("%s: %d in the destination, %d in the source", kind, len(g), len(w))
		}
		for id, wv := range w {
			if gv, ok := g[id]; !ok {
				t.Errorf("%s %s not copied", kind, id)
			} else if gv != wv {
				t.Errorf("%s %s differs:\n got  %s\n want %s", kind, id, gv, wv)
			}
		}
	}
}

// noticesOf lists every notice of st, queued or not, by ID.
func noticesOf(ctx context.Context, st *store.Store) lister[domain.Notice] {
	return func(after string) ([]domain.Notice, string, error) {
		page, err := st.Notices.List(ctx, after, migrationPage)
		if err != nil || len(page) < migrationPage {
			return page, "", err
		}
		return page, page[len(page)-1].ID, nil
	}
}

// requoteAndCheckDeals revises one of the demo's quotes, so that a revision number is copied,
// adds a notice not yet mailed, and makes sure the demo has shortlists and queued notices.
func requoteAndCheckDeals(t *testing.T, st *store.Store, userID string, now time.Time) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.Notices.Add(ctx, &domain.Notice{UserID: userID, Key: "answer:migrate", Kind: domain.NoticeAnswer,
		Title: "采购 PCBA", Detail: "无锡甲公司", Link: "/leads/x", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	var quotes []domain.Quote
	shortlisted, queued, pending := 0, 0, 0
	err := each(leadsOf(ctx, st), func(l *domain.Lead) error {
		qs, err := st.Quotes.ByLead(ctx, l.ID)
		quotes = append(quotes, qs...)
		if err != nil {
			return err
		}
		entries, err := st.Shortlists.Entries(ctx, l.ID)
		shortlisted += len(entries)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := each(noticesOf(ctx, st), func(n *domain.Notice) error {
		if n.QueuedAt != nil {
			queued++
		} else {
			pending++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(quotes) == 0 || shortlisted == 0 || queued == 0 || pending == 0 {
		t.Fatalf("demo data has %d quotes, %d shortlisted, %d queued and %d pending notices; want some of each",
			len(quotes), shortlisted, queued, pending)
	}
	q := quotes[0]
	q.UnitPrice, q.UpdatedAt = q.UnitPrice-100, q.UpdatedAt.Add(time.Hour)
	if err := st.Quotes.Put(ctx, &q); err != nil || q.Revision < 2 {
		t.Fatalf("requote: revision %d, %v", q.Revision, err)
	}
}

// linksOf lists every account link of st, live or not, by ID.
func linksOf(ctx context.Context, st *store.Store) lister[domain.AccountLink] {
	return func(after string) ([]domain.AccountLink, string, error) {
		page, err := st.AccountLinks.List(ctx, after, migrationPage)
		if err != nil || len(page) < migrationPage {
			return page, "", err
		}
		return page, page[len(page)-1].ID, nil
	}
}
