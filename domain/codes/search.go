package codes

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed industry_classes.tsv
var industryClassesTSV string

//go:embed certifications.tsv
var certificationsTSV string

// Item is one entry a code picker offers.
type Item struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEn string `json:"nameEn"`
	words  string // lower-case search words beyond the names
}

// Kinds are the code lists the pickers search.
var Kinds = []string{"industry", "hs", "region", "country", "market", "certification"}

// catalogue holds every list, built once.
var catalogue = func() map[string][]Item {
	m := map[string][]Item{}
	for _, s := range industrySections {
		m["industry"] = append(m["industry"], Item{Code: s.Code, Name: s.NameZh, NameEn: s.NameEn})
		for _, d := range s.Divisions {
			m["industry"] = append(m["industry"], Item{Code: s.Code + d[0], Name: d[1], NameEn: d[2]})
		}
	}
	for _, f := range tsvRows("industry_classes.tsv", industryClassesTSV, 4) {
		m["industry"] = append(m["industry"], Item{Code: f[0], Name: f[1], NameEn: f[2], words: strings.ToLower(f[3])})
	}
	slices.SortStableFunc(m["industry"], func(a, b Item) int { return strings.Compare(a.Code, b.Code) })
	for _, c := range hsCodes {
		m["hs"] = append(m["hs"], Item{Code: c.Code, Name: c.NameZh, NameEn: c.NameEn})
	}
	for code, name := range regionNames {
		m["region"] = append(m["region"], Item{Code: code, Name: RegionPath(code), NameEn: regionPathEn(code),
			words: name + " " + strings.ToLower(strings.ReplaceAll(regionNamesEn[code], "'", ""))})
	}
	slices.SortFunc(m["region"], func(a, b Item) int { return strings.Compare(a.Code, b.Code) })
	en, zh := display.Regions(language.English), display.Regions(language.SimplifiedChinese)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if !IsCountry(code) {
				continue
			}
			r := language.MustParseRegion(code)
			m["country"] = append(m["country"], Item{Code: code, Name: zh.Name(r), NameEn: en.Name(r)})
		}
	}
	for _, g := range MarketGroups {
		m["market"] = append(m["market"], Item{Code: g.Code, Name: g.NameZh, NameEn: g.NameEn})
	}
	for _, c := range m["country"] {
		if _, group := marketByCode[c.Code]; !group && c.Code != "CN" && c.Code != "GB" {
			m["market"] = append(m["market"], c)
		}
	}
	for _, f := range tsvRows("certifications.tsv", certificationsTSV, 3) {
		m["certification"] = append(m["certification"], Item{Code: f[0], Name: f[1], NameEn: f[2]})
	}
	return m
}()

func tsvRows(name, data string, fields int) [][]string {
	var out [][]string
	for n, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			panic(fmt.Sprintf("codes: %s:%d: want %d fields", name, n+1, fields))
		}
		out = append(out, f)
	}
	return out
}

// ValidKind reports whether kind names a picker list.
func ValidKind(kind string) bool { return slices.Contains(Kinds, kind) }

// MaxQuery bounds the picker's query, in runes.
const MaxQuery = 50

// Search returns up to limit items of kind that match q: a code prefix first, then names
// (Chinese or English) and search words containing q, shorter codes (broader) first within each
// group. An empty q lists the first items of the kind.
func Search(kind, q string, limit int) []Item {
	list := catalogue[kind]
	q = strings.ToLower(strings.TrimSpace(q))
	if utf8.RuneCountInString(q) > MaxQuery {
		q = string([]rune(q)[:MaxQuery])
	}
	codeQ := strings.ToUpper(strings.NewReplacer(".", "", " ", "").Replace(q))
	var byCode, byName []Item
	for _, it := range list {
		switch {
		case q == "" || strings.HasPrefix(it.Code, codeQ):
			byCode = append(byCode, it)
		case strings.Contains(strings.ToLower(it.Name), q) || strings.Contains(strings.ToLower(it.NameEn), q) ||
			strings.Contains(it.words, q):
			byName = append(byName, it)
		}
		if len(byCode) >= limit {
			break
		}
	}
	// "wuxi" should find 无锡 before 武乡县 (Wuxiang): whole-word matches, then word prefixes.
	slices.SortStableFunc(byName, func(a, b Item) int { return nameRank(a, q) - nameRank(b, q) })
	out := append(byCode, byName...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// nameRank is 0 when q is a whole word of the item's names, 1 when a word starts with q, else 2.
func nameRank(it Item, q string) int {
	rank := 2
	words := strings.FieldsFunc(strings.ToLower(it.Name+" "+it.NameEn+" "+it.words), func(r rune) bool {
		return r == ' ' || r == ',' || r == '，'
	})
	for _, w := range words {
		switch {
		case w == q:
			return 0
		case strings.HasPrefix(w, q):
			rank = 1
		}
	}
	return rank
}
