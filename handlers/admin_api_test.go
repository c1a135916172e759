package handlers

import (
	"context"
	"strings"
	"testing"

	"duijie/domain"
)

func TestCreateUserValidation(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name, body string
		status     int
		field      string
	}{
		{"organiser without clusters", `{"email":"o1@example.cn","password":"long enough pw","name":"O","role":"organiser"}`, 422, "clusters"},
		{"unknown cluster", `{"email":"o2@example.cn","password":"long enough pw","name":"O","role":"organiser","clusters":["Q7"]}`, 422, "clusters"},
		{"unknown role", `{"email":"o3@example.cn","password":"long enough pw","name":"O","role":"root"}`, 422, "role"},
		{"member without enterprise", `{"email":"o4@example.cn","password":"long enough pw","name":"O","role":"member"}`, 422, "enterpriseId"},
		{"member of a missing enterprise", `{"email":"o5@example.cn","password":"long enough pw","name":"O","role":"member","enterpriseId":"` + domain.NewID() + `"}`, 422, "enterpriseId"},
		{"short password", `{"email":"o6@example.cn","password":"short","name":"O","role":"admin"}`, 422, "password"},
		{"duplicate email", `{"email":"Admin@Fixture.duijie.test","password":"long enough pw","name":"O","role":"admin"}`, 409, "email"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(asAdmin, "POST", "/api/v1/users", tc.body).wantStatus(t, tc.status)
			if _, fields := res.apiError(t); fields[tc.field] == nil {
				t.Errorf("fields = %v, want %s", fields, tc.field)
			}
		})
	}
	// Clusters may be given by name; the stored account has codes.
	res := f.do(asAdmin, "POST", "/api/v1/users",
		`{"email":"org@example.cn","password":"long enough pw","name":"集成电路促进中心","role":"organiser","clusters":["集成电路","A5"]}`).
		wantStatus(t, 201)
	u := res.json(t)["data"].(map[string]any)
	if cl := u["clusters"].([]any); len(cl) != 2 || cl[0] != "L2" || cl[1] != "A5" {
		t.Errorf("clusters = %v", cl)
	}
	// The new organiser can sign in.
	f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("org@example.cn", "long enough pw")).wantStatus(t, 200)

	list := f.do(asAdmin, "GET", "/api/v1/users?limit=2", "").wantStatus(t, 200).json(t)
	if n := len(list["data"].([]any)); n != 2 {
		t.Errorf("limit=2 gave %d users", n)
	}
	page := list["page"].(map[string]any)
	if page["total"] != float64(5) || page["next"] == "" {
		t.Errorf("page = %v, want total 5 and a next cursor", page)
	}
	f.do(asAdmin, "GET", "/api/v1/users?limit=zero", "").wantStatus(t, 400)
}

func TestDisableUser(t *testing.T) {
	f := newFixture(t)
	m := f.actors[asMember]
	path := "/api/v1/users/" + m.user.ID
	f.do(asAdmin, "PATCH", path, `{"disabled":true}`).wantStatus(t, 200)
	f.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401)
	f.do(asMember, "GET", "/api/v1/me", "", asSession()).wantStatus(t, 401)
	if s, _, err := f.h.loadSession(context.Background(), m.cookie); s != nil || err != nil {
		t.Errorf("session of a disabled user: %v %v", s, err)
	}
	f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody(m.user.Email, testPassword)).wantStatus(t, 403)
	f.do(asAdmin, "PATCH", path, `{"disabled":false}`).wantStatus(t, 200)
	// Disabling revoked the account's tokens for good; re-enabled, it signs in again.
	f.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401)
	f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody(m.user.Email, testPassword)).wantStatus(t, 200)

	// An admin cannot lock themselves out; unknown users are 404.
	res := f.do(asAdmin, "PATCH", "/api/v1/users/"+f.actors[asAdmin].user.ID, `{"disabled":true}`).wantStatus(t, 422)
	if _, fields := res.apiError(t); fields["disabled"] == nil {
		t.Errorf("fields = %v", fields)
	}
	f.do(asAdmin, "PATCH", "/api/v1/users/"+domain.NewID(), `{"name":"x"}`).wantStatus(t, 404)
	f.do(asAdmin, "PATCH", "/api/v1/users/nope", `{"name":"x"}`).wantStatus(t, 404)

	// Re-scoping an organiser.
	o := f.actors[asOrganiser].user
	res = f.do(asAdmin, "PATCH", "/api/v1/users/"+o.ID, `{"clusters":["L1","L3"]}`).wantStatus(t, 200)
	if cl := res.json(t)["data"].(map[string]any)["clusters"].([]any); len(cl) != 2 {
		t.Errorf("clusters = %v", cl)
	}
	f.do(asAdmin, "PATCH", "/api/v1/users/"+o.ID, `{"clusters":[]}`).wantStatus(t, 422)
}

