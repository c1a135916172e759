package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/mail"
	meetsvc "duijie/service/meetings"
	"duijie/service/notify"
	"duijie/store"
)

// member2Enterprise is the firm of the second demo member, an IoT sensor maker at the expo.
const member2Enterprise = "无锡汇智传感技术股份有限公司"

// The IoT firms the demo's meetings are between, besides the two members' enterprises.
var meetingFirms = []string{"无锡锡联通信设备有限公司", "无锡精板电子电路有限公司", "无锡梁溪数智软件有限公司"}

// seedMeetings shows 1:1 meetings end to end for the two member logins: at the coming IoT expo,
// meeting windows, opted-in participants, a meeting the member booked at a slot, a request
// with a proposed slot waiting for the demo member, one left to the scheduler and a published
// schedule; at a matchmaking session held last week, meetings with feedback for the report,
// and one on which each member still has to record the outcome.
func seedMeetings(ctx context.Context, st *store.Store, env *Env) error {
	member2 := env.Member2
	firms, err := meetingParties(env)
	if err != nil {
		return err
	}
	expo, err := demoExpo(ctx, st)
	if err != nil {
		return err
	}
	if err := seedExpoMeetings(ctx, st, env, expo, member2, firms); err != nil {
		return fmt.Errorf("expo meetings: %w", err)
	}
	if err := seedPastMeetings(ctx, st, env, member2, firms); err != nil {
		return fmt.Errorf("past meetings: %w", err)
	}
	return nil
}

// meetingParties returns the demo firms that meet: the member's, the second member's, then
// meetingFirms.
func meetingParties(env *Env) ([]*domain.Enterprise, error) {
	firms := []*domain.Enterprise{env.MemberEnterprise(), env.EnterpriseNamed(member2Enterprise)}
	for _, name := range meetingFirms {
		firms = append(firms, env.EnterpriseNamed(name))
	}
	for i, f := range firms {
		if f == nil {
			return nil, fmt.Errorf("meeting firm %d is not a demo enterprise", i)
		}
	}
	return firms, nil
}

// demoExpo finds the IoT expo the events seeder created.
func demoExpo(ctx context.Context, st *store.Store) (*domain.Event, error) {
	evs, _, _, err := st.Events.List(ctx, store.EventFilter{Cluster: "L1", Statuses: []domain.EventStatus{domain.EventPublished}},
		store.Page{Limit: 50})
	if err != nil {
		return nil, err
	}
	for i := range evs {
		if evs[i].Title == demoEvents[0].title {
			return &evs[i], nil
		}
	}
	return nil, errors.New("the demo expo is missing")
}

// localAt is hm on the day that is offset days after e's first day, in e's zone.
func localAt(e *domain.Event, days int, hm string) time.Time {
	loc := e.Location()
	d := e.StartsAt.In(loc).AddDate(0, 0, days)
	t, _ := time.ParseInLocation("2006-01-02 15:04", d.Format("2006-01-02")+" "+hm, loc)
	return t
}

// memberOf is a member user of the enterprise, as the service sees callers.
func memberOf(ent *domain.Enterprise, by *domain.User) *domain.User {
	return &domain.User{ID: by.ID, Role: domain.RoleMember, EnterpriseID: ent.ID}
}

