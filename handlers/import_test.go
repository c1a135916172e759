package handlers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/store"
)

// upload builds a multipart body with the file and extra fields, and the option that sets its
// content type.
func upload(t *testing.T, name string, data []byte, fields ...string) (string, reqOpt) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = w.WriteField(fields[i], fields[i+1])
	}
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = w.Close()
	return b.String(), contentType(w.FormDataContentType())
}

var importHeader = []string{"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description",
	"certifications", "region", "tier", "scale", "export_markets", "contact_name", "contact_email", "contact_phone"}

// enterpriseSheet is n valid rows; bad maps a row index to the column it breaks.
func enterpriseSheet(t *testing.T, n int, bad map[int]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(importHeader)
	for i := 0; i < n; i++ {
		row := []string{fmt.Sprintf("无锡导入企业%04d有限公司", i), domain.CompleteUSCC(fmt.Sprintf("91320206MA%07d", i)),
			"L1、集成电路", "C3973", "8542.31", "PCBA;传感器", "导入的企业", "ISO 9001:2015", "320206", "骨干", "小型", "EU",
			"李工", fmt.Sprintf("li%d@example.cn", i), "0510-81234567"}
		switch bad[i] {
		case "uscc":
			row[1] = row[1][:17] + map[bool]string{true: "1", false: "2"}[row[1][17] != '1']
		case "region":
			row[8] = "999999"
		case "tier":
			row[9] = "龙头"
		}
		_ = w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// An admin imports a spreadsheet of 1,000 enterprises with three bad rows, reads the report,
// fixes them and imports again; importing the same file once more changes nothing new.
func TestImportEnterprisesAsANewUserWould(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.BodyLimit = 8 << 20 })
	bad := map[int]string{10: "uscc", 500: "region", 998: "tier"}
	body, ct := upload(t, "企业名单.csv", enterpriseSheet(t, 1000, bad))
	res := f.do(asAdmin, "POST", "/admin/import/enterprises", body, ct).wantStatus(t, 422)
	for _, want := range []string{"3 行有问题", ">12<", ">502<", ">1000<", "统一社会信用代码", "999999 不是有效的行政区划代码", "龙头 不是企业梯队"} {
		if !bytes.Contains(res.body, []byte(want)) {
			t.Errorf("report page lacks %q", want)
		}
	}
	_, _, total, err := f.store.Enterprises.List(t.Context(), store.EnterpriseFilter{}, store.Page{Limit: 1})
	if err != nil || total != 2 {
		t.Fatalf("a refused file changed the store: %d enterprises (%v)", total, err)
	}

	body, ct = upload(t, "企业名单.csv", enterpriseSheet(t, 1000, nil))
	res = f.do(asAdmin, "POST", "/admin/import/enterprises", body, ct).wantStatus(t, 200)
	if !bytes.Contains(res.body, []byte("共 1000 行：新建 1000，更新 0。")) {
		t.Fatalf("report: %.3000s", res.body)
	}
	// Again through the API: idempotent by USCC.
	body, ct = upload(t, "企业名单.csv", enterpriseSheet(t, 1000, nil))
	res = f.do(asAdmin, "POST", "/api/v1/enterprises/import", body, ct).wantStatus(t, 200)
	var rep struct {
		Data struct{ Rows, Created, Updated int }
	}
	if err := json.Unmarshal(res.body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Data.Rows != 1000 || rep.Data.Created != 0 || rep.Data.Updated != 1000 {
		t.Fatalf("re-import: %+v", rep.Data)
	}
	_, _, total, _ = f.store.Enterprises.List(t.Context(), store.EnterpriseFilter{Cluster: "L2"}, store.Page{Limit: 1})
	if total != 1000 {
		t.Fatalf("%d enterprises in L2 after import, want 1000", total)
	}
	entries, _, _ := f.store.Audit.List(t.Context(), "enterprises", store.Page{Limit: 10})
	if len(entries) != 3 || entries[0].Action != "import.enterprises" {
		t.Fatalf("imports not audited: %+v", entries)
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.BodyLimit = 8 << 20; o.ImportMaxRows = 5 })
	xlsx := func(rows [][]string, formulaAt string) []byte {
		x := excelize.NewFile()
		defer x.Close()
		for r, row := range rows {
			ref, _ := excelize.CoordinatesToCellName(1, r+1)
			cells := make([]any, len(row))
			for i, v := range row {
				cells[i] = v
			}
			_ = x.SetSheetRow("Sheet1", ref, &cells)
		}
		if formulaAt != "" {
			_ = x.SetCellFormula("Sheet1", formulaAt, `CONCAT("a","b")`)
		}
		buf, _ := x.WriteToBuffer()
		return buf.Bytes()
	}
	sheet, _ := csv.NewReader(bytes.NewReader(enterpriseSheet(t, 3, nil))).ReadAll()
	for _, tc := range []struct {
		name, file string
		data       []byte
		key        string
	}{
		{"missing columns", "a.csv", []byte("name,region\nx,320214\n"), "import_missing_column"},
		{"wrong types", "a.csv", []byte("title,clusters,quantity,buyer_name\n采购,L1,很多,X\n"), "number_format"},
		{"formula", "a.xlsx", xlsx(sheet, "A3"), "import_formula"},
		{"duplicate USCC", "a.csv", []byte(strings.Join([]string{"name,uscc,clusters", "a," + sheetUSCC(sheet, 1) + ",L1", "b," + sheetUSCC(sheet, 1) + ",L1"}, "\n")), "import_duplicate_uscc"},
		{"empty sheet", "a.xlsx", xlsx(nil, ""), "import_empty"},
		{"too many rows", "a.csv", enterpriseSheet(t, 6, nil), "import_too_many_rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := "enterprises"
			if tc.name == "wrong types" {
				kind = "leads"
			}
			body, ct := upload(t, tc.file, tc.data)
			res := f.do(asAdmin, "POST", "/api/v1/"+kind+"/import", body, ct).wantStatus(t, 422)
			var out struct {
				Report struct {
					Problems []struct {
						Key     string
						Message string
						Line    int
					}
				}
			}
			if err := json.Unmarshal(res.body, &out); err != nil || len(out.Report.Problems) == 0 {
				t.Fatalf("no report: %s", res.body)
			}
			p := out.Report.Problems[0]
			if p.Key != tc.key || p.Message == "" || strings.Contains(p.Message, "%!") {
				t.Fatalf("problem %+v, want %s", p, tc.key)
			}
			if tc.key == "import_too_many_rows" && !strings.Contains(p.Message, "5") {
				t.Fatalf("the limit is not named: %s", p.Message)
			}
		})
	}
	_, _, total, _ := f.store.Enterprises.List(t.Context(), store.EnterpriseFilter{}, store.Page{Limit: 1})
	if total != 2 {
		t.Fatalf("refused files changed the store: %d enterprises", total)
	}
	// A dry run checks a good file and writes nothing.
	body, ct := upload(t, "a.csv", enterpriseSheet(t, 3, nil), "dryRun", "1")
	f.do(asAdmin, "POST", "/api/v1/enterprises/import", body, ct).wantStatus(t, 200)
	_, _, total, _ = f.store.Enterprises.List(t.Context(), store.EnterpriseFilter{}, store.Page{Limit: 1})
	if total != 2 {
		t.Fatalf("a dry run wrote: %d enterprises", total)
	}
}

