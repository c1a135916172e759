package matching

import (
	"slices"
	"testing"
)

// A surface written in both scripts (B超, MOS管) meets the buyer's text however the two runs
// around it are written, in leads and in profiles alike, and no stretch of one script alone
// (超, mos) is read as it.
func TestMixedSurfaces(t *testing.T) {
	v, err := LoadVocabulary(vocabFS(smallVocabulary, map[string]string{
		"concepts.tsv":     "医学影像\tmedical imaging\t医学影像,彩超,b超\n场效应管\tMOSFET\tmosfet,场效应管,mos管\n",
		"applications.tsv": "mos管烧\t场效应管\n",
	}), "d")
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Vocabulary = v
	e := New(cfg)
	for _, c := range []struct {
		text string
		want string // "" = no product
	}{
		{"卫生院想换一台B超", "医学影像"},
		{"卫生院想换一台b超机", "医学影像"},
		{"电源板上的MOS管老烧", "场效应管"},
		{"超市要一批货架", ""},
		{"mos and cmos", ""},
	} {
		u := e.Understand(c.text, "", nil, nil)
		if c.want == "" && len(u.Products) > 0 || c.want != "" && !slices.Contains(u.Products, c.want) {
			t.Errorf("%s: products %v, want %q", c.text, u.Products, c.want)
		}
	}
	if u := e.Understand("电源板上的MOS管烧了好几个", "", nil, nil); len(u.Scenes) == 0 {
		t.Error("MOS管烧了: the scene MOS管烧 was not read")
	}
}
