package meetings

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

// engines opens a fresh store of each engine: SQLite and the in-process FerretDB.
func engines(t *testing.T) map[string]func(t *testing.T) *store.Store {
	return map[string]func(t *testing.T) *store.Store{
		"sqlite": func(t *testing.T) *store.Store {
			st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
			storetest.Must(t, err, "open sqlite")
			t.Cleanup(func() { _ = st.Health.Close() })
			return st
		},
		"ferretdb": func(t *testing.T) *store.Store {
			uri := mongotest.URI(t)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			st, err := mongo.Open(ctx, uri, mongotest.FreshDatabase(t, uri))
			storetest.Must(t, err, "open ferretdb")
			t.Cleanup(func() { _ = st.Health.Close() })
			return st
		},
	}
}

// TestAgendasAndRelease on both engines: the agendas list each firm's published meetings in
// time order with its attendees; releasing a cancelled registration's firm cancels its meeting
// still to come, frees the counterpart's slot, and keeps the meeting already under way.
func TestAgendasAndRelease(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) {
			e := newEnvOn(t, open(t))
			ctx := t.Context()
			ws := []domain.MeetingWindow{{From: e.ev.StartsAt, Until: e.ev.StartsAt.Add(time.Hour), Minutes: 20, Tables: 5}}
			_, err := e.svc.SetWindows(ctx, e.ev, ws)
			storetest.Must(t, err, "windows")
			book := func(from, to *domain.Enterprise, slot time.Time) *domain.Meeting {
				m, err := e.svc.Request(ctx, member(from), e.ev, RequestInput{With: to.ID, SlotStart: &slot})
				storetest.Must(t, err, "request")
				m, _, err = e.svc.Act(ctx, member(to), m.ID, "accept", AnswerInput{})
				storetest.Must(t, err, "accept")
				return m
			}
			early, late := e.ev.StartsAt, e.ev.StartsAt.Add(40*time.Minute)
			later := book(e.buyer, e.supplier, late)
			sooner := book(e.other, e.buyer, early)

			agendas, err := e.svc.Agendas(ctx, e.ev)
			storetest.Must(t, err, "agendas")
			byFirm := map[string]Agenda{}
			for _, a := range agendas {
				byFirm[a.EnterpriseID] = a
			}
			mine := byFirm[e.buyer.ID]
			if len(agendas) != 3 || len(mine.Meetings) != 2 || mine.Meetings[0].ID != sooner.ID ||
				mine.Meetings[1].ID != later.ID || len(mine.Attendees) != 1 || len(byFirm[e.supplier.ID].Meetings) != 1 {
				t.Fatalf("agendas %+v", agendas)
			}

			e.now = early.Add(10 * time.Minute) // the first meeting is under way
			released, err := e.svc.ReleaseForRegistration(ctx, e.ev.ID, e.buyer.ID)
			storetest.Must(t, err, "release")
			if len(released) != 1 || released[0].ID != later.ID || released[0].CancelledBy != e.buyer.ID {
				t.Fatalf("released %+v", released)
			}
			if got, _ := e.st.Meetings.Get(ctx, sooner.ID); got.Status != domain.MeetingAccepted {
				t.Fatalf("the meeting under way was touched: %s", got.Status)
			}
			busy, err := e.st.Meetings.Busy(ctx, e.ev.ID)
			storetest.Must(t, err, "busy")
			if busy[late.UnixMilli()].Firms[e.supplier.ID] {
				t.Fatal("the supplier still sits in the released slot")
			}
			if again, err := e.svc.ReleaseForRegistration(ctx, e.ev.ID, e.buyer.ID); err != nil || len(again) != 0 {
				t.Fatalf("second release: %v, %v", again, err)
			}
		})
	}
}
