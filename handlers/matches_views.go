package handlers

import (
	"duijie/domain"
	"duijie/matchsvc"
	"duijie/service/deals"
)

// matchesMineView is the data of matches/mine, "leads for you".
type matchesMineView struct {
	Page
	Items       []matchView
	Suggestions []matchsvc.Suggestion
	// WeakSuggestions counts the weaker suggestions, listed last under a fold.
	WeakSuggestions int
	Tab             string
	Tabs            []string
	Total           int
	First, Next     string // pagination links, "" when there is none
	LeadPages       bool   // the lead pages exist, so a lead's title links to it
}

// matchesLeadView is the data of matches/lead, a lead's ranked suppliers.
type matchesLeadView struct {
	Page
	Lead       *domain.Lead
	Items      []buyerItem
	Funnel     domain.MatchFunnel
	Limit      int
	More       bool // a longer ranking can be asked for, MoreLimit long
	MoreLimit  int
	LeadPage   bool
	CanOutcome bool
	Deal       *deals.Panel
	// Unread says, for a lead the engine reads nothing from but place names, what to add.
	Unread string
	// Weaker counts the weaker matches, listed last under a fold.
	Weaker int
}

// matchesFunnelView is the data of matches/funnel; Cluster is the one chosen, "" for all.
type matchesFunnelView struct {
	Page
	Funnel  domain.MatchFunnel
	Rows    []matchsvc.ClusterFunnel
	Cluster string
}
