package campaign

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatMoney prints yuan the way each audience reads sums: 万元 and 亿元 in Chinese (as the
// programme's reports do: "意向成交额 26.5亿元"), CNY with k/m/bn in English. Figures are cut,
// not rounded, to two decimals, so a target is never shown as reached before it is. The
// dashboard, the bulletin page, its mail and the funnel all print money through this one
// function, so a sum reads the same everywhere.
func FormatMoney(lang string, yuan int64) string {
	type unit struct {
		size   int64
		suffix string
	}
	units := []unit{{100_000_000, "亿元"}, {10_000, "万元"}}
	prefix, plain := "", "元"
	if lang == "en" {
		units = []unit{{1_000_000_000, "bn"}, {1_000_000, "m"}, {1_000, "k"}}
		prefix, plain = "CNY ", ""
	}
	sign := ""
	if yuan < 0 {
		sign, yuan = "-", -yuan
	}
	for _, u := range units {
		if yuan < u.size {
			continue
		}
		s := FormatCount(yuan / u.size)
		if cents := (yuan % u.size) * 100 / u.size; cents > 0 {
			s += strings.TrimRight(fmt.Sprintf(".%02d", cents), "0")
		}
		return prefix + sign + s + u.suffix
	}
	return prefix + sign + FormatCount(yuan) + plain
}

// FormatCount prints a whole number with thousands separators: 12,345.
func FormatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
