package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// TestDemoOutboxShowsEveryMail: after seeding, the admin's Outbox page has a mail of every kind a
// newcomer should see, each queued once.
func TestDemoOutboxShowsEveryMail(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	if _, err := Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	ms, _, total, err := st.Outbox.List(ctx, store.OutboxFilter{}, store.Page{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, m := range ms {
		all = append(all, string(m.Kind)+" "+m.To+" "+m.Subject)
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{
		"registration " + MemberEmail + " 报名成功：",
		"已进入候补名单：",
		"有空余席位为您保留：",
		"您的候补席位即将失效：",
		"您的候补席位已失效：",
		"meeting " + MemberEmail + " ", // a request
		"已接受您的洽谈邀请",
		"一对一洽谈日程",
		"instant " + MemberEmail + " ",
		"instant " + Member2Email + " ", // invited to quote, then contacted
		"change " + MemberEmail + " 活动变更：",
		"change " + MemberEmail + " 活动取消：" + cancelledLaunch, // the sensor launch, cancelled
		"account " + Member2Email + " 重新设置对接平台密码",
		"邀请您加入企业的对接平台账号",
		"您的企业认证未通过",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("the demo outbox has no %q among its %d mails:\n%s", want, total, joined)
		}
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.DedupKey] {
			t.Errorf("mail %q queued twice", m.DedupKey)
		}
		seen[m.DedupKey] = true
	}
	// The attendees who are not members hear of the agenda change too.
	changes, _, _, _ := st.Outbox.List(ctx, store.OutboxFilter{Kind: domain.MailChange}, store.Page{Limit: 100})
	if len(changes) < 3 {
		t.Errorf("%d change mails, want the members and attendees of every registration", len(changes))
	}
}
