package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"duijie/domain"
	"duijie/store"
)

// The campaign's history: a year before and the months of this year already over, so the 十百千万
// dashboard shows a trend, a ranking of clusters and a year-on-year comparison, and the monthly
// bulletin has something to report. Every record is an ordinary event, registration, lead and
// match, dated in the past; the dashboard counts them like any other.

// demoBrandEvents are the flagship (brand) events of a year by month: "一个产业一个品牌活动".
var demoBrandEvents = map[time.Month]struct{ cluster, title, titleEn, venue string }{
	time.March:     {"L3", "太湖湾生命健康未来大会", "Taihu Bay Life and Health Future Conference", "无锡太湖国际博览中心"},
	time.April:     {"A5", "中国（无锡）国际新能源大会", "China (Wuxi) International New Energy Conference", "无锡国际会议中心"},
	time.May:       {"L2", "集成电路（无锡）创新发展大会", "IC (Wuxi) Innovation and Development Conference", "无锡太湖国际博览中心"},
	time.June:      {"F1", "人工智能产业创新发展大会", "AI Industry Innovation Conference", "无锡国际会议中心"},
	time.September: {"L4", "软件和信息技术服务业发展大会", "Software and IT Services Conference", "无锡软件园"},
	time.October:   {"A1", "高端装备产业对接大会", "High-end Equipment Industry Conference", "无锡惠山科技城会展中心"},
}

// demoSessionClusters take turns holding the month's 供需对接会.
var demoSessionClusters = []string{"L1", "L2", "A5", "L3", "A1", "A2", "A6", "L4", "A3", "F4"}

// demoHistoryLeads are what buyers asked for, by cluster.
var demoHistoryLeads = map[string][]string{
	"L1": {"冷链温湿度监测终端", "工业网关及边缘计算盒", "NB-IoT 智能水表模组"},
	"L2": {"功率器件封装测试服务", "8 英寸晶圆清洗设备备件", "车规级 MCU 小批量采购"},
	"L3": {"原料药中间体定制合成", "一次性生物反应袋", "医用冷链物流服务"},
	"L4": {"MES 系统定制开发", "工业软件等保测评服务", "数据中台实施服务"},
	"A1": {"数控机床主轴维修", "精密减速器配套", "激光切割设备"},
	"A2": {"功能性面料（抗菌）", "高端西装代工", "环保染料"},
	"A3": {"VOCs 治理设备", "污泥干化设备", "食堂油烟净化改造"},
	"A5": {"光伏组件边框", "储能电池 PACK 代工", "风电齿轮箱轴承"},
	"A6": {"汽车线束", "新能源汽车电驱壳体压铸", "车载显示模组"},
	"F4": {"电解槽双极板", "储氢瓶阀门"},
}

func seedCampaignHistory(ctx context.Context, st *store.Store, env *Env) error {
	loc, err := domain.LoadZone(domain.DefaultTimezone)
	if err != nil {
		return err
	}
	now := env.Now.In(loc)
	rng := rand.New(rand.NewPCG(14, uint64(now.Year())))
	h := &history{st: st, env: env, rng: rng, loc: loc, now: env.Now}
	// Last year in full, quieter; this year up to the month before this one. Volumes stay small:
	// the demo also starts on the FerretDB test fixture, which scans a collection per write
	// (a match costs it about 0.1 s), and a few records a month already draw the trend.
	for m := time.January; m <= time.December; m++ {
		if err := h.month(ctx, now.Year()-1, m, 0.5); err != nil {
			return err
		}
	}
	for m := time.January; m < now.Month(); m++ {
		if err := h.month(ctx, now.Year(), m, 1); err != nil {
			return err
		}
	}
	if len(h.matches) > 0 {
		if _, err := st.Matches.Put(ctx, h.matches); err != nil {
			return fmt.Errorf("history matches: %w", err)
		}
	}
	return nil
}

type history struct {
	st   *store.Store
	env  *Env
	rng  *rand.Rand
	loc  *time.Location
	now  time.Time
	seq  int
	turn int
	// matches are stored together at the end, in one Put.
	matches []domain.Match
}

