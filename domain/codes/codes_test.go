package codes

import (
	"strings"
	"testing"
)

func TestRegions(t *testing.T) {
	if n := RegionCount(); n < 3000 {
		t.Fatalf("region table has %d codes, want the full table (>3000)", n)
	}
	for _, tc := range []struct{ code, path string }{
		{"320214", "江苏省 无锡市 新吴区"},
		{"320200", "江苏省 无锡市"},
		{"320000", "江苏省"},
		{"110105", "北京市 朝阳区"}, // municipalities have no prefecture entry
		{"441900", "广东省 东莞市"}, // a prefecture without counties
		{"320299", ""},
		{"32021", ""},
		{"", ""},
	} {
		if got := RegionPath(tc.code); got != tc.path {
			t.Errorf("RegionPath(%q) = %q, want %q", tc.code, got, tc.path)
		}
		if got := ValidRegion(tc.code); got != (tc.path != "") {
			t.Errorf("ValidRegion(%q) = %v", tc.code, got)
		}
	}
}

func TestRegionChildren(t *testing.T) {
	provinces := RegionChildren("")
	if len(provinces) != 34 {
		t.Errorf("%d provinces, want 34", len(provinces))
	}
	wuxi := RegionChildren("320200")
	want := map[string]bool{"320205": true, "320206": true, "320211": true, "320213": true, "320214": true, "320281": true, "320282": true}
	for _, r := range wuxi {
		delete(want, r.Code)
	}
	if len(want) != 0 {
		t.Errorf("Wuxi children miss %v (got %v)", want, wuxi)
	}
	for i := 1; i < len(wuxi); i++ {
		if wuxi[i-1].Code >= wuxi[i].Code {
			t.Fatalf("children not in code order: %v", wuxi)
		}
	}
	if bj := RegionChildren("110000"); len(bj) < 16 || bj[0].Code != "110101" {
		t.Errorf("Beijing districts hang off the province: %v", bj)
	}
}

func TestIndustry(t *testing.T) {
	secs := IndustrySections()
	divs := 0
	for _, s := range secs {
		divs += len(s.Divisions)
	}
	if len(secs) != 20 || divs != 97 {
		t.Fatalf("%d sections and %d divisions, want 20 and 97", len(secs), divs)
	}
	for _, tc := range []struct{ in, norm, problem string }{
		{"C3973", "C3973", ""},
		{"c 39.73", "C3973", ""},
		{"3973", "C3973", ""},
		{"I6520", "I6520", ""},
		{"C36", "C36", ""},
		{"C", "C", ""},
		{"C397", "C397", ""},
		{"I3973", "I3973", "industry_section"},
		{"C98", "C98", "industry_unknown"},
		{"C39735", "C39735", "industry_format"},
		{"Z39", "Z39", "industry_format"},
		{"C3A", "C3A", "industry_format"},
		{"", "", "required"},
	} {
		n := NormalizeIndustry(tc.in)
		if n != tc.norm {
			t.Errorf("NormalizeIndustry(%q) = %q, want %q", tc.in, n, tc.norm)
		}
		if got := IndustryProblem(n); got != tc.problem {
			t.Errorf("IndustryProblem(%q) = %q, want %q", n, got, tc.problem)
		}
	}
	if got := IndustryName("C3973", "zh-CN"); got != "集成电路制造" { // a class the picker lists
		t.Errorf("IndustryName(C3973) = %q", got)
	}
	if got := IndustryName("C3979", "zh-CN"); got != "计算机、通信和其他电子设备制造业" { // named by its division
		t.Errorf("IndustryName(C3979) = %q", got)
	}
	if got := IndustryName("I65", "en"); got != "Software and information technology services" {
		t.Errorf("IndustryName(I65, en) = %q", got)
	}
	if got := IndustryName("C", "zh-CN"); got != "制造业" {
		t.Errorf("IndustryName(C) = %q", got)
	}
}

