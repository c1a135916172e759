package domain

import "math"

// CampaignActuals are what the programme did in one year and scope, counted by the store. What
// counts (the store implements exactly this):
//   - events: published or completed, starting in the year; cancelled and draft events never
//     count. An event counts as held once it has started, before that as scheduled;
//   - 十: flagship events held;
//   - 百: matchmaking events held, plus matchmaking rounds (agenda sessions of kind matchmaking)
//     held inside flagship events and forums — a 对接 round at a fair is a session too;
//   - 千: distinct enterprises with a confirmed registration at an event of the year, that bought
//     through a lead opened in the year, or that answered "interested" to a lead sent to them in
//     the year; one enterprise counts once however many ways it took part;
//   - 万: leads opened in the year (drafts never do), whatever became of them since;
//   - outcomes: matches sent in the year — 合作意向 those that reached intent (signed ones and
//     ones lost after intent included), 签约 those signed; values are CNY yuan of matches at
//     intent or signed (意向成交额, signed included) and signed (签约额).
type CampaignActuals struct {
	FlagshipEvents       int `json:"flagshipEvents"`
	FlagshipScheduled    int `json:"flagshipScheduled"`
	MatchmakingEvents    int `json:"matchmakingEvents"`
	MatchmakingRounds    int `json:"matchmakingRounds"`
	MatchmakingScheduled int `json:"matchmakingScheduled"` // events and rounds not yet held
	Enterprises          int `json:"enterprises"`
	EventEnterprises     int `json:"eventEnterprises"`
	BuyerEnterprises     int `json:"buyerEnterprises"`
	SupplierEnterprises  int `json:"supplierEnterprises"`
	Leads                int `json:"leads"`
	// MeetingsHeld counts the 1:1 meetings of the window that a side reported held.
	MeetingsHeld int `json:"meetingsHeld"`
	// The outcomes are left out of JSON when zero, so a view without them (members: see
	// CampaignScopeFor) does not read as "nothing was signed"; CampaignOutcomes carries them.
	Intentions    int   `json:"intentions,omitempty"`
	SignedDeals   int   `json:"signedDeals,omitempty"`
	SignedValue   int64 `json:"signedValue,omitempty"`
	IntendedValue int64 `json:"intendedValue,omitempty"`
}

// WithoutOutcomes returns a with the outcome figures cleared, for viewers who may not see them.
func (a CampaignActuals) WithoutOutcomes() CampaignActuals {
	a.Intentions, a.SignedDeals, a.SignedValue, a.IntendedValue = 0, 0, 0, 0
	return a
}

// MatchmakingSessions is the 百 figure: matchmaking events and rounds held.
func (a CampaignActuals) MatchmakingSessions() int { return a.MatchmakingEvents + a.MatchmakingRounds }

// KPIStatus says how a figure stands against its target.
type KPIStatus string

// KPI statuses. Share is a part of the programme (a cluster, an organiser's clusters): it is
// shown as its share of the programme-wide target, with no verdict, because the targets are set
// for the whole programme only.
const (
	KPIMet      KPIStatus = "met"
	KPIOnTrack  KPIStatus = "on_track"
	KPIBehind   KPIStatus = "behind"
	KPIMissed   KPIStatus = "missed"   // the year is over and the target was not reached
	KPIUpcoming KPIStatus = "upcoming" // the year has not begun
	KPINoTarget KPIStatus = "no_target"
	KPIShare    KPIStatus = "share"
)

// CampaignKPI is one figure of the dashboard against its target. Percent is Actual of Target,
// rounded down and not capped (120 means the target was beaten by a fifth); Expected is what an
// even pace through the year asks for by now.
type CampaignKPI struct {
	Key      string    `json:"key"`
	Glyph    string    `json:"glyph,omitempty"`
	Target   int64     `json:"target"`
	Actual   int64     `json:"actual"`
	Percent  int       `json:"percent"`
	Expected int64     `json:"expected"`
	Status   KPIStatus `json:"status"`
}

// Bar is Percent capped at 100, for a progress bar.
func (k CampaignKPI) Bar() int { return min(k.Percent, 100) }

// maxPercent keeps a tiny target against a large actual printable.
const maxPercent = 100_000

