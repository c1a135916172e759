package handlers

import (
	"strings"
	"sync"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/locales"
)

// regionByName maps what people type for a region to its GB/T 2260 code: a name ("新吴区"), or
// a name after its city or province ("无锡市新吴区", "江苏省无锡市新吴区"), or the English name
// before them ("Xinwu District, Wuxi, Jiangsu"), keyed by regionKey. A name that several regions
// share (there are many 鼓楼区) maps to "", so it is never guessed. Built on first use.
var regionByName = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	add := func(code string, names ...string) {
		name := regionKey(strings.Join(names, ""))
		if prev, ok := m[name]; ok && prev != code {
			m[name] = ""
			return
		}
		m[name] = code
	}
	en := func(code string) string { n, _ := codes.RegionNameIn(code, "en"); return n }
	for _, p := range codes.RegionChildren("") {
		add(p.Code, p.Name)
		add(p.Code, en(p.Code))
		for _, c := range codes.RegionChildren(p.Code) {
			add(c.Code, c.Name)
			add(c.Code, p.Name, c.Name)
			add(c.Code, en(c.Code))
			add(c.Code, en(c.Code), en(p.Code))
			for _, d := range codes.RegionChildren(c.Code) {
				add(d.Code, d.Name)
				add(d.Code, c.Name, d.Name)
				add(d.Code, p.Name, c.Name, d.Name)
				add(d.Code, en(d.Code))
				add(d.Code, en(d.Code), en(c.Code))
				add(d.Code, en(d.Code), en(c.Code), en(p.Code))
			}
		}
	}
	return m
})

// regionKey is a region name as typed, without spaces, commas or apostrophes and in lower case,
// so "Xinwu District, Wuxi" and "xinwu district wuxi" are one key.
func regionKey(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', ',', '，', '\'', '’':
			return -1
		}
		return r
	}, s))
}

// resolveRegion turns a region name that names exactly one region into its code; codes, empty
// input and names it cannot place are returned trimmed, for the validation to report.
func resolveRegion(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0123456789") == "" {
		return s
	}
	if code := regionByName()[regionKey(s)]; code != "" {
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
	code, ok := regionByName()[regionKey(raw)]
	if ok && code == "" {
		v.Fields[field] = domain.FieldProblem{Key: "region_ambiguous", Args: []any{strings.TrimSpace(raw)}}
	}
}
