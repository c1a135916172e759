package codes

import (
	_ "embed"
	"strings"
	"sync"
)

// classNames maps the classes of industry_classes.tsv to their Chinese and English names.
var classNames = sync.OnceValue(func() map[string][2]string {
	m := map[string][2]string{}
	for _, f := range tsvRows("industry_classes.tsv", industryClassesTSV, 4) {
		m[f[0]] = [2]string{f[1], f[2]}
	}
	return m
})

//go:embed industry.json
var industryJSON []byte

// IndustrySection is a GB/T 4754-2017 门类 (a letter) with its 大类 (two digits).
type IndustrySection struct {
	Code      string      `json:"code"`
	NameZh    string      `json:"zh"`
	NameEn    string      `json:"en"`
	Divisions [][3]string `json:"divisions"` // code, Chinese name, English name
}

var (
	industrySections []IndustrySection
	// divisionSection maps a 大类 ("39") to its 门类 letter ("C"): the letter of a code is
	// redundant, so a wrong letter is a typo worth refusing.
	divisionSection = map[string]string{}
	industryNames   = map[string][2]string{}
)

func init() {
	var doc struct {
		Sections []IndustrySection `json:"sections"`
	}
	mustJSON("industry.json", industryJSON, &doc)
	industrySections = doc.Sections
	for _, s := range doc.Sections {
		industryNames[s.Code] = [2]string{s.NameZh, s.NameEn}
		for _, d := range s.Divisions {
			divisionSection[d[0]] = s.Code
			industryNames[s.Code+d[0]] = [2]string{d[1], d[2]}
		}
	}
}

// IndustrySections returns the 20 sections with their divisions, in standard order.
func IndustrySections() []IndustrySection { return industrySections }

// NormalizeIndustry upper-cases a code and drops spaces and dots people type ("c 39.73" → "C3973").
// A bare number gets its section letter, since the letter follows from the division ("3973" → "C3973").
func NormalizeIndustry(s string) string {
	s = strings.ToUpper(strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u3000' {
			return -1
		}
		return r
	}, s))
	if len(s) >= 2 && s[0] >= '0' && s[0] <= '9' {
		if sec, ok := divisionSection[s[:2]]; ok {
			s = sec + s
		}
	}
	return s
}

// IndustryProblem returns "" when code (normalised) is a well-formed GB/T 4754-2017 code whose
// section and division exist, else a message key. Groups and classes (3 and 4 digits) are checked
// by format and division; the full class list is not embedded.
func IndustryProblem(code string) string {
	if code == "" {
		return "required"
	}
	if len(code) != 1 && len(code) != 3 && len(code) != 4 && len(code) != 5 {
		return "industry_format"
	}
	if code[0] < 'A' || code[0] > 'T' {
		return "industry_format"
	}
	for i := 1; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return "industry_format"
		}
	}
	if len(code) == 1 {
		return ""
	}
	sec, ok := divisionSection[code[1:3]]
	if !ok {
		return "industry_unknown"
	}
	if sec != code[:1] {
		return "industry_section"
	}
	return ""
}

// IndustryName names a code by its most specific embedded level: the class when the picker's
// class list has it ("C3973" → "集成电路制造"), else the division ("C3979" →
// "计算机、通信和其他电子设备制造业"), or "" for an unknown code.
func IndustryName(code, locale string) string {
	if n, ok := classNames()[code]; ok {
		if strings.HasPrefix(locale, "en") {
			return n[1]
		}
		return n[0]
	}
	key := code
	if len(key) > 3 {
		key = key[:3]
	}
	n, ok := industryNames[key]
	if !ok {
		return ""
	}
	if strings.HasPrefix(locale, "en") {
		return n[1]
	}
	return n[0]
}