// NewCampaignKPI measures actual against target at elapsed (the share of the year passed, see
// YearElapsed). whole says the scope is the whole programme; otherwise the figure is a share.
func NewCampaignKPI(key, glyph string, target, actual int64, elapsed float64, whole bool) CampaignKPI {
	k := CampaignKPI{Key: key, Glyph: glyph, Target: target, Actual: actual}
	if target <= 0 {
		k.Status = KPINoTarget
		return k
	}
	k.Percent = int(math.Min(math.Floor(float64(actual)*100/float64(target)), maxPercent))
	if !whole {
		k.Status = KPIShare
		return k
	}
	elapsed = math.Max(0, math.Min(1, elapsed))
	k.Expected = int64(math.Floor(float64(target) * elapsed))
	switch {
	case actual >= target:
		k.Status = KPIMet
	case elapsed == 0:
		k.Status = KPIUpcoming
	case elapsed == 1:
		k.Status = KPIMissed
	case actual >= k.Expected:
		k.Status = KPIOnTrack
	default:
		k.Status = KPIBehind
	}
	return k
}

// CampaignCore returns the four 十百千万 figures in order.
func CampaignCore(t CampaignTargets, a CampaignActuals, elapsed float64, whole bool) []CampaignKPI {
	return []CampaignKPI{
		NewCampaignKPI("flagshipEvents", "十", int64(t.FlagshipEvents), int64(a.FlagshipEvents), elapsed, whole),
		NewCampaignKPI("matchmakingSessions", "百", int64(t.MatchmakingSessions), int64(a.MatchmakingSessions()), elapsed, whole),
		NewCampaignKPI("enterprises", "千", int64(t.Enterprises), int64(a.Enterprises), elapsed, whole),
		NewCampaignKPI("leads", "万", int64(t.Leads), int64(a.Leads), elapsed, whole),
	}
}

// CampaignOutcomes returns the outcome figures: intentions, signed deals, signed value and
// intended value.
func CampaignOutcomes(t CampaignTargets, a CampaignActuals, elapsed float64, whole bool) []CampaignKPI {
	return []CampaignKPI{
		NewCampaignKPI("intentions", "", int64(t.Intentions), int64(a.Intentions), elapsed, whole),
		NewCampaignKPI("signedDeals", "", int64(t.SignedDeals), int64(a.SignedDeals), elapsed, whole),
		NewCampaignKPI("signedValue", "", t.SignedValue, a.SignedValue, elapsed, whole),
		NewCampaignKPI("intendedValue", "", t.IntendedValue, a.IntendedValue, elapsed, whole),
	}
}

// CampaignScope is what one viewer's dashboard counts.
type CampaignScope struct {
	Clusters []string // nil: every cluster
	Whole    bool     // the whole programme, measured against the targets
	Detail   bool     // outcomes and the per-cluster breakdown may be shown
	Empty    bool     // an organiser without clusters: there is nothing to count
}

// CampaignScopeFor decides what u sees of the campaign, optionally narrowed to one cluster
// (upper-case code, existence checked by the caller). Admins see everything. Organisers see their
// clusters, together or one at a time. Members see the programme-wide 十百千万 progress only: the
// home page already publishes the targets and the totals name no enterprise, while the figures of
// one cluster are the office's measure of its organisers and the outcomes are the value of
// other enterprises' deals, which a handful of signed deals would give away.
func CampaignScopeFor(u *User, cluster string) (CampaignScope, error) {
	if u == nil {
		return CampaignScope{}, ErrUnauthorized
	}
	switch u.Role {
	case RoleAdmin:
		if cluster == "" {
			return CampaignScope{Whole: true, Detail: true}, nil
		}
		return CampaignScope{Clusters: []string{cluster}, Detail: true}, nil
	case RoleOrganiser:
		if cluster != "" {
			if !u.CanManageCluster(cluster) {
				return CampaignScope{}, ErrForbidden
			}
			return CampaignScope{Clusters: []string{cluster}, Detail: true}, nil
		}
		cs := append([]string{}, u.Clusters...)
		return CampaignScope{Clusters: cs, Detail: true, Empty: len(cs) == 0}, nil
	case RoleMember:
		if cluster != "" {
			return CampaignScope{}, ErrForbidden
		}
		return CampaignScope{Whole: true}, nil
	}
	return CampaignScope{}, ErrForbidden
}
