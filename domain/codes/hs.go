package codes

import (
	_ "embed"
	"fmt"
	"strings"
)

// hs.tsv names the HS chapters (2 digits) and the headings (4 digits) the clusters trade most;
// a longer code is named by its deepest listed prefix.
//
//go:embed hs.tsv
var hsTSV string

// HSCode is one entry of the table.
type HSCode struct {
	Code   string `json:"code"`
	NameZh string `json:"nameZh"`
	NameEn string `json:"nameEn"`
}

var hsCodes, hsByCode = func() ([]HSCode, map[string]HSCode) {
	var list []HSCode
	m := map[string]HSCode{}
	for n, line := range strings.Split(hsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("codes: hs.tsv:%d: want code<TAB>zh<TAB>en", n+1))
		}
		c := HSCode{Code: f[0], NameZh: f[1], NameEn: f[2]}
		list = append(list, c)
		m[c.Code] = c
	}
	return list, m
}()

// HSCodes returns the table in file order: chapters, then headings.
func HSCodes() []HSCode { return hsCodes }

// HSName names an HS code (digits only) by its deepest listed prefix, "" when none is listed.
func HSName(code, locale string) string {
	for n := min(len(code), 4); n >= 2; n -= 2 {
		if c, ok := hsByCode[code[:n]]; ok {
			if strings.HasPrefix(locale, "en") {
				return c.NameEn
			}
			return c.NameZh
		}
	}
	return ""
}