func TestMarkets(t *testing.T) {
	for _, tc := range []struct {
		in, norm string
		ok       bool
	}{
		{"eu", "EU", true},
		{"欧盟", "EU", true},
		{"ASEAN", "ASEAN", true},
		{"de", "DE", true},
		{"GB", "UK", true},
		{"VN", "VN", true},
		{"XX", "XX", false},
		{"EUR", "EUR", false},
		{"001", "001", false}, // a UN M.49 world region, not a country
		{"", "", false},
	} {
		n := NormalizeMarket(tc.in)
		if n != tc.norm || ValidMarket(n) != tc.ok {
			t.Errorf("market %q → %q valid=%v, want %q %v", tc.in, n, ValidMarket(n), tc.norm, tc.ok)
		}
	}
	if got := MarketName("DE", "zh-CN"); got != "德国" {
		t.Errorf("MarketName(DE) = %q", got)
	}
	if got := MarketName("ASEAN", "en"); got != "ASEAN" {
		t.Errorf("MarketName(ASEAN, en) = %q", got)
	}
}

func TestRegionRange(t *testing.T) {
	for _, tc := range []struct{ code, lo, hi string }{
		{"320000", "32", "32:"},
		{"320200", "3202", "3202:"},
		{"320214", "320214", ""},
		{"110000", "11", "11:"},
		{"429004", "429004", ""},
		{"", "", ""},
	} {
		lo, hi := RegionRange(tc.code)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("RegionRange(%q) = %q, %q; want %q, %q", tc.code, lo, hi, tc.lo, tc.hi)
		}
	}
	// Every district of Wuxi lies in the city's range, and no code of another city does.
	lo, hi := RegionRange("320200")
	for _, c := range []string{"320205", "320214", "320281"} {
		if !(c >= lo && c < hi) {
			t.Errorf("%s outside Wuxi's range", c)
		}
	}
	for _, c := range []string{"320100", "320300", "330200"} {
		if c >= lo && c < hi {
			t.Errorf("%s inside Wuxi's range", c)
		}
	}
}

func TestWithdrawnCountryCodesAreRefused(t *testing.T) {
	for _, c := range []string{"DD", "YU", "CS", "SU", "ZR", "BU", "TP", "FX", "NT", "YD", "AN", "UN", "EU", "ZZ"} {
		if IsCountry(c) {
			t.Errorf("IsCountry(%q) = true; ISO 3166-1 assigns it to no country today", c)
		}
	}
	for _, c := range []string{"DE", "CD", "MM", "TL", "FR", "YE", "RS", "VN", "XK"} {
		if !IsCountry(c) {
			t.Errorf("IsCountry(%q) = false", c)
		}
	}
}

func TestRegionsInEnglish(t *testing.T) {
	if len(regionNamesEn) != len(regionNames) {
		t.Fatalf("%d English names for %d regions: regenerate regions_en.json (internal/genregionsen)", len(regionNamesEn), len(regionNames))
	}
	for code, n := range regionNamesEn {
		if _, ok := regionNames[code]; !ok || n == "" || strings.ContainsFunc(n, func(r rune) bool { return r > 0x2FF }) {
			t.Errorf("English name of %s: %q", code, n)
		}
	}
	for code, want := range map[string]string{
		"320214": "Xinwu District, Wuxi, Jiangsu", "320281": "Jiangyin, Wuxi, Jiangsu", "110105": "Chaoyang District, Beijing",
		"610100": "Xi'an, Shaanxi", "350200": "Xiamen, Fujian", "510100": "Chengdu, Sichuan", "540000": "Tibet",
	} {
		if got := RegionPathIn(code, "en"); got != want {
			t.Errorf("RegionPathIn(%s, en) = %q, want %q", code, got, want)
		}
	}
	if got := RegionPathIn("320214", "zh-CN"); got != "江苏省 无锡市 新吴区" {
		t.Errorf("RegionPathIn(320214, zh-CN) = %q", got)
	}
	if items := Search("region", "wuxi", 5); len(items) == 0 || items[0].Code != "320200" || items[0].NameEn != "Wuxi, Jiangsu" {
		t.Errorf("Search(region, wuxi) = %+v, want Wuxi first", items)
	}
}
