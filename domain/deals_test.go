package domain

import (
	"errors"
	"testing"
	"time"
)

func TestBuyerActions(t *testing.T) {
	now := time.Now()
	open := &Lead{ID: "l", Status: LeadOpen, BuyerEnterpriseID: "buyer"}
	for _, c := range []struct {
		name  string
		lead  *Lead
		ent   *Enterprise
		field string // "" = allowed
	}{
		{"a supplier", open, &Enterprise{ID: "s", Status: EnterpriseActive}, ""},
		{"one's own enterprise", open, &Enterprise{ID: "buyer", Status: EnterpriseActive}, "enterpriseId"},
		{"a blocked enterprise", open, &Enterprise{ID: "b", Status: EnterpriseBlocked}, "enterpriseId"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckInvite(c.lead, c.ent)
			var ve *ValidationError
			if c.field == "" && err != nil || c.field != "" && (!errors.As(err, &ve) || !ve.Has(c.field)) {
				t.Fatalf("CheckInvite = %v", err)
			}
		})
	}
	for _, st := range []LeadStatus{LeadDraft, LeadClosed, LeadExpired} {
		var ce *ConflictError
		if err := CheckBuyerAction(&Lead{Status: st}); !errors.As(err, &ce) || ce.Field != "status" {
			t.Errorf("%s lead: %v", st, err)
		}
	}
	if err := CheckBuyerAction(open); err != nil {
		t.Errorf("open lead: %v", err)
	}

	m := &Match{Status: MatchProposed}
	if err := m.Invite("u1", "请报价", now); err != nil || m.Status != MatchSent || !m.Invited() || m.SentAt == nil {
		t.Fatalf("invite a proposal: %v %+v", err, m)
	}
	if err := m.Invite("u1", "", now); err == nil {
		t.Fatal("inviting a match already sent")
	}
	engine := &Match{Status: MatchProposed}
	_ = engine.Send(now)
	if engine.Invited() {
		t.Error("a match the engine sent counts as invited")
	}
}

func TestCanQuote(t *testing.T) {
	for _, c := range []struct {
		status MatchStatus
		lost   MatchStatus
		want   bool
	}{
		{MatchSent, "", false}, {MatchDeclined, "", false}, {MatchInterested, "", true},
		{MatchNegotiating, "", true}, {MatchIntent, "", true}, {MatchSigned, "", false},
		{MatchLost, MatchNegotiating, false},
	} {
		m := &Match{Status: c.status, LostFrom: c.lost}
		if got := m.CanQuote(); got != c.want {
			t.Errorf("%s: CanQuote = %v", c.status, got)
		}
	}
}

func TestQuoteInput(t *testing.T) {
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	good := func() QuoteInput {
		return QuoteInput{UnitPrice: 12.5, Currency: "cny", Quantity: 100, MOQ: 10, LeadTimeDays: 30,
			ValidUntil: now.Add(30 * 24 * time.Hour)}
	}
	for _, c := range []struct {
		name  string
		edit  func(*QuoteInput)
		field string
	}{
		{"valid", func(*QuoteInput) {}, ""},
		{"negative price", func(q *QuoteInput) { q.UnitPrice = -1 }, "unitPrice"},
		{"absurd price", func(q *QuoteInput) { q.UnitPrice = 1e12 }, "unitPrice"},
		{"unknown currency", func(q *QuoteInput) { q.Currency = "XYZ" }, "currency"},
		{"no currency", func(q *QuoteInput) { q.Currency = "" }, "currency"},
		{"zero quantity", func(q *QuoteInput) { q.Quantity = 0 }, "quantity"},
		{"absurd quantity", func(q *QuoteInput) { q.Quantity = 1e10 }, "quantity"},
		{"moq above quantity", func(q *QuoteInput) { q.MOQ = 1000 }, "moq"},
		{"negative lead time", func(q *QuoteInput) { q.LeadTimeDays = -3 }, "leadTimeDays"},
		{"absurd lead time", func(q *QuoteInput) { q.LeadTimeDays = 5000 }, "leadTimeDays"},
		{"valid until in the past", func(q *QuoteInput) { q.ValidUntil = now.Add(-time.Hour) }, "validUntil"},
		{"valid until missing", func(q *QuoteInput) { q.ValidUntil = time.Time{} }, "validUntil"},
		{"valid until years ahead", func(q *QuoteInput) { q.ValidUntil = now.AddDate(3, 0, 0) }, "validUntil"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := good()
			c.edit(&q)
			err := q.Validate(now)
			if c.field == "" {
				if err != nil || q.Currency != "CNY" {
					t.Fatalf("valid quote: %v, currency %q", err, q.Currency)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !ve.Has(c.field) {
				t.Fatalf("want a problem on %s, got %v", c.field, err)
			}
		})
	}
	q := Quote{UnitPrice: MinorUnits(12.345), Quantity: 3}
	if q.UnitPrice != 1235 || q.Total() != 3705 || MajorUnits(q.Total()) != 37.05 {
		t.Errorf("units: %d, total %d", q.UnitPrice, q.Total())
	}
}
