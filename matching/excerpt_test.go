package matching

import (
	"strings"
	"testing"
)

// A scene-bag guess shows the buyer's clause: a phone post's spaces end clauses, a number's
// comma does not, and where the clause runs on past the shown limit an ellipsis says so instead
// of a word cut in two.
func TestBagExcerpt(t *testing.T) {
	for _, c := range []struct{ text, hit, want string }{
		{"兄弟们 食堂油烟太大 楼上宿舍天天投诉 有没有做过的", "油烟", "食堂油烟太大"},
		{"we need 6,000 m of cable for the field", "cable", "we need 6,000 m of cable for the field"},
		{"地下车库B2区近一个月发生4起电瓶车电瓶被盗,监控只能事后调看", "电瓶被盗", "…月发生4起电瓶车电瓶被盗"},
		{"监控只能事后调看,业主在群里骂物业不作为", "骂物业", "业主在群里骂物业不作为"},
	} {
		rs := []rune(c.text)
		at := strings.Index(c.text, c.hit)
		s := len([]rune(c.text[:at]))
		lo, hi := clauseAround(rs, s, s+len([]rune(c.hit)))
		lt := &leadText{}
		lt.fields[1], lt.orig[1] = rs, rs
		if got := lt.excerpt(1, int32(lo), int32(hi)); got != c.want {
			t.Errorf("%s: shown %q, want %q", c.text, got, c.want)
		}
	}
}
