// Package catalog is the one table of scheduled jobs — name, default cron spec, what the job
// does — and the one cron parser. Config reads each job's override from the environment by it,
// the scheduler (jobs.Build) registers exactly its jobs, and the admin Jobs page lists them. It
// imports nothing of the product, so config can use it.
package catalog

import (
	"errors"
	"strings"

	"github.com/robfig/cron/v3"
)

// Job is one row of the table.
type Job struct {
	Name string // as stored in leases and run history
	Spec string // default cron spec, evaluated in Asia/Shanghai
	Does string // what a run does, for --help, the docs and the English admin page
	// DoesZh is Does for the Chinese admin page.
	DoesZh string
}

// Env is the environment variable (and flag) that overrides the job's spec: JOBS_ and the name
// in capitals, "-" read as "_" (digest-daily → JOBS_DIGEST_DAILY).
func (j Job) Env() string {
	return "JOBS_" + strings.ToUpper(strings.ReplaceAll(j.Name, "-", "_"))
}

// Jobs is the table, in the order people read it: mail to members first, upkeep last.
var Jobs = []Job{
	{Name: "digest-daily", Spec: "30 8 * * *",
		Does:   "mails the members who chose a daily digest what is new for them since yesterday",
		DoesZh: "向选择每日摘要的成员发送昨日以来与其相关的新内容"},
	{Name: "digest-weekly", Spec: "30 8 * * 1",
		Does:   "mails the members who chose a weekly digest what is new for them in the past week",
		DoesZh: "向选择每周摘要的成员发送上周与其相关的新内容"},
	{Name: "event-reminders", Spec: "*/10 * * * *",
		Does:   "reminds registered attendees 24 hours and 2 hours before their event",
		DoesZh: "在活动开始前 24 小时和 2 小时提醒已报名的参会人"},
	{Name: "event-changes", Spec: "*/5 * * * *",
		Does:   "tells registered attendees when an event's time or place changed",
		DoesZh: "活动时间或地点变更时通知已报名的参会人"},
	{Name: "registration-mails", Spec: "* * * * *",
		Does:   "mails registration confirmations, waitlist places and seat offers",
		DoesZh: "发送报名确认、候补名次与席位保留邮件"},
	{Name: "instant-notices", Spec: "* * * * *",
		Does:   "mails members who asked for instant notices about new matches, grouped",
		DoesZh: "向选择即时通知的成员合并发送新匹配通知"},
	{Name: "campaign-bulletin", Spec: "0 9 1 * *",
		Does:   "mails last month's 十百千万 bulletin (figures, page link and workbook) to REPORT_RECIPIENTS, once per month",
		DoesZh: "每月 1 日向 REPORT_RECIPIENTS 发送上月十百千万通报（数字、网页链接与 Excel），每月一次"},
	{Name: "waitlist-offers", Spec: "*/5 * * * *",
		Does:   "expires seat offers nobody confirmed in time and offers the seats to the next in line",
		DoesZh: "让逾期未确认的席位保留失效，并递补给下一位候补"},
	{Name: "lead-expiry", Spec: "*/15 * * * *",
		Does:   "closes open leads whose deadline has passed",
		DoesZh: "关闭已过截止日期的线索"},
	{Name: "outbox", Spec: "* * * * *",
		Does:   "sends queued mail through SMTP, retrying failures with back-off",
		DoesZh: "通过 SMTP 发送待发邮件，失败后退避重试"},
	{Name: "session-cleanup", Spec: "17 * * * *",
		Does:   "deletes expired sign-in sessions",
		DoesZh: "删除已过期的登录会话"},
}

// Lookup returns the row of a job name.
func Lookup(name string) (Job, bool) {
	for _, j := range Jobs {
		if j.Name == name {
			return j, true
		}
	}
	return Job{}, false
}

// Parser reads five-field specs and descriptors (@daily, @every 5m), with an optional CRON_TZ=
// prefix. Config checks specs with it and the scheduler runs them with it, so a spec config
// accepts is one the scheduler can run.
var Parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Parse reads a spec with Parser.
func Parse(spec string) (cron.Schedule, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, errors.New("empty cron spec")
	}
	return Parser.Parse(spec)
}