func sheetUSCC(rows [][]string, i int) string { return rows[i][1] }

// An organiser imports the leads of a fair: registered buyers by USCC, outside buyers by name.
func TestImportLeads(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.BodyLimit = 8 << 20 })
	deadline := f.clock.Now().AddDate(0, 2, 0).Format("2006-01-02")
	data := "title,clusters,quantity,unit,budget_min,budget_max,deadline,buyer_uscc,buyer_name,export_market\n" +
		"采购温度传感器,物联网,500,套,10万,25万," + deadline + "," + f.enterprise.USCC + ",,\n" +
		"Smart meters,L1,2000,pcs,,,长期有效,,Nordic Energy AB,SE\n"
	body, ct := upload(t, "fair.csv", []byte(data))
	res := f.do(asOrganiser, "POST", "/api/v1/leads/import", body, ct).wantStatus(t, 200)
	var rep struct{ Data struct{ Created int } }
	_ = json.Unmarshal(res.body, &rep)
	if rep.Data.Created != 2 {
		t.Fatalf("report: %s", res.body)
	}
	ls, _, _, err := f.store.Leads.List(t.Context(), store.LeadFilter{}, store.Page{Limit: 10})
	if err != nil || len(ls) != 2 {
		t.Fatalf("leads: %v %v", ls, err)
	}
	for _, l := range ls {
		if l.Status != domain.LeadOpen || l.PostedBy != f.actors[asOrganiser].user.ID {
			t.Errorf("imported lead: %+v", l)
		}
	}
	// The organiser of A2 cannot import L1 leads: the rows are refused, nothing is written.
	body, ct = upload(t, "fair.csv", []byte(data))
	res = f.do(asOtherOrganiser, "POST", "/api/v1/leads/import", body, ct).wantStatus(t, 422)
	if !bytes.Contains(res.body, []byte("import_cluster_scope")) {
		t.Fatalf("scope: %s", res.body)
	}
	if _, _, n, _ := f.store.Leads.List(t.Context(), store.LeadFilter{}, store.Page{Limit: 1}); n != 2 {
		t.Fatalf("%d leads after a refused import", n)
	}
	page := f.do(asOrganiser, "GET", "/admin/import", "").wantStatus(t, 200)
	if bytes.Contains(page.body, []byte(`action="/admin/import/enterprises"`)) {
		t.Error("organisers are offered the enterprise import")
	}
	tpl := f.do(asOrganiser, "GET", "/admin/import/leads.csv", "").wantStatus(t, 200)
	if !bytes.HasPrefix(tpl.body, []byte("\xEF\xBB\xBFtitle,description,clusters")) {
		t.Fatalf("template: %q", tpl.body)
	}
}
