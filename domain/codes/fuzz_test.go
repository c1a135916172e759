package codes

import "testing"

// FuzzCodes feeds the code normalisers what forms and files carry: none panics, normalising is
// idempotent, and what is valid stays valid once normalised.
func FuzzCodes(f *testing.F) {
	for _, s := range []string{"C3973", "c 3973", "I6520", "EU", "de", "320214", "新吴区", "", "C", "99999999", "８５４１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n := NormalizeIndustry(s); NormalizeIndustry(n) != n {
			t.Fatalf("NormalizeIndustry not idempotent on %q", s)
		} else {
			_ = IndustryProblem(n)
			_ = IndustryName(n, "en")
		}
		if n := NormalizeMarket(s); NormalizeMarket(n) != n {
			t.Fatalf("NormalizeMarket not idempotent on %q", s)
		} else if ValidMarket(n) {
			_ = MarketName(n, "zh-CN")
		}
		if n := NormalizeDeliveryRegion(s); NormalizeDeliveryRegion(n) != n {
			t.Fatalf("NormalizeDeliveryRegion not idempotent on %q", s)
		} else {
			_ = ValidDeliveryRegion(n)
			_ = IsCountry(n)
			_ = CountryMarket(n)
		}
		if ValidRegion(s) {
			_ = RegionPath(s)
			_ = RegionChildren(s)
		}
		_ = HSName(s, "en")
	})
}
