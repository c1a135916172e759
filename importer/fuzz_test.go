package importer

import (
	"bytes"
	"context"
	"testing"
	"time"

	"duijie/domain"
)

// FuzzValues feeds the cell parsers (numbers with 万/亿 and separators, yuan, dates in the
// spellings offices use) arbitrary text: none panics, and a deadline parsed is a real time.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"5,000", "10万", "1.5亿", "2026-06-30", "2026/6/30", "2026年6月30日", "46000", "长期有效", "", "-1e309", "99999999999亿"} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = parseNumber(s)
		_, _ = parseYuan(s)
		// ok with nil is "no deadline" (长期有效, empty); a date given must be a real one.
		if d, ok := parseDeadline(s, loc); ok && d != nil && d.IsZero() {
			t.Fatalf("parseDeadline(%q) gave the zero time", s)
		}
	})
}

// FuzzImportFiles feeds whole files (CSV text, or bytes claiming to be a workbook) to the
// enterprise and lead checks: no panic, and a file refused or accepted is reported either way.
func FuzzImportFiles(f *testing.F) {
	f.Add("enterprises.csv", []byte("name,uscc,clusters\n无锡测试有限公司,91320214MA0000001R,L1\n"))
	f.Add("leads.csv", []byte("title,clusters,quantity,buyer_name,deadline\n采购,L1,5,Müller GmbH,2026-06-30\n"))
	f.Add("x.xlsx", []byte("PK\x03\x04 not really a workbook"))
	f.Add("x.csv", []byte("\xef\xbb\xbf\"unterminated,\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		opt := Options{MaxRows: 200, Now: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC}
		rep := &Report{}
		_, _ = CheckEnterprises(testClusters, name, data, opt, rep)
		rep = &Report{}
		org := &domain.User{ID: "o1", Role: domain.RoleOrganiser, Clusters: []string{"L1"}}
		if _, _, err := CheckLeads(context.Background(), testClusters, buyers{}, org, name, bytes.Clone(data), opt, rep); err != nil {
			t.Fatalf("CheckLeads: %v", err)
		}
	})
}
