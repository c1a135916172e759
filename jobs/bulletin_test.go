package jobs

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/exports"
	"duijie/seed"
	"duijie/store"
)

// seedSignedDeal stores an L1 lead opened in March 2025 and its match signed for value yuan.
func seedSignedDeal(t *testing.T, st *store.Store, value int64) {
	t.Helper()
	ctx := context.Background()
	loc, _ := domain.LoadZone(Zone)
	opened := time.Date(2025, 3, 3, 9, 0, 0, 0, loc)
	l := &domain.Lead{ID: domain.NewID(), Title: "采购温度传感器", Clusters: []string{"L1"}, Currency: "CNY",
		Status: domain.LeadOpen, BuyerEnterpriseID: domain.NewID(), BuyerName: "无锡买方有限公司", OpenedAt: &opened,
		CreatedAt: opened, UpdatedAt: opened}
	if err := st.Leads.Create(ctx, l); err != nil {
		t.Fatal(err)
	}
	batch := []domain.Match{{LeadID: l.ID, EnterpriseID: domain.NewID(), EnterpriseName: "无锡供方有限公司",
		Clusters: l.Clusters, Status: domain.MatchProposed, CreatedAt: opened, UpdatedAt: opened}}
	if _, err := st.Matches.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	m := &batch[0]
	adv := func(s domain.MatchStatus, v int64) func() error {
		return func() error { _, err := m.Advance(domain.Outcome{Stage: s, Value: v}, "buyer", opened); return err }
	}
	for _, mv := range []func() error{
		func() error { return m.Send(opened) },
		func() error { _, err := m.Respond(domain.MatchInterested, "", "supplier", opened); return err },
		adv(domain.MatchContacted, 0), adv(domain.MatchNegotiating, 0), adv(domain.MatchIntent, value), adv(domain.MatchSigned, value),
	} {
		from := m.Status
		if err := mv(); err != nil {
			t.Fatal(err)
		}
		if err := st.Matches.Update(ctx, m, from); err != nil {
			t.Fatal(err)
		}
	}
}

// The bulletin of March goes out on 1 April at 09:00, once per address however often the job
// runs, with the workbook attached and the figures the bulletin page shows.
func TestBulletinMailedOncePerMonth(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if err := seed.Clusters(ctx, st); err != nil {
		t.Fatal(err)
	}
	seedSignedDeal(t, st, 1_250_000)
	loc, _ := domain.LoadZone(Zone)
	now := time.Date(2025, 4, 1, 9, 0, 0, 0, loc)
	b := &Bulletin{Store: st, Renderer: renderer(t), Recipients: []string{"office@wuxi.example.cn", "lead@wuxi.example.cn"},
		Now: func() time.Time { return now }}
	job := b.Job("0 9 1 * *")
	for i, want := range []string{"queued", "already_queued"} {
		run := newRun(st)
		if err := job.Run(ctx, run); err != nil {
			t.Fatal(err)
		}
		if run.counts[want] != 2 {
			t.Fatalf("run %d: %v, want 2 %s", i+1, run.counts, want)
		}
	}
	ms, _, total, err := st.Outbox.List(ctx, store.OutboxFilter{Kind: domain.MailBulletin}, store.Page{Limit: 10})
	if err != nil || total != 2 {
		t.Fatalf("outbox: %d bulletins, %v", total, err)
	}
	m, err := st.Outbox.Get(ctx, ms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Subject, "2025年3月") || !strings.HasPrefix(m.DedupKey, "bulletin:2025-03:") {
		t.Errorf("subject %q, key %q", m.Subject, m.DedupKey)
	}
	// 125万元 signed: the page's way of printing it, in the mail's overview and its deal list.
	for _, body := range []string{m.HTML, m.Text} {
		if strings.Count(body, "125万元") < 2 || !strings.Contains(body, "/campaign/report?year=2025&") || !strings.Contains(body, "month=3") {
			t.Errorf("the mail lacks the signed value or the page link:\n%s", body)
		}
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Name != "duijie-bulletin-2025-03.xlsx" {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(m.Attachments[0].Data))
	if err != nil {
		t.Fatalf("the attachment is no workbook: %v", err)
	}
	if !slices.Equal(wb.GetSheetList(), exports.BulletinSheets) {
		t.Errorf("sheets %v", wb.GetSheetList())
	}
	rows, _ := wb.GetRows("签约成果", excelize.Options{RawCellValue: true})
	if len(rows) != 2 || rows[1][5] != "1250000" {
		t.Errorf("签约成果 %v", rows)
	}
}

func TestBulletinWithoutRecipientsSendsNothing(t *testing.T) {
	st := openStore(t)
	run := newRun(st)
	b := &Bulletin{Store: st, Renderer: renderer(t)}
	if err := b.Job("0 9 1 * *").Run(context.Background(), run); err != nil || run.counts["no_recipients"] != 1 {
		t.Fatalf("%v %v", run.counts, err)
	}
}

func TestPreviousMonth(t *testing.T) {
	loc, _ := domain.LoadZone(Zone)
	for _, tt := range []struct {
		at          time.Time
		year, month int
	}{
		{time.Date(2026, 1, 1, 9, 0, 0, 0, loc), 2025, 12},
		{time.Date(2026, 3, 31, 23, 59, 0, 0, loc), 2026, 2},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, loc), 2026, 11},
	} {
		if y, m := PreviousMonth(tt.at); y != tt.year || m != tt.month {
			t.Errorf("PreviousMonth(%v) = %d-%d", tt.at, y, m)
		}
	}
}
