package handlers

import (
	"strings"
	"sync"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/locales"
)

// regionByName maps what people type for a region to its GB/T 2260 code: a name ("新吴区"), or
// a name after its city or province ("无锡市新吴区", "江苏省无锡市新吴区"). A name that several
// regions share (there are many 鼓楼区) maps to "", so it is never guessed. Built on first use.
var regionByName = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	add := func(name, code string) {
		if prev, ok := m[name]; ok && prev != code {
			m[name] = ""
			return
		}
		m[name] = code
	}
	for _, p := range codes.RegionChildren("") {
		add(p.Name, p.Code)
		for _, c := range codes.RegionChildren(p.Code) {
			add(c.Name, c.Code)
			add(p.Name+c.Name, c.Code)
			for _, d := range codes.RegionChildren(c.Code) {
				add(d.Name, d.Code)
				add(c.Name+d.Name, d.Code)
				add(p.Name+c.Name+d.Name, d.Code)
			}
		}
	}
	return m
})

// resolveRegion turns a region name that names exactly one region into its code; codes, empty
// input and names it cannot place are returned trimmed, for the validation to report.
func resolveRegion(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0123456789") == "" {
		return s
	}
	if code := regionByName()[strings.Join(strings.Fields(s), "")]; code != "" {
		return code
	}
	return s
}

// regionHint is the hint under a region field: the region the field names now, so that a
// code is never shown alone, or how to fill it in.
func regionHint(lang, value string) string {
	if path := codes.RegionPathIn(resolveRegion(value), lang); path != "" {
		return locales.T(lang, "profiles.hint.regionNow", path)
	}
	return locales.T(lang, "profiles.hint.region")
}

// explainAmbiguousRegion replaces "not a region code" on field by "several regions have this
// name" when raw is such a name (鼓楼区), which tells the person how to fix it.
func explainAmbiguousRegion(v *domain.ValidationError, field, raw string) {
	if v == nil || !v.Has(field) {
		return
	}
	code, ok := regionByName()[strings.Join(strings.Fields(raw), "")]
	if ok && code == "" {
		v.Fields[field] = domain.FieldProblem{Key: "region_ambiguous", Args: []any{strings.TrimSpace(raw)}}
	}
}
