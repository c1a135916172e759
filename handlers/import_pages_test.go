package handlers

import (
	"bytes"
	"testing"
)

// An import report is shown on the upload page: its language switch leads back to that page
// (the upload's own address has none), and an applied import links to what it filled.
func TestImportReportPageLinks(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		data   string
		status int
		link   string
	}{
		{"name,uscc,clusters\nx,123,L9\n", 422, ""},
		{"name,uscc,clusters\n无锡新企业," + newUSCC() + ",L1\n", 200, `<a href="/enterprises">See the directory</a>`},
	} {
		body, ct := upload(t, "e.csv", []byte(tc.data))
		res := f.do(asAdmin, "POST", "/admin/import/enterprises?lang=en", body, ct).wantStatus(t, tc.status)
		if !bytes.Contains(res.body, []byte(`class="lang-switch" href="/admin/import?lang=zh-CN"`)) {
			t.Errorf("language switch does not lead to the upload page: %.1500s", res.body)
		}
		if tc.link != "" && !bytes.Contains(res.body, []byte(tc.link)) {
			t.Errorf("applied import does not link %s: %.3000s", tc.link, res.body)
		}
	}
}
