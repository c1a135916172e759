package cmp

import (
	"fmt"
	"testing"

	"duijie/matching"
	"duijie/matching/quality"
)

func TestDbg3(t *testing.T) {
	s, _ := quality.Load("/work/main/matching/testdata")
	e := matching.New(matching.DefaultConfig())
	e.UpsertMany(s.Enterprises)
	for _, l := range s.Leads {
		rs, _ := e.SuppliersFor(l, 20, matching.Options{NoExposure: true})
		got := map[string]bool{}
		for _, r := range rs {
			got[r.ID] = true
		}
		for id, g := range s.Grades[l.ID] {
			if g > 0 && !got[id] {
				fmt.Println(l.ID, l.Title, "missing", id, g)
			}
		}
	}
}
