package domain

import (
	"regexp"
	"strings"

	"duijie/domain/codes"
)

// phoneRE accepts the ways people write a phone: digits with an optional +, spaces, dashes,
// brackets and an extension ("0510-8123 4567 转 802").
var phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 ()\-]{4,24}([ ]?(转|ext\.?|x)[ ]?[0-9]{1,6})?$`)

// Normalize tidies every profile field as people type it: trims text, splits and dedupes lists,
// normalises codes and certifications. Validate calls it; importers call it before reporting.
func (e *Enterprise) Normalize() {
	e.Name = strings.TrimSpace(e.Name)
	e.USCC = NormalizeUSCC(e.USCC)
	e.Description = strings.TrimSpace(e.Description)
	e.Products = normalizeList(e.Products)
	e.IndustryCodes = mapList(e.IndustryCodes, codes.NormalizeIndustry)
	e.HSCodes = mapList(e.HSCodes, NormalizeHS)
	e.Certifications = mapList(e.Certifications, NormalizeCertification)
	e.ExportMarkets = mapList(e.ExportMarkets, codes.NormalizeMarket)
	e.Region = strings.TrimSpace(e.Region)
	e.Contact.Name = strings.TrimSpace(e.Contact.Name)
	e.Contact.Email = NormalizeEmail(e.Contact.Email)
	e.Contact.Phone = strings.TrimSpace(e.Contact.Phone)
}

// mapList normalises list items with f, then drops empties and duplicates.
func mapList(items []string, f func(string) string) []string {
	items = normalizeList(items)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if n := f(it); n != "" {
			out = append(out, n)
		}
	}
	return dedupe(out)
}

// Validate normalises e and checks every profile field against the code tables and the current
// clusters. All problems are reported at once, keyed by the JSON field name.
func (e *Enterprise) Validate(clusters ClusterIndex) error {
	e.Normalize()
	v := e.ValidateCore("")
	e.Clusters = clusters.resolveClusters(v, "clusters", e.Clusters)
	checkList(v, "clusters", e.Clusters)
	for _, c := range e.IndustryCodes {
		if p := codes.IndustryProblem(c); p != "" {
			v.Add("industryCodes", p) // the messages of these keys name no value
		}
	}
	checkList(v, "industryCodes", e.IndustryCodes)
	for _, h := range e.HSCodes {
		if p := HSProblem(h); p != "" {
			v.Add("hsCodes", p, h)
		}
	}
	checkList(v, "hsCodes", e.HSCodes)
	checkList(v, "products", e.Products)
	for _, c := range e.Certifications {
		if !certValidRE.MatchString(c) {
			v.Add("certifications", "cert_format", c)
		}
	}
	checkList(v, "certifications", e.Certifications)
	for _, m := range e.ExportMarkets {
		if !codes.ValidMarket(m) {
			v.Add("exportMarkets", "market_unknown", m)
		}
	}
	checkList(v, "exportMarkets", e.ExportMarkets)
	if e.Region != "" && !codes.ValidRegion(e.Region) {
		v.Add("region", "region_unknown", e.Region)
	}
	if e.Tier != "" {
		if t, ok := ParseTier(string(e.Tier)); ok {
			e.Tier = t
		} else {
			v.Add("tier", "tier_unknown", string(e.Tier))
		}
	}
	if e.Scale != "" {
		if s, ok := ParseScale(string(e.Scale)); ok {
			e.Scale = s
		} else {
			v.Add("scale", "scale_unknown", string(e.Scale))
		}
	}
	if e.Status != EnterpriseActive && e.Status != EnterpriseBlocked {
		v.Add("status", "one_of", "active, blocked")
	}
	if p, args := textProblem(e.Name, MaxNameLength); p != "" {
		v.Add("name", p, args...)
	}
	if p, args := textProblem(e.Description, MaxDescription); p != "" {
		v.Add("description", p, args...)
	}
	validateContact(v, "contact.", e.Contact)
	return v.Err()
}

// validateContact checks a contact whose fields are all optional but must be plausible when given.
func validateContact(v *ValidationError, prefix string, c Contact) {
	if p, args := textProblem(c.Name, MaxContactField); p != "" {
		v.Add(prefix+"name", p, args...)
	}
	if c.Email != "" {
		if p := EmailProblem(c.Email); p != "" {
			v.Add(prefix+"email", p)
		}
	}
	if c.Phone != "" && !phoneRE.MatchString(c.Phone) {
		v.Add(prefix+"phone", "phone_format")
	}
}
