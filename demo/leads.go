package demo

import (
	"context"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/matching"
	"duijie/service/intake"
	"duijie/store"
)

// sampleLead is one fictitious purchase demand. Buyers are demo enterprises, named by their
// exact name, or outside buyers met at a fair (buyer "" and outside set); contacts use the
// reserved .example domain.
type sampleLead struct {
	buyer     string
	outside   string
	title     string
	desc      string
	clusters  []string
	industry  []string
	hs        []string
	qty       float64
	unit      string
	budget    [2]int64
	currency  string
	market    string
	region    string
	certs     []string
	tiers     []domain.EnterpriseTier
	days      int // deadline in days from now; 0 = ongoing
	status    domain.LeadStatus
	byMember  bool // posted by the demo member (its own enterprise buys)
	contact   domain.Contact
	organiser bool // posted by the demo organiser
	// want names the suppliers a buyer would call right: the first must be the lead's first
	// match, the others among its first three (leads_test.go checks it on every demo run's data).
	want []string
}

// sampleLeads are written the way buyers write them: short, about the application as often as
// the product, some in English from overseas buyers.
var sampleLeads = []sampleLead{
	{byMember: true, title: "采购 PCBA 贴片加工（小批量多品种）", clusters: []string{"L1", "L2"},
		desc: "物联网网关主板，月均 2,000 片，0402 元件，需支持 SMT + DIP。", industry: []string{"C3982"},
		hs: []string{"853400"}, qty: 2000, unit: "片", budget: [2]int64{60000, 120000}, region: "320214",
		certs: []string{"ISO 9001"}, days: 20, status: domain.LeadOpen, want: []string{"无锡精板电子电路有限公司"}},
	{byMember: true, title: "工业级 4G Cat.1 通信模组", clusters: []string{"L1"},
		desc: "草稿：规格待与研发确认。", industry: []string{"C3922"}, qty: 5000, unit: "片", days: 60, status: domain.LeadDraft},
	{buyer: "无锡惠驰汽车零部件有限公司", title: "采购车规级 IGBT 功率模块 1200V/300A", clusters: []string{"L2", "A6"},
		desc: "用于新能源汽车电驱控制器，需提供 AEC-Q101 报告，年用量约 2 万只，分批交付。", industry: []string{"C3973"},
		hs: []string{"854129"}, qty: 20000, unit: "只", budget: [2]int64{3000000, 5000000}, region: "320206",
		certs: []string{"IATF 16949"}, tiers: []domain.EnterpriseTier{domain.TierBackbone, domain.TierEmerging}, days: 45, status: domain.LeadOpen,
		want: []string{"无锡宽禁半导体科技有限公司"}},
	{buyer: "无锡太湖湾生物制药有限公司", title: "冷库温度远程监测改造", clusters: []string{"L1"},
		desc: "三座医药冷库（2–8℃）加装温湿度传感器与报警网关，数据接入现有 GSP 系统。", industry: []string{"C4021"},
		qty: 3, unit: "套", budget: [2]int64{150000, 300000}, region: "320211", days: 30, status: domain.LeadOpen,
		want: []string{"无锡感联物联网科技有限公司"}},
	{buyer: "无锡光合新能源科技有限公司", title: "光伏组件用 EVA 胶膜长期供应", clusters: []string{"A5", "A4"},
		desc: "年需求约 800 万平方米，需通过 TÜV 认证。", industry: []string{"C2929"}, hs: []string{"392099"},
		qty: 8000000, unit: "平方米", region: "320214", certs: []string{"ISO 9001:2015"}, status: domain.LeadOpen,
		want: []string{"无锡澄辉光伏材料有限公司"}},
	{outside: "Müller Antriebstechnik GmbH", organiser: true, title: "Power modules for motor drives (EU supplier audit required)",
		desc:     "German drive maker met at the IC innovation conference; looking for a second source of IGBT modules, samples in Q3.",
		clusters: []string{"L2"}, industry: []string{"C3973"}, hs: []string{"854129"}, qty: 5000, unit: "pcs",
		budget: [2]int64{200000, 400000}, currency: "EUR", market: "EU", certs: []string{"ISO 9001", "IATF 16949"}, days: 40,
		status: domain.LeadOpen, contact: domain.Contact{Name: "Anna Müller", Email: "a.mueller@mueller-antrieb.example", Phone: "+49 711 5550 123"},
		want: []string{"无锡宽禁半导体科技有限公司"}},
	{outside: "Nordic Energy Storage AB", organiser: true, title: "LFP battery cells for home storage",
		desc:     "Swedish integrator met at the new energy conference; 280Ah prismatic cells, UN38.3 and IEC 62619.",
		clusters: []string{"A5"}, hs: []string{"850760"}, qty: 20000, unit: "cells", currency: "USD", market: "SE",
		days: 50, status: domain.LeadOpen, contact: domain.Contact{Name: "Erik Lind", Email: "erik@nordic-storage.example"},
		want: []string{"无锡锡能储能电池有限公司"}},
	{buyer: "江阴澄江纺织服装有限公司", title: "功能性面料（防水透湿）", clusters: []string{"A2"}, industry: []string{"C17"},
		qty: 50000, unit: "米", budget: [2]int64{1000000, 1500000}, region: "320281", status: domain.LeadClosed},
	// Written without any code, as most buyers write (lead intake): the clusters are
	// inferred and the leads wait in the organiser's triage queue (/leads/triage). The second
	// names no quantity either (shown as "not stated").
	{buyer: "无锡惠驰汽车零部件有限公司", title: "冷库里的货老坏，不知道什么时候温度上去的",
		desc: "厂里两个冷库，夜里停过电也没人知道，想在手机上随时看到温度，超了就提醒。",
		qty:  2, unit: "座", region: "320206", days: 30, status: domain.LeadOpen, want: []string{"无锡感联物联网科技有限公司"}},
	{outside: "Rotterdam Cold Logistics B.V.", organiser: true, title: "Store cheap night power for our warehouse",
		desc:     "Peak and off-peak tariffs differ a lot; we want to charge at night and use the power by day. Deliver to Rotterdam.",
		currency: "EUR", region: "NL", days: 45, status: domain.LeadOpen,
		contact: domain.Contact{Name: "Sanne de Vries", Email: "sanne@rotterdam-cold.example"},
		want:    []string{"无锡锡能储能电池有限公司"}},
	// Written as buyers post them, without a code (README, "Lead intake"). A WeChat message
	// without punctuation, its clauses split by spaces:
	{buyer: "无锡华锡微电子封测有限公司", title: "食堂油烟太大 楼上宿舍天天投诉",
		desc:   "我们厂食堂在一楼 楼上是员工宿舍 一做饭油烟全往上飘 员工天天投诉 有没有能上门装的 最好月底前弄好 价格好商量",
		region: "320214", days: 25, status: domain.LeadOpen, want: []string{"宜兴清源环保设备有限公司"}},
	// a short ask from the floor, a scene rather than a product:
	{buyer: "江阴澄江纺织服装有限公司", title: "仓库里的货想让车自己搬",
		desc:   "成衣仓库三千多平，现在全靠叉车和人工搬，叉车司机老招不到人。想让车自己把货从车间搬到仓库，有没有做过的单位可以来现场看看。",
		region: "320281", days: 40, status: domain.LeadOpen, want: []string{"无锡锡运智能物流装备有限公司"}},
	// a long e-mail that opens with the company's history: its own trade (电动工具电机) is read
	// at half weight, so the motor makers do not come first;
	{outside: "无锡恒锐电机有限公司", organiser: true, title: "厂房屋顶空着，电费又高，想自己发电",
		desc: "王主任您好！我司成立于2003年，是一家专业生产电动工具电机和园林工具电机的企业，产品出口欧美，现有员工480人，" +
			"厂区在惠山区堰桥。近两年订单多了，注塑车间和空压机用电量很大，每月电费七十多万。厂房屋顶有两万多平方米空着，" +
			"听说可以装了自己发电自己用，想请园区推荐有经验的单位来看看能不能做、多久能回本。谢谢！周经理",
		region: "320206", status: domain.LeadOpen, want: []string{"无锡光合新能源科技有限公司"},
		contact: domain.Contact{Name: "周经理", Email: "zhou@hengrui-motor.example", Phone: "0510-8321 7702"}},
	// an English e-mail from an overseas buyer, naming a scene (cooking fumes) and a city:
	{outside: "Al Bahar Restaurants LLC", organiser: true, title: "Kitchen exhaust for our restaurants in Dubai",
		desc: "Dear Sir or Madam, we run six restaurants in Dubai Marina. The cooking fumes from our kitchens go straight up " +
			"to the flats above and the residents keep complaining; the municipality has given us 30 days. Please quote " +
			"for equipment and installation, delivered to Dubai.",
		currency: "USD", region: "AE", days: 30, status: domain.LeadOpen, want: []string{"宜兴清源环保设备有限公司"},
		contact: domain.Contact{Name: "Omar Haddad", Email: "omar@albahar-restaurants.example"}},
	// an English lead whose key word no concept or scene reads: the English→Chinese bridge
	// translates it, and the reason reads "winch ≈ 绞车";
	{outside: "Havforsk Bergen AS", organiser: true, title: "Deep-water winch for a research vessel",
		desc:     "Our institute is refitting its research vessel. Please send a budget price for one winch, delivered to Bergen.",
		currency: "EUR", region: "NO", days: 60, status: domain.LeadOpen, want: []string{"江阴长海海工装备有限公司"},
		contact: domain.Contact{Name: "Ingrid Solberg", Email: "ingrid@havforsk-bergen.example"}},
	// and a lead with two needs, each reaching its own supplier; its description was dictated to
	// a phone, which wrote 楼 for 漏 (the same sound): the reason reads "一下雨就楼 ≈ 一下雨就漏".
	{buyer: "无锡惠山精工机械有限公司", title: "厂房一下雨就漏，门口也想改成刷脸进出",
		desc:   "厂房屋顶是彩钢瓦的，一下雨就楼，想找人来修；另外大门和车间门口想改成刷脸进出，员工老忘带卡。",
		region: "320206", days: 30, status: domain.LeadOpen, want: []string{"无锡固邦防水工程有限公司", "无锡慧识安防科技有限公司"}},
}

