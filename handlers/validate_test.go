package handlers

import (
	"strings"
	"testing"
)

// Shape rules from `validate` tags answer 422 in the user's language, naming the field the
// client sent (JSON name, nested with dots), before any handler logic runs.
func TestShapeRules(t *testing.T) {
	f := newFixture(t)
	tooMany := `["` + strings.Repeat(`L1","`, 40) + `L1"]`
	for _, tc := range []struct {
		name, as, method, path, body, field, wantMsg string
		lang                                         string
	}{
		{"list too long", asAdmin, "POST", "/api/v1/users",
			`{"email":"o@x.cn","password":"long-enough-pw","name":"O","role":"organiser","clusters":` + tooMany + `}`,
			"clusters", "", "zh-CN"},
		{"unknown role", asAdmin, "POST", "/api/v1/users",
			`{"email":"o@x.cn","password":"long-enough-pw","name":"O","role":"root"}`,
			"role", "admin, organiser, member", "en"},
		{"nested field named with dots", asAnonymous, "POST", "/api/v1/auth/signup",
			`{"email":"n@x.cn","password":"long-enough-pw","name":"N","enterprise":{"name":"` + strings.Repeat("名", 101) + `","uscc":"91320214MA1MXXXX1X"}}`,
			"enterprise.name", "100", "en"},
		{"negative sort order", asAdmin, "POST", "/api/v1/clusters",
			`{"code":"F9","tier":"future","nameZh":"低空经济","sortOrder":-1}`,
			"sortOrder", "", "zh-CN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(tc.as, tc.method, tc.path, tc.body, acceptLanguage(tc.lang)).wantStatus(t, 422)
			code, fields := r.apiError(t)
			if code != "validation" {
				t.Errorf("code = %q, want validation", code)
			}
			msg, _ := fields[tc.field].(string)
			if msg == "" {
				t.Fatalf("field %q not named: %s", tc.field, r.body)
			}
			if tc.name == "list too long" && !strings.Contains(msg, "30") {
				t.Errorf("message %q does not state the limit 30", msg)
			}
			if tc.wantMsg != "" && !strings.Contains(msg, tc.wantMsg) {
				t.Errorf("message %q lacks %q", msg, tc.wantMsg)
			}
		})
	}
}
