package matching_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/quality"
)

// TestIndexMatchesBruteForce checks that the inverted index, the pruning and the heap return
// exactly what scoring every profile one by one returns, in both directions, after updates that
// free and reuse slots and with exposure counts set.
func TestIndexMatchesBruteForce(t *testing.T) {
	set, err := quality.Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, seg := range []matching.Segmenter{matching.SegBigram, matching.SegDict} {
		t.Run(seg.String(), func(t *testing.T) {
			cfg := matching.DefaultConfig()
			cfg.Segmenter = seg
			e := matching.New(cfg)
			e.UpsertMany(set.Enterprises)
			rng := rand.New(rand.NewPCG(1, 2))
			for i, ent := range set.Enterprises {
				switch {
				case i%17 == 0:
					e.Remove(ent.ID)
				case i%11 == 0:
					ent.Description += " 新增产品线：温度传感器和锂电池。"
					e.Upsert(ent)
				}
				if i%5 == 0 {
					e.AddExposure(ent.ID, rng.IntN(30))
				}
			}
			for i := 0; i < 10; i++ { // reuse the freed slots
				ent := set.Enterprises[i*7]
				ent.ID = fmt.Sprintf("new%d", i)
				e.Upsert(ent)
			}
			for _, l := range set.Leads {
				e.UpsertLead(l)
				for _, opts := range []matching.Options{{}, {Within: "320200", Exclude: []string{"e001", "e025"}}, {NoExposure: true}} {
					for _, k := range []int{1, 5, 20} {
						got, err1 := e.SuppliersFor(l, k, opts)
						want, err2 := e.BruteForce(l, k, opts)
						if err1 != nil || err2 != nil {
							t.Fatalf("%s: %v %v", l.ID, err1, err2)
						}
						matching.SameResults(t, l.ID, got, want)
					}
				}
			}
			for _, ent := range set.Enterprises {
				got, _ := e.LeadsFor(ent, 10, matching.Options{})
				want, _ := e.BruteForceLeads(ent, 10, matching.Options{})
				matching.SameResults(t, ent.ID, got, want)
			}
		})
	}
}

// TestHardCases pins the behaviours the labelled set was built to probe.
func TestHardCases(t *testing.T) {
	set, err := quality.Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	e := matching.New(matching.DefaultConfig())
	e.UpsertMany(set.Enterprises)
	lead := func(id string) domain.Lead {
		for _, l := range set.Leads {
			if l.ID == id {
				return l
			}
		}
		t.Fatalf("no lead %s", id)
		return domain.Lead{}
	}
	rank := func(id string, k int) []string {
		rs, err := e.SuppliersFor(lead(id), k, matching.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	cases := []struct {
		name, lead string
		top        []string // must all be within the first len(top)+1 results (within, when set)
		absent     []string // must not appear in the top 20
		within     int
	}{
		{"required certification filters, blocked and buyer excluded", "l01", []string{"e025", "e222", "e223"}, []string{"e026", "e221", "e198"}, 0},
		// Five suppliers are graded 2 for l02 (e001, e002, e003, e010, e225): any order of them is right.
		{"application wording reaches the products", "l02", []string{"e001", "e003"}, nil, 5},
		{"English lead reaches Chinese profiles", "l06", []string{"e169", "e224"}, nil, 0},
		{"synonym 锂电 / 磷酸铁锂 / 电芯", "l07", []string{"e172"}, []string{"e177"}, 0},
		{"service lead finds the service firm", "l51", []string{"e183"}, nil, 0},
		{"paper labels are not RFID", "l61", []string{"e004", "e023"}, nil, 0},
	}
	for _, c := range cases {
		got := rank(c.lead, 20)
		for _, id := range c.top {
			pos := -1
			for i, g := range got {
				if g == id {
					pos = i
				}
			}
			limit := len(c.top) + 1
			if c.within > 0 {
				limit = c.within
			}
			if pos < 0 || pos >= limit {
				t.Errorf("%s (%s): %s at %d in %v", c.name, c.lead, id, pos, got)
			}
		}
		for _, id := range c.absent {
			for _, g := range got {
				if g == id {
					t.Errorf("%s (%s): %s must not be offered: %v", c.name, c.lead, id, got)
				}
			}
		}
	}
	// Service firms and traders rank below the manufacturers for a goods lead.
	got := rank("l07", 20)
	pos := map[string]int{}
	for i, g := range got {
		pos[g] = i + 1
	}
	if p := pos["e183"]; p != 0 && p < pos["e172"] {
		t.Errorf("battery testing lab above the cell maker: %v", got)
	}
}