func seedLeads(ctx context.Context, st *store.Store, env *Env) error {
	clusters, err := st.Clusters.List(ctx)
	if err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	ci := domain.NewClusterIndex(clusters)
	// Clusters are inferred as the running server infers them, over the demo's suppliers: the
	// vocabulary's votes blended with the clusters of the suppliers the text ranks first.
	eng := matching.New(matching.DefaultConfig())
	ents := make([]domain.Enterprise, len(env.Enterprises))
	for i, e := range env.Enterprises {
		ents[i] = *e
	}
	eng.UpsertMany(ents)
	infer := intake.New(func() *matching.Engine { return eng }, nil, nil, nil)
	for i, s := range sampleLeads {
		created := env.Now.Add(-time.Duration(len(sampleLeads)-i) * 6 * time.Hour)
		l := &domain.Lead{
			ID: domain.NewID(), Title: s.title, Description: s.desc, Clusters: s.clusters, IndustryCodes: s.industry,
			HSCodes: s.hs, Quantity: s.qty, Unit: s.unit, BudgetMin: s.budget[0], BudgetMax: s.budget[1],
			Currency: s.currency, DeliveryRegion: s.region, ExportMarket: s.market, RequiredCertifications: s.certs,
			PreferredTiers: s.tiers, Status: domain.LeadDraft, Contact: s.contact, CreatedAt: created, UpdatedAt: created,
		}
		if s.days > 0 {
			d := env.Now.AddDate(0, 0, s.days)
			l.Deadline = &d
		}
		var buyer *domain.Enterprise
		switch {
		case s.byMember:
			buyer = env.MemberEnterprise()
			l.PostedBy = env.Member.ID
		case s.organiser:
			l.BuyerName = s.outside
			l.PostedBy = env.Organiser.ID
		default:
			buyer = env.EnterpriseNamed(s.buyer)
			l.PostedBy = env.Admin.ID
		}
		if buyer == nil && s.outside == "" {
			return fmt.Errorf("sample lead %q: no buyer", s.title)
		}
		if buyer != nil {
			l.BuyerEnterpriseID, l.BuyerName = buyer.ID, buyer.Name
			if l.Contact == (domain.Contact{}) {
				l.Contact = buyer.Contact
			}
		}
		if len(l.Clusters) == 0 {
			infer.Infer(l, clusters)
		}
		if err := l.Validate(ci, env.Now, true); err != nil {
			return fmt.Errorf("sample lead %q: %w", s.title, err)
		}
		switch s.status {
		case domain.LeadOpen:
			if err := l.Open(created); err != nil {
				return fmt.Errorf("sample lead %q: %w", s.title, err)
			}
		case domain.LeadClosed:
			if err := l.Open(created); err != nil {
				return fmt.Errorf("sample lead %q: %w", s.title, err)
			}
			if err := l.Close(domain.OutcomeSigned, env.Now); err != nil {
				return fmt.Errorf("sample lead %q: %w", s.title, err)
			}
		}
		if err := st.Leads.Create(ctx, l); err != nil {
			return fmt.Errorf("sample lead %q: %w", s.title, err)
		}
	}
	return nil
}
