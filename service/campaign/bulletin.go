package campaign

import (
	"context"
	"errors"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/store"
)

// Bounds of the bulletin's lists: enough for any month of one city's programme, and a fixed
// ceiling on the work of the mail job and the workbook.
const (
	MaxBulletinDeals  = 500
	MaxBulletinEvents = 1000
	TopDeals          = 5 // the highlights name this many signed deals
)

// Deal is one signed deal as the bulletin lists it.
type Deal struct {
	Match     domain.Match
	LeadTitle string
	Buyer     string
}

// Bulletin is the monthly report (通报) of year-month: the year to the end of the month against
// the targets, the month's own figures, the events held in it, the year's brand events, the
// signed deals, and the clusters behind schedule. Organisers and admins only.
type Bulletin struct {
	Year, Month  int
	Cluster      string
	From, Until  time.Time // the month, in the programme's zone
	Report       *Report   // the year to the end of the month
	Months       *Months   // January to the month, and the same months of the year before
	ThisMonth    domain.CampaignMonth
	Events       []domain.Event // held in the month (published or completed), by start
	BrandEvents  []domain.Event // flagship events of the year to the end of the month
	Deals        []Deal         // signed deals of the year to date, largest first
	DealsCut     bool           // more than MaxBulletinDeals: the list is the largest ones
	Behind       []ClusterRow   // clusters behind an even pace, least contribution first
	Generated    time.Time
	MonthStarted bool // false for a month still to come: nothing to report yet
}

// Bulletin builds the bulletin of year-month for u, narrowed to cluster like Report. Members
// are refused: the bulletin judges clusters and names deals.
func (s *Service) Bulletin(ctx context.Context, u *domain.User, year, month int, cluster string) (*Bulletin, error) {
	if u == nil {
		return nil, domain.ErrUnauthorized
	}
	if u.Role != domain.RoleAdmin && u.Role != domain.RoleOrganiser {
		return nil, domain.ErrForbidden
	}
	if err := domain.ValidateCampaignYear(year); err != nil {
		return nil, err
	}
	if month < 1 || month > 12 {
		return nil, domain.Invalid("month", "report_month")
	}
	rep, err := s.Report(ctx, u, year, month, cluster)
	if err != nil {
		return nil, err
	}
	months, err := s.Months(ctx, u, year, month, cluster)
	if err != nil {
		return nil, err
	}
	cuts := domain.CampaignMonthCuts(year, s.Loc)
	now := s.now()
	b := &Bulletin{Year: year, Month: month, Cluster: cluster, From: cuts[month-1], Until: cuts[month], Report: rep,
		Months: months, ThisMonth: months.Months[month-1], Generated: now, MonthStarted: now.After(cuts[month-1])}
	clusters := rep.Scope.Clusters
	held := b.Until
	if now.Before(held) {
		held = now
	}
	if b.Events, err = s.events(ctx, clusters, "", b.From, held); err != nil {
		return nil, err
	}
	if b.BrandEvents, err = s.events(ctx, clusters, domain.EventFlagship, cuts[0], held); err != nil {
		return nil, err
	}
	w := s.window(year, month, clusters, now)
	matches, err := s.Campaign.SignedDeals(ctx, w, MaxBulletinDeals+1)
	if err != nil {
		return nil, fmt.Errorf("campaign: signed deals of %d-%02d: %w", year, month, err)
	}
	if len(matches) > MaxBulletinDeals {
		matches, b.DealsCut = matches[:MaxBulletinDeals], true
	}
	if b.Deals, err = s.deals(ctx, matches); err != nil {
		return nil, err
	}
	for _, row := range rep.ByCluster {
		if row.Behind {
			b.Behind = append(b.Behind, row)
		}
	}
	sortRows(b.Behind, func(r ClusterRow) float64 { return r.Contribution })
	return b, nil
}

// events lists the counted events (published or completed) of kind ("" any) in the clusters
// starting in [from, until), by start.
func (s *Service) events(ctx context.Context, clusters []string, kind domain.EventKind, from, until time.Time) ([]domain.Event, error) {
	out := []domain.Event{}
	if (clusters != nil && len(clusters) == 0) || !from.Before(until) {
		return out, nil
	}
	f := store.EventFilter{Clusters: clusters, Kind: kind, From: from, To: until,
		Statuses: []domain.EventStatus{domain.EventPublished, domain.EventCompleted}}
	page := store.Page{Limit: 200}
	for {
		es, next, _, err := s.Events.List(ctx, f, page)
		if err != nil {
			return nil, fmt.Errorf("campaign: events of the bulletin: %w", err)
		}
		for _, e := range es {
			// The filter takes events overlapping the range; the campaign dates an event by its start.
			if !e.StartsAt.Before(from) && e.StartsAt.Before(until) {
				out = append(out, e)
			}
		}
		if next == "" || len(out) >= MaxBulletinEvents {
			return out, nil
		}
		page.Cursor = next
	}
}

// deals names each signed match's lead and buyer.
func (s *Service) deals(ctx context.Context, ms []domain.Match) ([]Deal, error) {
	out := make([]Deal, 0, len(ms))
	leads := map[string]*domain.Lead{}
	for _, m := range ms {
		l, ok := leads[m.LeadID]
		if !ok {
			var err error
			l, err = s.Leads.Get(ctx, m.LeadID)
			if err != nil && !errors.Is(err, domain.ErrNotFound) {
				return nil, fmt.Errorf("campaign: lead of a signed deal: %w", err)
			}
			leads[m.LeadID] = l
		}
		d := Deal{Match: m}
		if l != nil {
			d.LeadTitle, d.Buyer = l.Title, l.BuyerName
		}
		out = append(out, d)
	}
	return out, nil
}
