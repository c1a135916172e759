package jobs

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"duijie/domain"
	"duijie/exports"
	"duijie/locales"
	"duijie/mail"
	"duijie/service/campaign"
	"duijie/store"
)

// JobBulletin mails the campaign's monthly bulletin.
const JobBulletin = "campaign-bulletin"

// bulletinReader reads the whole programme: the bulletin goes to the leadership office.
var bulletinReader = &domain.User{ID: "system:" + JobBulletin, Role: domain.RoleAdmin}

// Bulletin queues last month's 十百千万 bulletin for each of Recipients: the overview, the
// cluster ranking and the highlights in the mail, the workbook attached, a link to the printable
// page. Each (month, address) is queued once (domain.BulletinDedupKey), so a run repeated after
// a restart, or on two instances, sends nothing twice.
type Bulletin struct {
	Store      *store.Store
	Renderer   *mail.Renderer
	Recipients []string
	Loc        *time.Location // the programme's zone; nil: Asia/Shanghai
	Log        *slog.Logger
	Now        func() time.Time
}

// Job is the scheduled job: on the 1st it sends the month just ended.
func (b *Bulletin) Job(spec string) Job {
	return Job{Name: JobBulletin, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		y, m := PreviousMonth(b.now().In(b.loc()))
		return b.Send(ctx, y, m, r.Add)
	}}
}

// PreviousMonth is the month before the one t falls in.
func PreviousMonth(t time.Time) (int, int) {
	p := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location()).AddDate(0, -1, 0)
	return p.Year(), int(p.Month())
}

func (b *Bulletin) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

func (b *Bulletin) loc() *time.Location {
	if b.Loc != nil {
		return b.Loc
	}
	loc, _ := domain.LoadZone(Zone) // embedded tzdata: cannot fail
	return loc
}

// Send queues the bulletin of year-month for every recipient; count is told queued,
// already_queued and no_recipients.
func (b *Bulletin) Send(ctx context.Context, year, month int, count func(string, int)) error {
	if len(b.Recipients) == 0 {
		count("no_recipients", 1)
		return nil
	}
	svc := campaign.New(b.Store, b.loc(), b.now)
	bl, err := svc.Bulletin(ctx, bulletinReader, year, month, "")
	if err != nil {
		return fmt.Errorf("build the bulletin of %d-%02d: %w", year, month, err)
	}
	lang := locales.Default // the office reads Chinese; the workbook's sheets are named in it anyway
	var xlsx bytes.Buffer
	if err := exports.WriteBulletin(&xlsx, bl, lang, b.loc()); err != nil {
		return err
	}
	data := BulletinMail(bl, lang, b.Renderer.Link(fmt.Sprintf("/campaign/report?year=%d&month=%d", year, month)))
	for _, to := range b.Recipients {
		msg, err := b.Renderer.Compose(domain.MailBulletin, mail.TemplateBulletin, mail.Recipient{Email: to, Locale: lang}, data,
			domain.BulletinDedupKey(year, month, to))
		if err != nil {
			return err
		}
		msg.Attachments = []domain.MailAttachment{{Name: data.XLSXName,
			ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: xlsx.Bytes()}}
		msg.CreatedAt = b.now()
		created, err := b.Store.Outbox.Enqueue(ctx, msg)
		if err != nil {
			return fmt.Errorf("queue the bulletin for %s: %w", to, err)
		}
		if created {
			count("queued", 1)
		} else {
			count("already_queued", 1)
		}
	}
	return nil
}

// BulletinMail is the mail's view of bl in lang: the page's figures, formatted as the page
// formats them (campaign.FormatMoney, campaign.FormatCount).
func BulletinMail(bl *campaign.Bulletin, lang, pageURL string) *mail.BulletinData {
	d := &mail.BulletinData{Year: bl.Year, Month: bl.Month, Scope: locales.T(lang, "report.bulletin.scopeWhole"),
		PageURL: pageURL, XLSXName: exports.BulletinFileName(bl)}
	if bl.Cluster != "" {
		d.Scope = bl.Cluster
	}
	for _, r := range bl.Overview() {
		f := campaign.FormatCount
		if r.Money {
			f = func(v int64) string { return campaign.FormatMoney(lang, v) }
		}
		line := mail.BulletinLine{Key: r.Key, Target: "—", Month: f(r.Month), ToDate: f(r.ToDate), Status: string(r.Status)}
		if r.Status != domain.KPINoTarget {
			line.Target, line.Percent = f(r.Target), strconv.Itoa(r.Percent)+"%"
		}
		d.Overview = append(d.Overview, line)
	}
	for i, r := range campaign.RankByContribution(bl.Report.ByCluster) {
		a := r.Actuals
		d.Clusters = append(d.Clusters, mail.BulletinCluster{Rank: i + 1, Name: r.Cluster.Code + " " + r.Cluster.Name(lang),
			Flagship: campaign.FormatCount(int64(a.FlagshipEvents)), Sessions: campaign.FormatCount(int64(a.MatchmakingSessions())),
			Enterprises: campaign.FormatCount(int64(a.Enterprises)), Leads: campaign.FormatCount(int64(a.Leads)),
			SignedValue: campaign.FormatMoney(lang, a.SignedValue), Contribution: strconv.FormatFloat(r.Contribution, 'f', 1, 64) + "%",
			Behind: r.Behind})
	}
	for _, deal := range bl.Deals[:min(len(bl.Deals), campaign.TopDeals)] {
		v := campaign.FormatMoney(lang, deal.Match.Value)
		if deal.Match.Currency != "" && deal.Match.Currency != "CNY" {
			v = campaign.FormatCount(deal.Match.Value) + " " + deal.Match.Currency
		}
		d.TopDeals = append(d.TopDeals, v+" · "+deal.LeadTitle+" — "+deal.Buyer+" ← "+deal.Match.EnterpriseName)
	}
	loc := bl.From.Location()
	for _, e := range bl.Events {
		d.Events = append(d.Events, e.StartsAt.In(loc).Format("01-02")+" · "+e.Cluster+" · "+e.Title)
	}
	for _, r := range bl.Behind {
		d.Behind = append(d.Behind, r.Cluster.Code+" "+r.Cluster.Name(lang)+" — "+
			strconv.FormatFloat(r.Contribution, 'f', 1, 64)+"%")
	}
	return d
}
