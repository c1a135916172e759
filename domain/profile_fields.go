package domain

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of profile and lead text. A description is a page, not a brochure: a 5 MB paste is
// refused, not truncated, so nothing the user wrote is silently lost.
const (
	MaxDescription  = 5000
	MaxListItems    = 50
	MaxItemLength   = 100
	MaxContactField = 100
)

// tierLabels are the Chinese labels spreadsheets and forms use for tiers.
var tierLabels = map[string]EnterpriseTier{
	"链主": TierChainLeader, "准链主": TierQuasiLeader, "骨干": TierBackbone, "新锐": TierEmerging, "其他": TierOther,
}

// scaleLabels are the Chinese labels of the size classes, long and short.
var scaleLabels = map[string]Scale{
	"大型": ScaleLarge, "中型": ScaleMedium, "小型": ScaleSmall, "微型": ScaleMicro,
	"大": ScaleLarge, "中": ScaleMedium, "小": ScaleSmall, "微": ScaleMicro,
}

// ParseTier accepts a tier code ("chain_leader") or its Chinese label ("链主").
func ParseTier(s string) (EnterpriseTier, bool) {
	s = strings.TrimSpace(s)
	if t, ok := tierLabels[s]; ok {
		return t, true
	}
	t := EnterpriseTier(strings.ToLower(s))
	for _, k := range EnterpriseTiers {
		if t == k {
			return t, true
		}
	}
	return "", false
}

// ParseScale accepts a scale code ("small") or its Chinese label ("小型" or "小").
func ParseScale(s string) (Scale, bool) {
	s = strings.TrimSpace(s)
	if sc, ok := scaleLabels[s]; ok {
		return sc, true
	}
	sc := Scale(strings.ToLower(s))
	for _, k := range Scales {
		if sc == k {
			return sc, true
		}
	}
	return "", false
}

// listSeparators are what people put between items of one cell or field: ASCII and full-width
// commas and semicolons, the enumeration comma 、 and line breaks.
const listSeparators = ",，、;；\n\r"

// SplitList splits a cell such as "PCBA、传感器; 网关" into trimmed, non-empty items.
func SplitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(listSeparators, r) })
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dedupe keeps the first occurrence of each item, preserving order.
func dedupe(items []string) []string {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// normalizeList trims items, splits any that still hold separators (an API client may send
// ["a、b"]), drops empties and duplicates.
func normalizeList(items []string) []string {
	var out []string
	for _, it := range items {
		out = append(out, SplitList(it)...)
	}
	return dedupe(out)
}

// NormalizeHS strips the dots and spaces of a written HS code ("8541.43" → "854143").
func NormalizeHS(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == ' ' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// HSProblem returns "" for a normalised HS code of 2–10 digits in even length (chapter, heading,
// subheading, national lines), else a message key.
func HSProblem(s string) string {
	if len(s) < 2 || len(s) > 10 || len(s)%2 != 0 {
		return "hs_format"
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "hs_format"
		}
	}
	return ""
}

var (
	certYearRE  = regexp.MustCompile(`[:：\-/]?(19|20)\d\d$`)
	certStripRE = regexp.MustCompile(`[\s\-_.·]+`)
	certValidRE = regexp.MustCompile(`^[\p{Han}A-Z0-9/+&]{1,40}$`)
)

// certAliases maps spellings of the same certificate to one name, so that a lead requiring
// IATF16949 finds suppliers who wrote "ISO/TS 16949" (its predecessor, replaced in 2016).
var certAliases = map[string]string{
	"ISO/TS16949": "IATF16949",
	"TS16949":     "IATF16949",
	"3C":          "CCC",
	"ROHS":        "RoHS",
}

// NormalizeCertification turns a certificate as written into its canonical name:
// "iso 9001:2015" → "ISO9001", "ISO/TS 16949" → "IATF16949". The edition year is dropped because
// leads ask for the standard, not an edition.
func NormalizeCertification(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "认证"), "体系")
	s = certYearRE.ReplaceAllString(s, "")
	s = certStripRE.ReplaceAllString(s, "")
	s = strings.TrimRight(s, ":：/")
	if a, ok := certAliases[s]; ok {
		return a
	}
	return s
}

// textProblem checks free text: valid UTF-8, no control characters other than line breaks and
// tabs, at most max runes. Markup is allowed and kept as typed: pages escape it.
func textProblem(s string, max int) (string, []any) {
	if !utf8.ValidString(s) {
		return "text_encoding", nil
	}
	if utf8.RuneCountInString(s) > max {
		return "too_long", []any{max}
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return "text_control", nil
		}
	}
	return "", nil
}

// checkList validates the size of a list and of each item, reporting on field.
func checkList(v *ValidationError, field string, items []string) {
	if len(items) > MaxListItems {
		v.Add(field, "too_many", MaxListItems)
		return
	}
	for _, it := range items {
		if p, args := textProblem(it, MaxItemLength); p != "" {
			v.Add(field, p, args...)
			return
		}
	}
}
