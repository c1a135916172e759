package handlers

import (
	"context"
	"strings"

	"duijie/domain"
	"duijie/jobs"
	"duijie/mail"
)

// fillJobs replaces the jobs and mail placeholders of a route case: {{mail}} is a queued digest
// of the member, {{unsubToken}} the member's unsubscribe token.
func (f *fixture) fillJobs(s string) string {
	if strings.Contains(s, "{{mail}}") {
		s = strings.ReplaceAll(s, "{{mail}}", f.queueDigest(f.actors[asMember].user).ID)
	}
	if strings.Contains(s, "{{unsubToken}}") {
		p, err := jobs.Preferences(context.Background(), f.store.Preferences, f.actors[asMember].user)
		if err != nil {
			f.t.Fatal(err)
		}
		s = strings.ReplaceAll(s, "{{unsubToken}}", p.UnsubscribeToken)
	}
	return s
}

// queueDigest composes a digest for u as the digest job would and puts it in the outbox.
func (f *fixture) queueDigest(u *domain.User) *domain.OutboxMessage {
	f.t.Helper()
	ctx := context.Background()
	r, err := mail.NewRenderer(f.h.deps.Options.BaseURL)
	if err != nil {
		f.t.Fatal(err)
	}
	p, err := jobs.Preferences(ctx, f.store.Preferences, u)
	if err != nil {
		f.t.Fatal(err)
	}
	data := &mail.DigestData{Period: "daily", PeriodLabel: "2026-11-27", Leads: []mail.DigestLead{{
		Title: "冷库温度远程监测改造", Why: "物联网 · 温湿度传感器", Link: f.h.deps.Options.BaseURL + "/leads/x"}}}
	m, err := r.Compose(domain.MailDigest, mail.TemplateDigest, mail.Recipient{UserID: u.ID, Email: u.Email,
		Locale: "zh-CN", UnsubscribeToken: p.UnsubscribeToken}, data, "digest:"+u.ID+":"+domain.NewID())
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.store.Outbox.Enqueue(ctx, m); err != nil {
		f.t.Fatal(err)
	}
	return m
}
