package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Events", testEvents) }

// NewEvent returns a valid, unsaved, published event of cluster that starts days from now and
// lasts two days, with capacity seats and up to 3 attendees per enterprise.
func NewEvent(cluster string, days, capacity int) *domain.Event {
	now := Ms(time.Now())
	start := now.Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Hour)
	pub := now
	return &domain.Event{
		Title: fmt.Sprintf("%s 产业供需对接会 %d", cluster, days), TitleEn: "Supply and demand matchmaking",
		Cluster: cluster, Kind: domain.EventMatchmaking, Venue: "无锡太湖国际博览中心", Address: "无锡市新吴区清舒道88号",
		StartsAt: start, EndsAt: start.Add(32 * time.Hour), Timezone: domain.DefaultTimezone,
		Capacity: capacity, MaxAttendeesPerEnterprise: 3, Description: "测试活动",
		Status: domain.EventPublished, Sessions: []domain.AgendaSession{}, Questions: []domain.Question{}, PublishedAt: &pub,
		CreatedBy: "organiser", CreatedAt: now, UpdatedAt: now,
	}
}

// MustCreateEvent stores e and fails t on error.
func MustCreateEvent(t *testing.T, s *store.Store, e *domain.Event) *domain.Event {
	t.Helper()
	Must(t, s.Events.Create(t.Context(), e), "create event")
	return e
}

func normEvent(e domain.Event) domain.Event {
	e.StartsAt, e.EndsAt, e.CreatedAt, e.UpdatedAt = Ms(e.StartsAt), Ms(e.EndsAt), Ms(e.CreatedAt), Ms(e.UpdatedAt)
	e.RegistrationOpensAt, e.RegistrationClosesAt = msPtr(e.RegistrationOpensAt), msPtr(e.RegistrationClosesAt)
	e.PublishedAt, e.CancelledAt = msPtr(e.PublishedAt), msPtr(e.CancelledAt)
	s := make([]domain.AgendaSession, 0, len(e.Sessions))
	for _, x := range e.Sessions {
		x.StartsAt, x.EndsAt, x.Speakers = Ms(x.StartsAt), Ms(x.EndsAt), list(x.Speakers)
		s = append(s, x)
	}
	e.Sessions = s
	return e
}

var sameEvent = sameAs(normEvent)