func (h *history) at(year int, m time.Month, day, hour int) time.Time {
	return time.Date(year, m, day, hour, 0, 0, 0, h.loc)
}

// pick returns up to n distinct enterprises of cluster (any enterprise when it has too few).
func (h *history) pick(cluster string, n int) []*domain.Enterprise {
	pool := h.env.EnterprisesIn(cluster)
	if len(pool) < n {
		pool = h.env.Enterprises
	}
	out := make([]*domain.Enterprise, 0, n)
	for _, i := range h.rng.Perm(len(pool)) {
		if len(out) == n {
			break
		}
		out = append(out, pool[i])
	}
	return out
}

func (h *history) month(ctx context.Context, year int, m time.Month, scale float64) error {
	if b, ok := demoBrandEvents[m]; ok && (scale == 1 || h.rng.IntN(2) > 0) {
		start := h.at(year, m, 12, 9)
		rounds := []domain.AgendaSession{
			{ID: domain.NewID(), Title: "开幕式暨主旨演讲", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Room: "主会场", Kind: domain.SessionTalk, Speakers: []domain.Speaker{}},
			{ID: domain.NewID(), Title: "供需对接洽谈（上半场）", StartsAt: start.Add(4 * time.Hour), EndsAt: start.Add(6 * time.Hour), Room: "对接区", Kind: domain.SessionMatchmaking, Speakers: []domain.Speaker{}},
			{ID: domain.NewID(), Title: "供需对接洽谈（下半场）", StartsAt: start.Add(24 * time.Hour), EndsAt: start.Add(26 * time.Hour), Room: "对接区", Kind: domain.SessionMatchmaking, Speakers: []domain.Speaker{}},
		}
		e, err := h.event(ctx, b.cluster, domain.EventFlagship, b.title, b.titleEn, b.venue, start, 2, rounds)
		if err != nil {
			return err
		}
		if err := h.registrations(ctx, e, 6+h.rng.IntN(4)); err != nil {
			return err
		}
		if err := h.complete(ctx, e); err != nil {
			return err
		}
	}
	sessions := 1
	if scale < 1 {
		sessions = h.rng.IntN(2)
	}
	for k := range sessions {
		cl := demoSessionClusters[h.turn%len(demoSessionClusters)]
		h.turn++
		title := fmt.Sprintf("%s供需对接会（%d月第%d场）", clusterWord(cl), int(m), k+1)
		e, err := h.event(ctx, cl, domain.EventMatchmaking, title, "", "无锡国际会议中心", h.at(year, m, 8+k*10, 14), 1, nil)
		if err != nil {
			return err
		}
		firms, err := h.registered(ctx, e, 3+h.rng.IntN(4))
		if err != nil {
			return err
		}
		// A few 1:1 meetings held at each session (more this year); no draw from rng, so the
		// rest of the history stays as it was.
		if err := h.meetings(ctx, e, firms, int(float64(1+int(m)%3)*scale+0.5)); err != nil {
			return err
		}
		if err := h.complete(ctx, e); err != nil {
			return err
		}
	}
	n := int(float64(4+h.rng.IntN(5)) * scale)
	for range n {
		if err := h.lead(ctx, year, m); err != nil {
			return err
		}
	}
	return nil
}

func clusterWord(code string) string {
	words := map[string]string{"L1": "物联网", "L2": "集成电路", "L3": "生物医药", "L4": "软件", "A1": "高端装备",
		"A2": "纺织服装", "A3": "节能环保", "A5": "新能源", "A6": "汽车零部件", "F4": "氢能储能"}
	return words[code]
}

