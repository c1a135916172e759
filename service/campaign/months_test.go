package campaign

import (
	"context"
	"errors"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// fakeCounter counts nothing: the months' other figures are the store's, tested there.
type fakeCounter struct{}

func (fakeCounter) Targets(context.Context, int) (*domain.CampaignTargets, error) {
	return nil, domain.ErrNotFound
}
func (fakeCounter) Actuals(context.Context, store.CampaignWindow) (domain.CampaignActuals, error) {
	return domain.CampaignActuals{}, nil
}
func (fakeCounter) Monthly(_ context.Context, _ store.CampaignWindow, cuts []time.Time) ([]domain.CampaignTally, error) {
	out := make([]domain.CampaignTally, len(cuts)-1)
	for i := range out {
		out[i].Matches = domain.NewMatchCounts()
	}
	return out, nil
}
func (fakeCounter) SignedDeals(context.Context, store.CampaignWindow, int) ([]domain.Match, error) {
	return nil, nil
}
func (fakeCounter) MatchTally(context.Context, store.CampaignWindow) (domain.MatchCounts, error) {
	return domain.NewMatchCounts(), nil
}

// heldByMonth answers the meetings held in a window: the window's month number, once per
// whole month, so a window that is not exactly one month shows.
type heldByMonth struct {
	loc     *time.Location
	windows []store.CampaignWindow
}

func (h *heldByMonth) Held(_ context.Context, w store.CampaignWindow) (int, error) {
	h.windows = append(h.windows, w)
	f := w.From.In(h.loc)
	if !w.Until.Equal(f.AddDate(0, 1, 0)) {
		return 0, errors.New("not one month")
	}
	return int(f.Month()), nil
}

type noClusters struct{}

func (noClusters) List(context.Context) ([]domain.Cluster, error) { return nil, nil }

func TestMonthsCountMeetingsHeldMonthByMonth(t *testing.T) {
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	held := &heldByMonth{loc: loc}
	s := &Service{Campaign: fakeCounter{}, Clusters: noClusters{}, Meetings: held, Loc: loc,
		Now: func() time.Time { return time.Date(2026, 7, 10, 0, 0, 0, 0, loc) }}
	admin := &domain.User{ID: "a", Role: domain.RoleAdmin}

	m, err := s.Months(context.Background(), admin, 2026, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, mo := range m.Months {
		if mo.MeetingsHeld != i+1 {
			t.Errorf("%s: %d meetings held, want %d", mo.Month, mo.MeetingsHeld, i+1)
		}
	}
	if len(m.Previous) != 12 || m.Previous[5].MeetingsHeld != 6 {
		t.Errorf("the year before: %+v", m.Previous)
	}
	cum := domain.CampaignCumulative(m.Months)
	if cum[11].MeetingsHeld != 78 {
		t.Errorf("cumulative meetings held %d, want 1+…+12", cum[11].MeetingsHeld)
	}

	// The bulletin's series ends with its month: the months after it count nothing.
	held.windows = nil
	m, err = s.Months(context.Background(), admin, 2026, 3, "")
	if err != nil {
		t.Fatal(err)
	}
	if m.Months[2].MeetingsHeld != 3 || m.Months[3].MeetingsHeld != 0 || len(held.windows) != 6 {
		t.Errorf("to March: %+v after %d windows", m.Months, len(held.windows))
	}
}