func testEvents(t *testing.T, open Opener) {
	t.Run("CreateGetAgenda", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := NewEvent("L1", 10, 100)
		e.Status, e.PublishedAt = domain.EventDraft, nil
		opens, closes := Ms(time.Now()), e.StartsAt.Add(-24*time.Hour)
		e.RegistrationOpensAt, e.RegistrationClosesAt = &opens, &closes
		e.Sessions = []domain.AgendaSession{{ID: domain.NewID(), Title: "开幕式", StartsAt: e.StartsAt,
			EndsAt: e.StartsAt.Add(time.Hour), Room: "A厅", Kind: domain.SessionTalk,
			Speakers: []domain.Speaker{{Name: "王总", Position: "董事长", Organisation: "无锡某集团"}}}}
		MustCreateEvent(t, s, e)
		if !domain.ValidID(e.ID) {
			t.Fatalf("ID = %q", e.ID)
		}
		got, err := s.Events.Get(ctx, e.ID)
		Must(t, err, "get")
		sameEvent(t, "get", got, e)

		agenda := []domain.AgendaSession{
			{ID: domain.NewID(), Title: "对接洽谈", StartsAt: e.StartsAt.Add(2 * time.Hour), EndsAt: e.StartsAt.Add(4 * time.Hour),
				Room: "B厅", Track: "供需对接", Kind: domain.SessionMatchmaking},
			{ID: domain.NewID(), Title: "茶歇", StartsAt: e.StartsAt.Add(time.Hour), EndsAt: e.StartsAt.Add(90 * time.Minute), Kind: domain.SessionBreak},
		}
		Must(t, s.Events.SetAgenda(ctx, e.ID, agenda, Ms(time.Now())), "set agenda")
		got, err = s.Events.Get(ctx, e.ID)
		Must(t, err, "get after agenda")
		want := *e
		want.Sessions, want.UpdatedAt = agenda, got.UpdatedAt
		sameEvent(t, "agenda replaced whole", got, &want)

		_, err = s.Events.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get missing")
		MustNotFound(t, s.Events.SetAgenda(ctx, domain.NewID(), nil, time.Now()), "agenda of missing event")
		many, err := s.Events.GetMany(ctx, []string{e.ID, domain.NewID()})
		Must(t, err, "get many")
		if len(many) != 1 || len(many[0].Sessions) != 2 {
			t.Fatalf("GetMany = %+v", many)
		}
	})

	t.Run("UpdateRecordsChanges", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 100))
		old := *e
		e.StartsAt, e.EndsAt = e.StartsAt.Add(time.Hour), e.EndsAt.Add(time.Hour)
		e.Venue, e.Title, e.Capacity, e.UpdatedAt = "无锡国际会议中心", "改名的活动", 50, Ms(time.Now())
		changes := domain.NoticeChanges(&old, e, "organiser", Ms(time.Now()))
		if len(changes) != 3 {
			t.Fatalf("NoticeChanges = %+v", changes)
		}
		Must(t, s.Events.Update(ctx, e, changes), "update")
		got, err := s.Events.Get(ctx, e.ID)
		Must(t, err, "get")
		sameEvent(t, "after update", got, e)

		all, err := s.Events.Changes(ctx, e.ID)
		Must(t, err, "changes")
		pending, err := s.Events.PendingChanges(ctx, 10)
		Must(t, err, "pending")
		if len(all) != 3 || len(pending) != 3 || all[0].EventID != e.ID || pending[2].New == "" {
			t.Fatalf("changes %+v pending %+v", all, pending)
		}
		Must(t, s.Events.MarkChangesNotified(ctx, []string{pending[0].ID, pending[1].ID}, Ms(time.Now())), "mark")
		pending, err = s.Events.PendingChanges(ctx, 10)
		Must(t, err, "pending after mark")
		if len(pending) != 1 {
			t.Fatalf("pending after marking two of three = %d", len(pending))
		}
		all, err = s.Events.Changes(ctx, e.ID)
		Must(t, err, "changes after mark")
		if all[0].NotifiedAt == nil || all[2].NotifiedAt != nil {
			t.Fatalf("notified stamps: %+v", all)
		}
		missing := NewEvent("L1", 1, 1)
		missing.ID = domain.NewID()
		MustNotFound(t, s.Events.Update(ctx, missing, nil), "update missing")
	})

	t.Run("CapacityBelowTaken", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 5))
		_, _, err := s.Registrations.Register(ctx, NewRegistration(e, 1, 3), time.Now())
		Must(t, err, "register")
		e.Capacity = 2
		MustInvalid(t, s.Events.Update(ctx, e, nil), "capacity", "capacity below the seats taken")
		e.Capacity = 3
		Must(t, s.Events.Update(ctx, e, nil), "capacity equal to the seats taken")
	})

	t.Run("SetStatusIsConditional", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := NewEvent("L1", 10, 5)
		e.Status, e.PublishedAt = domain.EventDraft, nil
		MustCreateEvent(t, s, e)
		Must(t, e.Transition(domain.EventPublished, Ms(time.Now())), "transition")
		Must(t, s.Events.SetStatus(ctx, e, domain.EventDraft), "publish")
		got, err := s.Events.Get(ctx, e.ID)
		Must(t, err, "get")
		if got.Status != domain.EventPublished || got.PublishedAt == nil {
			t.Fatalf("after publish: %+v", got)
		}
		if err := s.Events.SetStatus(ctx, e, domain.EventDraft); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("second publish from draft: %v, want ErrConflict", err)
		}
		e2 := *e
		e2.ID = domain.NewID()
		MustNotFound(t, s.Events.SetStatus(ctx, &e2, domain.EventDraft), "missing event")
	})

	t.Run("ListFiltersAndPages", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var ids []string
		mk := func(cluster string, days int, status domain.EventStatus, title string) *domain.Event {
			e := NewEvent(cluster, days, 10)
			e.Status = status
			if title != "" {
				e.Title = title
			}
			MustCreateEvent(t, s, e)
			ids = append(ids, e.ID)
			return e
		}
		a := mk("L1", 5, domain.EventPublished, "物联网博览会 IoT Expo")
		b := mk("L2", 40, domain.EventPublished, "集成电路创新发展大会")
		c := mk("L1", 70, domain.EventDraft, "")
		d := mk("A5", 100, domain.EventCancelled, "")
		for i := 0; i < 7; i++ {
			mk("L2", 200+i, domain.EventPublished, "")
		}
		list := func(f store.EventFilter) []string {
			t.Helper()
			got, _, total, err := s.Events.List(ctx, f, store.Page{Limit: 100})
			Must(t, err, "list")
			if total != len(got) {
				t.Fatalf("total %d, rows %d", total, len(got))
			}
			out := []string{}
			for _, e := range got {
				if len(e.Sessions) != 0 {
					t.Fatal("List loads agendas")
				}
				out = append(out, e.ID)
			}
			return out
		}
		now := time.Now()
		sameIDs(t, "all, by start", list(store.EventFilter{}), ids)
		sameIDs(t, "cluster", list(store.EventFilter{Cluster: "L1"}), []string{a.ID, c.ID})
		sameIDs(t, "clusters any of", list(store.EventFilter{Clusters: []string{"L1", "A5"}}), []string{a.ID, c.ID, d.ID})
		sameIDs(t, "statuses", list(store.EventFilter{Statuses: []domain.EventStatus{domain.EventDraft, domain.EventCancelled}}), []string{c.ID, d.ID})
		sameIDs(t, "month window", list(store.EventFilter{From: now.AddDate(0, 0, 30), To: now.AddDate(0, 0, 60)}), []string{b.ID})
		sameIDs(t, "q is case-insensitive", list(store.EventFilter{Q: "iot expo"}), []string{a.ID})
		sameIDs(t, "q in Chinese", list(store.EventFilter{Q: "集成电路"}), []string{b.ID})
		sameIDs(t, "q wildcard is literal", list(store.EventFilter{Q: "%"}), []string{})
		sameIDs(t, "q matches venue", list(store.EventFilter{Q: "太湖", Cluster: "A5"}), []string{d.ID})

		walked := walk(t, 3, func(cur string) ([]string, string, error) {
			got, next, total, err := s.Events.List(ctx, store.EventFilter{}, store.Page{Limit: 3, Cursor: cur})
			if total != len(ids) {
				return nil, "", fmt.Errorf("total %d, want %d", total, len(ids))
			}
			out := make([]string, len(got))
			for i, e := range got {
				out[i] = e.ID
			}
			return out, next, err
		})
		sameIDs(t, "walk", walked, ids)
		_, _, _, err := s.Events.List(ctx, store.EventFilter{}, store.Page{Cursor: "not-a-cursor"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})
}

// mustGetEvent reloads an event.
func mustGetEvent(t *testing.T, ctx context.Context, s *store.Store, id string) *domain.Event {
	t.Helper()
	e, err := s.Events.Get(ctx, id)
	Must(t, err, "get event")
	return e
}
