package handlers

import (
	"strings"
	"testing"
)

// A credit code typed in groups, in lower case, is read as the code it stands for.
func TestSignupNormalisesTypedUSCC(t *testing.T) {
	f := newFixture(t)
	uscc := newUSCC()
	typed := strings.ToLower(uscc[:4] + " " + uscc[4:8] + " " + uscc[8:12] + "-" + uscc[12:])
	res := f.do(asAnonymous, "POST", "/api/v1/auth/signup", signupBody("typed@example.cn", "a long passphrase", typed)).
		wantStatus(t, 201)
	ent := res.json(t)["data"].(map[string]any)["enterprise"].(map[string]any)
	if ent["uscc"] != uscc {
		t.Errorf("stored USCC %v, want %s", ent["uscc"], uscc)
	}
	// The same firm typed another way is the same firm: a conflict, not a second enterprise.
	f.do(asAnonymous, "POST", "/api/v1/auth/signup", signupBody("typed2@example.cn", "a long passphrase", " "+uscc+" ")).
		wantStatus(t, 409)
}
