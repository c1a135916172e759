package demo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/service/deals"
	"duijie/service/notify"
	"duijie/store"
)

// demoBaseURL is where the demo's queued mails link to: the address `serve --demo` prints by
// default.
const demoBaseURL = "http://localhost:8080"

// demoQuotes are the quotes three suppliers sent on the member's open lead: one in dollars, so
// the comparison shows currencies apart.
var demoQuotes = []struct {
	price    float64
	currency string
	days     int
	note     string
}{
	{41.5, "CNY", 12, "含税含运，可先打样 50 片"},
	{38.8, "CNY", 18, "含税，不含运费"},
	{5.9, "USD", 25, "FOB Shanghai"},
}

// seedDeals shows the deal loop end to end: suppliers answered interested and quoted on the
// member's open lead, the member shortlisted the cheapest and invited a supplier outside the
// ranking, and the outbox holds the mails this produced (registration confirmations with their
// .ics, meeting requests, the member's grouped instant notice).
func seedDeals(ctx context.Context, st *store.Store, env *Env) error {
	now := env.Now
	clock := func() time.Time { return now }
	r, err := mail.NewRenderer(demoBaseURL)
	if err != nil {
		return err
	}
	quiet := slog.New(slog.DiscardHandler)
	ns := notify.New(st, r, quiet, clock)
	ds := deals.New(st, ns, quiet, clock)

	ls, _, _, err := st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen,
		Scope: store.LeadScope{Buyer: env.Member.EnterpriseID}}, store.Page{Limit: 5})
	if err != nil {
		return fmt.Errorf("member's leads: %w", err)
	}
	if len(ls) == 0 {
		return fmt.Errorf("the member has no open lead to quote on")
	}
	lead := &ls[0]
	ms, err := st.Matches.ByLead(ctx, lead.ID)
	if err != nil {
		return err
	}
	matched := map[string]bool{env.Member.EnterpriseID: true}
	var cheapest string
	var best int64
	quoted := 0
	for i := range ms {
		m := &ms[i]
		matched[m.EnterpriseID] = true
		if quoted == len(demoQuotes) || m.EnterpriseID == env.Member.EnterpriseID {
			continue
		}
		if err := interested(ctx, st, m, now); err != nil {
			return err
		}
		if !m.CanQuote() {
			continue // declined, or further along than quoting
		}
		q := demoQuotes[quoted]
		supplier := &domain.User{ID: "demo-supplier", Role: domain.RoleMember, EnterpriseID: m.EnterpriseID}
		got, err := ds.Quote(ctx, supplier, m.ID, domain.QuoteInput{UnitPrice: q.price, Currency: q.currency,
			Quantity: int64(lead.Quantity), MOQ: 500, LeadTimeDays: q.days, ValidUntil: now.Add(20 * 24 * time.Hour), Note: q.note})
		if err != nil {
			return fmt.Errorf("quote of %s: %w", m.EnterpriseName, err)
		}
		if got.Currency == "CNY" && (cheapest == "" || got.Total() < best) {
			cheapest, best = m.EnterpriseID, got.Total()
		}
		quoted++
	}
	if cheapest != "" {
		if err := ds.Shortlist(ctx, env.Member, lead.ID, cheapest); err != nil {
			return fmt.Errorf("shortlist: %w", err)
		}
	}
	for _, e := range env.Enterprises {
		if !matched[e.ID] {
			if _, err := ds.Invite(ctx, env.Member, lead.ID, e.ID, "看到贵司在展会上的产品，欢迎报价"); err != nil {
				return fmt.Errorf("invite: %w", err)
			}
			break
		}
	}

	// The mails all this produced, queued as the jobs would: the member's registrations and the
	// waitlisted ones are confirmed (with the .ics); the walk of the registration job then starts
	// after the sample data, so the other sample registrations are not announced.
	regs, err := st.RegFeed.ChangedSince(ctx, time.Time{}, "", 500)
	if err != nil {
		return err
	}
	for i := range regs {
		reg := &regs[i]
		if reg.EnterpriseID != env.Member.EnterpriseID && reg.Status != domain.RegWaitlisted {
			continue
		}
		e, err := st.Events.Get(ctx, reg.EventID)
		if err != nil {
			return err
		}
		if _, err := ns.Registration(ctx, reg, e); err != nil {
			return fmt.Errorf("registration mail: %w", err)
		}
	}
	if err := ns.SkipRegistrationsBefore(ctx, now.Add(time.Second)); err != nil {
		return err
	}
	meetings, err := st.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: env.Member.EnterpriseID})
	if err != nil {
		return err
	}
	for i := range meetings {
		m := &meetings[i]
		if _, err := ns.Meeting(ctx, m, notify.MeetingRequested, m.RequesterID); err != nil {
			return fmt.Errorf("meeting mail: %w", err)
		}
	}
	return ns.InstantMails(ctx, nil)
}

// interested moves a demo match to interested as its supplier would answer.
func interested(ctx context.Context, st *store.Store, m *domain.Match, now time.Time) error {
	if m.Status == domain.MatchProposed {
		from := m.Status
		if err := m.Send(now); err != nil {
			return err
		}
		if err := st.Matches.Update(ctx, m, from); err != nil {
			return err
		}
	}
	if m.Status != domain.MatchSent {
		return nil
	}
	from := m.Status
	if _, err := m.Respond(domain.MatchInterested, "可按图纸报价", "", now); err != nil {
		return err
	}
	return st.Matches.Update(ctx, m, from)
}
