package seed

import "testing"

func TestDefaultClusters(t *testing.T) {
	cls, err := DefaultClusters()
	if err != nil {
		t.Fatal(err)
	}
	if len(cls) != 15 {
		t.Fatalf("got %d clusters, want the 15 of the 465 system", len(cls))
	}
	tiers := map[string]int{}
	for _, c := range cls {
		tiers[string(c.Tier)]++
	}
	if tiers["landmark"] != 4 || tiers["advantage"] != 6 || tiers["future"] != 5 {
		t.Fatalf("tiers = %v, want 4/6/5", tiers)
	}
}
