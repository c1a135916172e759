package matching

import (
	"fmt"
	"testing"

	"duijie/domain"
)

func TestSmoke(t *testing.T) {
	e := New(DefaultConfig())
	e.Upsert(domain.Enterprise{ID: "a", Name: "无锡芯源微电子有限公司", Products: []string{"车规级MCU", "电机控制芯片"}, Description: "专注汽车电子集成电路设计，产品通过AEC-Q100认证，型号GP30KL系列。", Clusters: []string{"L2"}, IndustryCodes: []string{"C3973"}, HSCodes: []string{"8542.31"}, Certifications: []string{"IATF 16949:2016", "ISO9001"}, Region: "320214", Tier: domain.TierBackbone})
	e.Upsert(domain.Enterprise{ID: "b", Name: "无锡感知科技有限公司", Products: []string{"温度传感器", "物联网网关"}, Description: "冷链温度监测终端", Clusters: []string{"L1"}, Region: "320211"})
	l := domain.Lead{ID: "l1", Title: "采购车规级 MCU 芯片", Description: "用于车身控制，需 IATF16949，型号 GP30KL", Clusters: []string{"L2"}, HSCodes: []string{"854231"}, RequiredCertifications: []string{"IATF16949"}, DeliveryRegion: "320200"}
	rs, err := e.SuppliersFor(l, 10, Options{})
	fmt.Println(err)
	for _, r := range rs {
		fmt.Printf("%s %.3f %+v\n", r.ID, r.Score, r.Explanation)
		fmt.Println(Render(r.Explanation, "en", nil, nil))
	}
	rs, err = e.SuppliersFor(domain.Lead{Title: "冷库温度远程监测改造"}, 10, Options{})
	for _, r := range rs {
		fmt.Printf("%s %.3f %+v\n", r.ID, r.Score, r.Explanation)
	}
}
