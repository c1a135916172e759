package codes

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Market is an export market: a trading bloc or world region used in trade promotion, or an
// ISO 3166-1 country.
type Market struct {
	Code   string `json:"code"`
	NameZh string `json:"nameZh"`
	NameEn string `json:"nameEn"`
}

// MarketGroups are the regional codes of docs/contract.md, in display order. Country codes that are
// also listed here (US, JP, KR, AU, IN) are the markets cluster offices report on by name.
var MarketGroups = []Market{
	{"EU", "欧盟", "European Union"},
	{"US", "美国", "United States"},
	{"JP", "日本", "Japan"},
	{"KR", "韩国", "South Korea"},
	{"ASEAN", "东盟", "ASEAN"},
	{"ME", "中东", "Middle East"},
	{"AF", "非洲", "Africa"},
	{"LATAM", "拉美", "Latin America"},
	{"AU", "澳大利亚", "Australia"},
	{"IN", "印度", "India"},
	{"RU", "俄罗斯", "Russia"},
	{"CA", "加拿大", "Canada"},
	{"UK", "英国", "United Kingdom"},
}

var marketByCode = func() map[string]Market {
	m := map[string]Market{}
	for _, g := range MarketGroups {
		m[g.Code] = g
	}
	return m
}()

// NormalizeMarket upper-cases and trims a market code and maps the Chinese names of the groups
// ("欧盟" → "EU"), since spreadsheets from fairs use either.
func NormalizeMarket(s string) string {
	s = strings.TrimSpace(s)
	for _, g := range MarketGroups {
		if s == g.NameZh {
			return g.Code
		}
	}
	s = strings.ToUpper(s)
	if s == "GB" {
		return "UK" // one code for one market, whichever of the two people type
	}
	return s
}

// ValidMarket reports whether code (normalised) is a market group or an ISO 3166-1 alpha-2
// country code.
func ValidMarket(code string) bool {
	if _, ok := marketByCode[code]; ok {
		return true
	}
	if len(code) != 2 {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && r.String() == code
}

// MarketName returns the display name of a market code in locale, or the code itself when it
// has none.
func MarketName(code, locale string) string {
	en := strings.HasPrefix(locale, "en")
	if g, ok := marketByCode[code]; ok {
		if en {
			return g.NameEn
		}
		return g.NameZh
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	tag := language.SimplifiedChinese
	if en {
		tag = language.English
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n
	}
	return code
}
