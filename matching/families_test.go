package matching

import (
	"slices"
	"testing"
)

func TestFamilySiblings(t *testing.T) {
	for _, c := range []struct {
		form     string
		want     []string
		wantNone []string
	}{
		{"仓库漏水", []string{"库房漏水", "货仓渗水", "仓库漏雨"}, nil},
		{"食堂油烟", []string{"饭堂油烟"}, []string{"厨房油烟"}}, // a canteen is not a kitchen
		{"地下车库积水", []string{"地下室积水", "地库积水"}, nil},
		{"漏水漏水", nil, []string{"渗水漏水"}}, // a word written twice is left alone
		{"油烟净化", nil, nil},
	} {
		got := familySiblings(c.form)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("familySiblings(%q) lacks %q: %v", c.form, w, got)
			}
		}
		for _, w := range c.wantNone {
			if slices.Contains(got, w) {
				t.Errorf("familySiblings(%q) has %q", c.form, w)
			}
		}
		if c.want == nil && len(got) > 0 && c.wantNone == nil {
			t.Errorf("familySiblings(%q) = %v, want none", c.form, got)
		}
		if len(got) > maxFamilySiblings {
			t.Errorf("familySiblings(%q): %d siblings, more than %d", c.form, len(got), maxFamilySiblings)
		}
	}
}

// A scene written with one word of a family meets a lead written with its sibling.
func TestFamilySiblingsMeetLeads(t *testing.T) {
	e := New(DefaultConfig())
	for _, c := range []struct{ lead, product string }{
		{"饭堂油烟太大，楼上老投诉", "油烟净化设备"}, // written: 食堂油烟
		{"寝室半夜冒烟", "火灾报警系统"},       // written: 宿舍冒烟
	} {
		if u := e.Understand(c.lead, "", nil, nil); !slices.Contains(u.Products, c.product) {
			t.Errorf("%s: products %v, want %s", c.lead, u.Products, c.product)
		}
	}
	if e.an.v.familyForms == 0 {
		t.Error("no word-family siblings were added")
	}
}
