package domain

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var leadNow = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

func validLead() Lead {
	d := leadNow.Add(30 * 24 * time.Hour)
	return Lead{
		Title:                  "采购车规级功率模块 IGBT 1200V",
		Description:            "用于电驱控制器，需提供AEC-Q101报告。",
		Clusters:               []string{"集成电路"},
		IndustryCodes:          []string{"C3973"},
		HSCodes:                []string{"8541.29"},
		Quantity:               5000,
		Unit:                   "只",
		BudgetMin:              100000,
		BudgetMax:              300000,
		RequiredCertifications: []string{"IATF 16949:2016"},
		PreferredTiers:         []EnterpriseTier{"骨干、新锐"},
		DeliveryRegion:         "320214",
		ExportMarket:           "eu",
		Deadline:               &d,
		BuyerName:              "Müller Antriebstechnik GmbH",
		Contact:                Contact{Name: "Anna Müller", Email: "anna@example.de"},
	}
}

func TestLeadValidateNormalises(t *testing.T) {
	l := validLead()
	if err := l.Validate(testClusters(), leadNow, true); err != nil {
		t.Fatalf("valid lead refused: %v", err)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"clusters", l.Clusters, []string{"L2"}},
		{"hsCodes", l.HSCodes, []string{"854129"}},
		{"certs", l.RequiredCertifications, []string{"IATF16949"}},
		{"tiers", l.PreferredTiers, []EnterpriseTier{TierBackbone, TierEmerging}},
		{"currency", l.Currency, "CNY"},
		{"market", l.ExportMarket, "EU"},
		{"status", l.Status, LeadDraft},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestLeadValidateRefuses(t *testing.T) {
	past := leadNow.Add(-time.Hour)
	for _, tc := range []struct {
		name   string
		change func(l *Lead)
		field  string
		key    string
	}{
		{"no title", func(l *Lead) { l.Title = "" }, "title", "required"},
		{"unknown cluster", func(l *Lead) { l.Clusters = []string{"量子"} }, "clusters", "cluster_unknown"},
		{"budget min above max", func(l *Lead) { l.BudgetMin, l.BudgetMax = 500, 100 }, "budgetMin", "budget_range"},
		{"negative budget", func(l *Lead) { l.BudgetMin = -1 }, "budgetMin", "negative"},
		{"budget min too large", func(l *Lead) { l.BudgetMin = MaxBudget + 1 }, "budgetMin", "too_large"},
		{"budget max too large", func(l *Lead) { l.BudgetMax = MaxBudget + 1 }, "budgetMax", "too_large"},
		{"deadline in the past", func(l *Lead) { l.Deadline = &past }, "deadline", "deadline_past"},
		{"deadline now", func(l *Lead) { n := leadNow; l.Deadline = &n }, "deadline", "deadline_past"},
		{"negative quantity", func(l *Lead) { l.Quantity = -3 }, "quantity", "negative"},
		{"quantity too large", func(l *Lead) { l.Quantity = MaxQuantity * 10 }, "quantity", "too_large"},
		{"5 MB description", func(l *Lead) { l.Description = strings.Repeat("x", 5<<20) }, "description", "too_long"},
		{"unknown tier", func(l *Lead) { l.PreferredTiers = []EnterpriseTier{"龙头"} }, "preferredTiers", "tier_unknown"},
		{"unknown region", func(l *Lead) { l.DeliveryRegion = "999999" }, "deliveryRegion", "intake_delivery_region"},
		{"unknown currency", func(l *Lead) { l.Currency = "XYZ" }, "currency", "currency_unknown"},
		{"unknown market", func(l *Lead) { l.ExportMarket = "Narnia" }, "exportMarket", "market_unknown"},
		{"no buyer", func(l *Lead) { l.BuyerName = "" }, "buyerName", "required"},
		{"bad contact email", func(l *Lead) { l.Contact.Email = "anna" }, "contact.email", "email_format"},
		{"bad status", func(l *Lead) { l.Status = "won" }, "status", "one_of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := validLead()
			tc.change(&l)
			v, ok := l.Validate(testClusters(), leadNow, true).(*ValidationError)
			if !ok {
				t.Fatalf("no ValidationError")
			}
			if p := v.Fields[tc.field]; p.Key != tc.key {
				t.Fatalf("field %s: %q, want %q (all: %v)", tc.field, p.Key, tc.key, v)
			}
		})
	}
	// An open lead whose deadline has since passed stays editable when the deadline is unchanged.
	l := validLead()
	l.Deadline = &past
	if err := l.Validate(testClusters(), leadNow, false); err != nil {
		t.Errorf("unchanged past deadline refused: %v", err)
	}
}

// A quantity is optional: a lead opened without one (0, "not stated") is accepted, open or draft.
func TestLeadQuantityNotStated(t *testing.T) {
	for _, st := range []LeadStatus{LeadDraft, LeadOpen} {
		l := validLead()
		l.Quantity, l.Unit, l.Status = 0, "", st
		if err := l.Validate(testClusters(), leadNow, true); err != nil {
			t.Errorf("%s lead without a quantity refused: %v", st, err)
		}
	}
}

func TestLeadMarkupKept(t *testing.T) {
	l := validLead()
	l.Title = `<script>alert(1)</script>采购`
	if err := l.Validate(testClusters(), leadNow, true); err != nil {
		t.Fatal(err)
	}
	if l.Title != `<script>alert(1)</script>采购` {
		t.Fatalf("title altered: %q", l.Title)
	}
}
