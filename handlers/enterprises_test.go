package handlers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/store"
)

// A member completes its profile through the API and the page shows what is still missing.
func TestMemberCompletesProfile(t *testing.T) {
	f := newFixture(t)
	body := `{"name":"无锡物联感知科技有限公司","clusters":["物联网","L2"],"industryCodes":["c3973"],"hsCodes":["9025.19"],
		"products":["温度传感器、网关"],"description":"<script>x</script>",
		"certifications":["iso 9001:2015"],"region":"320214","scale":"小型","exportMarkets":["欧盟"],
		"contact":{"name":"王工","email":"Wang@Example.cn","phone":"0510-81234567"},"tier":"chain_leader","uscc":"ignored"}`
	res := f.do(asMember, "PUT", "/api/v1/enterprises/me", body).wantStatus(t, 200)
	var out struct {
		Data struct {
			domain.Enterprise
			Completeness domain.Completeness `json:"completeness"`
		} `json:"data"`
	}
	if err := json.Unmarshal(res.body, &out); err != nil {
		t.Fatal(err)
	}
	e := out.Data
	if strings.Join(e.Clusters, ",") != "L1,L2" || e.IndustryCodes[0] != "C3973" || e.HSCodes[0] != "902519" ||
		e.Certifications[0] != "ISO9001" || e.ExportMarkets[0] != "EU" || e.Scale != domain.ScaleSmall ||
		e.Contact.Email != "wang@example.cn" {
		t.Fatalf("profile not normalised: %+v", e)
	}
	if e.Tier != domain.TierBackbone || e.USCC != f.enterprise.USCC {
		t.Fatalf("member changed tier or USCC: %s %s", e.Tier, e.USCC)
	}
	// The description is short, so completeness names it, and why it matters.
	if e.Completeness.Percent >= 100 || e.Completeness.Gaps[0].Key != "description" {
		t.Fatalf("completeness %+v", e.Completeness)
	}
	page := f.do(asMember, "GET", "/enterprises/me", "").wantStatus(t, 200)
	for _, want := range []string{"江苏省 无锡市 新吴区", "&lt;script&gt;x&lt;/script&gt;", "简介帮助采购方判断是否值得约见", "ISO9001"} {
		if !bytes.Contains(page.body, []byte(want)) {
			t.Errorf("profile page lacks %q", want)
		}
	}
	if bytes.Contains(page.body, []byte("<script>x")) {
		t.Error("profile page renders the description unescaped")
	}
	// Without HS codes the hint says they bring export leads.
	f.do(asMember, "PUT", "/api/v1/enterprises/me", `{"name":"无锡物联感知科技有限公司","clusters":["L1"]}`).wantStatus(t, 200)
	page = f.do(asMember, "GET", "/enterprises/me", "", acceptLanguage("en")).wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte("Add HS codes to receive export leads.")) {
		t.Error("the English hint for HS codes is missing")
	}
}

func TestProfileBadInput(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.BodyLimit = 8 << 20 })
	for _, tc := range []struct {
		name, body, field string
	}{
		{"unknown cluster", `{"name":"x","clusters":["L9"]}`, "clusters"},
		{"unknown region", `{"name":"x","clusters":["L1"],"region":"999999"}`, "region"},
		{"unknown scale", `{"name":"x","clusters":["L1"],"scale":"huge"}`, "scale"},
		{"bad industry code", `{"name":"x","clusters":["L1"],"industryCodes":["X39"]}`, "industryCodes"},
		{"bad HS code", `{"name":"x","clusters":["L1"],"hsCodes":["854"]}`, "hsCodes"},
		{"5 MB description", `{"name":"x","clusters":["L1"],"description":"` + strings.Repeat("长", 5<<20/3) + `"}`, "description"},
		{"empty name", `{"name":" ","clusters":["L1"]}`, "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(asMember, "PUT", "/api/v1/enterprises/me", tc.body).wantStatus(t, 422)
			if _, fields := res.apiError(t); fields[tc.field] == nil {
				t.Fatalf("no problem on %s: %s", tc.field, res.body)
			}
		})
	}
	// The form shows every problem on the page, keeping what was typed.
	res := f.do(asMember, "POST", "/enterprises/me", form("name", "无锡物联", "clusters", "L1", "region", "12", "hsCodes", "8")).wantStatus(t, 422)
	if !bytes.Contains(res.body, []byte("12 不是有效的行政区划代码")) || !bytes.Contains(res.body, []byte("8 不是有效的 HS 编码")) {
		t.Fatalf("form errors not shown: %.2000s", res.body)
	}
}

