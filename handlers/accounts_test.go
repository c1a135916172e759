package handlers

import (
	"context"
	"strings"
	"testing"

	"duijie/domain"
)

// A firm's second employee: invited by mail, the link works once, the colleague signs in as a
// member of the same enterprise; a colleague can be removed and is signed out.
func TestColleagueInvitation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	res := f.do(asMember, "POST", "/api/v1/enterprises/me/members", `{"email":"Second@Example.cn","name":"第二位同事"}`).wantStatus(t, 201)
	if strings.Contains(string(res.body), "token") {
		t.Errorf("the invitation answer carries its secret: %s", res.body)
	}
	// An address with an account cannot be invited (one person, one enterprise).
	f.do(asMember, "POST", "/api/v1/enterprises/me/members", `{"email":"admin@fixture.duijie.test","name":"x"}`).wantStatus(t, 409)
	secret := f.linkInOutbox("second@example.cn", "/invitations/")
	page := string(f.do(asAnonymous, "GET", "/invitations/"+secret+"?lang=en", "").wantStatus(t, 200).body)
	if !strings.Contains(page, f.enterprise.Name) {
		t.Errorf("the invitation page does not name the enterprise")
	}
	f.do(asAnonymous, "POST", "/invitations/"+secret, form("name", "第二位同事", "password", "short")).wantStatus(t, 422)
	res = f.do(asAnonymous, "POST", "/invitations/"+secret, form("name", "第二位同事", "password", "a long enough one"))
	res.wantStatus(t, 303)
	if res.cookieOf(sessionCookie) == nil {
		t.Error("accepting did not sign the colleague in")
	}
	u, err := f.store.Users.GetByEmail(ctx, "second@example.cn")
	if err != nil || u.EnterpriseID != f.enterprise.ID || u.Role != domain.RoleMember {
		t.Fatalf("colleague: %+v %v", u, err)
	}
	// Single use.
	f.do(asAnonymous, "POST", "/invitations/"+secret, form("password", "a long enough one")).wantStatus(t, 404)
	f.raw(f.app, "POST", "/api/v1/auth/invitations/"+secret, `{"password":"a long enough one"}`, nil).wantStatus(t, 404)
	// The member lists and removes the colleague, who is signed out.
	list := f.do(asMember, "GET", "/api/v1/enterprises/me/members", "").wantStatus(t, 200).json(t)
	if n := len(list["data"].(map[string]any)["members"].([]any)); n != 2 {
		t.Errorf("%d members listed, want 2", n)
	}
	tok := f.raw(f.app, "POST", "/api/v1/auth/login", loginBody("second@example.cn", "a long enough one"), nil).
		wantStatus(t, 200).json(t)["data"].(map[string]any)["token"].(string)
	f.do(asMember, "DELETE", "/api/v1/enterprises/me/members/"+u.ID, "").wantStatus(t, 204)
	f.raw(f.app, "GET", "/api/v1/me", "", map[string]string{"Authorization": "Bearer " + tok}).wantStatus(t, 401)
	// Another enterprise's member is not found.
	f.do(asMember, "DELETE", "/api/v1/enterprises/me/members/"+f.actors[asAdmin].user.ID, "").wantStatus(t, 404)
}

