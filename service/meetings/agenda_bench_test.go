package meetings

import (
	"fmt"
	"log/slog"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/service/notify"
	"duijie/store/storetest"
)

// BenchmarkPublishAgendas is what the organiser's publish waits for beyond the store's publish:
// the agendas of the benchmark's schedule (500 firms, the 1,920 meetings placed of 3,000) read
// and each firm's agenda mail rendered with its .ics and queued in the SQLite outbox, one member
// per firm. Run it with -benchtime 1x: a second run queues nothing (every agenda is sent).
func BenchmarkPublishAgendas(b *testing.B) {
	st, svc, ev := benchSchedule(b)
	ctx := b.Context()
	if _, err := svc.DraftSchedule(ctx, ev, 0, 0); err != nil {
		b.Fatal(err)
	}
	if _, err := svc.Publish(ctx, ev); err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= 500; i++ {
		u := storetest.NewUser(10_000+i, domain.RoleMember)
		u.EnterpriseID = fmt.Sprintf("%024x", i)
		if err := st.Users.Create(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
	r, err := mail.NewRenderer("https://duijie.example.org")
	if err != nil {
		b.Fatal(err)
	}
	ns := notify.New(st, r, slog.New(slog.DiscardHandler), time.Now)
	var firms, mails int
	for b.Loop() {
		agendas, err := svc.Agendas(ctx, ev)
		if err != nil {
			b.Fatal(err)
		}
		firms, mails = len(agendas), 0
		for _, a := range agendas {
			n, err := ns.MeetingAgenda(ctx, ev, a.EnterpriseID, a.Attendees, a.Meetings)
			if err != nil {
				b.Fatal(err)
			}
			mails += n
		}
	}
	b.ReportMetric(float64(firms), "firms")
	b.ReportMetric(float64(mails), "mails")
}