func (h *history) event(ctx context.Context, cluster string, kind domain.EventKind, title, titleEn, venue string,
	start time.Time, days int, sessions []domain.AgendaSession) (*domain.Event, error) {
	if sessions == nil {
		sessions = []domain.AgendaSession{}
	}
	created := start.AddDate(0, -1, 0)
	e := &domain.Event{ID: domain.NewID(), Title: title, TitleEn: titleEn, Cluster: cluster, Kind: kind, Venue: venue,
		Address: "无锡市", Description: "往期活动（演示数据）。", StartsAt: start, EndsAt: start.AddDate(0, 0, days-1).Add(8 * time.Hour),
		Timezone: domain.DefaultTimezone, Capacity: 200, MaxAttendeesPerEnterprise: 3, Status: domain.EventPublished,
		PublishedAt: &created, Sessions: sessions, CreatedBy: h.env.Organiser.ID, CreatedAt: created, UpdatedAt: start}
	if err := h.st.Events.Create(ctx, e); err != nil {
		return nil, fmt.Errorf("history event %s: %w", title, err)
	}
	return e, nil
}

// complete marks a past event held: registration took it published, the record keeps it completed.
func (h *history) complete(ctx context.Context, e *domain.Event) error {
	e.Status, e.UpdatedAt = domain.EventCompleted, e.EndsAt
	if err := h.st.Events.SetStatus(ctx, e, domain.EventPublished); err != nil {
		return fmt.Errorf("complete %s: %w", e.Title, err)
	}
	return nil
}

func (h *history) registrations(ctx context.Context, e *domain.Event, n int) error {
	_, err := h.registered(ctx, e, n)
	return err
}

// registered registers n enterprises of the event's cluster and returns them.
func (h *history) registered(ctx context.Context, e *domain.Event, n int) ([]*domain.Enterprise, error) {
	ents := h.pick(e.Cluster, n)
	for i, ent := range ents {
		h.seq++
		r := &domain.Registration{EventID: e.ID, EnterpriseID: ent.ID, EnterpriseName: ent.Name, CreatedBy: h.env.Admin.ID,
			Attendees: demoAttendees(ent, 500+h.seq, 1)}
		if _, _, err := h.st.Registrations.Register(ctx, r, e.StartsAt.AddDate(0, 0, -7-i)); err != nil {
			return nil, fmt.Errorf("history registration at %s: %w", e.Title, err)
		}
	}
	return ents, nil
}

// meetings books n 1:1 meetings among the firms of a matchmaking session and records them held,
// so the campaign's monthly series has meetings held to show.
func (h *history) meetings(ctx context.Context, e *domain.Event, firms []*domain.Enterprise, n int) error {
	for i := 0; i < n && 2*i+1 < len(firms); i++ {
		from, to := firms[2*i], firms[2*i+1]
		created := e.StartsAt.AddDate(0, 0, -3)
		m := &domain.Meeting{EventID: e.ID, RequesterID: from.ID, RequesterName: from.Name, RecipientID: to.ID,
			RecipientName: to.Name, Status: domain.MeetingRequested, CreatedBy: h.env.Admin.ID, CreatedAt: created, UpdatedAt: created}
		if err := h.st.Meetings.Create(ctx, m, domain.MeetingQuota); err != nil {
			return fmt.Errorf("history meeting at %s: %w", e.Title, err)
		}
		answered := created.Add(2 * time.Hour)
		slot := e.StartsAt.Add(time.Duration(30+20*i) * time.Minute)
		end := slot.Add(20 * time.Minute)
		m.Status, m.SlotStart, m.SlotEnd, m.PublishedAt, m.RespondedAt, m.UpdatedAt =
			domain.MeetingAccepted, &slot, &end, &answered, &answered, answered
		if err := h.st.Meetings.Book(ctx, m, domain.MeetingRequested, i+1); err != nil {
			return fmt.Errorf("history meeting at %s: %w", e.Title, err)
		}
		fb := domain.MeetingFeedback{Held: true, Rating: 4, Outcome: domain.OutcomeFollowUp, By: h.env.Admin.ID, At: end.Add(time.Hour)}
		if err := h.st.Meetings.Feedback(ctx, m.ID, "requester", fb); err != nil {
			return fmt.Errorf("history meeting feedback at %s: %w", e.Title, err)
		}
	}
	return nil
}

