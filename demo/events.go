package demo

import (
	"context"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/store"
)

// demoSession is an agenda slot relative to the event's first day (day 0) in its zone.
type demoSession struct {
	day         int
	start, end  string // "09:00"
	title, room string
	track       string
	kind        domain.SessionKind
	speakers    []domain.Speaker
}

// demoEvent is a sample event: days from the seed run, its length, and its agenda.
type demoEvent struct {
	title, titleEn, cluster, venue, address, description string
	kind                                                 domain.EventKind
	inDays, days                                         int
	start, end                                           string // first day's start, last day's end
	capacity, perEnterprise                              int
	status                                               domain.EventStatus
	sessions                                             []demoSession
	// The event day: English venue and description, registration questions and approval.
	venueEn, descriptionEn string
	approval               bool
	questions              []domain.Question
}

var demoEvents = []demoEvent{
	{
		title: "2026世界物联网博览会·供需对接专场", titleEn: "World IoT Expo 2026 — Supply and Demand Matchmaking",
		cluster: "L1", kind: domain.EventFlagship, venue: "无锡太湖国际博览中心", address: "无锡市新吴区清舒道88号",
		description: "一个产业一个品牌活动：物联网集群年度旗舰活动。\n链主企业发布采购需求，本地配套企业现场对接，意向当场登记。",
		inDays:      21, days: 3, start: "09:00", end: "17:00", capacity: 600, perEnterprise: 3, status: domain.EventPublished,
		venueEn: "Taihu International Expo Centre, Wuxi", descriptionEn: "The IoT cluster's flagship event of the year.\nChain leaders publish what they buy; local suppliers meet them on the spot and intentions are recorded there and then.",
		questions: []domain.Question{
			{ID: "purpose", Label: "参会目的", LabelEn: "Why you come", Kind: domain.QuestionChoice, Options: []string{"采购", "供应", "都有"}, OptionsEn: []string{"To buy", "To supply", "Both"}, Required: true},
			{ID: "topics", Label: "关注领域", LabelEn: "Topics", Kind: domain.QuestionMulti, Options: []string{"传感器", "通信模组", "工业互联网", "冷链监测"}, OptionsEn: []string{"Sensors", "Comms modules", "Industrial internet", "Cold-chain monitoring"}},
			{ID: "note", Label: "希望对接的企业", LabelEn: "Firms you want to meet", Kind: domain.QuestionText},
		},
		sessions: []demoSession{
			{0, "09:00", "09:40", "开幕式暨链主企业采购需求发布", "主会场A厅", "", domain.SessionTalk,
				[]domain.Speaker{{Name: "王磊", Position: "主任", Organisation: "无锡市物联网产业发展促进中心"}}},
			{0, "09:40", "10:20", "主旨演讲：感知层国产化替代的机会", "主会场A厅", "", domain.SessionTalk,
				[]domain.Speaker{{Name: "陈晓峰", Position: "总经理", Organisation: "无锡汇智传感技术股份有限公司"}}},
			{0, "10:20", "10:40", "茶歇", "", "", domain.SessionBreak, nil},
			{0, "10:40", "12:00", "冷链与仓储监测：需求与方案", "B厅", "行业应用", domain.SessionTalk, nil},
			{0, "14:00", "17:00", "一对一供需洽谈（第一轮）", "洽谈区", "供需对接", domain.SessionMatchmaking, nil},
			{1, "09:30", "12:00", "一对一供需洽谈（第二轮）", "洽谈区", "供需对接", domain.SessionMatchmaking, nil},
			{1, "14:00", "16:00", "工业互联网平台分论坛", "B厅", "行业应用", domain.SessionTalk, nil},
			{2, "09:30", "11:30", "签约仪式与成果发布", "主会场A厅", "", domain.SessionTalk, nil},
		},
	},
	{
		title: "集成电路封测供需对接会", titleEn: "IC Packaging and Test Matchmaking",
		cluster: "L2", kind: domain.EventMatchmaking, venue: "无锡国际会议中心", address: "无锡市滨湖区观山路599号",
		description: "面向封装测试环节的本地配套对接，设备、材料与测试服务企业参加。",
		inDays:      9, days: 1, start: "13:30", end: "17:30", capacity: 12, perEnterprise: 2, status: domain.EventPublished,
		sessions: []demoSession{
			{0, "13:30", "14:00", "封测环节采购需求介绍", "3号会议室", "", domain.SessionTalk, nil},
			{0, "14:00", "17:00", "分组洽谈", "3号会议室", "", domain.SessionMatchmaking, nil},
		},
	},
	{
		title: "新能源储能产业链对接会", titleEn: "Energy Storage Supply Chain Matchmaking",
		cluster: "A5", kind: domain.EventMatchmaking, venue: "无锡惠山科技城会展中心", address: "无锡市惠山区",
		description: "储能电池、变流器与系统集成企业对接。议程确定后发布。",
		inDays:      40, days: 1, start: "09:00", end: "16:00", capacity: 150, perEnterprise: 2, status: domain.EventDraft,
	},
	{
		title: "物联网产业政策解读论坛", titleEn: "IoT Industry Policy Forum",
		cluster: "L1", kind: domain.EventForum, venue: "无锡物联网创新中心", address: "无锡市新吴区菱湖大道",
		description: "已举办的论坛，供查看往期活动。",
		inDays:      -20, days: 1, start: "14:00", end: "16:30", capacity: 80, perEnterprise: 2, status: domain.EventCompleted,
	},
	{
		title: "物联网芯片选型闭门沙龙", titleEn: "IoT Chip Selection Roundtable (by invitation)",
		cluster: "L1", kind: domain.EventForum, venue: "无锡物联网创新中心", address: "无锡市新吴区菱湖大道",
		venueEn: "Wuxi IoT Innovation Centre", description: "名额有限，报名需主办方审核。", descriptionEn: "Few seats; the organiser approves each registration.",
		inDays: 14, days: 1, start: "14:00", end: "17:00", capacity: 20, perEnterprise: 2, status: domain.EventPublished,
		approval: true,
		questions: []domain.Question{
			{ID: "chips", Label: "在用芯片平台", LabelEn: "Chip platforms in use", Kind: domain.QuestionText, Required: true},
		},
		sessions: []demoSession{
			{0, "14:00", "15:00", "国产MCU选型经验分享", "2号会议室", "芯片", domain.SessionTalk, nil},
			{0, "14:00", "15:00", "通信模组选型", "3号会议室", "模组", domain.SessionTalk, nil},
			{0, "14:00", "15:00", "传感器前端设计", "4号会议室", "传感器", domain.SessionTalk, nil},
			{0, "15:10", "17:00", "自由交流", "2号会议室", "", domain.SessionMatchmaking, nil},
		},
	},
	{
		title: cancelledLaunch, titleEn: "Smart Sensor Launch and Buyers' Meeting",
		cluster: "L1", kind: domain.EventForum, venue: "无锡物联网创新中心", address: "无锡市新吴区菱湖大道",
		venueEn:       "Wuxi IoT Innovation Centre",
		description:   "传感器企业发布新品，采购方现场对接。主办方因场馆改造取消了本场活动，已报名企业收到了取消通知。",
		descriptionEn: "Sensor makers launch new products to buyers. The organiser cancelled it (the venue is being rebuilt); registered firms were told by mail.",
		inDays:        25, days: 1, start: "14:00", end: "16:30", capacity: 60, perEnterprise: 2, status: domain.EventPublished,
	},
}

