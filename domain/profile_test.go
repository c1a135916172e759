package domain

import (
	"reflect"
	"strings"
	"testing"
)

func testClusters() ClusterIndex {
	return NewClusterIndex([]Cluster{
		{Code: "L1", NameZh: "物联网", NameEn: "Internet of Things"},
		{Code: "L2", NameZh: "集成电路", NameEn: "Integrated circuits"},
		{Code: "A5", NameZh: "新能源", NameEn: "New energy"},
	})
}

func validEnterprise() Enterprise {
	return Enterprise{
		Name:           "无锡芯联微电子有限公司",
		USCC:           CompleteUSCC("91320214MA1MXXXX1"),
		Clusters:       []string{"L2", "物联网"},
		IndustryCodes:  []string{"c3973", "6520"},
		HSCodes:        []string{"8542.31", "85"},
		Products:       []string{"功率模块、PCBA", "传感器"},
		Description:    "车规级功率模块与传感器的封装测试，服务新能源汽车与工业控制客户，年产能三百万只。",
		Certifications: []string{"iso 9001:2015", "ISO/TS 16949"},
		Region:         "320214",
		Tier:           "骨干",
		Scale:          "中型",
		ExportMarkets:  []string{"欧盟", "de"},
		Contact:        Contact{Name: "王工", Email: "Wang@Example.com", Phone: "0510-8123 4567"},
	}
}

func TestEnterpriseValidateNormalises(t *testing.T) {
	e := validEnterprise()
	if err := e.Validate(testClusters()); err != nil {
		t.Fatalf("valid enterprise refused: %v", err)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"clusters", e.Clusters, []string{"L2", "L1"}},
		{"industryCodes", e.IndustryCodes, []string{"C3973", "I6520"}},
		{"hsCodes", e.HSCodes, []string{"854231", "85"}},
		{"products", e.Products, []string{"功率模块", "PCBA", "传感器"}},
		{"certifications", e.Certifications, []string{"ISO9001", "IATF16949"}},
		{"tier", e.Tier, TierBackbone},
		{"scale", e.Scale, ScaleMedium},
		{"exportMarkets", e.ExportMarkets, []string{"EU", "DE"}},
		{"email", e.Contact.Email, "wang@example.com"},
		{"status", e.Status, EnterpriseActive},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestEnterpriseValidateRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(e *Enterprise)
		field  string
		key    string
	}{
		{"uscc check character", func(e *Enterprise) { e.USCC = e.USCC[:17] + "0" }, "uscc", "uscc_check"},
		{"uscc missing", func(e *Enterprise) { e.USCC = "" }, "uscc", "required"},
		{"name missing", func(e *Enterprise) { e.Name = "  " }, "name", "required"},
		{"unknown cluster", func(e *Enterprise) { e.Clusters = []string{"L9"} }, "clusters", "cluster_unknown"},
		{"unknown region", func(e *Enterprise) { e.Region = "320299" }, "region", "region_unknown"},
		{"region as a name", func(e *Enterprise) { e.Region = "新吴区" }, "region", "region_unknown"},
		{"unknown tier", func(e *Enterprise) { e.Tier = "龙头" }, "tier", "tier_unknown"},
		{"unknown scale", func(e *Enterprise) { e.Scale = "huge" }, "scale", "scale_unknown"},
		{"industry section mismatch", func(e *Enterprise) { e.IndustryCodes = []string{"I3973"} }, "industryCodes", "industry_section"},
		{"industry format", func(e *Enterprise) { e.IndustryCodes = []string{"C39X"} }, "industryCodes", "industry_format"},
		{"hs odd length", func(e *Enterprise) { e.HSCodes = []string{"85423"} }, "hsCodes", "hs_format"},
		{"hs too long", func(e *Enterprise) { e.HSCodes = []string{"854231000012"} }, "hsCodes", "hs_format"},
		{"hs letters", func(e *Enterprise) { e.HSCodes = []string{"85AB"} }, "hsCodes", "hs_format"},
		{"unknown market", func(e *Enterprise) { e.ExportMarkets = []string{"MARS"} }, "exportMarkets", "market_unknown"},
		{"bad email", func(e *Enterprise) { e.Contact.Email = "wang@" }, "contact.email", "email_format"},
		{"bad phone", func(e *Enterprise) { e.Contact.Phone = "call me" }, "contact.phone", "phone_format"},
		{"5 MB description", func(e *Enterprise) { e.Description = strings.Repeat("描", 5<<20/3) }, "description", "too_long"},
		{"control characters", func(e *Enterprise) { e.Description = "a\x00b" }, "description", "text_control"},
		{"invalid utf-8", func(e *Enterprise) { e.Description = "a\xffb" }, "description", "text_encoding"},
		{"too many products", func(e *Enterprise) {
			e.Products = make([]string, 0)
			for i := 0; i < 60; i++ {
				e.Products = append(e.Products, strings.Repeat("x", i+1))
			}
		}, "products", "too_many"},
		{"product too long", func(e *Enterprise) { e.Products = []string{strings.Repeat("长", 101)} }, "products", "too_long"},
		{"certification garbage", func(e *Enterprise) { e.Certifications = []string{"<b>ISO</b>"} }, "certifications", "cert_format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := validEnterprise()
			tc.change(&e)
			err := e.Validate(testClusters())
			v, ok := err.(*ValidationError)
			if !ok {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if p := v.Fields[tc.field]; p.Key != tc.key {
				t.Fatalf("field %s: %q, want %q (all: %v)", tc.field, p.Key, tc.key, v)
			}
		})
	}
}