func TestClustersAPI(t *testing.T) {
	f := newFixture(t)
	list := f.do(asAnonymous, "GET", "/api/v1/clusters", "").wantStatus(t, 200).json(t)
	items := list["data"].([]any)
	if len(items) != 15 || items[0].(map[string]any)["code"] != "L1" {
		t.Fatalf("clusters = %d, first %v", len(items), items[0])
	}
	for _, tc := range []struct {
		name, body string
		status     int
		field      string
	}{
		{"bad code", `{"code":"x-1","tier":"future","nameZh":"商业航天"}`, 422, "code"},
		{"bad tier", `{"code":"F6","tier":"moonshot","nameZh":"商业航天"}`, 422, "tier"},
		{"missing name", `{"code":"F6","tier":"future"}`, 422, "nameZh"},
		{"bad industry code", `{"code":"F6","tier":"future","nameZh":"商业航天","industryCodes":["Z99"]}`, 422, "industryCodes"},
		{"taken code", `{"code":"L1","tier":"landmark","nameZh":"物联网"}`, 409, "code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(asAdmin, "POST", "/api/v1/clusters", tc.body).wantStatus(t, tc.status)
			if _, fields := res.apiError(t); fields[tc.field] == nil {
				t.Errorf("fields = %v, want %s", fields, tc.field)
			}
		})
	}
	res := f.do(asAdmin, "POST", "/api/v1/clusters",
		`{"code":"f6","tier":"future","nameZh":"商业航天","nameEn":"Commercial space","industryCodes":["c 37.4"],"sortOrder":160}`).
		wantStatus(t, 201)
	if c := res.json(t)["data"].(map[string]any); c["code"] != "F6" || c["industryCodes"].([]any)[0] != "C374" {
		t.Errorf("created = %v", c)
	}
	res = f.do(asAdmin, "PATCH", "/api/v1/clusters/F6", `{"nameZh":"商业航天和低空经济"}`).wantStatus(t, 200)
	if c := res.json(t)["data"].(map[string]any); c["nameZh"] != "商业航天和低空经济" || c["nameEn"] != "Commercial space" {
		t.Errorf("patched = %v", c)
	}
	f.do(asAdmin, "PATCH", "/api/v1/clusters/F6", `{"nameZh":""}`).wantStatus(t, 422)
	f.do(asAdmin, "PATCH", "/api/v1/clusters/Q9", `{"nameZh":"x"}`).wantStatus(t, 404)
	f.do(asAdmin, "PATCH", "/api/v1/clusters/F6", `{"code":"F7"}`).wantStatus(t, 400) // codes never change

	// Every change is in the audit log.
	audit := f.do(asAdmin, "GET", "/api/v1/audit?target=cluster:F6", "").wantStatus(t, 200).json(t)
	actions := map[any]bool{}
	for _, e := range audit["data"].([]any) {
		actions[e.(map[string]any)["action"]] = true
	}
	if len(actions) != 2 || !actions["cluster.create"] || !actions["cluster.update"] {
		t.Errorf("audit actions = %v, want cluster.create and cluster.update", actions)
	}
}

func TestEnterpriseAccess(t *testing.T) {
	f := newFixture(t)
	mine := f.do(asMember, "GET", "/api/v1/enterprises/me", "").wantStatus(t, 200).json(t)["data"].(map[string]any)
	if mine["id"] != f.enterprise.ID || mine["contact"] == nil {
		t.Errorf("my enterprise = %v", mine)
	}
	f.do(asMember, "GET", "/api/v1/enterprises/"+f.otherEnt.ID, "").wantStatus(t, 403)
	f.do(asOtherOrganiser, "GET", "/api/v1/enterprises/"+f.otherEnt.ID, "").wantStatus(t, 200)
	f.do(asOrganiser, "GET", "/api/v1/enterprises/"+f.otherEnt.ID, "").wantStatus(t, 403)
	f.do(asAdmin, "GET", "/api/v1/enterprises/"+domain.NewID(), "").wantStatus(t, 404)
	f.do(asAdmin, "GET", "/api/v1/enterprises/not-an-id", "").wantStatus(t, 404)

	// Staff views of a record with contact data are audited.
	audit := f.do(asAdmin, "GET", "/api/v1/audit?target=enterprise:"+f.otherEnt.ID, "").wantStatus(t, 200).json(t)
	entries := audit["data"].([]any)
	if len(entries) != 1 || entries[0].(map[string]any)["actorId"] != f.actors[asOtherOrganiser].user.ID {
		t.Errorf("audit = %v", entries)
	}
	if page := audit["page"].(map[string]any); page["total"] != nil {
		t.Errorf("audit page claims a total: %v", page)
	}
	if !strings.Contains(string(f.do(asAdmin, "GET", "/api/v1/audit", "").body), "enterprise.view") {
		t.Error("unfiltered audit log lacks the view")
	}
}
