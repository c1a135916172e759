package domain

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Money units of entry fields: a field says which one a bare number is in.
const (
	Yuan    int64 = 1
	WanYuan int64 = 10_000
)

var moneyGroupsRE = regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d+)?$`)

// ParseMoney reads an amount as people type it into a field whose unit is unit (Yuan or WanYuan)
// and returns whole yuan: "120000", "120,000", "¥120,000", "120000元", "12万", "12万元", "1.2万",
// "0.5亿", full-width digits too. A unit written after the number wins over the field's, so "12万"
// in a 元 field and "120000元" in a 万元 field both mean 120,000 yuan. ok is false for anything
// else, for negatives, and for fractions of a yuan.
func ParseMoney(s string, unit int64) (yuan int64, ok bool) {
	s = strings.TrimSpace(width.Narrow.String(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥")
	s = strings.TrimPrefix(s, "RMB")
	s = strings.TrimSpace(strings.TrimSuffix(s, "人民币"))
	mult := float64(unit)
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"亿元", 1e8}, {"万元", 1e4}, {"亿", 1e8}, {"万", 1e4}, {"元", 1}} {
		if rest, found := strings.CutSuffix(s, u.suffix); found {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	if moneyGroupsRE.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if s == "" || strings.ContainsAny(s, "eE+-") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	v := f * mult
	r := math.Round(v)
	if math.Abs(v-r) > 1e-6 || r > 1e15 {
		return 0, false
	}
	return int64(r), true
}
