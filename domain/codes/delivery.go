package codes

import (
	"strings"

	"golang.org/x/text/language"
)

// NormalizeDeliveryRegion tidies a lead's delivery region: a GB/T 2260 code stays as written, a
// two-letter country is upper-cased, and "UK" (what people type) becomes ISO's "GB".
func NormalizeDeliveryRegion(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		s = strings.ToUpper(s)
		if s == "UK" {
			return "GB"
		}
	}
	return s
}

// ValidDeliveryRegion reports whether code (normalised) is a GB/T 2260 region or an ISO 3166-1
// alpha-2 country: overseas buyers deliver abroad and know no Chinese area code.
func ValidDeliveryRegion(code string) bool {
	if ValidRegion(code) {
		return true
	}
	return IsCountry(code)
}

// IsCountry reports whether code is an assigned ISO 3166-1 alpha-2 country code ("DE", not
// "XX" nor "EU").
func IsCountry(code string) bool {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && r.String() == code && r.Canonicalize() == r && !withdrawnCountries[code]
}

// withdrawnCountries are codes CLDR still knows but ISO 3166-1 no longer assigns (East Germany,
// Yugoslavia, the Soviet Union, …) or never assigned to a country (UN): a buyer writing one
// means something else, so it is refused rather than shown as a second "Germany". Those CLDR
// maps to a successor are caught by Canonicalize above.
var withdrawnCountries = map[string]bool{"AN": true, "CS": true, "NT": true, "SU": true, "UN": true, "YU": true}

// CountryMarket returns the export market a delivery country belongs to for reporting: the
// group (EU, ASEAN …) when the country is in one, else the country code itself; "" for a GB/T
// 2260 region (a domestic delivery is no export).
func CountryMarket(code string) string {
	if !IsCountry(code) || code == "CN" {
		return ""
	}
	if g, ok := countryGroup[code]; ok {
		return g
	}
	if code == "GB" {
		return "UK"
	}
	return code
}

// countryGroup maps member countries to the market groups of MarketGroups.
var countryGroup = func() map[string]string {
	m := map[string]string{}
	for g, cs := range map[string]string{
		"EU":    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE",
		"ASEAN": "BN KH ID LA MY MM PH SG TH VN",
		"ME":    "AE SA QA KW BH OM IR IQ IL JO LB SY YE TR",
		"LATAM": "MX BR AR CL CO PE VE EC BO PY UY CR PA GT HN SV NI CU DO",
		"AF":    "DZ AO BJ BW BF BI CM CV CF TD KM CD CG CI DJ EG GQ ER ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD SZ TZ TG TN UG ZM ZW",
	} {
		for _, c := range strings.Fields(cs) {
			m[c] = g
		}
	}
	return m
}()