func TestMarkupIsKeptAsText(t *testing.T) {
	e := validEnterprise()
	e.Description = `<script>alert("x")</script> 我们生产 <b>PCBA</b>`
	e.Products = []string{`<img src=x onerror=alert(1)>`}
	if err := e.Validate(testClusters()); err != nil {
		t.Fatalf("markup refused: %v", err)
	}
	if e.Description != `<script>alert("x")</script> 我们生产 <b>PCBA</b>` || e.Products[0] != `<img src=x onerror=alert(1)>` {
		t.Fatalf("markup altered: %q %q", e.Description, e.Products)
	}
}

func TestParseEnumerations(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want EnterpriseTier
		ok   bool
	}{{"链主", TierChainLeader, true}, {"chain_leader", TierChainLeader, true}, {" Backbone ", TierBackbone, true}, {"准链主", TierQuasiLeader, true}, {"新锐", TierEmerging, true}, {"龙头", "", false}, {"", "", false}} {
		if got, ok := ParseTier(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("ParseTier(%q) = %q %v", tc.in, got, ok)
		}
	}
	for _, tc := range []struct {
		in   string
		want Scale
		ok   bool
	}{{"大型", ScaleLarge, true}, {"微", ScaleMicro, true}, {"small", ScaleSmall, true}, {"巨型", "", false}} {
		if got, ok := ParseScale(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("ParseScale(%q) = %q %v", tc.in, got, ok)
		}
	}
}

func TestSplitList(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a,b、c;d；e，f", []string{"a", "b", "c", "d", "e", "f"}},
		{" PCBA 、 传感器 ;; ", []string{"PCBA", "传感器"}},
		{"", []string{}},
		{"line1\nline2", []string{"line1", "line2"}},
	} {
		if got := SplitList(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SplitList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeCertification(t *testing.T) {
	for in, want := range map[string]string{
		"iso 9001:2015":   "ISO9001",
		"ISO9001-2015":    "ISO9001",
		"ISO 14001":       "ISO14001",
		"iso/ts 16949":    "IATF16949",
		"IATF 16949:2016": "IATF16949",
		"3C":              "CCC",
		"CE认证":            "CE",
		"rohs":            "RoHS",
		"ISO 13485:2016":  "ISO13485",
	} {
		if got := NormalizeCertification(in); got != want {
			t.Errorf("NormalizeCertification(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompleteness(t *testing.T) {
	full := validEnterprise()
	if err := full.Validate(testClusters()); err != nil {
		t.Fatal(err)
	}
	if c := full.Completeness(); c.Percent != 100 || len(c.Gaps) != 0 {
		t.Errorf("full profile: %+v", c)
	}
	bare := Enterprise{Name: "x", USCC: full.USCC, Products: []string{"PCBA"}}
	c := bare.Completeness()
	if c.Percent != 20 {
		t.Errorf("products only: %d%%, want 20", c.Percent)
	}
	if len(c.Gaps) != 9 || c.Gaps[0].Field != "clusters" {
		t.Errorf("gaps = %+v", c.Gaps)
	}
	noHS := full
	noHS.HSCodes = nil
	if g := noHS.Completeness().Gaps; len(g) != 1 || g[0].Key != "hsCodes" {
		t.Errorf("missing HS codes not named: %+v", g)
	}
}
