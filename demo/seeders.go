package demo

import (
	"context"

	"duijie/matchsvc"
	"duijie/store"
)

// Seeder adds one capability's sample data after the logins and enterprises exist.
type Seeder func(ctx context.Context, st *store.Store, env *Env) error

type registered struct {
	name string
	fn   Seeder
}

// seeders run in this order after the built-in logins and enterprises; a later one may use what
// an earlier one stored. To show a new capability in the demo, write its Seeder in a file of its
// own and add a row here.
var seeders = []registered{
	{"events", seedEvents},     // events with agendas, registrations and check-ins (events.go)
	{"leads", seedLeads},       // the demo buyers' leads (leads.go)
	{"lessons", seedLessons},   // leads the cluster office corrected, and one routed by it (lessons.go)
	{"meetings", seedMeetings}, // 1:1 meetings at the matchmaking event: needs the events (meetings.go)
	{"matches", seedMatches},   // the open leads' matches, some answered: needs the leads
	{"deals", seedDeals},       // quotes, a shortlist, an invitation and the mails they sent (deals.go)
	{"trust", seedTrust},       // a firm waiting in the verification queue with its licence (trust.go)
	{"mails", seedMails},       // the rest of the platform's mail, queued as it happens (mails.go)
	// last year and this year's past months, closed: the campaign's trend and bulletin (campaign.go)
	{"campaign-history", seedCampaignHistory},
}

// seedMatches stores the matches of the demo's open leads, as a lead opening would.
func seedMatches(ctx context.Context, st *store.Store, env *Env) error {
	return matchsvc.SeedDemo(ctx, st, env.Member.EnterpriseID, env.Now)
}
