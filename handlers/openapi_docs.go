package handlers

import (
	"duijie/domain"
	"duijie/domain/codes"
	"duijie/importer"
	"duijie/service/accounts"
	"duijie/service/checkin"
	"duijie/service/dashboard"
	"duijie/service/deals"
	evsvc "duijie/service/events"
	"duijie/service/intake"
	meetsvc "duijie/service/meetings"
	"duijie/store"
)

// apiDocs documents every /api/v1 route of routes.go by "METHOD path". A route added to the
// table without its line here fails TestOpenAPI; a Data type that does not describe what the
// handler sends fails the route-access test, which checks every API answer against the document.
var apiDocs = map[string]apiDoc{
	// Authentication and the caller's account
	"POST /api/v1/auth/login":        {Summary: "Sign in: a Bearer token (and a session cookie)", Body: typ[loginInput]()},
	"POST /api/v1/auth/signup":       {Summary: "Sign up a member and its enterprise", Status: 201, Body: typ[signupInput]()},
	"POST /api/v1/auth/logout":       {Summary: "Sign out: ends the session or revokes the Bearer token", Status: 204, NoBody: true},
	"GET /api/v1/me":                 {Summary: "The signed-in user", Data: typ[domain.User]()},
	"GET /api/v1/me/tokens":          {Summary: "The caller's API tokens", Data: typ[domain.APIToken](), List: true},
	"POST /api/v1/me/tokens":         {Summary: "Create an API token (its secret is shown once)", Status: 201, Data: typ[newToken]()},
	"DELETE /api/v1/me/tokens/:id":   {Summary: "Revoke an API token", Status: 204, NoBody: true},
	"GET /api/v1/me/dashboard":       {Summary: "What needs the caller now (by role)", Data: typ[dashboard.Dashboard]()},
	"GET /api/v1/me/preferences":     {Summary: "Notification preferences", Data: typ[prefsView]()},
	"PUT /api/v1/me/preferences":     {Summary: "Change notification preferences", Body: typ[prefsInput](), Data: typ[prefsView]()},
	"GET /api/v1/me/calendar":        {Summary: "The caller's private calendar feed URL"},
	"POST /api/v1/me/calendar/reset": {Summary: "Replace the calendar feed URL (the old one stops working)"},

	// Passwords, invitations and colleagues
	"POST /api/v1/me/password":                      {Summary: "Change the caller's password", Status: 204, NoBody: true},
	"POST /api/v1/auth/password-reset":              {Summary: "Mail a password-reset link (202 whether or not the address exists)", Status: 202, NoBody: true},
	"POST /api/v1/auth/password-reset/:token":       {Summary: "Set a new password with a reset link; every session ends", Status: 204, NoBody: true},
	"POST /api/v1/auth/invitations/:token":          {Summary: "Accept an invitation: password and name; signed in", Status: 201},
	"GET /api/v1/enterprises/me/members":            {Summary: "The member enterprise's colleagues and open invitations"},
	"POST /api/v1/enterprises/me/members":           {Summary: "Invite a colleague by mail (link valid 7 days)", Status: 201},
	"DELETE /api/v1/enterprises/me/members/:userId": {Summary: "Remove a colleague", Status: 204, NoBody: true},
	"POST /api/v1/users/:id/reset-link":             {Summary: "Mail a user a password-reset link (admin)", Status: 202, NoBody: true},

	// Enterprise verification and an admin's corrections (verifications.go, enterprises_edit.go)
	"POST /api/v1/enterprises/me/verification": {Summary: "Upload the business licence (multipart file: PDF, JPG or PNG, ≤ 5 MB); the enterprise becomes pending", Data: typ[domain.Enterprise]()},
	"POST /api/v1/enterprises/:id/verify":      {Summary: "Verify an enterprise (organisers of its clusters, admins)", Data: typ[domain.Enterprise]()},
	"POST /api/v1/enterprises/:id/reject":      {Summary: "Reject an enterprise's verification with a reason", Body: typ[verificationReject](), Data: typ[domain.Enterprise]()},
	"GET /api/v1/enterprises/:id/licence":      {Summary: "The enterprise's business licence file (organisers of its clusters, admins; audited)", File: "application/pdf"},
	"PATCH /api/v1/enterprises/:id":            {Summary: "Correct an enterprise's name, credit code or clusters (admin)", Body: typ[accounts.Correction](), Data: typ[domain.Enterprise]()},

	// Administration
	"GET /api/v1/users":           {Summary: "Users (admin)", Data: typ[domain.User](), List: true, Query: []string{"role"}},
	"POST /api/v1/users":          {Summary: "Create a user (admin)", Status: 201, Body: typ[userInput](), Data: typ[domain.User]()},
	"PATCH /api/v1/users/:id":     {Summary: "Change a user's name, role, clusters or disable it (admin)", Body: typ[accounts.Patch](), Data: typ[domain.User]()},
	"GET /api/v1/audit":           {Summary: "The audit log, newest first (admin)", Data: typ[domain.AuditEntry](), List: true, Query: []string{"target"}},
	"GET /api/v1/jobs":            {Summary: "Scheduled jobs with schedule, lease and last run (admin)", Data: typ[jobRow](), List: true},
	"GET /api/v1/jobs/runs":       {Summary: "Job run history, newest first (admin)", Data: typ[domain.JobRun](), List: true, Query: []string{"job"}},
	"POST /api/v1/jobs/:name/run": {Summary: "Run a job now; waits up to 5 s and says what it did (admin)", Status: 202},
	"GET /api/v1/outbox":          {Summary: "Outgoing mail (admin)", Data: typ[domain.OutboxMessage](), List: true, Query: []string{"status", "kind"}},
	"GET /api/v1/outbox/:id":      {Summary: "One outgoing mail (admin)", Data: typ[domain.OutboxMessage]()},

	// Clusters
	"GET /api/v1/clusters":         {Summary: "The industrial clusters", Data: typ[domain.Cluster](), List: true},
	"POST /api/v1/clusters":        {Summary: "Add a cluster (admin)", Status: 201, Body: typ[clusterInput](), Data: typ[domain.Cluster]()},
	"PATCH /api/v1/clusters/:code": {Summary: "Rename or retire a cluster (admin)", Body: typ[clusterPatch](), Data: typ[domain.Cluster]()},

	// Enterprises
	"GET /api/v1/enterprises/me":      {Summary: "The member's enterprise profile", Data: typ[domain.Enterprise]()},
	"PUT /api/v1/enterprises/me":      {Summary: "Replace the member's enterprise profile", Body: typ[profileInput](), Data: typ[profileView]()},
	"GET /api/v1/enterprises":         {Summary: "The enterprise directory (region: a city code takes its districts)", Data: typ[domain.Enterprise](), List: true, Query: []string{"q", "cluster", "region", "tier", "verification"}},
	"GET /api/v1/enterprises.csv":     {Summary: "The directory as CSV", File: "text/csv", Query: []string{"q", "cluster", "region", "tier"}},
	"GET /api/v1/enterprises.xlsx":    {Summary: "The directory as an Excel workbook", File: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Query: []string{"q", "cluster", "region", "tier"}},
	"POST /api/v1/enterprises/import": {Summary: "Import enterprises from .xlsx/.csv (multipart file); all or nothing", Data: typ[importer.Report](), Query: []string{"dryRun"}},
	"GET /api/v1/enterprises/:id":     {Summary: "One enterprise", Data: typ[domain.Enterprise]()},

	// Leads
	"POST /api/v1/leads":                               {Summary: "Post an order lead", Status: 201, Body: typ[leadInput](), Data: typ[domain.Lead]()},
	"GET /api/v1/leads":                                {Summary: "Leads the caller may see", Data: typ[domain.Lead](), List: true, Query: []string{"q", "cluster", "status", "mine", "triage"}},
	"POST /api/v1/leads/import":                        {Summary: "Import leads from .xlsx/.csv (multipart file); a ref column updates by (buyer, ref)", Data: typ[importer.Report](), Query: []string{"dryRun"}},
	"POST /api/v1/leads/analyse":                       {Summary: "What the platform understands of a lead's text", Body: typ[intake.AnalyseInput](), Data: typ[intake.Analysis]()},
	"GET /api/v1/leads/:id":                            {Summary: "One lead", Data: typ[domain.Lead]()},
	"PATCH /api/v1/leads/:id":                          {Summary: "Change a lead", Body: typ[leadInput](), Data: typ[domain.Lead]()},
	"POST /api/v1/leads/:id/open":                      {Summary: "Open a draft lead", Data: typ[domain.Lead]()},
	"POST /api/v1/leads/:id/close":                     {Summary: "Close a lead with its outcome", Data: typ[domain.Lead]()},
	"POST /api/v1/leads/:id/clusters":                  {Summary: "Confirm or correct a lead's inferred clusters (organiser)", Data: typ[domain.Lead]()},
	"GET /api/v1/triage/lessons":                       {Summary: "What triage corrections taught the platform: term → cluster links (organiser: its clusters)", Data: typ[domain.LearnedLink](), List: true},
	"POST /api/v1/triage/lessons":                      {Summary: "Switch a learned link off (off: true) or on again", Body: typ[lessonSwitchInput](), Data: typ[domain.LearnedLink]()},
	"GET /api/v1/leads/:id/matches":                    {Summary: "A lead's ranked suppliers with why", Data: typ[matchView](), List: true, Query: []string{"limit"}},
	"POST /api/v1/leads/:id/shortlist":                 {Summary: "Shortlist a supplier for a lead", Body: typ[shortlistInput]()},
	"DELETE /api/v1/leads/:id/shortlist/:enterpriseId": {Summary: "Take a supplier off the shortlist", Status: 204, NoBody: true},
	"POST /api/v1/leads/:id/invite":                    {Summary: "Send the lead to a supplier outside the ranking", Status: 201, Body: typ[inviteInput](), Data: typ[domain.Match]()},
	"GET /api/v1/leads/:id/quotes":                     {Summary: "Quotes side by side (with per-currency totals in \"currencies\")", Data: typ[deals.QuoteView](), List: true},

	// Matches
	"GET /api/v1/me/matches":             {Summary: "Leads matched to the member's enterprise", Data: typ[matchView](), List: true, Query: []string{"status"}},
	"GET /api/v1/me/matches/suggestions": {Summary: "Suggested leads for the member's enterprise", Data: typ[suggestionView](), List: true, Query: []string{"limit"}},
	"GET /api/v1/matches/funnel":         {Summary: "How far matches got (organiser)", Data: typ[domain.MatchFunnel](), Query: []string{"lead", "cluster"}},
	"GET /api/v1/matches/:id":            {Summary: "One match", Data: typ[matchView]()},
	"POST /api/v1/matches/:id/respond":   {Summary: "The supplier answers: interested or declined", Body: typ[respondInput](), Data: typ[matchView]()},
	"POST /api/v1/matches/:id/outcome":   {Summary: "Record how a match went (value in yuan)", Body: typ[outcomeInput](), Data: typ[matchView]()},
	"POST /api/v1/matches/:id/quote":     {Summary: "Quote for a lead after answering interested", Status: 201, Body: typ[quoteInput]()},

	// Events and registrations
	"GET /api/v1/events":                        {Summary: "Events", Data: typ[domain.Event](), List: true, Query: []string{"cluster", "status", "from", "to", "q"}},
	"POST /api/v1/events":                       {Summary: "Create an event (organiser)", Status: 201, Body: typ[eventInput](), Data: typ[domain.Event]()},
	"GET /api/v1/events/:id.ics":                {Summary: "An event as iCalendar", File: "text/calendar"},
	"GET /api/v1/events/:id":                    {Summary: "One event with its agenda", Data: typ[domain.Event]()},
	"PATCH /api/v1/events/:id":                  {Summary: "Change an event (organiser)", Body: typ[eventInput](), Data: typ[domain.Event]()},
	"PUT /api/v1/events/:id/agenda":             {Summary: "Replace an event's agenda (organiser)", Body: typ[agendaInput](), Data: typ[domain.Event]()},
	"POST /api/v1/events/:id/publish":           {Summary: "Publish an event (organiser)", Data: typ[domain.Event]()},
	"POST /api/v1/events/:id/cancel":            {Summary: "Cancel an event (organiser)", Data: typ[domain.Event]()},
	"POST /api/v1/events/:id/complete":          {Summary: "Mark an event held (organiser)", Data: typ[domain.Event]()},
	"POST /api/v1/events/:id/registrations":     {Summary: "Register the member's enterprise (201 new, 200 already registered)", Status: 201, Also: 200, Body: typ[registrationInput](), Data: typ[domain.Registration]()},
	"GET /api/v1/events/:id/registrations":      {Summary: "An event's registrations (organiser)", Data: typ[domain.Registration](), List: true, Query: []string{"status", "q"}},
	"GET /api/v1/events/:id/registrations.xlsx": {Summary: "Registrations as an Excel workbook", File: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"GET /api/v1/events/:id/registrations.csv":  {Summary: "Registrations as CSV", File: "text/csv"},
	"POST /api/v1/events/:id/checkins":          {Summary: "Check a person in by code", Status: 201, Body: typ[checkin.Scan](), Data: typ[checkinAnswer]()},
	"POST /api/v1/events/:id/checkins/batch":    {Summary: "Check in scans made offline; idempotent", Body: typ[batchInput](), Data: typ[[]checkin.Result]()},
	"GET /api/v1/events/:id/checkins/counts":    {Summary: "Registered, seats and checked-in counts", Data: typ[store.RegistrationCounts]()},
	"GET /api/v1/events/:id/checkins":           {Summary: "Door scans of an event", Data: typ[domain.Checkin](), List: true},
	"GET /api/v1/me/registrations":              {Summary: "The member's registrations", Data: typ[evsvc.MyRegistration](), List: true},
	"GET /api/v1/registrations/:id":             {Summary: "One registration", Data: typ[domain.Registration]()},
	"DELETE /api/v1/registrations/:id":          {Summary: "Cancel a registration", Data: typ[domain.Registration]()},
	"POST /api/v1/registrations/:id/confirm":    {Summary: "Take an offered seat", Data: typ[domain.Registration]()},
	"POST /api/v1/registrations/:id/approve":    {Summary: "Approve a pending registration: a seat, or the waitlist when full", Data: typ[domain.Registration]()},
	"POST /api/v1/registrations/:id/reject":     {Summary: "Reject a pending registration with a reason", Body: typ[rejectInput](), Data: typ[domain.Registration]()},
	"POST /api/v1/events/:id/walkins":           {Summary: "Add a walk-in or guest registration (organiser, no approval)", Status: 201, Body: typ[walkinInput](), Data: typ[domain.Registration]()},
	"GET /api/v1/calendar/:token.ics":           {Summary: "A private calendar feed", File: "text/calendar"},

	// Campaign
	"GET /api/v1/campaign/kpis":          {Summary: "十百千万 figures against the year's targets", Data: typ[campaignReport](), Query: []string{"year", "cluster", "by"}},
	"GET /api/v1/campaign/targets/:year": {Summary: "The year's targets", Data: typ[domain.CampaignTargets]()},
	"PUT /api/v1/campaign/targets/:year": {Summary: "Set the year's targets (admin; money in yuan)", Body: typ[campaignTargetsInput](), Data: typ[domain.CampaignTargets]()},

	// Meetings
	"POST /api/v1/events/:id/meetings":         {Summary: "Request a 1:1 meeting at an event", Status: 201, Body: typ[meetingInput](), Data: typ[domain.Meeting]()},
	"GET /api/v1/events/:id/meetings":          {Summary: "An event's meetings (organiser)", Data: typ[domain.Meeting](), List: true},
	"POST /api/v1/meetings/:id/accept":         {Summary: "Accept a meeting request, at its proposed slot or another free slot of both sides", Body: typ[answerInput](), Data: typ[domain.Meeting]()},
	"POST /api/v1/meetings/:id/decline":        {Summary: "Decline a meeting request", Body: typ[answerInput](), Data: typ[domain.Meeting]()},
	"POST /api/v1/meetings/:id/cancel":         {Summary: "Cancel a meeting", Body: typ[answerInput](), Data: typ[domain.Meeting]()},
	"POST /api/v1/events/:id/schedule":         {Summary: "Draft the meeting schedule (organiser)", Body: typ[scheduleInput](), Data: typ[meetsvc.DraftResult]()},
	"POST /api/v1/events/:id/schedule/publish": {Summary: "Publish the drafted schedule (organiser); each firm with a meeting gets its agenda by mail"},
	"GET /api/v1/me/meetings":                  {Summary: "The member's meetings", Data: typ[domain.Meeting](), List: true},
	"GET /api/v1/events/:id/participants":      {Summary: "Registered enterprises open to meetings", Data: typ[meetsvc.Participant](), List: true, Query: []string{"q", "cluster"}},
	"PUT /api/v1/events/:id/meetings/opt-in":   {Summary: "Opt the member's enterprise in or out of meetings", Body: typ[optInInput]()},
	"GET /api/v1/events/:id/meetings/slots":    {Summary: "Free slots with another enterprise", Data: typ[domain.SlotTime](), List: true, Query: []string{"with"}},
	"GET /api/v1/events/:id/meeting-slots":     {Summary: "An event's meeting windows and slots"},
	"PUT /api/v1/events/:id/meeting-slots":     {Summary: "Set an event's meeting windows (organiser)", Body: typ[meetingSlotsInput]()},
	"POST /api/v1/meetings/:id/feedback":       {Summary: "Say how a meeting went", Body: typ[feedbackInput](), Data: typ[domain.Meeting]()},
	"GET /api/v1/events/:id/meetings/report":   {Summary: "Meeting outcomes of an event (organiser)", Data: typ[meetsvc.Report]()},

	// Code pickers and the campaign bulletin
	"GET /api/v1/codes/:kind":          {Summary: "Codes (industry, hs, region, market, certification) by prefix or name", Data: typ[[]codes.Item](), Query: []string{"q", "limit"}},
	"GET /api/v1/campaign/report":      {Summary: "The monthly bulletin's figures (organiser)", Data: typ[bulletinJSON](), Query: []string{"year", "month", "cluster"}},
	"GET /api/v1/campaign/report.xlsx": {Summary: "The monthly bulletin as an Excel workbook (organiser)", File: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Query: []string{"year", "month", "cluster"}},

	// This document
	"GET /api/v1/openapi.json": {Summary: "This OpenAPI 3.1 document", File: "application/json"},
}
