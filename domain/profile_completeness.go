package domain

// ProfileGap is one missing part of a profile and why it matters; Key names the locale
// messages "profile.gap.<Key>" (what to add) and "profile.why.<Key>" (what it brings).
type ProfileGap struct {
	Field string `json:"field"`
	Key   string `json:"key"`
}

// Completeness says how far a profile is filled in and what to add next, most useful first.
type Completeness struct {
	Percent int          `json:"percent"`
	Gaps    []ProfileGap `json:"gaps"`
}

// profileParts are weighed by how much they help matching: what a firm makes and its codes
// find it leads; contact and description turn a match into a meeting.
var profileParts = []struct {
	field, key string
	weight     int
	present    func(e *Enterprise) bool
}{
	{"products", "products", 20, func(e *Enterprise) bool { return len(e.Products) > 0 }},
	{"clusters", "clusters", 15, func(e *Enterprise) bool { return len(e.Clusters) > 0 }},
	{"industryCodes", "industryCodes", 15, func(e *Enterprise) bool { return len(e.IndustryCodes) > 0 }},
	{"contact", "contact", 10, func(e *Enterprise) bool {
		return e.Contact.Name != "" && (e.Contact.Email != "" || e.Contact.Phone != "")
	}},
	{"description", "description", 10, func(e *Enterprise) bool { return len([]rune(e.Description)) >= 30 }},
	{"region", "region", 8, func(e *Enterprise) bool { return e.Region != "" }},
	{"hsCodes", "hsCodes", 8, func(e *Enterprise) bool { return len(e.HSCodes) > 0 }},
	{"exportMarkets", "exportMarkets", 5, func(e *Enterprise) bool { return len(e.ExportMarkets) > 0 }},
	{"certifications", "certifications", 5, func(e *Enterprise) bool { return len(e.Certifications) > 0 }},
	{"scale", "scale", 4, func(e *Enterprise) bool { return e.Scale != "" }},
}

// Completeness reports the filled share of the profile (name and USCC are always there) and the
// missing parts in order of usefulness.
func (e *Enterprise) Completeness() Completeness {
	total, have := 0, 0
	var gaps []ProfileGap
	for _, p := range profileParts {
		total += p.weight
		if p.present(e) {
			have += p.weight
		} else {
			gaps = append(gaps, ProfileGap{Field: p.field, Key: p.key})
		}
	}
	return Completeness{Percent: have * 100 / total, Gaps: gaps}
}
