package matching

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

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
	if st.Scenes < 700 || st.Tagged < 500 {
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

// A scene of one cluster may call for a product of a file read after it: scenes are read once
// every file's products are known.
func TestScenesCallForProductsOfLaterFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"d/concepts.tsv":         {Data: []byte("冷库\tcold storage\t冷库\n")},
		"d/applications.tsv":     {Data: []byte("")},
		"d/stopwords.txt":        {Data: []byte("[zh]\n的\n")},
		"d/dict.txt":             {Data: []byte("[words]\n冷库\n")},
		"d/certs.tsv":            {Data: []byte("")},
		"d/markets.tsv":          {Data: []byte("")},
		"d/scenarios/A1.tsv":     {Data: []byte("# version: t\nscene\t扫码出库\t仓储管理系统\n")},
		"d/scenarios/L4.tsv":     {Data: []byte("# version: t\nproduct\t仓储管理系统\twarehouse management system\t仓储管理系统,wms\n")},
		"d/scenarios/README.txt": {Data: []byte("not a scenario file")},
	}
	v, err := LoadVocabulary(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Scenarios(); got.Scenes != 1 || got.Versions["A1"] != "t" || got.Versions["L4"] != "t" {
		t.Errorf("scenario stats %+v", got)
	}
	fsys["d/scenarios/A1.tsv"] = &fstest.MapFile{Data: []byte("# version: t\nscene\t扫码出库\t仓库系统\n")}
	if _, err := LoadVocabulary(fsys, "d"); err == nil || !strings.Contains(err.Error(), "A1.tsv:2") {
		t.Errorf("a scene calling for an unknown product: err %v, want it to name A1.tsv:2", err)
	}
}

// Scene and product phrases are specific: a generic word (设备, 太慢, "system") or a single
// character would fire on leads of every trade and push unrelated suppliers up.
func TestScenarioPhrasesAreSpecific(t *testing.T) {
	generic := map[string]bool{}
	for _, w := range strings.Fields(`太慢 不够 太贵 太大 问题 老坏 坏了 设备 系统 服务 产品 材料 方案 工程 技术 采购
		需求 质量 价格 成本 效率 安全 环保 智能 自动 数据 管理 生产 加工 工厂 车间 现场 公司 项目 定制 改造 升级
		slow broken problem issue cost price quality system service product equipment solution need help upgrade`) {
		generic[w] = true
	}
	names, err := fs.Glob(dataFS, "data/scenarios/*.tsv")
	if err != nil || len(names) < 15 {
		t.Fatalf("scenario files: %v %v", names, err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(dataFS, name)
		for n, line := range strings.Split(string(b), "\n") {
			f := strings.Split(line, "\t")
			var forms string
			switch {
			case f[0] == "product" && len(f) == 4:
				forms = f[3]
			case f[0] == "scene" && len(f) == 3:
				forms = f[1]
			default:
				continue
			}
			for _, s := range strings.Split(forms, ",") {
				s = strings.TrimSpace(s)
				rs := []rune(s)
				if generic[strings.ToLower(s)] || len(rs) == 1 || len(rs) > 0 && isHan(rs[0]) && len(rs) < 2 {
					t.Errorf("%s:%d: %q is too generic to be a phrase of the vocabulary", name, n+1, s)
				}
			}
		}
	}
}
