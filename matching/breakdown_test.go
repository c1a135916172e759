package matching

import (
	"math"
	"testing"
)

// The parts of a breakdown add up to the score SuppliersFor gives, supplier by supplier, and the
// products are told apart from the words: the diagnosis of cmd/rankloss stands on both.
func TestBreakdownsAddUpToTheScore(t *testing.T) {
	e := fixture(t)
	lead := mcuLead
	lead.BuyerEnterpriseID = ""
	lead.RequiredCertifications = nil
	rs, err := e.SuppliersFor(lead, 10, Options{NoExposure: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) < 3 {
		t.Fatalf("want at least 3 suppliers for the MCU lead, got %v", ids(rs))
	}
	reading, bs, err := e.Breakdowns(lead, append(ids(rs), "no-such-firm"))
	if err != nil {
		t.Fatal(err)
	}
	if reading.Products["微控制器"] <= 0 {
		t.Errorf("the lead names MCUs: want 微控制器 among the products read, got %v", reading.Products)
	}
	if len(bs) != len(rs) {
		t.Fatalf("an unknown ID is left out: want %d breakdowns, got %d", len(rs), len(bs))
	}
	for i, b := range bs {
		if b.ID != rs[i].ID || b.Score != rs[i].Score || !b.Allowed {
			t.Errorf("breakdown %d: %s score %v allowed %v, SuppliersFor gives %s %v", i, b.ID, b.Score, b.Allowed, rs[i].ID, rs[i].Score)
		}
		sum := b.Words + b.Codes
		for _, c := range b.Products {
			sum += c
		}
		if got := sum * b.Factor; math.Abs(got-b.Score) > 1e-4*math.Max(1, b.Score) {
			t.Errorf("%s: parts add up to %v, score %v (%+v)", b.ID, got, b.Score, b)
		}
	}
	mcu := bs[0]
	if mcu.ID != "mcu" && mcu.ID != "mcu2" {
		t.Fatalf("an MCU maker ranks first, got %s", mcu.ID)
	}
	if mcu.Products["微控制器"] <= 0 || mcu.Words <= 0 || mcu.Codes <= 0 {
		t.Errorf("the MCU maker shares the product, words and codes: %+v", mcu)
	}
	// The buyer itself is never offered: its breakdown says so.
	_, bs, err = e.Breakdowns(mcuLead, []string{"buyer"})
	if err != nil || len(bs) != 1 || bs[0].Allowed {
		t.Errorf("the buyer's own profile is not allowed: %+v, %v", bs, err)
	}
}