// cancelledLaunch is the event the demo cancels after registrations (mails.go).
const cancelledLaunch = "智能传感器新品发布与采购对接会"

// sessionTitlesEn are the English titles of some demo sessions, shown on English pages.
var sessionTitlesEn = map[string]string{
	"开幕式暨链主企业采购需求发布":   "Opening: chain leaders publish their purchasing needs",
	"主旨演讲：感知层国产化替代的机会": "Keynote: domestic sensing components",
	"茶歇": "Coffee break",
	"冷链与仓储监测：需求与方案": "Cold-chain and warehouse monitoring",
	"一对一供需洽谈（第一轮）":  "1:1 matchmaking, round 1",
	"一对一供需洽谈（第二轮）":  "1:1 matchmaking, round 2",
	"工业互联网平台分论坛":    "Industrial internet platforms",
	"签约仪式与成果发布":     "Signing ceremony and results",
}

// seedEvents adds sample events with agendas and registrations: the member's enterprise holds
// a confirmed place at the IoT expo, and the matchmaking session is full with a waitlist.
func seedEvents(ctx context.Context, st *store.Store, env *Env) error {
	loc, err := domain.LoadZone(domain.DefaultTimezone)
	if err != nil {
		return err
	}
	at := func(day time.Time, hm string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", day.Format("2006-01-02")+" "+hm, loc)
		return t
	}
	today := env.Now.In(loc)
	var created []*domain.Event
	for _, d := range demoEvents {
		first := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, d.inDays)
		e := &domain.Event{
			ID: domain.NewID(), Title: d.title, TitleEn: d.titleEn, Cluster: d.cluster, Kind: d.kind,
			Venue: d.venue, Address: d.address, Description: d.description,
			VenueEn: d.venueEn, DescriptionEn: d.descriptionEn, Approval: d.approval, Questions: d.questions,
			StartsAt: at(first, d.start), EndsAt: at(first.AddDate(0, 0, d.days-1), d.end),
			Timezone: domain.DefaultTimezone, Capacity: d.capacity, MaxAttendeesPerEnterprise: d.perEnterprise,
			Status: domain.EventDraft, CreatedBy: env.Organiser.ID, CreatedAt: env.Now, UpdatedAt: env.Now,
		}
		for _, s := range d.sessions {
			day := first.AddDate(0, 0, s.day)
			sp := s.speakers
			if sp == nil {
				sp = []domain.Speaker{}
			}
			e.Sessions = append(e.Sessions, domain.AgendaSession{Title: s.title, TitleEn: sessionTitlesEn[s.title], StartsAt: at(day, s.start),
				EndsAt: at(day, s.end), Room: s.room, Track: s.track, Kind: s.kind, Speakers: sp})
		}
		if e.Sessions == nil {
			e.Sessions = []domain.AgendaSession{}
		}
		if err := e.Validate(); err != nil {
			return fmt.Errorf("event %s: %w", e.Title, err)
		}
		if err := domain.ValidateAgenda(e, e.Sessions); err != nil {
			return fmt.Errorf("agenda of %s: %w", e.Title, err)
		}
		if d.status != domain.EventDraft {
			pub := env.Now.AddDate(0, 0, -30)
			e.Status, e.PublishedAt = domain.EventPublished, &pub
		}
		if err := st.Events.Create(ctx, e); err != nil {
			return fmt.Errorf("create event %s: %w", e.Title, err)
		}
		created = append(created, e)
	}

	expo, session := created[0], created[1]
	n := 0
	member := env.MemberEnterprise()
	if _, err := register(ctx, st, env, &n, expo, member, []domain.Attendee{
		{Name: env.Member.Name, Position: "销售总监", Mobile: "13861801234", Email: env.Member.Email},
		{Name: "周婷", Position: "解决方案工程师", Mobile: "13961805678", Email: "zhouting@ganlian-iot.example"},
	}); err != nil {
		return err
	}
	for i, ent := range env.EnterprisesIn("L1") {
		if ent.ID == member.ID {
			continue
		}
		if _, err := register(ctx, st, env, &n, expo, ent, demoAttendees(ent, i, 2)); err != nil {
			return err
		}
	}
	// The matchmaking session fills up (12 seats, 2 a firm) and the rest wait in line.
	for i, ent := range append(env.EnterprisesIn("L2"), env.EnterprisesIn("F3")...) {
		if _, err := register(ctx, st, env, &n, session, ent, demoAttendees(ent, i, 2)); err != nil {
			return err
		}
	}
	for _, ent := range env.Enterprises[len(env.Enterprises)-6:] {
		if _, err := register(ctx, st, env, &n, session, ent, demoAttendees(ent, 7, 2)); err != nil {
			return err
		}
	}
	// The roundtable wants approval: two L1 firms wait for the organiser's decision.
	salon := created[4]
	for i, ent := range env.EnterprisesIn("L1") {
		if ent.ID == member.ID || i > 2 {
			continue
		}
		r, err := register(ctx, st, env, &n, salon, ent, demoAttendees(ent, i, 1))
		if err != nil {
			return err
		}
		if r.Status != domain.RegPending {
			return fmt.Errorf("roundtable registration of %s is %s, not pending", ent.Name, r.Status)
		}
	}
	// The sensor launch has the member's firm and two others registered; it is cancelled later
	// (mails.go: cancelledEvent), so they get the cancellation mail.
	launch := created[5]
	if _, err := register(ctx, st, env, &n, launch, member, []domain.Attendee{
		{Name: env.Member.Name, Position: "销售总监", Mobile: "13861801234", Email: env.Member.Email}}); err != nil {
		return err
	}
	for i, ent := range env.EnterprisesIn("L1") {
		if ent.ID == member.ID || i > 2 {
			continue
		}
		if _, err := register(ctx, st, env, &n, launch, ent, demoAttendees(ent, i, 1)); err != nil {
			return err
		}
	}
	// The forum is over: completed, which needs the event to have ended.
	forum := created[3]
	forum.Status = domain.EventPublished
	if err := forum.Transition(domain.EventCompleted, env.Now); err != nil {
		return err
	}
	return st.Events.SetStatus(ctx, forum, domain.EventPublished)
}

