package codes

import "testing"

func TestSearchPickers(t *testing.T) {
	has := func(items []Item, code string) bool {
		for _, it := range items {
			if it.Code == code {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct{ kind, q, want string }{
		{"industry", "传感器", "C3983"},
		{"industry", "sensor", "C3983"},
		{"industry", "C397", "C3973"},
		{"industry", "集成电路设计", "I6520"},
		{"hs", "8542", "8542"},
		{"hs", "集成电路", "8542"},
		{"hs", "integrated circuits", "8542"},
		{"region", "新吴", "320214"},
		{"region", "3202", "320200"},
		{"country", "德国", "DE"},
		{"country", "germany", "DE"},
		{"market", "欧盟", "EU"},
		{"market", "DE", "DE"},
		{"certification", "汽车", "IATF16949"},
		{"certification", "iso 9001", "ISO9001"},
	} {
		if got := Search(tc.kind, tc.q, 10); !has(got, tc.want) {
			t.Errorf("Search(%s, %q) = %v, want %s among them", tc.kind, tc.q, got, tc.want)
		}
	}
	if got := Search("industry", "", 5); len(got) != 5 {
		t.Errorf("empty query lists %d", len(got))
	}
	if got := Search("hs", "😀", 5); len(got) != 0 {
		t.Errorf("emoji matched %v", got)
	}
	for _, it := range catalogue["industry"] {
		if IndustryProblem(it.Code) != "" {
			t.Errorf("industry picker offers %s, which the validator refuses (%s)", it.Code, IndustryProblem(it.Code))
		}
	}
}
