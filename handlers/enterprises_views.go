package handlers

import (
	"duijie/domain"
	"duijie/service/accounts"
)

// enterpriseMeView is the data of enterprises/me: the member's profile, its verification and
// its colleagues.
type enterpriseMeView struct {
	Page
	Enterprise   enterpriseView
	Completeness domain.Completeness
	Verification string
	Colleagues   *accounts.Colleagues
	Me           string // the member's user ID
}

// enterpriseEditView is the data of enterprises/edit, the member's profile form.
type enterpriseEditView struct {
	Page
	Enterprise       enterpriseView
	SelectedClusters []string
	Scales           []domain.Scale
	RegionHint       string
}

// enterpriseListView is the data of enterprises/list, the directory.
type enterpriseListView struct {
	Page
	Enterprises  []enterpriseView
	Total        int
	Next, First  string
	Tiers        []domain.EnterpriseTier
	ExportQuery  string   // the selection, for the export links
	ManagedCodes []string // the clusters the caller may filter by; nil: all
}

// enterpriseDetailView is the data of enterprises/detail.
type enterpriseDetailView struct {
	Page
	Enterprise   enterpriseView
	Completeness domain.Completeness
}

// enterpriseCorrectionView is the data of trust/enterprise, an admin's correction form.
type enterpriseCorrectionView struct {
	Page
	E *domain.Enterprise
}