// register stores the n-th sample registration, n minutes before the seed run, so that lists
// show a registration order.
func register(ctx context.Context, st *store.Store, env *Env, n *int, e *domain.Event, ent *domain.Enterprise, a []domain.Attendee) (*domain.Registration, error) {
	*n++
	at := env.Now.Add(time.Duration(*n-100) * time.Minute)
	r, _, err := st.Registrations.Register(ctx, &domain.Registration{EventID: e.ID, EnterpriseID: ent.ID,
		EnterpriseName: ent.Name, Attendees: a, CreatedBy: env.Admin.ID}, at)
	if err != nil {
		return nil, fmt.Errorf("register %s for %s: %w", ent.Name, e.Title, err)
	}
	return r, nil
}

// demoAttendees makes n plausible attendees of an enterprise from its contact.
func demoAttendees(ent *domain.Enterprise, i, n int) []domain.Attendee {
	out := []domain.Attendee{{Name: ent.Contact.Name, Position: "销售经理",
		Mobile: fmt.Sprintf("1391510%04d", 1000+i*7), Email: domain.NormalizeEmail(ent.Contact.Email)}}
	if n > 1 {
		out = append(out, domain.Attendee{Name: "技术负责人", Position: "技术总监",
			Mobile: fmt.Sprintf("1381520%04d", 2000+i*11), Email: fmt.Sprintf("tech%d@%s", i, emailDomain(ent.Contact.Email))})
	}
	return out
}

func emailDomain(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == '@' {
			return addr[i+1:]
		}
	}
	return "example.cn"
}
