package handlers

import (
	"context"
	"strings"
	"time"

	"duijie/domain"
)

// fixtureMeetingQuota lifts the request quota for records the fixture stores: tests that call a
// route many times (robustness_test.go) would otherwise run out of it.
const fixtureMeetingQuota = 1 << 20

// partner stores an enterprise confirmed for the fixture's event, a counterpart for the member.
func (f *fixture) partner() *domain.Enterprise {
	f.t.Helper()
	ent := f.addEnterprise("无锡洽谈伙伴企业", "L1")
	if r := f.registerFor(f.events().event, ent, 1); r.Status != domain.RegConfirmed {
		f.t.Fatalf("partner registration is %s", r.Status)
	}
	// The partner takes part in meetings, and so does the member (whose registration the
	// event fixture holds).
	for _, id := range []string{ent.ID, f.enterprise.ID} {
		if err := f.store.Meetings.SetOptIn(context.Background(), f.events().event.ID, id, true, f.clock.Now()); err != nil {
			f.t.Fatalf("opt in: %v", err)
		}
	}
	return ent
}

// heldMeeting stores a meeting of the member with a partner, accepted and published at a slot
// that has begun, ready for feedback.
func (f *fixture) heldMeeting() *domain.Meeting {
	f.t.Helper()
	m := f.storeMeeting(f.enterprise, f.partner())
	start := f.clock.Now().Add(-time.Hour)
	end, now := start.Add(20*time.Minute), f.clock.Now()
	m.Status, m.SlotStart, m.SlotEnd, m.Table, m.PublishedAt = domain.MeetingAccepted, &start, &end, 1, &now
	if err := f.store.Meetings.Update(context.Background(), m, domain.MeetingRequested); err != nil {
		f.t.Fatalf("accept meeting: %v", err)
	}
	return m
}

// storeMeeting stores a request from one enterprise to the other at the fixture's event.
func (f *fixture) storeMeeting(from, to *domain.Enterprise) *domain.Meeting {
	f.t.Helper()
	now := f.clock.Now()
	m := &domain.Meeting{EventID: f.events().event.ID, RequesterID: from.ID, RequesterName: from.Name,
		RecipientID: to.ID, RecipientName: to.Name, Status: domain.MeetingRequested, CreatedAt: now, UpdatedAt: now}
	if err := f.store.Meetings.Create(context.Background(), m, fixtureMeetingQuota); err != nil {
		f.t.Fatalf("create meeting: %v", err)
	}
	return m
}

// fillMeetings replaces the meetings placeholders of a route case; each makes fresh records so
// every caller meets the same state.
func (f *fixture) fillMeetings(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	repl := func(ph string, v func() string) {
		if strings.Contains(s, ph) {
			s = strings.ReplaceAll(s, ph, v())
		}
	}
	repl("{{meetingPartner}}", func() string { return f.partner().ID })
	repl("{{newMeetingToMember}}", func() string { return f.storeMeeting(f.partner(), f.enterprise).ID })
	repl("{{newMemberMeeting}}", func() string { return f.storeMeeting(f.enterprise, f.partner()).ID })
	repl("{{heldMemberMeeting}}", func() string { return f.heldMeeting().ID })
	return s
}
