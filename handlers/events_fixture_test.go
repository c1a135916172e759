package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"duijie/domain"
)

// eventFix is the events state of a fixture: a published L1 event with an agenda and the
// member's confirmed registration.
type eventFix struct {
	event *domain.Event
	reg   *domain.Registration
}

var eventFixtures sync.Map // *fixture → *eventFix

// newEvent stores an event of cluster starting in days (negative: in the past) in the given
// status, with a two-slot agenda.
func (f *fixture) newEvent(cluster string, days int, status domain.EventStatus, capacity int) *domain.Event {
	f.t.Helper()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	now := f.clock.Now()
	d := now.In(loc).AddDate(0, 0, days)
	start := time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, loc)
	e := &domain.Event{
		ID: domain.NewID(), Title: "物联网产业供需对接会", TitleEn: "IoT supply and demand matchmaking",
		Cluster: cluster, Kind: domain.EventMatchmaking, Venue: "无锡太湖国际博览中心", Address: "新吴区清舒道88号",
		StartsAt: start, EndsAt: start.Add(8 * time.Hour), Timezone: domain.DefaultTimezone, Capacity: capacity,
		MaxAttendeesPerEnterprise: 3, Status: status, CreatedAt: now, UpdatedAt: now,
		Sessions: []domain.AgendaSession{
			{ID: domain.NewID(), Title: "开幕致辞", StartsAt: start, EndsAt: start.Add(30 * time.Minute), Room: "A厅", Kind: domain.SessionTalk,
				Speakers: []domain.Speaker{{Name: "王主任", Position: "主任", Organisation: "市集群办"}}},
			{ID: domain.NewID(), Title: "一对一洽谈", StartsAt: start.Add(time.Hour), EndsAt: start.Add(3 * time.Hour), Room: "B厅",
				Track: "供需对接", Kind: domain.SessionMatchmaking, Speakers: []domain.Speaker{}},
		},
	}
	if status != domain.EventDraft {
		e.PublishedAt = &now
	}
	if err := f.store.Events.Create(context.Background(), e); err != nil {
		f.t.Fatalf("create event: %v", err)
	}
	return e
}

// attendees returns n valid attendees numbered from k.
func attendees(k, n int) []domain.Attendee {
	var out []domain.Attendee
	for i := 0; i < n; i++ {
		out = append(out, domain.Attendee{Name: fmt.Sprintf("参会人%d", k+i), Position: "经理",
			Mobile: fmt.Sprintf("138%08d", k+i), Email: fmt.Sprintf("p%d@example.cn", k+i)})
	}
	return out
}

// registerFor stores a registration of enterprise ent for e.
func (f *fixture) registerFor(e *domain.Event, ent *domain.Enterprise, n int) *domain.Registration {
	f.t.Helper()
	r, _, err := f.store.Registrations.Register(context.Background(), &domain.Registration{EventID: e.ID,
		EnterpriseID: ent.ID, EnterpriseName: ent.Name, Attendees: attendees(int(usccSerial.Load())*10, n)}, f.clock.Now())
	if err != nil {
		f.t.Fatalf("register: %v", err)
	}
	return r
}

// events returns the fixture's standing event and the member's registration for it.
func (f *fixture) events() *eventFix {
	if v, ok := eventFixtures.Load(f); ok {
		return v.(*eventFix)
	}
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	fx := &eventFix{event: e, reg: f.registerFor(e, f.enterprise, 2)}
	eventFixtures.Store(f, fx)
	f.t.Cleanup(func() { eventFixtures.Delete(f) })
	return fx
}

// fillEvents replaces the events placeholders of a route case. Placeholders starting with
// "new" make a fresh record for every request, so each caller meets the same state.
func (f *fixture) fillEvents(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	repl := func(ph string, v func() string) {
		if strings.Contains(s, ph) {
			s = strings.ReplaceAll(s, ph, v())
		}
	}
	repl("{{event}}", func() string { return f.events().event.ID })
	repl("{{registration}}", func() string { return f.events().reg.ID })
	repl("{{newEvent}}", func() string { return f.newEvent("L1", 20, domain.EventPublished, 10).ID })
	repl("{{eventForm}}", func() string {
		v := url.Values{}
		for k, x := range eventForm(f.events().event) {
			v.Set(k, x)
		}
		return v.Encode()
	})
	repl("{{newDraft}}", func() string { return f.newEvent("L1", 20, domain.EventDraft, 10).ID })
	repl("{{newEnded}}", func() string { return f.newEvent("L1", -3, domain.EventPublished, 10).ID })
	repl("{{newCode}}", func() string {
		return f.registerFor(f.events().event, f.addEnterprise("无锡扫码测试企业", "L1"), 1).CheckinCode
	})
	repl("{{newMemberReg}}", func() string {
		return f.registerFor(f.newEvent("L1", 15, domain.EventPublished, 10), f.enterprise, 1).ID
	})
	repl("{{newOffer}}", func() string {
		e := f.newEvent("L1", 15, domain.EventPublished, 1)
		first := f.registerFor(e, f.addEnterprise("无锡先报名企业", "L1"), 1)
		mine := f.registerFor(e, f.enterprise, 1)
		if _, err := f.store.Registrations.Cancel(context.Background(), first.ID, domain.CancelByMember, f.clock.Now()); err != nil {
			f.t.Fatal(err)
		}
		return mine.ID
	})
	repl("{{newPending}}", func() string {
		e := f.newEvent("L1", 15, domain.EventPublished, 10)
		e.Approval = true
		if err := f.store.Events.Update(context.Background(), e, nil); err != nil {
			f.t.Fatal(err)
		}
		return f.registerFor(e, f.addEnterprise("无锡待审企业", "L1"), 1).ID
	})
	repl("{{calToken}}", func() string {
		tok, err := f.store.Calendars.Token(context.Background(), f.actors[asMember].user.ID)
		if err != nil {
			f.t.Fatal(err)
		}
		return tok
	})
	return s
}
