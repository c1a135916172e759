package storetest

import (
	"reflect"
	"testing"

	"duijie/domain"
	"duijie/store"
)

// WantScopeL1L2Of2030 checks what both engines' upgrade tests leave behind: an organiser of L1
// and L2 whose scope was kept from leads opened in 2030 by e1 in L1 (March) and L2 (May) and by
// e2 in L2 (April). Read from the totals, the organiser's figures equal the records' and count
// each buyer once, and each buyer is new in its first month only.
func WantScopeL1L2Of2030(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := t.Context()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	cuts := domain.CampaignMonthCuts(2030, loc)
	w := store.CampaignWindow{From: cuts[0], Until: cuts[12], Clusters: []string{"L1", "L2"}}
	got, want := actualsBothWays(t, s, w)
	if got != want || got.BuyerEnterprises != 2 || got.Enterprises != 2 || got.Leads != 3 {
		t.Fatalf("organiser of L1 and L2:\n totals  %+v\n records %+v\nwant 2 buyers, 3 leads", got, want)
	}
	months, err := s.Campaign.Monthly(ctx, w, cuts)
	Must(t, err, "months")
	var firsts []int
	for _, m := range months {
		firsts = append(firsts, m.NewEnterprises)
	}
	if want := []int{0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}; !reflect.DeepEqual(firsts, want) {
		t.Fatalf("new enterprises by month %v, want %v (e1 in March, not again in May; e2 in April)", firsts, want)
	}
}

// actualsBothWays reads w's figures from the running totals and counted from the records.
func actualsBothWays(t *testing.T, s *store.Store, w store.CampaignWindow) (totals, records domain.CampaignActuals) {
	t.Helper()
	recs := w
	recs.FromRecords = true
	totals, err := s.Campaign.Actuals(t.Context(), w)
	Must(t, err, "actuals from the totals")
	records, err = s.Campaign.Actuals(t.Context(), recs)
	Must(t, err, "actuals from the records")
	return totals, records
}
