package demo

import (
	"context"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// The history gives the campaign a trend: every past month of this year and of the year before
// has leads (this year's also a matchmaking session), brand events were held, intentions came.
func TestSeedCampaignHistory(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, loc)
	if _, err := Seed(ctx, st, now); err != nil {
		t.Fatal(err)
	}
	for _, year := range []int{2025, 2026} {
		from, until := domain.CampaignWindow(year, loc)
		w := store.CampaignWindow{From: from, Until: until, Now: now}
		months, err := st.Campaign.Monthly(ctx, w, domain.CampaignMonthCuts(year, loc))
		if err != nil {
			t.Fatal(err)
		}
		last := 12
		if year == 2026 {
			last = 10 // November is the demo's own month: its samples, not history
		}
		for i := range last {
			if months[i].Leads == 0 || (year == 2026 && months[i].MatchmakingEvents == 0) {
				t.Errorf("%d-%02d is empty: %+v", year, i+1, months[i])
			}
		}
		a, err := st.Campaign.Actuals(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if a.FlagshipEvents < 2 || a.Intentions == 0 || a.Enterprises < 10 {
			t.Errorf("%d: %+v", year, a)
		}
	}
}