func seedExpoMeetings(ctx context.Context, st *store.Store, env *Env, expo *domain.Event, member2 *domain.User, firms []*domain.Enterprise) error {
	svc := meetsvc.New(st, func() time.Time { return env.Now }, nil)
	if _, err := svc.SetWindows(ctx, expo, []domain.MeetingWindow{
		{From: localAt(expo, 0, "14:00"), Until: localAt(expo, 0, "17:00"), Minutes: 20, Tables: 30,
			Breaks: []domain.MeetingBreak{{From: localAt(expo, 0, "15:20"), Until: localAt(expo, 0, "15:40")}}},
		{From: localAt(expo, 1, "09:30"), Until: localAt(expo, 1, "12:00"), Minutes: 20, Tables: 30},
	}); err != nil {
		return err
	}
	for _, f := range firms {
		if err := svc.OptIn(ctx, expo.ID, f.ID, true); err != nil {
			return err
		}
	}
	me, m2, xilian, jingban, liangxi := firms[0], firms[1], firms[2], firms[3], firms[4]
	member := env.Member
	at := func(days int, hm string) *time.Time { t := localAt(expo, days, hm); return &t }
	request := func(from, to *domain.Enterprise, by *domain.User, slot *time.Time, msg, video string) (*domain.Meeting, error) {
		return svc.Request(ctx, memberOf(from, by), expo, meetsvc.RequestInput{With: to.ID, Message: msg, SlotStart: slot, VideoLink: video})
	}
	accept := func(m *domain.Meeting, who *domain.Enterprise, by *domain.User) error {
		_, _, err := svc.Act(ctx, memberOf(who, by), m.ID, "accept", meetsvc.AnswerInput{})
		return err
	}
	// The member and a third firm booked the first slot: the member's agenda shows it with table 1.
	// The two members have no meeting at the expo, so a newcomer signed in as each can go through
	// the whole loop between them: request a slot, accept it, see it on both agendas.
	m, err := request(xilian, me, env.Admin, at(0, "14:00"), "想了解贵司网关对 4G/5G 通信模组的配套需求。", "")
	if err != nil {
		return err
	}
	if err := accept(m, me, member); err != nil {
		return err
	}
	// Waiting for the demo member: a proposed slot, online (云洽谈).
	if _, err := request(liangxi, me, env.Admin, at(0, "14:40"), "MES 与物联网平台的数据对接，可线上沟通。",
		"https://meeting.tencent.com/dm/demo-duijie"); err != nil {
		return err
	}
	// Sent by the demo member, the slot left to the organiser's scheduler.
	if _, err := request(me, jingban, member, nil, "网关主板 PCBA 小批量加工，想当面看样。", ""); err != nil {
		return err
	}
	// Accepted without slots, placed by the scheduler and published.
	for _, p := range [][2]*domain.Enterprise{{liangxi, xilian}, {jingban, m2}} {
		m, err := request(p[0], p[1], env.Admin, nil, "", "")
		if err != nil {
			return err
		}
		if err := accept(m, p[1], env.Admin); err != nil {
			return err
		}
	}
	if _, err := svc.DraftSchedule(ctx, expo, 0, 0); err != nil {
		return err
	}
	if _, err = svc.Publish(ctx, expo); err != nil {
		return err
	}
	return mailAgendas(ctx, st, svc, expo, env.Now)
}

// mailAgendas queues the agenda mails the published schedule sends, as the organiser's publish
// does: the outbox (/admin/outbox) shows each firm's agenda with its .ics.
func mailAgendas(ctx context.Context, st *store.Store, svc *meetsvc.Service, e *domain.Event, now time.Time) error {
	r, err := mail.NewRenderer(demoBaseURL)
	if err != nil {
		return err
	}
	ns := notify.New(st, r, slog.New(slog.DiscardHandler), func() time.Time { return now })
	agendas, err := svc.Agendas(ctx, e)
	if err != nil {
		return err
	}
	for _, a := range agendas {
		if _, err := ns.MeetingAgenda(ctx, e, a.EnterpriseID, a.Attendees, a.Meetings); err != nil {
			return fmt.Errorf("agenda mail: %w", err)
		}
	}
	return nil
}

