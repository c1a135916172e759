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

// An English phrase cut apart by a Chinese function word (我们warehouse的roof就leak) is read as
// the phrase; a Han word of content between the Latin words (下雨) still keeps them apart.
func TestLatinJoinedAcrossFunctionWords(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 400, lw: newLeadWeights(DefaultTuning())}
	phrase := func(text, product string) bool {
		for _, tm := range a.field(a.normalize(text), 1, true, nil) {
			if tm.kind == kExpansion && !tm.bag && tm.text == "#"+product {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		text, product string
		want          bool
	}{
		{"我们warehouse的roof就leak", "屋面防水工程", true},
		{"the roof的话就 leaks", "屋面防水工程", true},
		{"roof leaks", "屋面防水工程", true},
		{"我们warehouse的roof一下雨就leak", "屋面防水工程", false}, // 下雨 is content
		{"roof，leak", "屋面防水工程", false},
	} {
		if got := phrase(c.text, c.product); got != c.want {
			t.Errorf("%s: phrase for %s read = %v, want %v", c.text, c.product, got, c.want)
		}
	}
	lat, brk := latinStream(a.normalize("需要一个smart的access control，PCBA要做conformal coating"))
	var joined []string
	for i, tk := range lat {
		if !brk[i] && i > 0 {
			joined = append(joined, lat[i-1].text+" "+tk.text)
		}
	}
	if want := []string{"smart access", "access control", "pcba conformal", "conformal coating"}; !slices.Equal(joined, want) {
		t.Errorf("joined words %q, want %q", joined, want)
	}
}
