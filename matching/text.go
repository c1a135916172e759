package matching

import (
	"strings"
	"unicode"

	"duijie/matching/internal/lemma"
)

// foldRune maps full-width ASCII (common in Chinese input methods: "ＩＡＴＦ１６９４９") to ASCII
// and Latin capitals to lower case, so both spellings meet.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

func isHan(r rune) bool {
	return r >= 0x3400 && (r <= 0x9FFF || unicode.Is(unicode.Han, r))
}

func isAlnum(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// latinKind classifies a Latin token.
type latinKind uint8

const (
	latinWord   latinKind = iota // letters only: a word
	latinNumber                  // digits (and a decimal point)
	latinModel                   // letters and digits: a model number or a quantity with its unit
)

type latinTok struct {
	text       string
	kind       latinKind
	aspect     aspect // the inflection the word was written in (lemma.go)
	start, end int    // rune offsets in the normalised text
}

// splitLatin turns one run of Latin letters, digits and joiners ('-', '_', '+', '.') into tokens.
// Words joined by hyphens are separate words ("li-ion" → li, ion) because English writes them
// either way; anything with a digit stays whole without its joiners ("AEC-Q100" → aecq100,
// "GP30KL" → gp30kl, "8542.31" stays) because model numbers are matched exactly.
func splitLatin(seg string, start int, out []latinTok) []latinTok {
	parts := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '+' })
	allLetters := true
	for _, p := range parts {
		if strings.ContainsAny(p, "0123456789") {
			allLetters = false
			break
		}
	}
	if !allLetters {
		joined := strings.Map(func(r rune) rune {
			if r == '-' || r == '_' || r == '+' {
				return -1
			}
			return r
		}, seg)
		return appendDotted(joined, start, start+len(seg), out)
	}
	pos := start
	for _, p := range parts {
		i := strings.Index(seg[pos-start:], p)
		ps := pos + i
		out = appendDotted(p, ps, ps+len(p), out)
		pos = ps + len(p)
	}
	return out
}

// appendDotted splits "co.ltd" into words but keeps "8542.31", "3.5kw" and "v2.0" whole.
func appendDotted(s string, start, end int, out []latinTok) []latinTok {
	s = strings.Trim(s, ".")
	if s == "" {
		return out
	}
	if strings.Contains(s, ".") && !strings.ContainsAny(s, "0123456789") {
		pos := start
		for _, p := range strings.Split(s, ".") {
			if p != "" {
				out = append(out, wordTok(p, pos, pos+len(p)))
			}
			pos += len(p) + 1
		}
		return out
	}
	k := latinWord
	hasLetter, hasDigit := false, false
	for i := 0; i < len(s); i++ {
		if isLetter(s[i]) {
			hasLetter = true
		} else if isDigit(s[i]) {
			hasDigit = true
		}
	}
	switch {
	case hasDigit && hasLetter:
		k = latinModel
	case hasDigit:
		k = latinNumber
	default:
		return append(out, wordTok(s, start, end))
	}
	return append(out, latinTok{text: s, kind: k, start: start, end: end})
}

// stem folds English plurals only ("batteries" → battery); lemmaOf folds every inflection.
func stem(w string) string { return lemma.Plural(w) }

// units are the technical units that join the number before them ("3.5 kW" → 3.5kw), so a
// rating written with or without a space is one term.
var units = map[string]bool{
	"kw": true, "w": true, "mw": true, "gw": true, "kwh": true, "mwh": true, "wh": true, "v": true, "kv": true, "mv": true,
	"a": true, "ma": true, "ah": true, "mah": true, "mm": true, "cm": true, "m": true, "um": true, "nm": true, "km": true,
	"kg": true, "g": true, "t": true, "hz": true, "khz": true, "mhz": true, "ghz": true, "mpa": true, "kpa": true,
	"pa": true, "bar": true, "rpm": true, "l": true, "ml": true, "inch": true, "mil": true, "db": true, "lm": true, "va": true, "kva": true,
}

// modelFamily returns the series prefix of a model number ("stm32f103c8t6" → stm32, "gp30kl" →
// gp30), so a lead naming one variant still meets a supplier naming the series; "" when the
// model has no longer series prefix worth a term.
func modelFamily(m string) string {
	i := 0
	for i < len(m) && isLetter(m[i]) {
		i++
	}
	if i == 0 {
		return ""
	}
	j := i
	for j < len(m) && isDigit(m[j]) {
		j++
	}
	if j == i || j >= len(m) || j < 4 {
		return ""
	}
	return m[:j]
}

// isUnitQuantity reports whether a model-like token is really a number with a unit ("3.5kw").
func isUnitQuantity(m string) bool {
	i := 0
	for i < len(m) && (isDigit(m[i]) || m[i] == '.') {
		i++
	}
	return i > 0 && i < len(m) && units[m[i:]]
}

// normalizeCert folds the spellings of a certification name: "ISO 9001:2015", "iso9001" and
// "ＩＳＯ９００１" are all ISO9001; aliases (GB/T 19001 → ISO9001) come from the vocabulary.
func normalizeCert(s string) string {
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	// Drop an edition year: "ISO 9001:2015", "IATF 16949-2016".
	if n := len(rs); n > 5 {
		tail := string(rs[n-5:])
		if (tail[0] == ':' || tail[0] == '-') && (strings.HasPrefix(tail[1:], "19") || strings.HasPrefix(tail[1:], "20")) && allDigits(tail[1:]) {
			rs = rs[:n-5]
		}
	}
	for _, r := range rs {
		r = foldRune(r)
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z', isHan(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
