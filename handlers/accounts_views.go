package handlers

import "duijie/domain"

// formView is the data of a page that is only a form: login, signup.
type formView struct{ Page }

// forgotView is the data of trust/forgot; Sent once a link went out (or would have).
type forgotView struct {
	Page
	Sent bool
}

// resetView is the data of trust/reset; Dead when the link is unknown, used or expired.
type resetView struct {
	Page
	Dead  bool
	Email string
}

// invitationView is the data of trust/invitation.
type invitationView struct {
	Page
	Dead           bool
	Email          string
	EnterpriseName string
}

// accountView is the data of account: the caller's tokens and enterprise, a token just made
// (its secret is shown once) and the password form's problems.
type accountView struct {
	Page
	Tokens         []domain.APIToken
	Enterprise     *domain.Enterprise
	HasProfile     bool
	NewToken       string
	NewTokenName   string
	PasswordErrors map[string]string
}

// adminUsersView is the data of admin/users.
type adminUsersView struct {
	Page
	Users             []domain.User
	Total             int // shown on the "everyone" tab only
	Role              string
	RoleTabs          []domain.Role
	Enterprises       map[string]string // enterprise ID → name
	NextURL, FirstURL string
}

// adminUserView is the data of trust/user, one account's form.
type adminUserView struct {
	Page
	User *domain.User
	Self bool // the admin's own account
}

// homeView is the data of home.
type homeView struct {
	Page
	Clusters  []domain.Cluster
	Tiers     []tierGroup
	Targets   []campaignTarget
	Year      int
	HasEvents bool
}

// adminClustersView is the data of admin/clusters: the clusters by tier, the add form (Form)
// and, after a refused rename, that cluster's form.
type adminClustersView struct {
	Page
	Clusters   []domain.Cluster
	TierCounts map[domain.ClusterTier]int
	TierList   []domain.ClusterTier
	RenameCode string
	RenameForm map[string]string
}

// verificationsView is the data of trust/verifications, the verification queue.
type verificationsView struct {
	Page
	State             string
	States            []domain.Verification
	Counts            map[domain.Verification]int
	Items             []queueItem
	Total             int
	NextURL, FirstURL string
}
