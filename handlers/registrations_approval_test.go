package handlers

import (
	"strings"
	"testing"

	"duijie/domain"
)

// TestRegistrationFormAndApproval: an organiser sets questions and approval; a member's answers
// are checked field by field; the registration waits for approval, which takes a seat; a
// rejection needs a reason; walk-ins skip approval.
func TestRegistrationFormAndApproval(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 1)
	f.do(asOrganiser, "PATCH", "/api/v1/events/"+e.ID, `{"approval":true,"venueEn":"Taihu Expo Centre",
		"questions":[{"id":"role","label":"参会目的","labelEn":"Why you come","kind":"choice","options":["采购","供应"],"optionsEn":["Buy","Supply"],"required":true},
		{"id":"topics","label":"关注领域","kind":"multi","options":["芯片","传感器","软件"]},
		{"id":"note","label":"备注","kind":"text"}]}`).wantStatus(t, 200)
	f.do(asOrganiser, "PATCH", "/api/v1/events/"+e.ID, `{"questions":[{"id":"Bad ID","label":"x","kind":"choice","options":["a"]}]}`).
		wantField(t, 422, "questions[0].id")

	// The registration page asks the questions in the member's language.
	page := f.do(asMember, "GET", "/events/"+e.ID+"/register", "", cookie(langCookie, "en")).wantStatus(t, 200)
	for _, want := range []string{"Why you come", `value="采购"`, "Buy", `name="answers.topics"`, "approves registrations"} {
		if !containsStr(page.body, want) {
			t.Fatalf("registration page lacks %q", want)
		}
	}
	reg := func(answers string) *response {
		return f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations",
			`{"attendees":[{"name":"张伟","mobile":"13812345678","email":"zw@example.cn"}],"answers":`+answers+`}`)
	}
	reg(`{}`).wantField(t, 422, "answers.role")
	reg(`{"role":"出售"}`).wantField(t, 422, "answers.role")
	reg(`{"role":"采购","ghost":"x"}`).wantField(t, 422, "answers.ghost")
	reg(`{"role":"采购","topics":["芯片","电池"]}`).wantField(t, 422, "answers.topics")
	if n, _ := f.store.Registrations.Counts(t.Context(), e.ID); n.Pending+n.Confirmed != 0 {
		t.Fatalf("a refused registration was stored: %+v", n)
	}
	var r domain.Registration
	reg(`{"role":"采购","topics":["传感器","芯片"],"note":" 想见链主 "}`).wantStatus(t, 201).data(t, &r)
	if r.Status != domain.RegPending || r.Answers["note"] != "想见链主" {
		t.Fatalf("registered %+v", r)
	}
	if topics, _ := r.Answers["topics"].([]any); len(topics) != 2 || topics[0] != "芯片" {
		t.Fatalf("multi answer kept in the form's order: %v", r.Answers["topics"])
	}

	// A walk-in skips approval and takes the one seat; the approved member then waits.
	var w domain.Registration
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/walkins", `{"enterpriseName":"现场来访企业",
		"attendees":[{"name":"李雷","mobile":"13900001111","email":"ll@example.cn"}]}`).wantStatus(t, 201).data(t, &w)
	if w.Status != domain.RegConfirmed {
		t.Fatalf("walk-in %+v", w)
	}
	f.do(asMember, "POST", "/api/v1/registrations/"+r.ID+"/approve", "").wantStatus(t, 403)
	f.do(asOrganiser, "POST", "/api/v1/registrations/"+r.ID+"/approve", "").wantStatus(t, 200).data(t, &r)
	if r.Status != domain.RegWaitlisted || r.Position != 1 {
		t.Fatalf("approved into a full event: %+v", r)
	}
	f.do(asOrganiser, "POST", "/api/v1/registrations/"+r.ID+"/approve", "").wantField(t, 422, "status")

	// Rejecting needs a reason; a cancelled registration cannot be approved.
	other := f.registerFor(e, f.addEnterprise("无锡另一家企业", "L1"), 1)
	f.do(asOrganiser, "POST", "/api/v1/registrations/"+other.ID+"/reject", `{"reason":"  "}`).wantField(t, 422, "reason")
	f.do(asOrganiser, "POST", "/api/v1/registrations/"+other.ID+"/reject", `{"reason":"非本集群企业"}`).wantStatus(t, 200).data(t, &r)
	if r.Status != domain.RegRejected || r.CancelReason != "非本集群企业" {
		t.Fatalf("rejected %+v", r)
	}
	third := f.registerFor(e, f.addEnterprise("无锡第三家企业", "L1"), 1)
	f.do(asOrganiser, "DELETE", "/api/v1/registrations/"+third.ID+"?reason=重复报名", "").wantStatus(t, 200).data(t, &r)
	if r.CancelReason != "重复报名" {
		t.Fatalf("cancellation reason %q", r.CancelReason)
	}
	f.do(asOrganiser, "POST", "/api/v1/registrations/"+third.ID+"/approve", "").wantField(t, 422, "status")

	console := f.do(asOrganiser, "GET", "/events/"+e.ID+"/console", "").wantStatus(t, 200)
	if !containsStr(console.body, "非本集群企业") || !containsStr(console.body, "重复报名") || !containsStr(console.body, "芯片、传感器") {
		t.Fatal("console does not show the reasons")
	}
}

func containsStr(b []byte, s string) bool { return strings.Contains(string(b), s) }
