package demo

import (
	"context"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func TestSeedDeals(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if _, err := Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	member, err := st.Users.GetByEmail(ctx, MemberEmail)
	if err != nil {
		t.Fatal(err)
	}
	ls, _, _, err := st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen, Scope: store.LeadScope{Buyer: member.EnterpriseID}}, store.Page{Limit: 5})
	if err != nil || len(ls) == 0 {
		t.Fatalf("member's open leads: %v", err)
	}
	qs, _ := st.Quotes.ByLead(ctx, ls[0].ID)
	short, _ := st.Shortlists.ByLead(ctx, ls[0].ID)
	currencies := map[string]bool{}
	for _, q := range qs {
		currencies[q.Currency] = true
	}
	if len(qs) != 3 || !currencies["USD"] || len(short) != 1 {
		t.Fatalf("%d quotes in %v, shortlist %v", len(qs), currencies, short)
	}
	for _, k := range []domain.MailKind{domain.MailRegistration, domain.MailMeeting, domain.MailInstant} {
		_, _, n, err := st.Outbox.List(ctx, store.OutboxFilter{Kind: k}, store.Page{Limit: 1})
		if err != nil || n == 0 {
			t.Errorf("no %s mail in the demo outbox (%v)", k, err)
		}
	}
	ms, _, _, _ := st.Outbox.List(ctx, store.OutboxFilter{Kind: domain.MailInstant, To: MemberEmail}, store.Page{Limit: 5})
	if len(ms) != 1 {
		t.Fatalf("member's instant mails: %d", len(ms))
	}
}
