package handlers

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"

	"duijie/domain"
)

func TestResolveRegion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"320214", "320214"},
		{" 新吴区 ", "320214"},
		{"无锡市新吴区", "320214"},
		{"江苏省 无锡市 新吴区", "320214"}, // as pages print it
		{"无锡市", "320200"},
		{"鼓楼区", "鼓楼区"}, // several cities have one: never guessed
		{"南京市鼓楼区", "320106"},
		{"Xinwu District, Wuxi, Jiangsu", "320214"}, // as English pages print it
		{"xinwu district", "320214"},
		{"Wuxi", "320200"},
		{"Gulou District", "Gulou District"},
		{"Gulou District, Nanjing", "320106"},
		{"火星", "火星"},
		{"", ""},
	} {
		if got := resolveRegion(tc.in); got != tc.want {
			t.Errorf("resolveRegion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// People type region names: the profile form and the lead form store the code, and an
// ambiguous name is answered with how to fix it.
func TestFormsAcceptRegionNames(t *testing.T) {
	f := newFixture(t)
	res := f.do(asMember, "POST", "/enterprises/me", form("name", f.enterprise.Name, "clusters", "L1", "region", "惠山区"))
	if res.status != 303 {
		t.Fatalf("profile with a region name: status %d: %.2000s", res.status, res.body)
	}
	if e, _ := f.store.Enterprises.Get(t.Context(), f.enterprise.ID); e.Region != "320206" {
		t.Fatalf("region stored as %q, want 320206", e.Region)
	}
	edit := f.do(asMember, "GET", "/enterprises/me/edit", "").wantStatus(t, 200)
	if !bytes.Contains(edit.body, []byte("当前：江苏省 无锡市 惠山区")) {
		t.Fatalf("edit form does not name the region: %.4000s", edit.body)
	}
	res = f.do(asMember, "POST", "/enterprises/me?lang=en", form("name", f.enterprise.Name, "clusters", "L1", "region", "鼓楼区")).wantStatus(t, 422)
	if !bytes.Contains(res.body, []byte("several regions are called 鼓楼区")) {
		t.Fatalf("ambiguous region not explained: %.4000s", res.body)
	}

	res = f.do(asMember, "POST", "/leads", form("title", "冷库改造", "clusters", "L1", "quantity", "3", "deliveryRegion", "无锡市梁溪区", "status", "open"))
	if res.status != 303 {
		t.Fatalf("lead with a region name: status %d: %.2000s", res.status, res.body)
	}
	if mine := listLeads(t, f, asMember, "/api/v1/leads?mine=1"); len(mine) != 1 || mine[0].DeliveryRegion != "320213" {
		t.Fatalf("lead stored with region %+v", mine)
	}
}

// The directory filters by a region name or code; a region it cannot place is said on the
// form instead of listing nothing.
func TestDirectoryRegionFilter(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		region string
		status int
		found  bool
		errMsg string
	}{
		{"320214", 200, true, ""},
		{"新吴区", 200, true, ""},
		{"惠山区", 200, false, ""},
		{"abc", 400, false, "abc 不是有效的行政区划代码"},
		{"鼓楼区", 400, false, "有多个地区叫“鼓楼区”"},
	} {
		res := f.do(asAdmin, "GET", "/enterprises?region="+url.QueryEscape(tc.region), "").wantStatus(t, tc.status)
		if got := bytes.Contains(res.body, []byte(f.enterprise.Name)); got != tc.found {
			t.Errorf("region %q: enterprise listed = %v, want %v", tc.region, got, tc.found)
		}
		if tc.errMsg != "" && !bytes.Contains(res.body, []byte(tc.errMsg)) {
			t.Errorf("region %q: no field error %q: %.3000s", tc.region, tc.errMsg, res.body)
		}
		if tc.errMsg != "" && !bytes.Contains(res.body, []byte(`value="`+tc.region+`"`)) {
			t.Errorf("region %q: the filter does not keep what was typed", tc.region)
		}
	}
	f.do(asAdmin, "GET", "/api/v1/enterprises?region=abc", "").wantStatus(t, 400)
}

func listLeads(t *testing.T, f *fixture, as, path string) []domain.Lead {
	t.Helper()
	var out struct{ Data []domain.Lead }
	if err := json.Unmarshal(f.do(as, "GET", path, "").wantStatus(t, 200).body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Data
}
