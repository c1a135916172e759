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
