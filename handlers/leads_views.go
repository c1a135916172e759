package handlers

import (
	"duijie/domain"
	"duijie/service/intake"
)

// leadListView is the data of leads/list.
type leadListView struct {
	Page
	Leads       []leadPageView
	Total       int
	Next, First string // pagination links, "" when there is none
	Statuses    []domain.LeadStatus
	CanPost     bool
}

// leadDetailView is the data of leads/detail.
type leadDetailView struct {
	Page
	Lead      leadPageView
	CanEdit   bool
	CanTriage bool
	Outcomes  []domain.LeadOutcome // what the close form offers
	Matches   bool                 // the caller may open the lead's matches
	// Understood is what the platform read from the lead, shown above the triage form when
	// its clusters were inferred (nil otherwise).
	Understood *intake.Analysis
}

// leadFormView is the data of leads/form; Lead is nil for a new lead.
type leadFormView struct {
	Page
	Lead             *leadPageView
	SelectedClusters []string
	SelectedTiers    []string
	Tiers            []domain.EnterpriseTier
	OnBehalf         bool // staff posting for a buyer
	BuyerNameField   bool // an outside buyer's name can be typed
	BuyerUsccField   bool // a registered buyer can be named by credit code
	RegionHint       string
	// Understood is what the platform read of the text, when the form asked for it without
	// JavaScript (intake_form.go); nil otherwise.
	Understood *intake.Analysis
}
