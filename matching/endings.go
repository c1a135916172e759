package matching

import "strings"

// Buyers say a problem goes unnoticed in many ways: 漏水不知道, 漏水没人知道, 漏了几天才发现,
// 坏了都不知道. A scene phrase written with one of these endings also matches with the others,
// so the vocabulary need not list each ending for each pain. The same for a place nobody
// watches (锅炉房没人看, 没人管, 没人盯).
var endingFamilies = [][]string{
	{"不知道", "没人知道", "都不知道", "才知道", "才发现", "没发现", "没人发现"},
	{"没人管", "没人看", "没人盯"},
}

// Buyers also pick their own intensifier: 油烟太大, 油烟很大, 油烟特别大, 油烟非常大. A scene phrase
// written with one of them also matches with the others (太阳, 太空 … are words, not intensifiers).
var intensifiers = []string{"太", "很", "特别", "非常", "超级"}

var notIntensified = []string{"太阳", "太空", "太平", "太湖", "太原", "太极", "太太", "很多", "很少", "很久"}

// withIntensifiers returns the siblings of a Han form that holds one intensifier followed by the
// quality it intensifies.
func withIntensifiers(f string) []string {
	for _, w := range notIntensified {
		if strings.Contains(f, w) {
			return nil
		}
	}
	for _, in := range intensifiers {
		i := strings.Index(f, in)
		if i < 0 || i+len(in) >= len(f) || strings.Count(f, in) > 1 {
			continue
		}
		out := make([]string, 0, len(intensifiers)-1)
		for _, other := range intensifiers {
			if other != in {
				out = append(out, f[:i]+other+f[i+len(in):])
			}
		}
		return out
	}
	return nil
}

// withEndings returns forms with the sibling endings of every Han form that ends in one of
// endingFamilies and names the pain in at least two characters before it (了, 也, 都 not
// counted), without repeats.
func withEndings(forms []string) []string {
	seen := make(map[string]bool, len(forms))
	out := make([]string, 0, len(forms))
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, f := range forms {
		add(f)
	}
	for _, f := range forms {
		f = strings.TrimSpace(f)
		if isHanString(f) {
			for _, g := range withIntensifiers(f) {
				add(g)
			}
		}
		for _, fam := range endingFamilies {
			for _, end := range fam {
				stem, ok := strings.CutSuffix(f, end)
				if !ok {
					continue
				}
				if core := []rune(strings.TrimRight(stem, "了也都")); len(core) < 2 || !isHan(core[len(core)-1]) {
					break // 坏了才知道 is about anything: written once, it gets no siblings
				}
				for _, other := range fam {
					add(stem + other)
				}
				break
			}
		}
	}
	return out
}

func isHanString(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}
