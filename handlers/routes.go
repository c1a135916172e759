package handlers

import (
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// access says who may call a route. Cluster scoping (an organiser only for their clusters) is
// finer than a route and is checked in the handler with User.CanManageCluster.
type access struct {
	name     string
	signedIn bool
	roles    []domain.Role // empty: any signed-in user
	noCSRF   bool
}

var (
	anyone     = access{name: "anyone"}
	signedIn   = access{name: "signed-in", signedIn: true}
	admins     = only(domain.RoleAdmin)
	organisers = only(domain.RoleOrganiser, domain.RoleAdmin)
	members    = only(domain.RoleMember)
	// secretLink is anyone holding a secret URL (calendar feed, one-click unsubscribe): mail
	// clients post to it without a session, so it carries no CSRF token.
	secretLink = access{name: "secret-link", noCSRF: true}
)

func only(roles ...domain.Role) access {
	return access{name: fmt.Sprint(roles), signedIn: true, roles: roles}
}

// route is one line of the URL table.
type route struct {
	method  string
	path    string
	access  access
	handler fiber.Handler
}

// routes is every URL of Duijie. Keep it one screen per area; handlers live in one file per
// resource. Every route here must also appear in routes_test.go with its expected statuses.
func (h *Handler) routes() []route {
	return []route{
		// Operations
		{"GET", "/healthz", anyone, h.healthz},
		{"GET", "/readyz", anyone, h.readyz},
		{"GET", "/metrics", anyone, h.metricsEndpoint()},
		// The API described (openapi.go, openapi_docs.go) and its reference page
		{"GET", "/api/v1/openapi.json", anyone, h.apiOpenAPI},
		{"GET", "/api/docs", anyone, h.pageAPIDocs},

		// Authentication and the caller's account
		{"POST", "/api/v1/auth/login", anyone, h.apiLogin},
		{"POST", "/api/v1/auth/signup", anyone, h.apiSignup},
		{"POST", "/api/v1/auth/logout", signedIn, h.apiLogout},
		{"GET", "/api/v1/me", signedIn, h.apiMe},
		{"GET", "/api/v1/me/tokens", signedIn, h.apiListTokens},
		{"POST", "/api/v1/me/tokens", signedIn, h.apiCreateToken},
		{"DELETE", "/api/v1/me/tokens/:id", signedIn, h.apiDeleteToken},
		// Passwords and colleagues (accounts_api.go, service/accounts): reset and invitation links
		// are secrets mailed to one person, like the calendar feed.
		{"POST", "/api/v1/me/password", signedIn, h.apiChangePassword},
		{"POST", "/api/v1/auth/password-reset", anyone, h.apiRequestReset},
		{"POST", "/api/v1/auth/password-reset/:token", secretLink, h.apiResetPassword},
		{"POST", "/api/v1/auth/invitations/:token", secretLink, h.apiAcceptInvitation},
		{"GET", "/api/v1/enterprises/me/members", members, h.apiMembers},
		{"POST", "/api/v1/enterprises/me/members", members, h.apiInviteMember},
		{"DELETE", "/api/v1/enterprises/me/members/:userId", members, h.apiRemoveMember},

		// Administration
		{"GET", "/api/v1/users", admins, h.apiListUsers},
		{"POST", "/api/v1/users", admins, h.apiCreateUser},
		{"PATCH", "/api/v1/users/:id", admins, h.apiUpdateUser},
		{"POST", "/api/v1/users/:id/reset-link", admins, h.apiSendReset},

		// Enterprise verification (verifications.go): a member uploads the business licence,
		// an organiser of the firm's clusters or an admin verifies or rejects (scope checked in
		// service/accounts).
		{"POST", "/api/v1/enterprises/me/verification", members, h.apiSubmitLicence},
		{"POST", "/api/v1/enterprises/:id/verify", organisers, h.apiVerify},
		{"POST", "/api/v1/enterprises/:id/reject", organisers, h.apiReject},
		{"GET", "/api/v1/enterprises/:id/licence", organisers, h.licenceFile},
		{"GET", "/admin/verifications", organisers, h.pageVerifications},
		{"POST", "/enterprises/:id/verify", organisers, h.formVerify},
		{"POST", "/enterprises/:id/reject", organisers, h.formReject},
		{"GET", "/enterprises/:id/licence", organisers, h.licenceFile},
		{"POST", "/enterprises/me/verification", members, h.formSubmitLicence},

		// Pages of passwords and colleagues (accounts_pages.go)
		{"GET", "/forgot", anyone, h.pageForgot},
		{"POST", "/forgot", anyone, h.formForgot},
		{"GET", "/reset/:token", anyone, h.pageReset},
		{"POST", "/reset/:token", anyone, h.formReset},
		{"GET", "/invitations/:token", anyone, h.pageInvitation},
		{"POST", "/invitations/:token", anyone, h.formInvitation},
		{"POST", "/account/password", signedIn, h.formChangePassword},
		{"POST", "/enterprises/me/members", members, h.formInviteMember},
		{"POST", "/enterprises/me/members/:userId/remove", members, h.formRemoveMember},
		{"POST", "/enterprises/me/invitations/cancel", members, h.formCancelInvitation},
		{"GET", "/api/v1/audit", admins, h.apiListAudit},

		// Clusters
		{"GET", "/api/v1/clusters", anyone, h.apiListClusters},
		{"GET", "/api/v1/codes/:kind", anyone, h.apiCodes},
		{"POST", "/api/v1/clusters", admins, h.apiCreateCluster},
		{"PATCH", "/api/v1/clusters/:code", admins, h.apiUpdateCluster},

		// Enterprises: profiles, the directory, exports and imports (enterprises_api.go,
		// enterprises_*.go, import*.go). The fixed paths come before /:id.
		{"GET", "/api/v1/enterprises/me", members, h.apiMyEnterprise},
		{"PUT", "/api/v1/enterprises/me", members, h.apiPutMyEnterprise},
		{"GET", "/api/v1/enterprises", organisers, h.apiListEnterprises},
		{"GET", "/api/v1/enterprises.csv", organisers, h.apiExportEnterprisesCSV},
		{"GET", "/api/v1/enterprises.xlsx", organisers, h.apiExportEnterprisesXLSX},
		{"POST", "/api/v1/enterprises/import", admins, h.apiImport("enterprises")},
		{"GET", "/api/v1/enterprises/:id", signedIn, h.apiGetEnterprise},

		// Order leads (leads*.go): who sees and changes one lead is decided per lead.
		{"POST", "/api/v1/leads", signedIn, h.apiCreateLead},
		{"GET", "/api/v1/leads", signedIn, h.apiListLeads},
		{"POST", "/api/v1/leads/import", organisers, h.apiImport("leads")},
		{"POST", "/api/v1/leads/analyse", signedIn, h.apiAnalyseLead},
		{"GET", "/api/v1/leads/:id", signedIn, h.apiGetLead},
		{"PATCH", "/api/v1/leads/:id", signedIn, h.apiPatchLead},
		{"POST", "/api/v1/leads/:id/open", signedIn, h.apiOpenLead},
		{"POST", "/api/v1/leads/:id/close", signedIn, h.apiCloseLead},
		{"POST", "/api/v1/leads/:id/clusters", organisers, h.apiConfirmLeadClusters},
		// What triage taught the platform (lessons.go): organisers their clusters, admins all.
		{"GET", "/api/v1/triage/lessons", organisers, h.apiListLessons},
		{"POST", "/api/v1/triage/lessons", organisers, h.apiSwitchLesson},

		// Events, agendas, registrations, check-in, calendars (events.go, registrations*.go,
		// checkin.go, calendar.go). The .ics routes come before /:id, which would match them.
		{"GET", "/api/v1/events", anyone, h.apiListEvents},
		{"POST", "/api/v1/events", organisers, h.apiCreateEvent},
		{"GET", "/api/v1/events/:id.ics", anyone, h.eventICS},
		{"GET", "/api/v1/events/:id", anyone, h.apiGetEvent},
		{"PATCH", "/api/v1/events/:id", organisers, h.apiUpdateEvent},
		{"PUT", "/api/v1/events/:id/agenda", organisers, h.apiPutAgenda},
		{"POST", "/api/v1/events/:id/publish", organisers, h.apiPublishEvent},
		{"POST", "/api/v1/events/:id/cancel", organisers, h.apiCancelEvent},
		{"POST", "/api/v1/events/:id/complete", organisers, h.apiCompleteEvent},
		{"POST", "/api/v1/events/:id/registrations", members, h.apiRegister},
		{"GET", "/api/v1/events/:id/registrations", organisers, h.apiListRegistrations},
		{"GET", "/api/v1/events/:id/registrations.xlsx", organisers, h.apiExportXLSX},
		{"GET", "/api/v1/events/:id/registrations.csv", organisers, h.apiExportCSV},
		{"POST", "/api/v1/events/:id/checkins", organisers, h.apiCheckIn},
		{"POST", "/api/v1/events/:id/checkins/batch", organisers, h.apiCheckInBatch},
		{"GET", "/api/v1/events/:id/checkins/counts", organisers, h.apiCheckinCounts},
		{"GET", "/api/v1/events/:id/checkins", organisers, h.apiListCheckins},
		{"GET", "/api/v1/me/registrations", members, h.apiMyRegistrations},
		{"GET", "/api/v1/registrations/:id", signedIn, h.apiGetRegistration},
		{"DELETE", "/api/v1/registrations/:id", signedIn, h.apiCancelRegistration},
		{"POST", "/api/v1/registrations/:id/confirm", members, h.apiConfirmOffer},
		{"POST", "/api/v1/registrations/:id/approve", organisers, h.apiApproveRegistration},
		{"POST", "/api/v1/registrations/:id/reject", organisers, h.apiRejectRegistration},
		{"POST", "/api/v1/events/:id/walkins", organisers, h.apiWalkin},
		{"GET", "/api/v1/me/calendar", members, h.apiMyCalendar},
		{"POST", "/api/v1/me/calendar/reset", members, h.apiResetMyCalendar},
		{"GET", "/api/v1/calendar/:token.ics", secretLink, h.calendarFeed},

		// Pages: form posts of sign-in, sign-up and sign-out
		{"POST", "/login", anyone, h.formLogin},
		{"POST", "/signup", anyone, h.formSignup},
		{"POST", "/logout", signedIn, h.formLogout},

		// Pages: the site, the account and administration (page_*.go)
		{"GET", "/static/*", anyone, h.staticFile},
		{"GET", "/", anyone, h.pageHome},
		{"GET", "/login", anyone, h.pageLogin},
		{"GET", "/signup", anyone, h.pageSignup},
		{"GET", "/account", signedIn, h.pageAccount},
		{"POST", "/account/tokens", signedIn, h.formCreateToken},
		{"POST", "/account/tokens/:id/delete", signedIn, h.formDeleteToken},
		{"GET", "/admin/clusters", admins, h.pageAdminClusters},
		{"POST", "/admin/clusters", admins, h.formCreateCluster},
		{"POST", "/admin/clusters/:code", admins, h.formRenameCluster},
		{"GET", "/admin/users", admins, h.pageAdminUsers},
		{"POST", "/admin/users", admins, h.formCreateUser},
		{"GET", "/admin/users/:id", admins, h.pageAdminUser},
		{"POST", "/admin/users/:id", admins, h.formAdminUser},
		{"POST", "/admin/users/:id/reset", admins, h.formAdminUserReset},

		// Pages: events, registration, the organiser's console and check-in (events_pages.go,
		// events_console.go, registrations_pages.go, checkin_pages.go, calendar.go)
		{"GET", "/events", anyone, h.pageEvents},
		{"GET", "/events/new", organisers, h.pageNewEvent},
		{"POST", "/events", organisers, h.formCreateEvent},
		{"GET", "/events/:id.ics", anyone, h.eventICS},
		{"GET", "/events/:id", anyone, h.pageEvent},
		{"POST", "/events/:id", organisers, h.formUpdateEvent},
		{"GET", "/events/:id/edit", organisers, h.pageEditEvent},
		{"POST", "/events/:id/agenda", organisers, h.formAgenda},
		{"POST", "/events/:id/questions", organisers, h.formQuestions},
		{"POST", "/events/:id/walkins", organisers, h.formWalkin},
		{"POST", "/events/:id/publish", organisers, h.formPublishEvent},
		{"POST", "/events/:id/cancel", organisers, h.formCancelEvent},
		{"GET", "/events/:id/register", members, h.pageRegister},
		{"POST", "/events/:id/register", members, h.formRegister},
		{"GET", "/events/:id/console", organisers, h.pageConsole},
		{"GET", "/events/:id/badges", organisers, h.pageBadges},
		{"GET", "/events/:id/checkin", organisers, h.pageCheckin},
		{"POST", "/events/:id/checkin", organisers, h.formCheckin},
		{"GET", "/me/registrations", members, h.pageMyRegistrations},
		{"POST", "/me/calendar/reset", members, h.formResetCalendar},
		{"POST", "/registrations/:id/cancel", signedIn, h.formCancelRegistration},
		{"POST", "/registrations/:id/confirm", members, h.formConfirmOffer},
		{"POST", "/registrations/:id/approve", organisers, h.formApproveRegistration},
		{"POST", "/registrations/:id/reject", organisers, h.formRejectRegistration},
		{"GET", "/registrations/:id/qr.png", signedIn, h.registrationQR},
		{"GET", "/calendar/:token.ics", secretLink, h.calendarFeed},

		// Pages: profiles, the directory, leads and imports (enterprises_pages.go, leads_pages.go,
		// import_pages.go)
		{"GET", "/enterprises/me", members, h.pageMyEnterprise},
		{"GET", "/enterprises/me/edit", members, h.pageEditMyEnterprise},
		{"POST", "/enterprises/me", members, h.formUpdateMyEnterprise},
		{"GET", "/enterprises", organisers, h.pageEnterprises},
		{"GET", "/enterprises/:id", organisers, h.pageEnterprise},
		// After the /enterprises/me rows, which these patterns would shadow: an admin corrects an enterprise's record (a credit code typed wrong at sign-up).
		{"PATCH", "/api/v1/enterprises/:id", admins, h.apiCorrectEnterprise},
		{"GET", "/enterprises/:id/edit", admins, h.pageEditEnterprise},
		{"POST", "/enterprises/:id", admins, h.formEditEnterprise},
		{"GET", "/leads", signedIn, h.pageLeads},
		{"GET", "/leads/new", signedIn, h.pageNewLead},
		{"GET", "/leads/triage", organisers, h.pageTriage},
		{"GET", "/leads/triage/lessons", organisers, h.pageLessons},
		{"POST", "/leads/triage/lessons", organisers, h.formSwitchLesson},
		{"POST", "/leads", signedIn, h.formCreateLead},
		{"GET", "/leads/:id", signedIn, h.pageLead},
		{"GET", "/leads/:id/edit", signedIn, h.pageEditLead},
		{"POST", "/leads/:id", signedIn, h.formUpdateLead},
		{"POST", "/leads/:id/open", signedIn, h.formOpenLead},
		{"POST", "/leads/:id/close", signedIn, h.formCloseLead},
		{"POST", "/leads/:id/clusters", organisers, h.formConfirmClusters},
		{"GET", "/admin/import", organisers, h.pageImport},
		{"GET", "/admin/import/:kind.csv", organisers, h.importTemplate},
		{"POST", "/admin/import/enterprises", admins, h.formImport("enterprises")},
		{"POST", "/admin/import/leads", organisers, h.formImport("leads")},

		// Jobs, mail and preferences (jobs.go, outbox.go, preferences.go, unsubscribe.go)
		{"GET", "/api/v1/jobs", admins, h.apiListJobs},
		{"GET", "/api/v1/jobs/runs", admins, h.apiListJobRuns},
		{"POST", "/api/v1/jobs/:name/run", admins, h.apiRunJob},
		{"GET", "/api/v1/outbox", admins, h.apiListOutbox},
		{"GET", "/api/v1/outbox/:id", admins, h.apiGetOutbox},
		{"GET", "/api/v1/me/preferences", signedIn, h.apiGetPreferences},
		{"PUT", "/api/v1/me/preferences", signedIn, h.apiPutPreferences},
		{"GET", "/admin/jobs", admins, h.pageAdminJobs},
		{"POST", "/admin/jobs/:name/run", admins, h.formRunJob},
		{"GET", "/admin/outbox", admins, h.pageAdminOutbox},
		{"GET", "/admin/outbox/:id", admins, h.pageAdminOutboxMessage},
		{"GET", "/admin/outbox/:id/html", admins, h.outboxHTML},
		{"GET", "/account/preferences", signedIn, h.pagePreferences},
		{"POST", "/account/preferences", signedIn, h.formPreferences},
		{"GET", "/unsubscribe/:token", secretLink, h.pageUnsubscribe},
		{"POST", "/unsubscribe/:token", secretLink, h.formUnsubscribe},

		// Matches: rankings, "leads for you", answers, outcomes and the funnel (matches*.go).
		// Who sees a lead's ranking or records an outcome is decided per lead in the handler.
		{"GET", "/api/v1/leads/:id/matches", signedIn, h.apiLeadMatches},
		{"GET", "/api/v1/me/matches", members, h.apiMyMatches},
		{"GET", "/api/v1/me/matches/suggestions", members, h.apiMySuggestions},
		{"GET", "/api/v1/matches/funnel", organisers, h.apiFunnel},
		{"GET", "/api/v1/matches/:id", signedIn, h.apiGetMatch},
		{"POST", "/api/v1/matches/:id/respond", members, h.apiRespond},
		{"POST", "/api/v1/matches/:id/outcome", signedIn, h.apiOutcome},
		{"GET", "/me/matches", members, h.pageMyMatches},
		{"POST", "/matches/:id/respond", members, h.formRespond},
		{"GET", "/leads/:id/matches", signedIn, h.pageLeadMatches},
		{"POST", "/matches/:id/outcome", signedIn, h.formOutcome},
		{"GET", "/matches/funnel", organisers, h.pageFunnel},

		// Buyer actions and quotes (deals*.go): who acts on a lead is decided per lead
		// in the service; quoting is the matched supplier's.
		{"POST", "/api/v1/leads/:id/shortlist", signedIn, h.apiShortlist},
		{"DELETE", "/api/v1/leads/:id/shortlist/:enterpriseId", signedIn, h.apiUnshortlist},
		{"POST", "/api/v1/leads/:id/invite", signedIn, h.apiInvite},
		{"GET", "/api/v1/leads/:id/quotes", signedIn, h.apiLeadQuotes},
		{"POST", "/api/v1/matches/:id/quote", members, h.apiQuote},
		{"POST", "/leads/:id/shortlist", signedIn, h.formShortlist},
		{"POST", "/leads/:id/invite", signedIn, h.formInvite},
		{"GET", "/leads/:id/quotes", signedIn, h.pageLeadQuotes},
		{"GET", "/matches/:id/quote", members, h.pageQuoteForm},
		// Dashboards (dashboard.go): every role's first screen after signing in.
		{"GET", "/api/v1/me/dashboard", signedIn, h.apiMyDashboard},
		{"GET", "/dashboard", signedIn, h.pageDashboard},
		{"POST", "/matches/:id/quote", members, h.formQuote},

		// Campaign: the 十百千万 dashboard and the yearly targets (campaign*.go). Members see the
		// programme-wide progress only, organisers their clusters (checked in the handler);
		// targets are the admins' to set.
		{"GET", "/api/v1/campaign/kpis", signedIn, h.apiCampaignKPIs},
		{"GET", "/api/v1/campaign/targets/:year", signedIn, h.apiCampaignTargets},
		{"PUT", "/api/v1/campaign/targets/:year", admins, h.apiPutCampaignTargets},
		{"GET", "/campaign", signedIn, h.pageCampaign},
		{"GET", "/campaign/targets/:year", admins, h.pageCampaignTargets},
		{"POST", "/campaign/targets/:year", admins, h.formCampaignTargets},
		// The monthly bulletin (通报, campaign_report.go): organisers (their clusters) and admins.
		{"GET", "/api/v1/campaign/report", organisers, h.apiCampaignReport},
		{"GET", "/api/v1/campaign/report.xlsx", organisers, h.campaignReportXLSX},
		{"GET", "/campaign/report", organisers, h.pageCampaignReport},
		{"GET", "/campaign/report.xlsx", organisers, h.campaignReportXLSX},

		// Meetings: 1:1 requests between participants of an event and the organiser's schedule
		// (meetings*.go). Only the two sides see or change a meeting; organisers of the event's
		// cluster schedule and publish (checked in the handler).
		{"POST", "/api/v1/events/:id/meetings", members, h.apiRequestMeeting},
		{"GET", "/api/v1/events/:id/meetings", organisers, h.apiEventMeetings},
		{"POST", "/api/v1/meetings/:id/accept", members, h.apiMeetingAction("accept")},
		{"POST", "/api/v1/meetings/:id/decline", members, h.apiMeetingAction("decline")},
		{"POST", "/api/v1/meetings/:id/cancel", members, h.apiMeetingAction("cancel")},
		{"POST", "/api/v1/events/:id/schedule", organisers, h.apiDraftSchedule},
		{"POST", "/api/v1/events/:id/schedule/publish", organisers, h.apiPublishSchedule},
		{"GET", "/api/v1/me/meetings", members, h.apiMyMeetings},
		{"GET", "/meetings", signedIn, h.pageMyMeetings},
		{"POST", "/events/:id/meetings/request", members, h.formRequestMeeting},
		{"POST", "/meetings/:id/accept", members, h.formMeetingAction("accept")},
		{"POST", "/meetings/:id/decline", members, h.formMeetingAction("decline")},
		{"POST", "/meetings/:id/cancel", members, h.formMeetingAction("cancel")},
		{"GET", "/events/:id/meetings", organisers, h.pageEventMeetings},
		{"POST", "/events/:id/schedule", organisers, h.formDraftSchedule},
		{"POST", "/events/:id/schedule/publish", organisers, h.formPublishSchedule},
		// Meetings to the level of b2match (meetings_participants.go,
		// meetings_organiser.go): the participant directory (members confirmed for the event,
		// its organisers; checked in the service), opt-in, meeting windows, free slots of a
		// pair, feedback after the slot and the organiser's report.
		{"GET", "/api/v1/events/:id/participants", signedIn, h.apiParticipants},
		{"PUT", "/api/v1/events/:id/meetings/opt-in", members, h.apiMeetingOptIn},
		{"GET", "/api/v1/events/:id/meetings/slots", members, h.apiFreeSlots},
		{"GET", "/api/v1/events/:id/meeting-slots", signedIn, h.apiGetMeetingSlots},
		{"PUT", "/api/v1/events/:id/meeting-slots", organisers, h.apiPutMeetingSlots},
		{"POST", "/api/v1/meetings/:id/feedback", members, h.apiMeetingFeedback},
		{"GET", "/api/v1/events/:id/meetings/report", organisers, h.apiMeetingReport},
		{"GET", "/events/:id/participants", signedIn, h.pageParticipants},
		{"POST", "/events/:id/meetings/opt-in", members, h.formMeetingOptIn},
		{"GET", "/events/:id/meetings/new", members, h.pageRequestMeeting},
		{"GET", "/meetings/:id/answer", members, h.pageAnswerMeeting},
		{"GET", "/meetings/:id/feedback", members, h.pageMeetingFeedback},
		{"POST", "/meetings/:id/feedback", members, h.formMeetingFeedback},
		{"GET", "/events/:id/meetings/windows", organisers, h.pageMeetingWindows},
		{"POST", "/events/:id/meetings/windows", organisers, h.formMeetingWindows},
		{"GET", "/events/:id/meetings/report", organisers, h.pageMeetingReport},
	}
}

// mount registers the route table on app, each route behind its guard.
func (h *Handler) mount(app *fiber.App) error {
	seen := map[string]bool{}
	for _, r := range h.routes() {
		key := r.method + " " + r.path
		if seen[key] {
			return fmt.Errorf("handlers: route %s is listed twice", key)
		}
		seen[key] = true
		app.Add(r.method, r.path, h.guard(r), r.handler)
		if r.method == fiber.MethodGet {
			app.Add(fiber.MethodHead, r.path, h.guard(r), r.handler)
		}
	}
	return nil
}

// guard enforces the route's access: no user → 401 (API) or the sign-in page (pages); wrong role
// → 403; then the CSRF token on unsafe methods. It also names the route for logs and metrics.
func (h *Handler) guard(r route) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Locals(localRoute, r.path)
		u := currentUser(c)
		if r.access.signedIn && u == nil {
			if isAPI(c) {
				return domain.ErrUnauthorized
			}
			return c.Redirect(loginURL(c), fiber.StatusSeeOther)
		}
		if len(r.access.roles) > 0 && !slices.Contains(r.access.roles, u.Role) {
			return domain.ErrForbidden
		}
		if !r.access.noCSRF {
			if err := h.checkCSRF(c); err != nil {
				return h.csrfRejected(c, err)
			}
		}
		return c.Next()
	}
}
