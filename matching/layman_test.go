package matching

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"duijie/domain"
)

// The embedded table carries its licence, names only products the vocabulary knows, and loads
// with the vocabulary.
func TestLaymanTable(t *testing.T) {
	data, err := fs.ReadFile(dataFS, "data/"+laymanFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "CC-CEDICT") || !strings.Contains(string(data), "creativecommons.org/licenses/by-sa/4.0") {
		t.Error("the table lacks its attribution and licence")
	}
	v := DefaultVocabulary()
	if v.layman == nil {
		t.Fatal("the vocabulary did not load the everyday-name table")
	}
	if v.laymanStale > 0 {
		t.Errorf("%d products of %s are unknown to the vocabulary: write the table again (go run ./matching/internal/gencedict -layman -in cedict_ts.u8 > matching/data/%s)",
			v.laymanStale, laymanFile, laymanFile)
	}
}

// layman returns what the everyday-name table reads in a Chinese text: word → products.
func layman(a *analyzer, text string) map[string][]string {
	rs := a.normalize(text)
	occ := a.field(rs, 1, true, nil)
	n0 := len(occ)
	var heads []string
	occ = a.laymanRead(rs, 1, occ, &heads)
	out := map[string][]string{}
	for _, t := range occ[n0:] {
		if t.kind != kTrans {
			panic("a layman term that is not broad evidence")
		}
		w := string(rs[t.start:t.end])
		out[w] = append(out[w], heads[t.via-1])
	}
	return out
}

// laymanVocabulary is the embedded vocabulary with a table of the test's own.
func laymanVocabulary(t *testing.T, table string) *Vocabulary {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataFS, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "data/"+laymanFile {
			return err
		}
		b, err := fs.ReadFile(dataFS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["data/"+laymanFile] = &fstest.MapFile{Data: []byte(table)}
	v, err := LoadVocabulary(m, "data")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Words are looked up longest first, never inside a word the vocabulary read, and a longer word
// the table blocks is read as the word it is.
func TestLaymanLongestUnread(t *testing.T) {
	v := laymanVocabulary(t, "# test\n吸铁石\t稀土永磁\tmagnet\n吸铁石头\t-\n电瓶\t稀土永磁\tx\n铁石\t钢材\tx\n")
	a := &analyzer{v: v, vocab: true, layman: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	for text, want := range map[string]string{
		"想买一批吸铁石": "吸铁石:稀土永磁", // the longest word, not 铁石 inside it
		"想买吸铁石头":  "",         // a longer word the table blocks
		"汽车电瓶没电了": "",         // 汽车电瓶 is a scene of the vocabulary: 电瓶 inside it stays unread
		"钕铁硼和吸铁石": "吸铁石:稀土永磁", // beside a concept, not inside it
	} {
		got := ""
		for w, ps := range layman(a, text) {
			got += w + ":" + strings.Join(ps, ",")
		}
		if got != want {
			t.Errorf("%s: read %q, want %q", text, got, want)
		}
	}
	a.layman = false
	if got := layman(a, "想买一批吸铁石"); len(got) != 0 {
		t.Errorf("with the table switched off: %v", got)
	}
}

func laymanCorpus(cfg Config) *Engine {
	e := New(cfg)
	e.UpsertMany([]domain.Enterprise{
		{ID: "mag", Name: "无锡某磁业有限公司", Clusters: []string{"A4"}, Status: domain.EnterpriseActive,
			Products: []string{"钕铁硼", "磁钢"}, Description: "烧结钕铁硼磁材，用于电机和教具。"},
		{ID: "toy", Name: "无锡某文具有限公司", Clusters: []string{"A4"}, Status: domain.EnterpriseActive,
			Products: []string{"学校教具", "文具"}, Description: "学校教具用品，两千多个品种。"},
	})
	return e
}

var magnetLead = domain.Lead{ID: "L1", Title: "求购吸铁石", Description: "学校教具用，两千个。",
	Clusters: []string{"A4"}, Status: domain.LeadOpen}

// The supplier of the product an everyday name stands for ranks first, explained as the buyer's
// word and the product; without the table the two share the same words.
func TestLaymanRanksAndExplains(t *testing.T) {
	rs, err := laymanCorpus(DefaultConfig()).SuppliersFor(magnetLead, 5, Options{NoExposure: true})
	if err != nil || len(rs) != 2 || rs[0].ID != "mag" {
		t.Fatalf("ranking %+v, %v; want mag first", rs, err)
	}
	for _, lang := range []string{"zh-CN", "en"} {
		if s := Render(rs[0].Explanation, lang, nil, nil); !strings.Contains(s, "吸铁石 ≈ ") {
			t.Errorf("%s: %q should say 吸铁石 ≈ …", lang, s)
		}
	}
	cfg := DefaultConfig()
	cfg.NoLayman = true
	off, _ := laymanCorpus(cfg).SuppliersFor(magnetLead, 5, Options{NoExposure: true})
	if len(off) != 2 || off[0].ID != "toy" {
		t.Errorf("without the table %+v: want toy first, or the test proves nothing", off)
	}
}

// An English lead has no Han word to look up: its terms are the same with the table and without.
func TestLaymanLeavesEnglishLeads(t *testing.T) {
	l := domain.Lead{Title: "Magnets for electric motors", Description: "N52 neodymium, 5,000 pcs, forklift batteries too"}
	on := New(DefaultConfig())
	cfg := DefaultConfig()
	cfg.NoLayman = true
	off := New(cfg)
	a, b := on.analyzeLead(&l, false).text, off.analyzeLead(&l, false).text
	if len(a) != len(b) {
		t.Fatalf("%d terms with the table, %d without", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("term %d: %+v with the table, %+v without", i, a[i], b[i])
		}
	}
}

// BenchmarkAnalyseLayman is the lead reading of the scene benchmark's leads and a few everyday
// names, without the table and with it, in one run (the ratio is what to read on a shared
// machine); "lookup" is the table's part alone, over fields already read.
func BenchmarkAnalyseLayman(b *testing.B) {
	leads := append([]string{"想买一批吸铁石，做教具", "仓库要两台堆高机，二手也行", "车胎老是漏气，找靠谱的轮胎厂"}, sceneLeads...)
	ls := make([]domain.Lead, len(leads))
	for i, s := range leads {
		ls[i] = domain.Lead{Title: s}
	}
	for _, on := range []bool{false, true} {
		b.Run(map[bool]string{true: "on", false: "off"}[on], func(b *testing.B) {
			cfg := DefaultConfig()
			cfg.NoLayman = !on
			e := New(cfg)
			for i := 0; b.Loop(); i++ {
				e.analyzeLead(&ls[i%len(ls)], false)
			}
		})
	}
	b.Run("lookup", func(b *testing.B) {
		a := &New(DefaultConfig()).an
		rs := make([][]rune, len(leads))
		occ := make([][]term, len(leads))
		for i, s := range leads {
			rs[i] = a.normalize(s)
			occ[i] = a.field(rs[i], 1, true, nil)
		}
		var heads []string
		for i := 0; b.Loop(); i++ {
			k := i % len(leads)
			heads = heads[:0]
			a.laymanRead(rs[k], 1, occ[k][:len(occ[k]):len(occ[k])], &heads)
		}
	})
}
