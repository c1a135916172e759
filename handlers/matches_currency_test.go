package handlers

import (
	"context"
	"strings"
	"testing"

	"duijie/domain"
)

// An overseas buyer's lead is priced in its own currency: the outcome form records a value in
// it (not in yuan) and says so in its label.
func TestOutcomeFormUsesTheLeadsCurrency(t *testing.T) {
	f := newFixture(t)
	supplier := f.sensorMaker(0, 3)
	l := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	l.Currency = "EUR"
	if err := f.store.Leads.Update(context.Background(), l, domain.LeadOpen); err != nil {
		t.Fatal(err)
	}
	m := f.newMatch(l, supplier, domain.MatchInterested)
	for lang, label := range map[string]string{"en": "Value (EUR)", "zh-CN": "金额（EUR）"} {
		page := string(f.do(asMember, "GET", "/leads/"+l.ID+"/matches?lang="+lang, "").wantStatus(t, 200).body)
		if !strings.Contains(page, `action="/matches/`+m.ID+`/outcome"`) {
			t.Fatalf("%s: no outcome form for the interested match", lang)
		}
		if !strings.Contains(page, `name="currency" value="EUR"`) || !strings.Contains(page, label) {
			t.Errorf("%s: the outcome form does not record the value in EUR, or its label lacks %q", lang, label)
		}
	}
	for _, stage := range []string{"contacted", "negotiating"} {
		f.do(asMember, "POST", "/matches/"+m.ID+"/outcome", form("stage", stage)).wantStatus(t, 303)
	}
	res := f.do(asMember, "POST", "/matches/"+m.ID+"/outcome", form("stage", "intent", "value", "20000", "currency", "EUR"))
	res.wantStatus(t, 303)
	got, err := f.store.Matches.Get(context.Background(), m.ID)
	if err != nil || got.Value != 20000 || got.Currency != "EUR" {
		t.Fatalf("recorded %d %s (%v), want 20000 EUR", got.Value, got.Currency, err)
	}
	page := string(f.do(asMember, "GET", "/leads/"+l.ID+"/matches?lang=en", "").body)
	if !strings.Contains(page, "20,000 EUR") || !strings.Contains(page, `name="currency" value="EUR"`) {
		t.Error("after an intent in EUR the page shows the value and keeps the currency")
	}
}
