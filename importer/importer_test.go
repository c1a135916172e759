package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
)

var testClusters = []domain.Cluster{
	{Code: "L1", NameZh: "物联网", NameEn: "Internet of Things"},
	{Code: "L2", NameZh: "集成电路", NameEn: "Integrated circuits"},
	{Code: "A5", NameZh: "新能源", NameEn: "New energy"},
}

var enterpriseHeader = []string{"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description", "certifications", "region", "tier", "scale", "export_markets", "contact_name", "contact_email", "contact_phone"}

// uscc makes a valid, distinct USCC for row i.
func uscc(i int) string { return domain.CompleteUSCC(fmt.Sprintf("91320214MA%07d", i)) }

func enterpriseRow(i int) []string {
	return []string{fmt.Sprintf("无锡测试%d有限公司", i), uscc(i), "L1、集成电路", "C3973", "8542.31", "PCBA;传感器", "<b>生产</b>传感器", "iso 9001:2015", "320214", "骨干", "中型", "EU, US", "王工", fmt.Sprintf("wang%d@example.com", i), "0510-81234567"}
}

func csvBytes(t testing.TB, rows [][]string, bom bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if bom {
		b.WriteString("\xEF\xBB\xBF")
	}
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xlsxBytes writes rows to the first sheet; a cell value starting with "=" becomes a formula.
func xlsxBytes(t testing.TB, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if strings.HasPrefix(v, "=") {
				if err := f.SetCellFormula("Sheet1", ref, v[1:]); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := f.SetCellStr("Sheet1", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func keys(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%d/%s/%s", p.Line, p.Column, p.Key)
	}
	return out
}

func TestCheckEnterprisesGoodFile(t *testing.T) {
	rows := [][]string{enterpriseHeader, enterpriseRow(1), {}, enterpriseRow(2)}
	for _, tc := range []struct {
		name string
		file string
		data []byte
	}{
		{"csv", "e.csv", csvBytes(t, rows, false)},
		{"csv with BOM", "e.csv", csvBytes(t, rows, true)},
		{"xlsx", "e.xlsx", xlsxBytes(t, rows)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{}
			es, ok := CheckEnterprises(testClusters, tc.file, tc.data, Options{}, rep)
			if !ok {
				t.Fatalf("problems: %v", rep.Problems)
			}
			if len(es) != 2 || rep.Rows != 2 {
				t.Fatalf("%d enterprises from %d rows, want 2", len(es), rep.Rows)
			}
			e := es[1]
			if e.USCC != uscc(2) || strings.Join(e.Clusters, ",") != "L1,L2" || e.Tier != domain.TierBackbone ||
				strings.Join(e.Certifications, ",") != "ISO9001" || strings.Join(e.Products, ",") != "PCBA,传感器" ||
				e.Description != "<b>生产</b>传感器" || e.Scale != domain.ScaleMedium {
				t.Fatalf("row mapped wrongly: %+v", e)
			}
		})
	}
}

func TestCheckEnterprisesBadRows(t *testing.T) {
	bad := func(i int, col, v string) []string {
		r := enterpriseRow(i)
		for j, h := range enterpriseHeader {
			if h == col {
				r[j] = v
			}
		}
		return r
	}
	wrongCheck := uscc(3)[:17] + "X"
	if wrongCheck == uscc(3) {
		wrongCheck = uscc(3)[:17] + "Y"
	}
	rows := [][]string{
		enterpriseHeader,
		enterpriseRow(1),                                 // line 2
		bad(3, "uscc", wrongCheck),                       // line 3
		bad(4, "clusters", "L9"),                         // line 4
		bad(5, "region", "999999"),                       // line 5
		bad(6, "tier", "龙头"),                             // line 6
		enterpriseRow(1),                                 // line 7: duplicate of line 2
		bad(8, "description", strings.Repeat("长", 6000)), // line 8
		bad(9, "hs_codes", "854"),                        // line 9
	}
	rep := &Report{}
	_, ok := CheckEnterprises(testClusters, "e.csv", csvBytes(t, rows, false), Options{}, rep)
	if ok {
		t.Fatal("bad file accepted")
	}
	want := []string{"3/uscc/uscc_check", "4/clusters/cluster_unknown", "5/region/region_unknown", "6/tier/tier_unknown", "7/uscc/import_duplicate_uscc", "8/description/too_long", "9/hs_codes/hs_format"}
	if got := keys(rep.Problems); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("problems\n got %v\nwant %v", got, want)
	}
	if rep.BadRows() != 7 || rep.Problems[4].Args[0] != 2 {
		t.Fatalf("bad rows %d, duplicate points at %v", rep.BadRows(), rep.Problems[4].Args)
	}
}

func TestFileProblems(t *testing.T) {
	good := [][]string{enterpriseHeader, enterpriseRow(1), enterpriseRow(2), enterpriseRow(3)}
	withFormula := [][]string{enterpriseHeader, enterpriseRow(1), enterpriseRow(2)}
	withFormula[2][0] = `=CONCAT("无锡","公司")`
	gbk := []byte("name,uscc,clusters\n\xce\xde\xce\xfd,x,L1\n") // "无锡" in GBK
	for _, tc := range []struct {
		name string
		file string
		data []byte
		max  int
		want []string
	}{
		{"missing columns", "e.csv", csvBytes(t, [][]string{{"name", "region"}, {"a", "320214"}}, false), 0, []string{"1/uscc/import_missing_column", "1/clusters/import_missing_column"}},
		{"duplicate column", "e.csv", csvBytes(t, [][]string{{"name", "uscc", "clusters", "企业名称"}, {"a", uscc(1), "L1", "b"}}, false), 0, []string{"1/企业名称/import_duplicate_column"}},
		{"empty csv", "e.csv", []byte{}, 0, []string{"0//import_empty"}},
		{"header only", "e.csv", csvBytes(t, [][]string{enterpriseHeader}, true), 0, []string{"0//import_empty"}},
		{"empty sheet", "e.xlsx", xlsxBytes(t, nil), 0, []string{"0//import_empty"}},
		{"too many rows csv", "e.csv", csvBytes(t, good, false), 2, []string{"0//import_too_many_rows"}},
		{"too many rows xlsx", "e.xlsx", xlsxBytes(t, good), 2, []string{"0//import_too_many_rows"}},
		{"formula", "e.xlsx", xlsxBytes(t, withFormula), 0, []string{"3/A/import_formula"}},
		{"GBK csv", "e.csv", gbk, 0, []string{"0//import_encoding"}},
		{"old xls", "e.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0, 0}, 0, []string{"0//import_format_xls"}},
		{"not a zip", "e.xlsx", []byte("hello"), 0, []string{"0//import_format_broken"}},
		{"broken csv quoting", "e.csv", []byte("name,uscc,clusters\n\"a,b,c\n"), 0, []string{"2//import_csv_syntax"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Report{}
			_, ok := CheckEnterprises(testClusters, tc.file, tc.data, Options{MaxRows: tc.max}, rep)
			if ok {
				t.Fatal("accepted")
			}
			if got := keys(rep.Problems); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			if tc.max > 0 && rep.Problems[0].Args[0] != tc.max {
				t.Fatalf("limit not named: %v", rep.Problems[0].Args)
			}
		})
	}
}

func TestHeaderAliases(t *testing.T) {
	rows := [][]string{{"企业名称", "统一社会信用代码", "产业集群", "行政区划代码", "梯队", "Contact Email", "备注"}, {"无锡甲公司", uscc(1), "物联网", "320214", "链主", "a@example.com", "随便"}}
	rep := &Report{}
	es, ok := CheckEnterprises(testClusters, "e.csv", csvBytes(t, rows, false), Options{}, rep)
	if !ok {
		t.Fatal(rep.Problems)
	}
	if es[0].Tier != domain.TierChainLeader || es[0].Clusters[0] != "L1" || es[0].Contact.Email != "a@example.com" {
		t.Fatalf("aliases mapped wrongly: %+v", es[0])
	}
	if len(rep.Ignored) != 1 || rep.Ignored[0] != "备注" {
		t.Fatalf("ignored = %v", rep.Ignored)
	}
}

// buyers is a lookup table of enterprises by USCC, the importer's only read of the store.
type buyers map[string]*domain.Enterprise

func (b buyers) GetByUSCC(_ context.Context, u string) (*domain.Enterprise, error) {
	if e, ok := b[u]; ok {
		return e, nil
	}
	return nil, domain.ErrNotFound
}

var leadHeader = []string{"title", "description", "clusters", "industry_codes", "hs_codes", "quantity", "unit", "budget_min", "budget_max", "currency", "delivery_region", "export_market", "required_certifications", "preferred_tiers", "deadline", "buyer_uscc", "buyer_name", "status"}

func TestCheckLeads(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	known := buyers{uscc(1): {ID: "e1", Name: "无锡芯联", USCC: uscc(1), Clusters: []string{"L2"}, Contact: domain.Contact{Name: "王工", Phone: "0510-81234567"}},
		// A firm of another cluster: an organiser of L2 may not import leads in its name.
		uscc(3): {ID: "e3", Name: "无锡纺织", USCC: uscc(3), Clusters: []string{"A2"}, Contact: domain.Contact{Name: "李工", Phone: "0510-88888888"}}}
	row := func(mod func(r []string)) []string {
		r := []string{"采购IGBT模块", "1200V", "集成电路", "C3973", "8541.29", "5,000", "只", "10万", "30万", "", "320214", "EU", "IATF 16949", "骨干、新锐", "2026-06-30", uscc(1), "", ""}
		if mod != nil {
			mod(r)
		}
		return r
	}
	set := func(col, v string) func(r []string) {
		return func(r []string) {
			for i, h := range leadHeader {
				if h == col {
					r[i] = v
				}
			}
		}
	}
	t.Run("good", func(t *testing.T) {
		rows := [][]string{leadHeader, row(nil), row(func(r []string) {
			set("buyer_uscc", "")(r)
			set("buyer_name", "Müller GmbH")(r)
			set("deadline", "46203")(r) // Excel serial of 2026-06-30
			set("status", "草稿")(r)
		})}
		rep := &Report{}
		org := &domain.User{ID: "o1", Role: domain.RoleOrganiser, Clusters: []string{"L2"}}
		ls, ok, err := CheckLeads(t.Context(), testClusters, known, org, "l.xlsx", xlsxBytes(t, rows), Options{Now: now, Location: time.UTC}, rep)
		if err != nil || !ok {
			t.Fatalf("err %v problems %v", err, rep.Problems)
		}
		a, b := ls[0], ls[1]
		if a.BuyerEnterpriseID != "e1" || a.BuyerName != "无锡芯联" || a.Contact.Name != "王工" || a.Quantity != 5000 ||
			a.BudgetMin != 100000 || a.BudgetMax != 300000 || a.Status != domain.LeadOpen || a.OpenedAt == nil || a.PostedBy != "o1" {
			t.Fatalf("lead a: %+v", a)
		}
		if b.BuyerName != "Müller GmbH" || b.Status != domain.LeadDraft || b.Deadline.Format("2006-01-02") != "2026-06-30" {
			t.Fatalf("lead b: %+v deadline %v", b, b.Deadline)
		}
	})
	t.Run("bad", func(t *testing.T) {
		rows := [][]string{leadHeader,
			row(set("budget_min", "50万")),           // 2: min > max
			row(set("deadline", "2026-04-01")),      // 3: past
			row(set("quantity", "0")),               // 4: fine, "not stated"
			row(set("quantity", "-5")),              // 5
			row(set("quantity", "约五千")),             // 6: wrong type
			row(set("deadline", "下周")),              // 7: wrong type
			row(set("clusters", "L9")),              // 8
			row(set("buyer_uscc", uscc(2))),         // 9: unknown buyer
			row(set("preferred_tiers", "龙头")),       // 10
			row(set("clusters", "物联网")),             // 11: outside the organiser's clusters
			row(set("title", "<script>x</script>")), // 12: fine, kept as text
			row(set("buyer_uscc", uscc(3))),         // 13: a buyer outside the organiser's clusters
		}
		rep := &Report{}
		org := &domain.User{ID: "o1", Role: domain.RoleOrganiser, Clusters: []string{"L2"}}
		_, ok, err := CheckLeads(t.Context(), testClusters, known, org, "l.csv", csvBytes(t, rows, false), Options{Now: now, Location: time.UTC}, rep)
		if err != nil || ok {
			t.Fatalf("err %v ok %v", err, ok)
		}
		want := []string{"2/budget_min/budget_range", "3/deadline/deadline_past", "5/quantity/negative",
			"6/quantity/number_format", "7/deadline/date_format", "8/clusters/cluster_unknown", "9/buyer_uscc/import_buyer_unknown",
			"10/preferred_tiers/tier_unknown", "11/clusters/import_cluster_scope", "13/buyer_uscc/trust.import.buyer_scope"}
		if got := keys(rep.Problems); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("problems\n got %v\nwant %v", got, want)
		}
	})
	t.Run("no quantity column", func(t *testing.T) {
		// A buyer's sheet may say nothing of quantity: the column is optional.
		rows := [][]string{{"title", "buyer_name"}, {"食堂油烟太大，楼上住户老投诉", "Müller GmbH"}}
		rep := &Report{}
		ls, ok, err := CheckLeads(t.Context(), testClusters, known, nil, "l.csv", csvBytes(t, rows, false), Options{Now: now}, rep)
		if err != nil || !ok || len(ls) != 1 || ls[0].Quantity != 0 {
			t.Fatalf("err %v ok %v leads %+v problems %v", err, ok, ls, rep.Problems)
		}
	})
	t.Run("no buyer column", func(t *testing.T) {
		rows := [][]string{{"title", "clusters", "quantity"}, {"a", "L1", "1"}}
		rep := &Report{}
		_, ok, _ := CheckLeads(t.Context(), testClusters, known, nil, "l.csv", csvBytes(t, rows, false), Options{Now: now}, rep)
		if ok || rep.Problems[0].Key != "import_missing_column" {
			t.Fatalf("problems %v", rep.Problems)
		}
	})
}

func TestParseValues(t *testing.T) {
	for in, want := range map[string]float64{"5000": 5000, "1,200,000": 1200000, "30万": 300000, "1.2亿": 120000000, "1.5e3": 1500} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v %v", in, got, ok)
		}
	}
	for _, in := range []string{"约五千", "1,2,3", "", "NaN", "Inf"} {
		if _, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) accepted", in)
		}
	}
	if _, ok := parseYuan("100.5"); ok {
		t.Error("fractional yuan accepted")
	}
	for in, want := range map[string]string{"2026-06-30": "2026-06-30 23:59", "2026/6/30": "2026-06-30 23:59", "2026年6月30日": "2026-06-30 23:59", "46203": "2026-06-30 23:59", "2026-06-30 12:00": "2026-06-30 12:00"} {
		d, ok := parseDeadline(in, time.UTC)
		if !ok || d == nil || d.Format("2006-01-02 15:04") != want {
			t.Errorf("parseDeadline(%q) = %v %v, want %s", in, d, ok, want)
		}
	}
	if d, ok := parseDeadline("长期有效", time.UTC); !ok || d != nil {
		t.Error("standing demand not read as no deadline")
	}
	for _, in := range []string{"下周", "12", "2026-13-01"} {
		if _, ok := parseDeadline(in, time.UTC); ok {
			t.Errorf("parseDeadline(%q) accepted", in)
		}
	}
}

func TestFormulaNeutralisingRoundTrips(t *testing.T) {
	for _, v := range []string{"=HYPERLINK(\"x\")", "+86 510 8123 4567", "-5", "@SUM(A1)", "plain", ""} {
		n := NeutraliseFormula(v)
		if v != "" && strings.ContainsRune(formulaLeads, rune(v[0])) && n[0] != '\'' {
			t.Errorf("NeutraliseFormula(%q) = %q", v, n)
		}
		l := &layout{index: map[string]int{"x": 0}}
		if got := l.cell(Row{Cells: []string{n}}, "x"); got != v {
			t.Errorf("round trip of %q gives %q", v, got)
		}
	}
}