// seedPastMeetings adds a matchmaking session held a week ago with the five firms and their
// meetings after the fact, as the store holds them once each side has answered.
func seedPastMeetings(ctx context.Context, st *store.Store, env *Env, member2 *domain.User, firms []*domain.Enterprise) error {
	loc := domain.DefaultTimezone
	zone, err := domain.LoadZone(loc)
	if err != nil {
		return err
	}
	d := env.Now.In(zone).AddDate(0, 0, -7)
	start := time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, zone)
	published := start.AddDate(0, 0, -30)
	e := &domain.Event{
		ID: domain.NewID(), Title: "物联网集群供需对接会（十一月场）", TitleEn: "IoT Cluster Matchmaking (November)",
		Cluster: "L1", Kind: domain.EventMatchmaking, Venue: "无锡物联网创新中心", Address: "无锡市新吴区菱湖大道",
		Description: "已举办的对接会：一对一洽谈的反馈和成果见组织方的洽谈成效报告。",
		StartsAt:    start, EndsAt: start.Add(3 * time.Hour), Timezone: loc, Capacity: 60, MaxAttendeesPerEnterprise: 2,
		Status: domain.EventPublished, PublishedAt: &published, CreatedBy: env.Organiser.ID, CreatedAt: published, UpdatedAt: published,
		Sessions: []domain.AgendaSession{{Title: "一对一供需洽谈", StartsAt: start.Add(30 * time.Minute), EndsAt: start.Add(150 * time.Minute),
			Room: "洽谈区", Kind: domain.SessionMatchmaking, Speakers: []domain.Speaker{}}},
	}
	if err := st.Events.Create(ctx, e); err != nil {
		return err
	}
	for i, f := range firms {
		if _, _, err := st.Registrations.Register(ctx, &domain.Registration{EventID: e.ID, EnterpriseID: f.ID,
			EnterpriseName: f.Name, Attendees: demoAttendees(f, 20+i, 1), CreatedBy: env.Admin.ID},
			start.AddDate(0, 0, -10).Add(time.Duration(i)*time.Minute)); err != nil {
			return fmt.Errorf("register %s: %w", f.Name, err)
		}
		if err := st.Meetings.SetOptIn(ctx, e.ID, f.ID, true, published); err != nil {
			return err
		}
	}
	if err := st.Meetings.SetWindows(ctx, e.ID, []domain.MeetingWindow{{From: start.Add(30 * time.Minute),
		Until: start.Add(150 * time.Minute), Minutes: 20, Tables: 10, Breaks: []domain.MeetingBreak{}}}, published); err != nil {
		return err
	}
	me, m2, xilian, jingban, liangxi := firms[0], firms[1], firms[2], firms[3], firms[4]
	held := func(rating int, o domain.MeetingOutcome, note string, by *domain.User) *domain.MeetingFeedback {
		return &domain.MeetingFeedback{Held: true, Rating: rating, Outcome: o, Note: note, By: by.ID, At: start.Add(4 * time.Hour)}
	}
	type past struct {
		from, to *domain.Enterprise
		slot     string // "" = declined
		table    int
		fromFb   *domain.MeetingFeedback
		toFb     *domain.MeetingFeedback
	}
	for i, p := range []past{
		{m2, me, "14:30", 1, held(4, domain.OutcomeFollowUp, "约定下月送样测试。", member2),
			held(5, domain.OutcomeIntent, "双方有意在冷链监测项目上合作，拟签框架协议。", env.Member)},
		{xilian, me, "15:10", 2, held(4, domain.OutcomeFollowUp, "", env.Admin), nil}, // the demo member records
		{jingban, m2, "14:50", 3, &domain.MeetingFeedback{Held: false, Outcome: domain.OutcomeNone,
			Note: "对方未到场。", By: env.Admin.ID, At: start.Add(4 * time.Hour)}, nil}, // member2 records
		{liangxi, xilian, "15:30", 1, held(3, domain.OutcomeNone, "", env.Admin), held(4, domain.OutcomeDeal, "现场确认首批订单。", env.Admin)},
		{liangxi, me, "", 0, nil, nil},
	} {
		created := published.Add(time.Duration(i) * time.Hour)
		m := &domain.Meeting{EventID: e.ID, RequesterID: p.from.ID, RequesterName: p.from.Name, RecipientID: p.to.ID,
			RecipientName: p.to.Name, Status: domain.MeetingRequested, CreatedBy: env.Admin.ID, CreatedAt: created, UpdatedAt: created}
		if err := st.Meetings.Create(ctx, m, domain.MeetingQuota); err != nil {
			return err
		}
		answered := created.Add(2 * time.Hour)
		if p.slot == "" {
			m.Status, m.RespondedAt, m.UpdatedAt = domain.MeetingDeclined, &answered, answered
			if err := st.Meetings.Update(ctx, m, domain.MeetingRequested); err != nil {
				return err
			}
			continue
		}
		slot, _ := time.ParseInLocation("2006-01-02 15:04", start.Format("2006-01-02")+" "+p.slot, zone)
		end := slot.Add(20 * time.Minute)
		m.Status, m.SlotStart, m.SlotEnd, m.PublishedAt, m.RespondedAt, m.UpdatedAt =
			domain.MeetingAccepted, &slot, &end, &answered, &answered, answered
		if err := st.Meetings.Book(ctx, m, domain.MeetingRequested, p.table); err != nil {
			return err
		}
		for side, fb := range map[string]*domain.MeetingFeedback{"requester": p.fromFb, "recipient": p.toFb} {
			if fb != nil {
				if err := st.Meetings.Feedback(ctx, m.ID, side, *fb); err != nil {
					return err
				}
			}
		}
	}
	e.Status = domain.EventPublished
	if err := e.Transition(domain.EventCompleted, env.Now); err != nil {
		return err
	}
	return st.Events.SetStatus(ctx, e, domain.EventPublished)
}
