package domain

import "math"

// KPIProgress is a figure shown without a verdict: members see how far the programme got, never
// whether it is behind (the office judges its organisers, not the public).
const KPIProgress KPIStatus = "progress"

// WithoutVerdicts returns kpis with every judgement of pace (on track, behind, missed) replaced
// by KPIProgress; met and upcoming stay, since they judge no one.
func WithoutVerdicts(kpis []CampaignKPI) []CampaignKPI {
	out := make([]CampaignKPI, len(kpis))
	for i, k := range kpis {
		switch k.Status {
		case KPIOnTrack, KPIBehind, KPIMissed:
			k.Status, k.Expected = KPIProgress, 0
		}
		out[i] = k
	}
	return out
}

// CampaignContribution is a cluster's part of the programme's four core targets (十百千万), in
// percent: the mean of its share of each target. Targets are set for the programme only, so this
// is how clusters are ranked "by completion": a cluster that held 2 of 10 flagship events, 30 of
// 100 sessions, 200 of 1,000 enterprises and 1,000 of 10,000 leads contributed 20+30+20+10 / 4 =
// 20 %. Each share is capped at 100 so one figure cannot hide the others.
func CampaignContribution(t CampaignTargets, a CampaignActuals) float64 {
	share := func(actual, target int) float64 {
		if target <= 0 {
			return 0
		}
		return math.Min(float64(actual)*100/float64(target), 100)
	}
	sum := share(a.FlagshipEvents, t.FlagshipEvents) + share(a.MatchmakingSessions(), t.MatchmakingSessions) +
		share(a.Enterprises, t.Enterprises) + share(a.Leads, t.Leads)
	return math.Floor(sum/4*10) / 10
}

// CampaignClusterBehind says a cluster lags: its contribution is below what an even split of the
// targets among the clusters asks for by now (elapsed: the share of the year passed). No cluster
// lags before the year begins or when there are no clusters. This is the bulletin's "落后进度"
// list; members never see it.
func CampaignClusterBehind(contribution, elapsed float64, clusters int) bool {
	if clusters <= 0 || elapsed <= 0 {
		return false
	}
	return contribution < math.Floor(math.Min(elapsed, 1)*100/float64(clusters)*10)/10
}