func TestDirectoryScopeSearchAndExport(t *testing.T) {
	f := newFixture(t)
	for i, name := range []string{"无锡芯片封测有限公司", "无锡传感网络有限公司", "江阴纺织有限公司"} {
		e := f.addEnterprise(name, []string{"L1", "L1", "A2"}[i])
		e.Products = []string{[]string{"功率模块", "温度传感器", "面料"}[i]}
		if err := f.store.Enterprises.Update(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
	list := func(as, q string) []domain.Enterprise {
		res := f.do(as, "GET", "/api/v1/enterprises"+q, "").wantStatus(t, 200)
		var out struct{ Data []domain.Enterprise }
		if err := json.Unmarshal(res.body, &out); err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Data {
			if e.Contact != (domain.Contact{}) {
				t.Fatalf("directory listing leaks contact of %s", e.Name)
			}
		}
		return out.Data
	}
	if n := len(list(asOrganiser, "")); n != 3 { // the fixture's member firm and two new ones in L1
		t.Errorf("organiser of L1 sees %d firms, want 3", n)
	}
	if es := list(asOtherOrganiser, ""); len(es) != 2 {
		t.Errorf("organiser of A2 sees %d firms, want 2", len(es))
	}
	if es := list(asAdmin, "?q=传感"); len(es) != 1 || es[0].Name != "无锡传感网络有限公司" {
		t.Errorf("product search: %v", es)
	}
	if es := list(asAdmin, "?limit=2"); len(es) != 2 {
		t.Errorf("paging: %d", len(es))
	}
	f.do(asOtherOrganiser, "GET", "/api/v1/enterprises?cluster=L1", "").wantStatus(t, 403)
	f.do(asAdmin, "GET", "/api/v1/enterprises?tier=龙头", "").wantStatus(t, 400)

	// The CSV export is the import format, contact included, and it is audited.
	res := f.do(asOrganiser, "GET", "/api/v1/enterprises.csv", "").wantStatus(t, 200)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(res.body, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][1] != "uscc" || rows[1][13] == "" {
		t.Fatalf("csv export: %v", rows)
	}
	res = f.do(asAdmin, "GET", "/api/v1/enterprises.xlsx?cluster=A2", "").wantStatus(t, 200)
	x, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	xrows, _ := x.GetRows("enterprises")
	if len(xrows) != 3 {
		t.Fatalf("xlsx export rows: %d", len(xrows))
	}
	entries, _, err := f.store.Audit.List(t.Context(), "enterprises", store.Page{Limit: 10})
	if err != nil || len(entries) != 2 || entries[0].Action != "enterprise.export" {
		t.Fatalf("exports not audited: %v %v", entries, err)
	}

	// A firm's page shows its contact to the organiser of its cluster and records the view.
	page := f.do(asOrganiser, "GET", "/enterprises/"+f.enterprise.ID, "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte(f.enterprise.Contact.Email)) {
		t.Error("detail page lacks the contact")
	}
	entries, _, _ = f.store.Audit.List(t.Context(), "enterprise:"+f.enterprise.ID, store.Page{Limit: 10})
	if len(entries) != 1 || entries[0].Action != "enterprise.view" {
		t.Fatalf("contact view not audited: %v", entries)
	}
	page = f.do(asAdmin, "GET", "/enterprises?q=%E8%8A%AF%E7%89%87", "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte("无锡芯片封测有限公司")) || bytes.Contains(page.body, []byte("江阴纺织有限公司")) {
		t.Error("directory page search")
	}
}