// lead stores a lead opened in year-m and closed since, with the matches it had and how far
// each got.
func (h *history) lead(ctx context.Context, year int, m time.Month) error {
	cl := demoSessionClusters[h.rng.IntN(len(demoSessionClusters))]
	titles := demoHistoryLeads[cl]
	buyer := h.pick(cl, 1)[0]
	opened := h.at(year, m, 1+h.rng.IntN(27), 10)
	budget := int64(20+h.rng.IntN(280)) * 10_000
	l := &domain.Lead{ID: domain.NewID(), Title: titles[h.rng.IntN(len(titles))], Description: "往期需求（演示数据）。",
		Clusters: []string{cl}, Quantity: float64(100 * (1 + h.rng.IntN(50))), Unit: "件", Currency: "CNY",
		BudgetMin: budget / 2, BudgetMax: budget, Status: domain.LeadOpen, OpenedAt: &opened,
		BuyerEnterpriseID: buyer.ID, BuyerName: buyer.Name, Contact: buyer.Contact, PostedBy: h.env.Admin.ID,
		CreatedAt: opened, UpdatedAt: opened}
	suppliers := []*domain.Enterprise{}
	for _, s := range h.pick(cl, 4) {
		if s.ID != buyer.ID && len(suppliers) < 1 {
			suppliers = append(suppliers, s)
		}
	}
	sent := opened.Add(2 * time.Hour)
	signed := false
	var batch []domain.Match
	for i, s := range suppliers {
		batch = append(batch, domain.Match{LeadID: l.ID, EnterpriseID: s.ID, EnterpriseName: s.Name, Clusters: l.Clusters,
			Rank: i + 1, Score: 0.9 - float64(i)/10, Status: domain.MatchProposed,
			Explanation: domain.MatchExplanation{Summary: "同集群供应商（演示数据）"}, History: []domain.MatchStep{},
			CreatedAt: opened, UpdatedAt: opened})
	}
	closed := opened.AddDate(0, 0, 20+h.rng.IntN(20))
	if closed.After(h.now) {
		closed = h.now.Add(-time.Hour)
	}
	// Each match is moved to where it ended in memory and stored once, as it stands: a history
	// of a few hundred matches seeds in a moment even on the FerretDB test fixture.
	for i := range batch {
		mt := &batch[i]
		answer := sent.Add(24 * time.Hour)
		respond := func(d domain.MatchStatus) func() error {
			return func() error { _, err := mt.Respond(d, "", "supplier", answer); return err }
		}
		adv := func(st domain.MatchStatus, v int64) func() error {
			return func() error {
				_, err := mt.Advance(domain.Outcome{Stage: st, Value: v}, h.env.Admin.ID, answer.Add(72*time.Hour))
				return err
			}
		}
		value := budget * int64(60+h.rng.IntN(60)) / 100 / 10_000 * 10_000
		steps := []func() error{func() error { return mt.Send(sent) }}
		switch p := h.rng.IntN(100); {
		case p < 25:
			steps = append(steps, respond(domain.MatchDeclined))
		case p < 50:
			steps = append(steps, respond(domain.MatchInterested))
		case p < 68:
			steps = append(steps, respond(domain.MatchInterested), adv(domain.MatchContacted, 0), adv(domain.MatchNegotiating, 0))
		case p < 86 || signed:
			steps = append(steps, respond(domain.MatchInterested), adv(domain.MatchContacted, 0), adv(domain.MatchNegotiating, 0),
				adv(domain.MatchIntent, value))
		default:
			signed = true
			steps = append(steps, respond(domain.MatchInterested), adv(domain.MatchContacted, 0), adv(domain.MatchNegotiating, 0),
				adv(domain.MatchIntent, value), adv(domain.MatchSigned, value))
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return fmt.Errorf("history match: %w", err)
			}
		}
	}
	outcome := domain.OutcomeLost
	if signed {
		outcome = domain.OutcomeSigned
	}
	if err := l.Close(outcome, closed); err != nil {
		return fmt.Errorf("history lead: %w", err)
	}
	if err := h.st.Leads.Create(ctx, l); err != nil {
		return fmt.Errorf("history lead: %w", err)
	}
	h.matches = append(h.matches, batch...)
	return nil
}
