package matching

import (
	"testing"

	"duijie/domain"
)

// A lead whose strongest need is a project or a service (a scenario "service" line) is no goods
// demand because it gives a quantity: the EPC firm that builds a rooftop plant is not ranked
// down as "a service firm offered for goods". A lead buying goods for such a project still is.
func TestServiceConceptLiftsQuantityGoodsDemand(t *testing.T) {
	e := New(DefaultConfig())
	epc := domain.Enterprise{ID: "epc", Name: "无锡阳光新能源工程有限公司", Status: domain.EnterpriseActive,
		IndustryCodes: []string{"E4910"}, Products: []string{"分布式光伏电站EPC总包"}, Description: "工商业屋顶分布式光伏工程设计施工"}
	maker := domain.Enterprise{ID: "maker", Name: "无锡某光伏科技有限公司", Status: domain.EnterpriseActive,
		IndustryCodes: []string{"C3825"}, Products: []string{"光伏组件"}, Description: "单晶光伏组件生产"}
	e.UpsertMany([]domain.Enterprise{epc, maker})
	for _, tc := range []struct {
		lead   domain.Lead
		rolePn bool // the EPC firm carries the service-firm factor
	}{
		{domain.Lead{Title: "厂房屋顶空着，想让屋顶自己发电", Quantity: 12000, Unit: "平方米"}, false},
		{domain.Lead{Title: "屋面防水工程，厂房一下雨就漏", Quantity: 5000, Unit: "平方米"}, false},
		// Goods by code, or goods named above the project: the factor stays.
		{domain.Lead{Title: "厂房屋顶空着，想让屋顶自己发电", Quantity: 12000, Unit: "平方米", HSCodes: []string{"854143"}}, true},
		{domain.Lead{Title: "采购光伏组件 2000块", Quantity: 2000, Unit: "块"}, true},
	} {
		rs, err := e.SuppliersFor(tc.lead, 10, Options{NoExposure: true})
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, r := range rs {
			if r.ID == "epc" {
				got = hasFactor(r, FactorRole)
			}
		}
		if got != tc.rolePn {
			t.Errorf("%q (hs %v): EPC firm carries the service-firm factor = %v, want %v", tc.lead.Title, tc.lead.HSCodes, got, tc.rolePn)
		}
	}
}
