package cmp

import (
	"fmt"
	"testing"

	"duijie/matching"
	"duijie/matching/quality"
)

func TestCmp(t *testing.T) {
	s, _ := quality.Load("/work/main/matching/testdata")
	a, _ := quality.Evaluate(s, "full", matching.DefaultConfig())
	c := matching.DefaultConfig()
	c.TextOnly = true
	c.ExposureAlpha = 0
	b, _ := quality.Evaluate(s, "text", c)
	for _, l := range s.Leads {
		if d := a.PerLead[l.ID] - b.PerLead[l.ID]; d*d > 1e-6 {
			fmt.Printf("%s %.3f %.3f %s\n", l.ID, a.PerLead[l.ID], b.PerLead[l.ID], l.Title)
		}
	}
}
