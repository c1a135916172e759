package demo

import (
	"context"
	"fmt"
	"time"

	"duijie/domain"
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
}

// sampleLeads are written the way buyers write them: short, about the application as often as
// the product, some in English from overseas buyers.
var sampleLeads = []sampleLead{
	{buyer: "无锡惠驰汽车零部件有限公司", title: "采购车规级 IGBT 功率模块 1200V/300A", clusters: []string{"L2", "A6"},
		desc: "用于新能源汽车电驱控制器，需提供 AEC-Q101 报告，年用量约 2 万只，分批交付。", industry: []string{"C3973"},
		hs: []string{"854129"}, qty: 20000, unit: "只", budget: [2]int64{3000000, 5000000}, region: "320206",
		certs: []string{"IATF 16949"}, tiers: []domain.EnterpriseTier{domain.TierBackbone, domain.TierEmerging}, days: 45, status: domain.LeadOpen},
	{buyer: "无锡太湖湾生物制药有限公司", title: "冷库温度远程监测改造", clusters: []string{"L1"},
		desc: "三座医药冷库（2–8℃）加装温湿度传感器与报警网关，数据接入现有 GSP 系统。", industry: []string{"C4021"},
		qty: 3, unit: "套", budget: [2]int64{150000, 300000}, region: "320211", days: 30, status: domain.LeadOpen},
	{buyer: "无锡光合新能源科技有限公司", title: "光伏组件用 EVA 胶膜长期供应", clusters: []string{"A5", "A4"},
		desc: "年需求约 800 万平方米，需通过 TÜV 认证。", industry: []string{"C2929"}, hs: []string{"392099"},
		qty: 8000000, unit: "平方米", region: "320214", certs: []string{"ISO 9001:2015"}, status: domain.LeadOpen},
	{byMember: true, title: "采购 PCBA 贴片加工（小批量多品种）", clusters: []string{"L1", "L2"},
		desc: "物联网网关主板，月均 2,000 片，0402 元件，需支持 SMT + DIP。", industry: []string{"C3982"},
		hs: []string{"853400"}, qty: 2000, unit: "片", budget: [2]int64{60000, 120000}, region: "320214",
		certs: []string{"ISO 9001"}, days: 20, status: domain.LeadOpen},
	{byMember: true, title: "工业级 4G Cat.1 通信模组", clusters: []string{"L1"},
		desc: "草稿：规格待与研发确认。", industry: []string{"C3922"}, qty: 5000, unit: "片", days: 60, status: domain.LeadDraft},
	{outside: "Müller Antriebstechnik GmbH", organiser: true, title: "Power modules for motor drives (EU supplier audit required)",
		desc:     "German drive maker met at the IC innovation conference; looking for a second source of IGBT modules, samples in Q3.",
		clusters: []string{"L2"}, industry: []string{"C3973"}, hs: []string{"854129"}, qty: 5000, unit: "pcs",
		budget: [2]int64{200000, 400000}, currency: "EUR", market: "EU", certs: []string{"ISO 9001", "IATF 16949"}, days: 40,
		status: domain.LeadOpen, contact: domain.Contact{Name: "Anna Müller", Email: "a.mueller@mueller-antrieb.example", Phone: "+49 711 5550 123"}},
	{outside: "Nordic Energy Storage AB", organiser: true, title: "LFP battery cells for home storage",
		desc:     "Swedish integrator met at the new energy conference; 280Ah prismatic cells, UN38.3 and IEC 62619.",
		clusters: []string{"A5"}, hs: []string{"850760"}, qty: 20000, unit: "cells", currency: "USD", market: "SE",
		days: 50, status: domain.LeadOpen, contact: domain.Contact{Name: "Erik Lind", Email: "erik@nordic-storage.example"}},
	{buyer: "江阴澄江纺织服装有限公司", title: "功能性面料（防水透湿）", clusters: []string{"A2"}, industry: []string{"C17"},
		qty: 50000, unit: "米", budget: [2]int64{1000000, 1500000}, region: "320281", status: domain.LeadClosed},
	// Written without any code, as most buyers write (lead intake): the clusters are
	// inferred and the leads wait in the organiser's triage queue (/leads/triage). The second
	// names no quantity either (shown as "not stated").
	{buyer: "无锡惠驰汽车零部件有限公司", title: "冷库里的货老坏，不知道什么时候温度上去的",
		desc: "厂里两个冷库，夜里停过电也没人知道，想在手机上随时看到温度，超了就提醒。",
		qty:  2, unit: "座", region: "320206", days: 30, status: domain.LeadOpen},
	{outside: "Rotterdam Cold Logistics B.V.", organiser: true, title: "Store cheap night power for our warehouse",
		desc:     "Peak and off-peak tariffs differ a lot; we want to charge at night and use the power by day. Deliver to Rotterdam.",
		currency: "EUR", region: "NL", days: 45, status: domain.LeadOpen,
		contact: domain.Contact{Name: "Sanne de Vries", Email: "sanne@rotterdam-cold.example"}},
}

func seedLeads(ctx context.Context, st *store.Store, env *Env) error {
	clusters, err := st.Clusters.List(ctx)
	if err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	ci := domain.NewClusterIndex(clusters)
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
			intake.New(nil, nil, nil, nil).Infer(l, clusters)
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
