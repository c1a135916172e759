package handlers

import (
	"strings"

	"duijie/domain"
	"duijie/domain/codes"
)

// codeLabel is a code with its name, for pages that show names, not codes.
type codeLabel struct {
	Code string
	Name string
}

// enterpriseView is an enterprise with the names its codes stand for in one language.
type enterpriseView struct {
	domain.Enterprise
	Locale string
}

// RegionName is the region as people read it in the page's language ("江苏省 无锡市 新吴区").
func (v enterpriseView) RegionName() string { return codes.RegionPathIn(v.Region, v.Locale) }

// Industries names the GB/T 4754 codes by their division.
func (v enterpriseView) Industries() []codeLabel { return industryLabels(v.IndustryCodes, v.Locale) }

// Markets names the export markets.
func (v enterpriseView) Markets() []codeLabel { return marketLabels(v.ExportMarkets, v.Locale) }

// HSLabels are the HS codes as customs writes them ("8534.00").
func (v enterpriseView) HSLabels() []string { return hsLabels(v.HSCodes) }

// ProductList is the products as one line.
func (v enterpriseView) ProductList() string { return strings.Join(v.Products, "、") }

// hsLabels dots HS codes after the heading and the subheading: "85423190" → "8542.31.90".
func hsLabels(cs []string) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		switch {
		case len(c) <= 4:
			out[i] = c
		case len(c) <= 6:
			out[i] = c[:4] + "." + c[4:]
		default:
			out[i] = c[:4] + "." + c[4:6] + "." + c[6:]
		}
	}
	return out
}

func industryLabels(cs []string, lang string) []codeLabel {
	out := make([]codeLabel, len(cs))
	for i, c := range cs {
		out[i] = codeLabel{c, codes.IndustryName(c, lang)}
	}
	return out
}

func marketLabels(cs []string, lang string) []codeLabel {
	out := make([]codeLabel, len(cs))
	for i, c := range cs {
		out[i] = codeLabel{c, codes.MarketName(c, lang)}
	}
	return out
}

// leadView is a lead with the names of its codes, for pages.
type leadPageView struct {
	domain.Lead
	Locale string
}

// DeliveryRegionName is the delivery region as people read it.
// A country (an overseas delivery) is named in the viewer's language.
func (v leadPageView) DeliveryRegionName() string {
	if codes.IsCountry(v.DeliveryRegion) {
		return codes.MarketName(v.DeliveryRegion, v.Locale)
	}
	return codes.RegionPathIn(v.DeliveryRegion, v.Locale)
}

// Industries names the GB/T 4754 codes by their division.
func (v leadPageView) Industries() []codeLabel { return industryLabels(v.IndustryCodes, v.Locale) }

// HSLabels are the HS codes as customs writes them ("8534.00").
func (v leadPageView) HSLabels() []string { return hsLabels(v.HSCodes) }

// MarketName names the export market.
func (v leadPageView) MarketName() string {
	if v.ExportMarket == "" {
		return ""
	}
	return codes.MarketName(v.ExportMarket, v.Locale)
}
