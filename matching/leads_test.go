package matching_test

import (
	"fmt"
	"testing"
	"time"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/synth"
)

// TestLeadsForMatchesBruteForceAtScale checks "leads for you" against scoring every open lead,
// over enough synthetic leads that the candidate filter, the compiled-query cache and the bound
// all matter: before and after profile writes (which must invalidate the cache), with leads that
// carry nothing specific (only broad codes reach them) and with exclusions and deadlines.
func TestLeadsForMatchesBruteForceAtScale(t *testing.T) {
	profiles, leads := 12_000, 4_000
	if testing.Short() {
		profiles, leads = 4_000, 1_500
	}
	e := matching.New(matching.DefaultConfig())
	synth.Enterprises(profiles, 4000, 3, func(b []domain.Enterprise) { e.UpsertMany(b) })
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < leads; i++ {
		l := synth.Lead(3, i)
		if i%50 == 0 {
			past := now.Add(-time.Hour)
			l.Deadline = &past
		}
		e.UpsertLead(l)
	}
	vague := []domain.Lead{
		{ID: "codes-only", Clusters: []string{"L1"}, Status: domain.LeadOpen},
		{ID: "unknown-words", Title: "zyxwv qwerty", Clusters: []string{"A5"}, HSCodes: []string{"85"}, Status: domain.LeadOpen},
	}
	for _, l := range vague {
		e.UpsertLead(l)
	}
	check := func(stage string) {
		t.Helper()
		for i := 0; i < 40; i++ {
			ent := synth.Enterprise(3, i*(profiles/40))
			for _, opts := range []matching.Options{{NoExposure: i%3 == 0}, {Now: now, Exclude: []string{synth.Lead(3, 7).ID}}} {
				got, err1 := e.LeadsFor(ent, 20, opts)
				want, err2 := e.BruteForceLeads(ent, 20, opts)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v %v", stage, err1, err2)
				}
				matching.SameResults(t, fmt.Sprintf("%s: supplier %d %+v", stage, i, opts), got, want)
			}
		}
		// A supplier that shares only its cluster with the vague leads still receives them.
		got, _ := e.LeadsFor(domain.Enterprise{ID: "x", Name: "某公司", Clusters: []string{"L1"}, Status: domain.EnterpriseActive}, 5, matching.Options{})
		if len(got) == 0 || got[0].ID != "codes-only" {
			t.Fatalf("%s: a lead with only a cluster does not reach a supplier of that cluster: %+v", stage, got)
		}
	}
	check("fresh")
	for i := 0; i < profiles; i += 7 {
		ent := synth.Enterprise(3, i)
		if i%2 == 0 {
			e.Remove(ent.ID)
			continue
		}
		ent.Description += " 可提供光伏逆变器和储能系统。"
		ent.UpdatedAt = ent.UpdatedAt.Add(time.Second)
		e.Upsert(ent)
		e.AddExposure(ent.ID, i%9)
	}
	check("after writes")
}
