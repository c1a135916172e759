package handlers

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// routeCase is one route of routes.go with the status each caller gets, in the order of roles:
// anonymous, member (L1), organiser of another cluster (A2), organiser of L1, admin. Bodies
// are valid, so the statuses show access control rather than validation. In paths and bodies
// {{enterprise}} is the member's enterprise, {{member}} the member's user ID, {{memberToken}} a
// spare token of the member, and {{n}} a number unique to each request.
type routeCase struct {
	method, path, body string
	want               [5]int
}

var routeCases = []routeCase{
	{"GET", "/healthz", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/readyz", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/metrics", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/api/v1/openapi.json", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/api/docs", "", [5]int{200, 200, 200, 200, 200}},

	{"POST", "/api/v1/auth/login", `{"email":"member@fixture.duijie.test","password":"` + testPassword + `"}`,
		[5]int{200, 200, 200, 200, 200}},
	{"POST", "/api/v1/auth/signup", `{"email":"new{{n}}@example.cn","password":"long enough pw","name":"新用户",
		"enterprise":{"name":"新企业{{n}}","uscc":"{{uscc}}","clusters":["L1"]}}`, [5]int{201, 201, 201, 201, 201}},
	{"POST", "/api/v1/auth/logout", "", [5]int{401, 204, 204, 204, 204}},
	{"GET", "/api/v1/me", "", [5]int{401, 200, 200, 200, 200}},
	{"GET", "/api/v1/me/tokens", "", [5]int{401, 200, 200, 200, 200}},
	{"POST", "/api/v1/me/tokens", `{"name":"ci"}`, [5]int{401, 201, 201, 201, 201}},
	{"DELETE", "/api/v1/me/tokens/{{memberToken}}", "", [5]int{401, 204, 404, 404, 404}},

	{"GET", "/api/v1/users", "", [5]int{401, 403, 403, 403, 200}},
	{"POST", "/api/v1/users", `{"email":"org{{n}}@example.cn","password":"long enough pw","name":"组织者",
		"role":"organiser","clusters":["L2"]}`, [5]int{401, 403, 403, 403, 201}},
	{"PATCH", "/api/v1/users/{{member}}", `{"name":"改名"}`, [5]int{401, 403, 403, 403, 200}},
	{"GET", "/api/v1/audit", "", [5]int{401, 403, 403, 403, 200}},

	{"GET", "/api/v1/clusters", "", [5]int{200, 200, 200, 200, 200}},
	{"POST", "/api/v1/clusters", `{"code":"X{{n}}","tier":"future","nameZh":"低空经济{{n}}"}`,
		[5]int{401, 403, 403, 403, 201}},
	{"PATCH", "/api/v1/clusters/F5", `{"nameEn":"Deep-sea equipment and ships"}`, [5]int{401, 403, 403, 403, 200}},

	{"GET", "/api/v1/enterprises/me", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/enterprises/{{enterprise}}", "", [5]int{401, 200, 403, 200, 200}},

	// Profiles, directory, exports, imports and leads (leads_fixture_test.go fills {{new…Lead}},
	// fresh leads of the member's enterprise in L1). Imports here send no file, so callers who
	// pass the guard get 400; import_test.go uploads real files.
	{"PUT", "/api/v1/enterprises/me", `{"name":"无锡物联感知科技有限公司","clusters":["L1"],"products":["温度传感器"],
		"region":"320214","scale":"small","contact":{"name":"王工","email":"wang@example.cn","phone":"0510-81234567"}}`,
		[5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/enterprises", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/api/v1/enterprises.csv", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/api/v1/enterprises.xlsx", "", [5]int{401, 403, 200, 200, 200}},
	{"POST", "/api/v1/enterprises/import", "", [5]int{401, 403, 403, 403, 400}},
	{"POST", "/api/v1/leads", `{"title":"采购温度传感器","clusters":["L1"],"quantity":10,"buyerName":"Müller GmbH"}`,
		[5]int{401, 201, 422, 201, 201}},
	{"GET", "/api/v1/leads", "", [5]int{401, 200, 200, 200, 200}},
	{"GET", "/api/v1/leads?triage=1", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/api/v1/codes/industry?q=%E4%BC%A0%E6%84%9F%E5%99%A8", "", [5]int{200, 200, 200, 200, 200}},
	{"POST", "/api/v1/leads/analyse", `{"title":"食堂油烟太大，楼上住户老投诉"}`, [5]int{401, 200, 200, 200, 200}},
	{"POST", "/api/v1/leads/{{lead}}/clusters", `{"clusters":["L1"]}`, [5]int{401, 403, 404, 200, 200}},
	// Triage lessons: the fixture has learned nothing, so a switch finds no link (404) once the
	// caller may switch links of the cluster.
	{"GET", "/api/v1/triage/lessons", "", [5]int{401, 403, 200, 200, 200}},
	{"POST", "/api/v1/triage/lessons", `{"term":"电梯老困人","cluster":"L1","off":true}`, [5]int{401, 403, 403, 404, 404}},
	{"POST", "/api/v1/leads/import", "", [5]int{401, 403, 400, 400, 400}},
	{"GET", "/api/v1/leads/{{lead}}", "", [5]int{401, 200, 404, 200, 200}},
	{"PATCH", "/api/v1/leads/{{lead}}", `{"title":"采购温度传感器 500 套"}`, [5]int{401, 200, 404, 200, 200}},
	{"POST", "/api/v1/leads/{{newDraftLead}}/open", "", [5]int{401, 200, 404, 200, 200}},
	{"POST", "/api/v1/leads/{{newOpenLead}}/close", `{"outcome":"signed"}`, [5]int{401, 200, 404, 200, 200}},
	{"GET", "/enterprises/me", "", [5]int{303, 200, 403, 403, 403}},
	{"GET", "/enterprises/me/edit", "", [5]int{303, 200, 403, 403, 403}},
	{"POST", "/enterprises/me", "name=%E6%97%A0%E9%94%A1%E7%89%A9%E8%81%94&clusters=L1&products=PCBA&region=320214",
		[5]int{303, 303, 403, 403, 403}},
	{"GET", "/enterprises", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/enterprises/{{enterprise}}", "", [5]int{303, 403, 403, 200, 200}},
	{"GET", "/leads", "", [5]int{303, 200, 200, 200, 200}},
	{"GET", "/leads/new", "", [5]int{303, 200, 200, 200, 200}},
	{"GET", "/leads/triage", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/leads/triage/lessons", "", [5]int{303, 403, 200, 200, 200}},
	{"POST", "/leads/triage/lessons", "term=%E7%94%B5%E6%A2%AF&cluster=L1&action=off", [5]int{303, 403, 403, 404, 404}},
	{"POST", "/leads/{{lead}}/clusters", "clusters=L1", [5]int{303, 403, 404, 303, 303}},
	{"POST", "/leads", "title=%E9%87%87%E8%B4%AD&clusters=L1&quantity=10&buyerName=M%C3%BCller&status=open",
		[5]int{303, 303, 422, 303, 303}},
	{"GET", "/leads/{{lead}}", "", [5]int{303, 200, 404, 200, 200}},
	{"GET", "/leads/{{lead}}/edit", "", [5]int{303, 200, 404, 200, 200}},
	{"POST", "/leads/{{lead}}", "title=%E9%87%87%E8%B4%AD&clusters=L1&quantity=500", [5]int{303, 303, 404, 303, 303}},
	{"POST", "/leads/{{newDraftLead}}/open", "", [5]int{303, 303, 404, 303, 303}},
	{"POST", "/leads/{{newOpenLead}}/close", "outcome=signed", [5]int{303, 303, 404, 303, 303}},
	{"GET", "/admin/import", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/admin/import/enterprises.csv", "", [5]int{303, 403, 200, 200, 200}},
	{"POST", "/admin/import/enterprises", "", [5]int{303, 403, 403, 403, 400}},
	{"POST", "/admin/import/leads", "", [5]int{303, 403, 400, 400, 400}},

	{"POST", "/login", "email=member%40fixture.duijie.test&password=" + testPassword, [5]int{303, 303, 303, 303, 303}},
	{"POST", "/signup", "email=form{{n}}%40example.cn&password=long+enough+pw&name=%E7%8E%8B&enterprise.name=E{{n}}" +
		"&enterprise.uscc={{uscc}}", [5]int{303, 303, 303, 303, 303}},
	{"POST", "/logout", "", [5]int{303, 303, 303, 303, 303}},

	{"GET", "/static/app.css", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/login", "", [5]int{200, 303, 303, 303, 303}},
	{"GET", "/signup", "", [5]int{200, 303, 303, 303, 303}},
	{"GET", "/account", "", [5]int{303, 200, 200, 200, 200}},
	{"POST", "/account/tokens", "name=ci", [5]int{303, 200, 200, 200, 200}},
	{"POST", "/account/tokens/{{memberToken}}/delete", "", [5]int{303, 303, 404, 404, 404}},
	{"GET", "/admin/clusters", "", [5]int{303, 403, 403, 403, 200}},
	{"POST", "/admin/clusters", "code=Y{{n}}&tier=future&nameZh=%E4%BD%8E%E7%A9%BA%E7%BB%8F%E6%B5%8E{{n}}",
		[5]int{303, 403, 403, 403, 303}},
	{"POST", "/admin/clusters/F5", "nameZh=%E6%B7%B1%E6%B5%B7%E8%A3%85%E5%A4%87&nameEn=Deep-sea", [5]int{303, 403, 403, 403, 303}},
	{"GET", "/admin/users", "", [5]int{303, 403, 403, 403, 200}},
	{"POST", "/admin/users", "email=o{{n}}%40example.cn&password=long+enough+pw&name=%E7%BB%84%E7%BB%87%E8%80%85" +
		"&role=organiser&clusters=L2", [5]int{303, 403, 403, 403, 303}},

	// Events (events_fixture_test.go fills {{event}}, {{registration}} and the {{new…}} records)
	{"GET", "/api/v1/events", "", [5]int{200, 200, 200, 200, 200}},
	{"POST", "/api/v1/events", `{"title":"集成电路供需对接会","cluster":"L1","kind":"matchmaking","venue":"无锡国际会议中心",
		"startsAt":"2031-05-20T09:00:00+08:00","endsAt":"2031-05-20T17:00:00+08:00","capacity":100}`, [5]int{401, 403, 403, 201, 201}},
	{"GET", "/api/v1/events/{{event}}.ics", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/api/v1/events/{{event}}", "", [5]int{200, 200, 200, 200, 200}},
	{"PATCH", "/api/v1/events/{{event}}", `{"description":"更新说明"}`, [5]int{401, 403, 403, 200, 200}},
	{"PUT", "/api/v1/events/{{event}}/agenda", `{"sessions":[]}`, [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/events/{{newDraft}}/publish", "", [5]int{401, 403, 404, 200, 200}},
	{"POST", "/api/v1/events/{{newDraft}}/cancel", "", [5]int{401, 403, 404, 200, 200}},
	{"POST", "/api/v1/events/{{newEnded}}/complete", "", [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/events/{{event}}/registrations", `{"attendees":[{"name":"张伟","position":"采购经理",
		"mobile":"13812345678","email":"zhang@example.cn"}]}`, [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/events/{{event}}/registrations", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/events/{{event}}/registrations.xlsx", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/events/{{event}}/registrations.csv", "", [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/events/{{event}}/checkins", `{"code":"{{newCode}}"}`, [5]int{401, 403, 403, 201, 201}},
	{"GET", "/api/v1/events/{{event}}/checkins", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/events/{{event}}/checkins/counts", "", [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/events/{{event}}/checkins/batch", `{"scans":[{"code":"{{newCode}}","device":"手机1"}]}`,
		[5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/me/registrations", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/registrations/{{registration}}", "", [5]int{401, 200, 404, 200, 200}},
	{"DELETE", "/api/v1/registrations/{{newMemberReg}}", "", [5]int{401, 200, 404, 200, 200}},
	{"POST", "/api/v1/registrations/{{newOffer}}/confirm", "", [5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/registrations/{{newPending}}/approve", "", [5]int{401, 403, 404, 200, 200}},
	{"POST", "/api/v1/registrations/{{newPending}}/reject", `{"reason":"名额有限"}`, [5]int{401, 403, 404, 200, 200}},
	{"POST", "/api/v1/events/{{event}}/walkins", `{"enterpriseName":"现场企业{{n}}","attendees":[{"name":"李雷","mobile":"13900001111","email":"walk{{n}}@example.cn"}]}`,
		[5]int{401, 403, 403, 201, 201}},
	{"GET", "/api/v1/me/calendar", "", [5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/me/calendar/reset", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/calendar/{{calToken}}.ics", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/events", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/events/new", "", [5]int{303, 403, 200, 200, 200}},
	{"POST", "/events", "title=%E5%AF%B9%E6%8E%A5%E4%BC%9A&cluster=L1&kind=matchmaking&venue=%E6%97%A0%E9%94%A1&timezone=Asia%2FShanghai" +
		"&startsAt=2031-05-20T09%3A00&endsAt=2031-05-20T17%3A00&capacity=50&maxAttendeesPerEnterprise=2", [5]int{303, 403, 403, 303, 303}},
	{"GET", "/events/{{event}}.ics", "", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/events/{{event}}", "", [5]int{200, 200, 200, 200, 200}},
	{"POST", "/events/{{event}}", "{{eventForm}}", [5]int{303, 403, 403, 303, 303}},
	{"GET", "/events/{{event}}/edit", "", [5]int{303, 403, 403, 200, 200}},
	{"POST", "/events/{{event}}/agenda", "rows=0", [5]int{303, 403, 403, 303, 303}},
	{"POST", "/events/{{event}}/questions", "qrows=0", [5]int{303, 403, 403, 303, 303}},
	{"POST", "/events/{{event}}/walkins", "enterpriseName=", [5]int{303, 403, 403, 422, 422}},
	{"POST", "/events/{{newDraft}}/publish", "", [5]int{303, 403, 404, 303, 303}},
	{"POST", "/events/{{newDraft}}/cancel", "", [5]int{303, 403, 404, 303, 303}},
	{"GET", "/events/{{newEvent}}/register", "", [5]int{303, 200, 403, 403, 403}},
	{"POST", "/events/{{newEvent}}/register", "attendees%5B0%5D.name=%E5%BC%A0%E4%BC%9F&attendees%5B0%5D.mobile=13812345678" +
		"&attendees%5B0%5D.email=zhang%40example.cn", [5]int{303, 303, 403, 403, 403}},
	{"GET", "/events/{{event}}/console", "", [5]int{303, 403, 403, 200, 200}},
	{"GET", "/events/{{event}}/badges", "", [5]int{303, 403, 403, 200, 200}},
	{"GET", "/events/{{event}}/checkin", "", [5]int{303, 403, 403, 200, 200}},
	{"POST", "/events/{{event}}/checkin", "code={{newCode}}", [5]int{303, 403, 403, 200, 200}},
	{"GET", "/me/registrations", "", [5]int{303, 200, 403, 403, 403}},
	{"POST", "/me/calendar/reset", "", [5]int{303, 303, 403, 403, 403}},
	{"POST", "/registrations/{{newMemberReg}}/cancel", "", [5]int{303, 303, 404, 303, 303}},
	{"POST", "/registrations/{{newOffer}}/confirm", "", [5]int{303, 303, 403, 403, 403}},
	{"POST", "/registrations/{{newPending}}/approve", "", [5]int{303, 403, 404, 303, 303}},
	{"POST", "/registrations/{{newPending}}/reject", "reason=名额有限", [5]int{303, 403, 404, 303, 303}},
	{"GET", "/registrations/{{registration}}/qr.png", "", [5]int{303, 200, 404, 200, 200}},
	{"GET", "/calendar/{{calToken}}.ics", "", [5]int{200, 200, 200, 200, 200}},

	// Jobs, mail and preferences (jobs_fixture_test.go fills {{mail}} and {{unsubToken}}). The
	// fixture has no scheduler, so running a job is a conflict even for the admin.
	{"GET", "/api/v1/jobs", "", [5]int{401, 403, 403, 403, 200}},
	{"GET", "/api/v1/jobs/runs", "", [5]int{401, 403, 403, 403, 200}},
	{"POST", "/api/v1/jobs/session-cleanup/run", "", [5]int{401, 403, 403, 403, 409}},
	{"GET", "/api/v1/outbox", "", [5]int{401, 403, 403, 403, 200}},
	{"GET", "/api/v1/outbox/{{mail}}", "", [5]int{401, 403, 403, 403, 200}},
	{"GET", "/api/v1/me/preferences", "", [5]int{401, 200, 200, 200, 200}},
	{"PUT", "/api/v1/me/preferences", `{"digest":"daily","locale":"en"}`, [5]int{401, 200, 200, 200, 200}},
	{"GET", "/admin/jobs", "", [5]int{303, 403, 403, 403, 200}},
	{"POST", "/admin/jobs/session-cleanup/run", "", [5]int{303, 403, 403, 403, 409}},
	{"GET", "/admin/outbox", "", [5]int{303, 403, 403, 403, 200}},
	{"GET", "/admin/outbox/{{mail}}", "", [5]int{303, 403, 403, 403, 200}},
	{"GET", "/admin/outbox/{{mail}}/html", "", [5]int{303, 403, 403, 403, 200}},
	{"GET", "/account/preferences", "", [5]int{303, 200, 200, 200, 200}},
	{"POST", "/account/preferences", "digest=daily&locale=zh-CN&mail_reminder=1", [5]int{303, 303, 303, 303, 303}},
	{"GET", "/unsubscribe/{{unsubToken}}", "", [5]int{200, 200, 200, 200, 200}},
	{"POST", "/unsubscribe/{{unsubToken}}?kind=digest", "List-Unsubscribe=One-Click", [5]int{200, 200, 200, 200, 200}},

	// Matches (matches_fixture_test.go fills {{lead}}, bought by the member's enterprise in L1,
	// {{memberMatch}}, sent to the member's enterprise, and the {{new…}} records). Only the
	// matched supplier answers; the buyer side and the lead's organisers record outcomes.
	{"GET", "/api/v1/leads/{{lead}}/matches", "", [5]int{401, 200, 403, 200, 200}},
	{"GET", "/api/v1/me/matches", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/me/matches/suggestions", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/matches/funnel", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/api/v1/matches/{{memberMatch}}", "", [5]int{401, 200, 404, 200, 200}},
	{"POST", "/api/v1/matches/{{newMemberMatch}}/respond", `{"decision":"interested","note":"可以供货"}`,
		[5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/matches/{{newInterestedMatch}}/outcome", `{"stage":"contacted"}`, [5]int{401, 200, 403, 200, 200}},
	{"GET", "/me/matches", "", [5]int{303, 200, 403, 403, 403}},
	{"POST", "/matches/{{newMemberMatch}}/respond", "decision=interested&note=ok", [5]int{303, 303, 403, 403, 403}},
	{"GET", "/leads/{{lead}}/matches", "", [5]int{303, 200, 403, 200, 200}},
	{"POST", "/matches/{{newInterestedMatch}}/outcome", "stage=contacted", [5]int{303, 303, 403, 303, 303}},
	{"GET", "/matches/funnel", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/api/v1/me/dashboard", "", [5]int{401, 200, 200, 200, 200}},
	{"GET", "/dashboard", "", [5]int{303, 200, 200, 200, 200}},

	// Buyer actions and quotes (deals_fixture_test.go fills {{dealLead}}, the member's open lead
	// with an interested {{dealSupplier}}, and fresh records for the {{new…}} ones).
	{"POST", "/api/v1/leads/{{dealLead}}/shortlist", `{"enterpriseId":"{{dealSupplier}}"}`, [5]int{401, 200, 404, 200, 200}},
	{"DELETE", "/api/v1/leads/{{newShortLead}}/shortlist/{{newShortSupplier}}", "", [5]int{401, 204, 404, 204, 204}},
	{"POST", "/api/v1/leads/{{newDealLead}}/invite", `{"enterpriseId":"{{inviteeSupplier}}","note":"请报价"}`,
		[5]int{401, 201, 404, 201, 201}},
	{"GET", "/api/v1/leads/{{dealLead}}/quotes", "", [5]int{401, 200, 404, 200, 200}},
	{"POST", "/api/v1/matches/{{newQuotableMatch}}/quote", `{"unitPrice":12.5,"currency":"CNY","quantity":100,"moq":10,
		"leadTimeDays":20,"validUntil":"{{validUntil}}","note":"含税"}`, [5]int{401, 201, 403, 403, 403}},
	{"POST", "/leads/{{dealLead}}/shortlist", "enterpriseId={{dealSupplier}}", [5]int{303, 303, 404, 303, 303}},
	{"POST", "/leads/{{newDealLead}}/invite", "enterpriseId={{inviteeSupplier}}", [5]int{303, 303, 404, 303, 303}},
	{"GET", "/leads/{{dealLead}}/quotes", "", [5]int{303, 200, 404, 200, 200}},
	{"GET", "/matches/{{newQuotableMatch}}/quote", "", [5]int{303, 200, 403, 403, 403}},
	{"POST", "/matches/{{newQuotableMatch}}/quote", "unitPrice=12.5&currency=CNY&quantity=100&validUntil={{validUntil}}",
		[5]int{303, 303, 403, 403, 403}},

	// Campaign: members read the programme-wide progress but no cluster's figures; organisers
	// their own clusters; only admins set targets.
	{"GET", "/api/v1/campaign/kpis", "", [5]int{401, 200, 200, 200, 200}},
	{"GET", "/api/v1/campaign/kpis?year=2026&cluster=L1", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/campaign/kpis?year=2026&by=month", "", [5]int{401, 200, 200, 200, 200}},
	{"GET", "/api/v1/campaign/kpis?year=2026&cluster=L1&by=month", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/campaign/kpis?by=week", "", [5]int{401, 400, 400, 400, 400}},
	{"GET", "/api/v1/campaign/report?year=2026&month=3", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/api/v1/campaign/report.xlsx?year=2026&month=3", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/campaign/report?year=2026&month=3", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/campaign/report.xlsx", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/api/v1/campaign/report", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/api/v1/campaign/report.xlsx", "", [5]int{401, 403, 200, 200, 200}},
	{"GET", "/campaign/report", "", [5]int{303, 403, 200, 200, 200}},
	{"GET", "/api/v1/campaign/targets/2026", "", [5]int{401, 200, 200, 200, 200}},
	{"PUT", "/api/v1/campaign/targets/2026", `{"flagshipEvents":12,"matchmakingSessions":120,"enterprises":1200,
		"leads":12000,"signedValue":2650000000}`, [5]int{401, 403, 403, 403, 200}},
	{"GET", "/campaign", "", [5]int{303, 200, 200, 200, 200}},
	{"GET", "/campaign?cluster=L1", "", [5]int{303, 403, 403, 200, 200}},
	{"GET", "/campaign/targets/2026", "", [5]int{303, 403, 403, 403, 200}},
	{"POST", "/campaign/targets/2026", "flagshipEvents=12&matchmakingSessions=120&enterprises=1200&leads=12000",
		[5]int{303, 403, 403, 403, 303}},

	// Meetings (meetings_fixture_test.go fills {{meetingPartner}}, an enterprise confirmed for
	// {{event}}, and the {{new…}} requests). Only the two sides act on a meeting; the event's
	// organisers schedule it.
	{"POST", "/api/v1/events/{{event}}/meetings", `{"with":"{{meetingPartner}}","message":"聊聊传感器配套"}`,
		[5]int{401, 201, 403, 403, 403}},
	{"GET", "/api/v1/events/{{event}}/meetings", "", [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/meetings/{{newMeetingToMember}}/accept", "", [5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/meetings/{{newMeetingToMember}}/decline", "", [5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/meetings/{{newMemberMeeting}}/cancel", "", [5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/events/{{event}}/schedule", `{"tables":10,"slotMinutes":20}`, [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/events/{{event}}/schedule/publish", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/api/v1/me/meetings", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/meetings", "", [5]int{303, 200, 200, 200, 200}},
	{"POST", "/events/{{event}}/meetings/request", "with={{meetingPartner}}", [5]int{303, 303, 403, 403, 403}},
	{"POST", "/meetings/{{newMeetingToMember}}/accept", "", [5]int{303, 303, 403, 403, 403}},
	{"POST", "/meetings/{{newMeetingToMember}}/decline", "", [5]int{303, 303, 403, 403, 403}},
	{"POST", "/meetings/{{newMemberMeeting}}/cancel", "", [5]int{303, 303, 403, 403, 403}},
	{"GET", "/events/{{event}}/meetings", "", [5]int{303, 403, 403, 200, 200}},
	{"GET", "/api/v1/events/{{event}}/participants", "", [5]int{401, 200, 403, 200, 200}},
	{"PUT", "/api/v1/events/{{event}}/meetings/opt-in", `{"meetingsOptIn":true}`, [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/events/{{event}}/meetings/slots?with={{meetingPartner}}", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/events/{{event}}/meetings/slots", "", [5]int{401, 200, 403, 403, 403}},
	{"GET", "/events/{{event}}/meetings/new", "", [5]int{303, 303, 403, 403, 403}},
	{"GET", "/api/v1/events/{{event}}/meeting-slots", "", [5]int{401, 200, 200, 200, 200}},
	{"PUT", "/api/v1/events/{{event}}/meeting-slots", `{"meetingSlots":[]}`, [5]int{401, 403, 403, 200, 200}},
	{"POST", "/api/v1/meetings/{{heldMemberMeeting}}/feedback", `{"held":true,"rating":4,"outcome":"follow_up"}`,
		[5]int{401, 200, 403, 403, 403}},
	{"GET", "/api/v1/events/{{event}}/meetings/report", "", [5]int{401, 403, 403, 200, 200}},
	{"GET", "/events/{{event}}/participants", "", [5]int{303, 200, 403, 200, 200}},
	{"POST", "/events/{{event}}/meetings/opt-in", "optIn=1", [5]int{303, 303, 403, 403, 403}},
	{"GET", "/events/{{event}}/meetings/new?with={{meetingPartner}}", "", [5]int{303, 200, 403, 403, 403}},
	{"GET", "/meetings/{{newMeetingToMember}}/answer", "", [5]int{303, 200, 403, 403, 403}},
	{"GET", "/meetings/{{heldMemberMeeting}}/feedback", "", [5]int{303, 200, 403, 403, 403}},
	{"POST", "/meetings/{{heldMemberMeeting}}/feedback", "held=1&rating=5&outcome=intent", [5]int{303, 303, 403, 403, 403}},
	{"GET", "/events/{{event}}/meetings/windows", "", [5]int{303, 403, 403, 200, 200}},
	{"POST", "/events/{{event}}/meetings/windows", "date=", [5]int{303, 403, 403, 303, 303}},
	{"GET", "/events/{{event}}/meetings/report", "", [5]int{303, 403, 403, 200, 200}},
	{"POST", "/events/{{event}}/schedule", "tables=10&slotMinutes=20", [5]int{303, 403, 403, 303, 303}},
	{"POST", "/events/{{event}}/schedule/publish", "", [5]int{303, 403, 403, 303, 303}},

	// Trust and accounts (accounts_api.go, trust_*.go): passwords, colleagues, verification.
	// Secret links answer 404 to a made-up token whoever calls.
	{"POST", "/api/v1/me/password", `{"current":"not-my-password","password":"a new long password"}`,
		[5]int{401, 422, 422, 422, 422}},
	{"POST", "/api/v1/auth/password-reset", `{"email":"someone{{n}}@example.cn"}`, [5]int{202, 202, 202, 202, 202}},
	{"POST", "/api/v1/auth/password-reset/made-up-{{n}}", `{"password":"a new long password"}`,
		[5]int{404, 404, 404, 404, 404}},
	{"POST", "/api/v1/auth/invitations/made-up-{{n}}", `{"password":"a new long password"}`,
		[5]int{404, 404, 404, 404, 404}},
	{"GET", "/api/v1/enterprises/me/members", "", [5]int{401, 200, 403, 403, 403}},
	{"POST", "/api/v1/enterprises/me/members", `{"email":"colleague{{n}}@example.cn","name":"同事"}`,
		[5]int{401, 201, 403, 403, 403}},
	{"DELETE", "/api/v1/enterprises/me/members/{{member}}", "", [5]int{401, 422, 403, 403, 403}},
	{"POST", "/api/v1/users/{{member}}/reset-link", "", [5]int{401, 403, 403, 403, 202}},
	// Verification: the member's enterprise is in L1, so the organiser of A2 does not find it.
	{"POST", "/api/v1/enterprises/me/verification", "", [5]int{401, 422, 403, 403, 403}},
	{"POST", "/api/v1/enterprises/{{enterprise}}/verify", "", [5]int{401, 403, 404, 200, 200}},
	{"POST", "/api/v1/enterprises/{{enterprise}}/reject", `{"reason":"执照模糊"}`, [5]int{401, 403, 404, 200, 200}},
	{"GET", "/api/v1/enterprises/{{enterprise}}/licence", "", [5]int{401, 403, 404, 404, 404}},
	{"GET", "/admin/verifications", "", [5]int{303, 403, 200, 200, 200}},
	{"POST", "/enterprises/{{enterprise}}/verify", "", [5]int{303, 403, 404, 303, 303}},
	{"POST", "/enterprises/{{enterprise}}/reject", "reason=执照模糊", [5]int{303, 403, 404, 303, 303}},
	{"GET", "/enterprises/{{enterprise}}/licence", "", [5]int{303, 403, 404, 404, 404}},
	{"POST", "/enterprises/me/verification", "", [5]int{303, 422, 403, 403, 403}},
	{"GET", "/forgot", "", [5]int{200, 200, 200, 200, 200}},
	{"POST", "/forgot", "email=someone{{n}}@example.cn", [5]int{200, 200, 200, 200, 200}},
	{"GET", "/reset/made-up-{{n}}", "", [5]int{404, 404, 404, 404, 404}},
	{"POST", "/reset/made-up-{{n}}", "password=a+new+long+password", [5]int{404, 404, 404, 404, 404}},
	{"GET", "/invitations/made-up-{{n}}", "", [5]int{404, 404, 404, 404, 404}},
	{"POST", "/invitations/made-up-{{n}}", "password=a+new+long+password", [5]int{404, 404, 404, 404, 404}},
	{"POST", "/account/password", "current=not-my-password&password=a+new+long+password", [5]int{303, 422, 422, 422, 422}},
	{"POST", "/enterprises/me/members", "email=colleague{{n}}@example.cn&name=同事", [5]int{303, 303, 403, 403, 403}},
	{"POST", "/enterprises/me/members/{{member}}/remove", "", [5]int{303, 422, 403, 403, 403}},
	{"POST", "/enterprises/me/invitations/cancel", "email=nobody@example.cn", [5]int{303, 404, 403, 403, 403}},
	{"GET", "/admin/users/{{member}}", "", [5]int{303, 403, 403, 403, 200}},
	{"POST", "/admin/users/{{member}}", "name=改名&role=member&enterprise={{enterpriseUSCC}}", [5]int{303, 403, 403, 403, 303}},
	{"POST", "/admin/users/{{member}}/reset", "", [5]int{303, 403, 403, 403, 303}},
	{"PATCH", "/api/v1/enterprises/{{enterprise}}", `{"name":"无锡物联感知科技有限公司"}`, [5]int{401, 403, 403, 403, 200}},
	{"GET", "/enterprises/{{enterprise}}/edit", "", [5]int{303, 403, 403, 403, 200}},
	{"POST", "/enterprises/{{enterprise}}", "name=无锡物联感知科技有限公司&uscc={{enterpriseUSCC}}&clusters=L1", [5]int{303, 403, 403, 403, 303}},
}

var routeSerial atomic.Int64

// fill replaces the placeholders of a route case.
func (f *fixture) fill(s string) string {
	s = f.fillEvents(s)   // events placeholders: events_fixture_test.go
	s = f.fillJobs(s)     // jobs and mail placeholders: jobs_fixture_test.go
	s = f.fillMatches(s)  // matching placeholders: matches_fixture_test.go
	s = f.fillLeads(s)    // lead placeholders: leads_fixture_test.go
	s = f.fillMeetings(s) // meetings placeholders: meetings_fixture_test.go
	s = f.fillDeals(s)    // buyer actions and quotes: deals_fixture_test.go
	n := fmt.Sprint(routeSerial.Add(1))
	return strings.NewReplacer(
		"{{enterprise}}", f.enterprise.ID,
		"{{enterpriseUSCC}}", f.enterprise.USCC,
		"{{member}}", f.actors[asMember].user.ID,
		"{{memberToken}}", f.memberTokenID,
		"{{n}}", n,
		"{{uscc}}", newUSCC(),
	).Replace(s)
}

// TestRouteAccess calls every route as each of the five callers. Each route gets a fresh app, so
// one caller's logout or deletion cannot change what the next one sees.
func TestRouteAccess(t *testing.T) {
	skipTableWalkUnderRace(t)
	for _, rc := range routeCases {
		t.Run(rc.method+" "+rc.path, func(t *testing.T) {
			f := newFixture(t)
			for i, as := range roles {
				res := f.do(as, rc.method, f.fill(rc.path), f.fill(rc.body))
				if res.status != rc.want[i] {
					t.Errorf("as %s: status %d, want %d; body: %.300s", as, res.status, rc.want[i], res.body)
				}
				f.checkOpenAPI(t, rc.method, rc.path, f.fill(rc.body), res) // request and answer as openapi.json says
			}
		})
	}
}

// TestEveryRouteIsInTheAccessTable keeps routeCases complete: a route added to routes.go without
// its access expectations fails here.
func TestEveryRouteIsInTheAccessTable(t *testing.T) {
	f := newFixture(t)
	rs := f.h.routes()
	exact := map[string]bool{}
	for _, r := range rs {
		exact[r.method+" "+r.path] = true
	}
	covered := map[string]bool{}
	for _, rc := range routeCases {
		if exact[rc.method+" "+rc.path] {
			covered[rc.method+" "+rc.path] = true
			continue
		}
		for _, r := range rs {
			if r.method == rc.method && matchPattern(r.path, rc.path) {
				covered[r.method+" "+r.path] = true
			}
		}
	}
	for _, r := range rs {
		if !covered[r.method+" "+r.path] {
			t.Errorf("route %s %s is not in routeCases of routes_test.go", r.method, r.path)
		}
	}
}

// matchPattern reports whether a concrete path (placeholders allowed) fits a Fiber route
// pattern: ":name" matches one segment, ":name.ics" one segment ending in ".ics", "*" the rest.
func matchPattern(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		if p == "*" || strings.HasPrefix(p, "*") {
			return true
		}
		if i >= len(xs) {
			return false
		}
		if strings.HasPrefix(p, ":") {
			name := strings.TrimLeft(p[1:], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
			suffix := strings.TrimPrefix(name, "?")
			if len(xs[i]) <= len(suffix) || !strings.HasSuffix(xs[i], suffix) {
				return false
			}
			continue
		}
		if p != xs[i] {
			return false
		}
	}
	return len(ps) == len(xs)
}

// Anonymous page routes that need a user send the browser to sign in and back again.
func TestGuardRedirectsPagesToLogin(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "POST", "/logout", "")
	res.wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/login?next=%2Flogout" {
		t.Errorf("Location = %q, want /login?next=%%2Flogout", loc)
	}
}
