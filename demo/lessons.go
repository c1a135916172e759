package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"duijie/domain"
	"duijie/matching"
	"duijie/service/intake"
	"duijie/store"
)

// The demo of triage lessons: two property managers wrote that their lifts keep trapping
// people; the platform read 高端装备 first (lifts are equipment), and the cluster office moved
// both leads to 物联网 (remote lift monitoring is the IoT office's trade). A third manager writes
// the same a day later: the platform routes that lead to 物联网 itself, with the reason, and it
// waits in the organiser's triage queue. /leads/triage/lessons lists the link.

// lessonLead is one property manager's lead about trapped passengers.
type lessonLead struct {
	outside, title, desc string
	contact              domain.Contact
	daysAgo              int
}

// correctedLeads were corrected by the office; lessonNewLead is routed by what that taught.
var (
	correctedLeads = []lessonLead{
		{outside: "无锡惠泽物业服务有限公司", title: "电梯老困人，想远程知道电梯出了什么事",
			desc:    "小区 18 部电梯，这个月已经困人三次，业主投诉很大。想装一套能远程看电梯状态、困人自动报警的系统。",
			contact: domain.Contact{Name: "钱经理", Email: "qian@huize-wy.example", Phone: "0510-8266 1102"}, daysAgo: 6},
		{outside: "无锡锡东商业广场管理有限公司", title: "商场电梯老困人，物业想第一时间知道",
			desc:    "商场 9 部客梯、4 部扶梯，周末困人两次。希望电梯故障和困人能自动报给物业值班室和维保单位。",
			contact: domain.Contact{Name: "孙主管", Email: "sun@xidong-plaza.example"}, daysAgo: 3},
	}
	lessonNewLead = lessonLead{outside: "无锡蠡湖花园业主委员会", title: "电梯老困人，业主天天投诉",
		desc:    "老小区 12 部电梯，最近半年困人五次，业主群里天天有人骂，想请园区推荐能解决的单位。",
		contact: domain.Contact{Name: "周先生", Email: "zhou@lihu-garden.example"}, daysAgo: 0}
)

// seedLessons stores the two corrected leads with the organiser's corrections, then posts the
// third lead through the intake service, which reads it with what the corrections taught.
func seedLessons(ctx context.Context, st *store.Store, env *Env) error {
	clusters, err := st.Clusters.List(ctx)
	if err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	eng := matching.New(matching.DefaultConfig())
	ents := make([]domain.Enterprise, len(env.Enterprises))
	for i, e := range env.Enterprises {
		ents[i] = *e
	}
	eng.UpsertMany(ents)
	now := func() time.Time { return env.Now }
	in := intake.New(func() *matching.Engine { return eng }, nil, nil, now).WithLessons(st.Triage)
	for _, s := range correctedLeads {
		at := env.Now.AddDate(0, 0, -s.daysAgo)
		l := s.lead(env, at)
		in.Infer(l, clusters) // the platform's reading before anyone corrected it
		before := l.Clusters
		l.Clusters, l.ClustersInferred = []string{"L1"}, false
		removed, added, ok := domain.CorrectionOf(true, before, l.Clusters)
		if !ok {
			return fmt.Errorf("lead %q was read as %v already: no correction to show", s.title, before)
		}
		if err := st.Leads.Create(ctx, l); err != nil {
			return fmt.Errorf("lead %q: %w", s.title, err)
		}
		c := &domain.TriageCorrection{LeadID: l.ID, Terms: eng.Understand(l.Title, l.Description, nil, nil).Terms(),
			Clusters: l.Clusters, Removed: removed, Added: added, By: env.Organiser.ID, ByName: env.Organiser.Name,
			At: at.Add(2 * time.Hour)}
		if err := st.Triage.AddCorrection(ctx, c); err != nil {
			return fmt.Errorf("correction of %q: %w", s.title, err)
		}
	}
	l := lessonNewLead.lead(env, env.Now.Add(-2*time.Hour))
	plain := *l
	intake.New(func() *matching.Engine { return eng }, nil, nil, now).Infer(&plain, clusters)
	in = intake.New(func() *matching.Engine { return eng }, nil, nil, now).WithLessons(st.Triage) // reads the corrections afresh
	in.Infer(l, clusters)
	if !slices.Equal(l.Clusters, []string{"L1"}) || !l.ClustersInferred || slices.Equal(plain.Clusters, l.Clusters) {
		return fmt.Errorf("lead %q routed to %v (without the lesson %v): the demo shows no lesson", l.Title, l.Clusters, plain.Clusters)
	}
	if err := st.Leads.Create(ctx, l); err != nil {
		return fmt.Errorf("lead %q: %w", l.Title, err)
	}
	return nil
}

// lead is the open lead of s, posted by the demo organiser at at for an outside buyer.
func (s lessonLead) lead(env *Env, at time.Time) *domain.Lead {
	deadline := env.Now.AddDate(0, 0, 30)
	l := &domain.Lead{ID: domain.NewID(), Title: s.title, Description: s.desc, Quantity: 1, Unit: "套", Currency: "CNY",
		DeliveryRegion: "320200", BuyerName: s.outside, Contact: s.contact, PostedBy: env.Organiser.ID,
		Status: domain.LeadDraft, Deadline: &deadline, CreatedAt: at, UpdatedAt: at}
	_ = l.Open(at) // a fresh draft always opens
	return l
}