// A forgotten password: the form answers the same for any address, the link works once within
// the hour and signs the owner in.
func TestForgottenPassword(t *testing.T) {
	f := newFixture(t)
	u := f.actors[asMember].user
	known := f.do(asAnonymous, "POST", "/forgot?lang=en", form("email", u.Email)).wantStatus(t, 200)
	unknown := f.do(asAnonymous, "POST", "/forgot?lang=en", form("email", "ghost@example.cn")).wantStatus(t, 200)
	strip := func(b []byte) string { // the forms differ only in the address typed and the CSRF token
		s := strings.ReplaceAll(string(b), u.Email, "")
		return strings.ReplaceAll(s, "ghost@example.cn", "")
	}
	if strings.Count(strip(known.body), "link is on its way") != 1 || strings.Count(strip(unknown.body), "link is on its way") != 1 {
		t.Error("the answers differ between a known and an unknown address")
	}
	f.raw(f.app, "POST", "/api/v1/auth/password-reset", `{"email":"ghost@example.cn"}`, nil).wantStatus(t, 202)
	secret := f.linkInOutbox(u.Email, "/reset/")
	f.do(asAnonymous, "GET", "/reset/"+secret, "").wantStatus(t, 200)
	res := f.do(asAnonymous, "POST", "/reset/"+secret, form("password", "my new passphrase 1"))
	res.wantStatus(t, 303)
	if res.cookieOf(sessionCookie) == nil {
		t.Error("a reset did not sign the owner in")
	}
	f.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401) // the old token was revoked
	f.do(asAnonymous, "GET", "/reset/"+secret, "").wantStatus(t, 404)
	f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(u.Email, "my new passphrase 1"), nil).wantStatus(t, 200)
	// Links expire after the hour.
	f.raw(f.app, "POST", "/api/v1/auth/password-reset", `{"email":"`+u.Email+`"}`, nil).wantStatus(t, 202)
	secret = f.linkInOutbox(u.Email, "/reset/")
	f.clock.advance(domain.ResetLinkTTL + 1)
	f.raw(f.app, "POST", "/api/v1/auth/password-reset/"+secret, `{"password":"too late passphrase"}`, nil).wantStatus(t, 404)
}

// Admin user management and a credit code typed wrong: both without a command line.
func TestAdminManagesAccountsAndRecords(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.actors[asMember].user
	f.do(asAdmin, "GET", "/admin/users/"+m.ID+"?lang=en", "").wantStatus(t, 200)
	f.do(asAdmin, "POST", "/admin/users/"+m.ID, form("name", "改过的名字", "role", "member", "enterprise", f.enterprise.USCC,
		"disabled", "on")).wantStatus(t, 303)
	got, _ := f.store.Users.Get(ctx, m.ID)
	if got.Name != "改过的名字" || !got.Disabled || got.EnterpriseID != f.enterprise.ID {
		t.Errorf("after the admin's edit: %+v", got)
	}
	f.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401)
	f.do(asAdmin, "POST", "/admin/users/"+m.ID, form("name", "x", "role", "member", "enterprise", "91320214MA0000000X")).wantStatus(t, 422)
	f.do(asAdmin, "POST", "/admin/users/"+m.ID+"/reset", "").wantStatus(t, 303)
	f.linkInOutbox(m.Email, "/reset/")
	// An admin creates a member of an enterprise without a password: the person gets a link.
	f.do(asAdmin, "POST", "/api/v1/users", `{"email":"new.member@example.cn","name":"新成员","role":"member","enterpriseId":"`+
		f.enterprise.ID+`"}`).wantStatus(t, 201)
	f.linkInOutbox("new.member@example.cn", "/reset/")

	// A USCC typed wrong is corrected; a code of another firm is refused naming the field.
	right := newUSCC()
	f.do(asAdmin, "POST", "/enterprises/"+f.enterprise.ID, form("name", f.enterprise.Name, "uscc", right, "clusters", "L1")).
		wantStatus(t, 303)
	e, _ := f.store.Enterprises.Get(ctx, f.enterprise.ID)
	if e.USCC != right {
		t.Errorf("USCC %s, want %s", e.USCC, right)
	}
	res := f.do(asAdmin, "PATCH", "/api/v1/enterprises/"+f.enterprise.ID, `{"uscc":"`+f.otherEnt.USCC+`"}`).wantStatus(t, 409)
	if _, fields := res.apiError(t); fields["uscc"] == nil {
		t.Errorf("conflict without the field: %s", res.body)
	}
	f.do(asAdmin, "PATCH", "/api/v1/enterprises/"+f.enterprise.ID, `{"uscc":"123"}`).wantStatus(t, 422)
	if acts := f.auditActions("enterprise:" + f.enterprise.ID); !containsAction(acts, "enterprise.corrected") {
		t.Errorf("correction not audited: %v", acts)
	}
}
