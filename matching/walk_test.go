package matching_test

import (
	"fmt"
	"testing"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/synth"
)

// TestWalkMatchesBruteForceAtScale checks the exact top k over enough synthetic profiles to span
// several walk windows, where thousands of near-identical profiles tie and the bounds, the
// evidence read from slot metadata and the per-window candidate tables all come into play, after
// removals, updates, slot reuse and exposure.
func TestWalkMatchesBruteForceAtScale(t *testing.T) {
	n := 24_000
	if testing.Short() {
		n = 9_000
	}
	e := matching.New(matching.DefaultConfig())
	synth.Enterprises(n, 5000, 7, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for i := 0; i < n; i += 13 {
		ent := synth.Enterprise(7, i)
		switch i % 3 {
		case 0:
			e.Remove(ent.ID)
		case 1:
			ent.Description += " 新增产品线：高精度温度传感器。"
			ent.UpdatedAt = ent.UpdatedAt.Add(1)
			e.Upsert(ent)
		default:
			e.AddExposure(ent.ID, i%40)
		}
	}
	for i := 0; i < 300; i++ { // reuse the freed slots
		ent := synth.Enterprise(8, i)
		ent.ID = fmt.Sprintf("reused%d", i)
		e.Upsert(ent)
	}
	buyer := synth.Enterprise(7, 5).ID
	for i := 0; i < 40; i++ {
		l := synth.Lead(7, i)
		if i%4 == 0 {
			l.BuyerEnterpriseID = buyer
		}
		for _, opts := range []matching.Options{{}, {Within: "320200", Exclude: []string{synth.Enterprise(7, 9).ID}}} {
			for _, k := range []int{1, 20} {
				got, err1 := e.SuppliersFor(l, k, opts)
				want, err2 := e.BruteForce(l, k, opts)
				if err1 != nil || err2 != nil {
					t.Fatalf("lead %d: %v %v", i, err1, err2)
				}
				matching.SameResults(t, fmt.Sprintf("lead %d k %d %+v", i, k, opts), got, want)
			}
		}
	}
}
