package matchsvc

import (
	"context"
	"testing"

	"duijie/domain"
	"duijie/matching"
)

// A proposal stored by an earlier ranking that the live ranking no longer lists (the engine
// now leaves it out as a weak line, or the profile changed) is not shown on the lead's page when
// the live ranking is whole.
func TestForLeadDropsProposalsTheRankingLeftOut(t *testing.T) {
	e := newEnv(t, Config{Keep: 3, Send: 1})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 3 {
		e.addEnterprise(chipMaker(i, 1+i%3))
	}
	stale := e.addEnterprise(textileMaker(1))
	l := e.mcuLead(buyer, domain.LeadOpen)
	ctx := context.Background()
	old := e.svc.newMatch(l, stale.ID, matching.Result{ID: stale.ID, Score: 0.02}, 4, e.now.Now())
	if _, err := e.st.Matches.Put(ctx, []domain.Match{old}); err != nil {
		t.Fatal(err)
	}
	listed := func(limit int) bool {
		ms, _, err := e.svc.ForLead(ctx, member(buyer), l.ID, limit)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.EnterpriseID == stale.ID {
				return true
			}
		}
		return false
	}
	if listed(20) {
		t.Errorf("the stale proposal is listed beside a whole live ranking")
	}
}

// A weaker match of the live ranking (a faint guess far below the best) is marked and listed
// after the others, for the page to fold: the cold-store lead's forklift maker and tailor.
func TestForLeadListsWeakerMatchesLast(t *testing.T) {
	e := newEnv(t, Config{Keep: 0, Send: 0})
	buyer := e.addEnterprise(textileMaker(0))
	iot := e.addEnterprise(domain.Enterprise{Name: "无锡感联物联网科技有限公司", Clusters: []string{"L1"}, Region: "320214",
		Products:    []string{"无线温湿度传感器", "NB-IoT数据采集终端", "LoRa网关", "冷链监测云平台"},
		Description: "专注冷链与仓储环境监测，提供温湿度传感器、NB-IoT/LoRa 采集终端和云平台，已为医药冷库、生鲜物流中心完成 300 余个改造项目。"})
	agv := e.addEnterprise(domain.Enterprise{Name: "无锡锡运智能物流装备有限公司", Clusters: []string{"A1"}, Region: "320214",
		Products:    []string{"AGV搬运机器人", "AMR自主移动机器人", "无人叉车", "自动化立体仓库"},
		Description: "仓储物流自动化集成商，潜伏式 AGV、无人叉车和 AMR 已在电机、纺织、汽车零部件和电商仓库落地 150 余个项目。"})
	ctx := context.Background()
	now := e.now.Now()
	l := &domain.Lead{ID: domain.NewID(), Title: "冷库里的货老坏，不知道什么时候温度上去的",
		Description: "厂里两个冷库，夜里停过电也没人知道，想在手机上随时看到温度，超了就提醒。",
		Clusters:    []string{"L1"}, ClustersInferred: true, Status: domain.LeadOpen, BuyerEnterpriseID: buyer.ID,
		BuyerName: buyer.Name, Contact: domain.Contact{Name: "王工", Phone: "0510-81234567"}, CreatedAt: now, UpdatedAt: now, OpenedAt: &now}
	if err := e.st.Leads.Create(ctx, l); err != nil {
		t.Fatal(err)
	}
	e.svc.LeadChanged(ctx, *l)
	ms, _, err := e.svc.ForLead(ctx, member(buyer), l.ID, 20)
	if err != nil {
		t.Fatal(err)
	}
	weak, seenWeak := map[string]bool{}, false
	for _, m := range ms {
		if seenWeak && !m.Weak {
			t.Errorf("%s listed after a weaker match", m.EnterpriseName)
		}
		seenWeak = seenWeak || m.Weak
		weak[m.EnterpriseID] = m.Weak
	}
	if w, ok := weak[agv.ID]; !ok || !w {
		t.Errorf("the forklift maker: listed %v, weak %v; want a weaker match", ok, w)
	}
	if weak[iot.ID] {
		t.Errorf("the monitoring firm is marked weak")
	}
}
