package matching

import (
	"fmt"
	"regexp"
	"strings"
)

// certMention finds a certification named in free text ("ISO 14001:2015", "FCC Part 15",
// "RoHS 2.0", "通过3C认证") and the name it counts as. Read from data/certmentions.tsv:
// canonical <TAB> regular expression (case-insensitive).
type certMention struct {
	name string
	re   *regexp.Regexp
}

func (v *Vocabulary) addCertMention(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 2 {
		return fmt.Errorf("want canonical<TAB>regexp")
	}
	re, err := regexp.Compile(`(?i)` + f[1])
	if err != nil {
		return err
	}
	v.certMentions = append(v.certMentions, certMention{name: strings.TrimSpace(f[0]), re: re})
	return nil
}

// CertificationsIn returns the certifications text names, normalised, in the order of the
// table, without duplicates.
func (v *Vocabulary) CertificationsIn(text string) []string {
	var out []string
	for _, m := range v.certMentions {
		if m.re.MatchString(text) && !containsString(out, m.name) {
			out = append(out, m.name)
		}
	}
	return out
}

func containsString(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// places maps place names (countries and the cities and ports buyers name, in Chinese and
// English) to ISO 3166-1 countries, from data/places.tsv: country <TAB> names.
type places struct {
	han    map[string]string // Chinese name → country
	latin  map[string]string // lower-case English name (one to four words) → country
	maxHan int
	names  *trie // the Chinese names, for the scene bag (names.go)
}

func (p *places) addLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 2 {
		return fmt.Errorf("want country<TAB>names")
	}
	if p.han == nil {
		p.han, p.latin = map[string]string{}, map[string]string{}
	}
	c := strings.ToUpper(strings.TrimSpace(f[0]))
	for _, n := range strings.Split(f[1], ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if rs := []rune(n); isHan(rs[0]) {
			p.han[n] = c
			if p.names == nil {
				p.names = newTrie()
			}
			p.names.add(rs, 0)
			p.maxHan = max(p.maxHan, len(rs))
			continue
		}
		p.latin[strings.Join(strings.Fields(strings.ToLower(n)), " ")] = c
	}
	return nil
}

// CountryIn returns the first foreign country text names (a country, a city or a port), or "".
func (v *Vocabulary) CountryIn(text string) string {
	p := &v.places
	rs := []rune(text)
	var words []string
	flush := func() string {
		for i := range words {
			for n := min(4, len(words)-i); n >= 1; n-- {
				if c, ok := p.latin[strings.Join(words[i:i+n], " ")]; ok {
					return c
				}
			}
		}
		words = words[:0]
		return ""
	}
	var w strings.Builder
	for i := 0; i <= len(rs); i++ {
		var r rune
		if i < len(rs) {
			r = foldRune(rs[i])
		}
		if i < len(rs) && (r >= 'a' && r <= 'z' || r == '\'') {
			w.WriteRune(r)
			continue
		}
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
		if i < len(rs) && isHan(r) {
			for n := min(p.maxHan, len(rs)-i); n >= 2; n-- {
				if c, ok := p.han[string(rs[i:i+n])]; ok {
					return c
				}
			}
		}
		if i == len(rs) || r == '\n' || r == '.' || r == ',' || r == ';' {
			if c := flush(); c != "" {
				return c
			}
		}
	}
	return flush()
}
