package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
)

// checkpointJob names digest checkpoints; the period key tells periods apart, and the CLI and
// the scheduler share them, so either resumes what the other left.
const checkpointJob = "digest"

// Digest composes each member's digest for a period and queues it in the outbox, once per
// (member, period): the outbox's unique dedup key holds even when two runs overlap, and the
// checkpoint (the last member done, in user ID order) lets a stopped run resume.
type Digest struct {
	Store    *store.Store
	Renderer *mail.Renderer
	Sources  Sources
	Loc      *time.Location // digest boundaries; nil means Asia/Shanghai
	Batch    int            // members per checkpoint; default 200
	Log      *slog.Logger
	Now      func() time.Time
	// Prepare, when set, runs before a scheduled period (the matching follower's pass,
	// so the digest sees every lead opened up to the minute).
	Prepare func(ctx context.Context) error

	// afterMember, when set (tests), is called after each member is handled.
	afterMember func(userID string)
}

// Preview describes a digest a dry run would have queued.
type Preview struct {
	UserID  string
	To      string
	Subject string
	Items   int
}

// JobName is the job of the digests of freq.
func JobName(freq domain.DigestFrequency) string { return "digest-" + string(freq) }

// Job is the scheduled job of freq's digests: it runs the period due at the time it runs, so
// a run late after a restart still sends that morning's digest, once.
func (d *Digest) Job(freq domain.DigestFrequency, spec string) Job {
	return Job{Name: JobName(freq), Spec: spec, Run: func(ctx context.Context, r *Run) error {
		p, err := PeriodAt(freq, d.now(), d.loc())
		if err != nil {
			return err
		}
		if d.Prepare != nil {
			if err := d.Prepare(ctx); err != nil {
				return fmt.Errorf("prepare digest: %w", err)
			}
		}
		return d.RunPeriod(ctx, r, p, nil)
	}}
}

func (d *Digest) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Digest) loc() *time.Location {
	if d.Loc != nil {
		return d.Loc
	}
	loc, _ := domain.LoadZone(Zone) // embedded tzdata: cannot fail
	return loc
}

func (d *Digest) log() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.Default()
}

// RunPeriod walks the members with p's frequency in user ID order from the checkpoint and
// queues each one's digest. With preview set it is a dry run: nothing is queued or
// checkpointed, and preview is told what would be sent. Counters: queued, already_queued
// (a previous or concurrent run queued it), empty (nothing new), skipped, failed.
func (d *Digest) RunPeriod(ctx context.Context, run *Run, p Period, preview func(Preview)) error {
	st := d.Store
	dry := preview != nil
	// Say which period and how many were queued even when none were, so "run now" reads as an
	// answer ("period 2026-12-06 already sent: 0 queued").
	run.SetNote(p.Label)
	run.Add("queued", 0)
	batch := d.Batch
	if batch <= 0 {
		batch = 200
	}
	after := ""
	if !dry {
		cp, err := st.Checkpoints.Get(ctx, checkpointJob, p.Key)
		switch {
		case err == nil && cp.Done:
			run.Add("periods_already_done", 1)
			return nil
		case err == nil:
			after = cp.Cursor
			run.Add("resumed", 1)
		case !errors.Is(err, domain.ErrNotFound):
			return fmt.Errorf("read digest checkpoint: %w", err)
		}
	}
	failed := 0
	for {
		before := after // where a stopped run resumes: this batch is not queued yet
		prefs, err := st.Preferences.ListDigest(ctx, p.Freq, after, batch)
		if err != nil {
			return fmt.Errorf("list digest members: %w", err)
		}
		if len(prefs) == 0 {
			break
		}
		// The batch's digests are queued in one write before the checkpoint moves past them:
		// a run that dies in between composes them again, and their dedup keys keep them once.
		var pending []*domain.OutboxMessage
		for i := range prefs {
			if ctx.Err() != nil {
				return d.stop(ctx, run, p, before, dry)
			}
			msg, err := d.member(ctx, run, p, &prefs[i], preview)
			if msg != nil {
				pending = append(pending, msg)
			}
			if err != nil {
				if ctx.Err() != nil {
					return d.stop(ctx, run, p, before, dry)
				}
				failed++
				run.Add("failed", 1)
				d.log().Error("digest of member failed", "user", prefs[i].UserID, "period", p.Key, "err", err)
			}
			after = prefs[i].UserID
			if d.afterMember != nil {
				d.afterMember(after)
			}
		}
		if err := d.queue(ctx, run, pending); err != nil {
			return err
		}
		if err := d.checkpoint(ctx, run, p, after, false, dry); err != nil {
			return err
		}
	}
	if err := d.checkpoint(ctx, run, p, after, true, dry); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("digest %s: %d members failed (see the log); the others were queued", p.Key, failed)
	}
	return nil
}

// stop saves how far the run got before returning the context's error, with a context that
// outlives it.
func (d *Digest) stop(ctx context.Context, run *Run, p Period, after string, dry bool) error {
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := d.checkpoint(rec, run, p, after, false, dry); err != nil {
		d.log().Error("save digest checkpoint on stop", "period", p.Key, "err", err)
	}
	return ctx.Err()
}

func (d *Digest) checkpoint(ctx context.Context, run *Run, p Period, after string, done, dry bool) error {
	if dry {
		return nil
	}
	cp := &domain.Checkpoint{Job: checkpointJob, Key: p.Key, Cursor: after, Done: done, UpdatedAt: d.now()}
	if err := d.Store.Checkpoints.Save(ctx, cp); err != nil {
		return fmt.Errorf("save digest checkpoint: %w", err)
	}
	if err := run.Flush(ctx); err != nil {
		d.log().Warn("record digest progress", "err", err)
	}
	return nil
}

// queue stores a batch's digests in one write and counts them.
func (d *Digest) queue(ctx context.Context, run *Run, msgs []*domain.OutboxMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	created, err := d.Store.Outbox.EnqueueMany(ctx, msgs)
	if err != nil {
		return fmt.Errorf("queue digests: %w", err)
	}
	for _, c := range created {
		if c {
			run.Add("queued", 1)
		} else {
			run.Add("already_queued", 1)
		}
	}
	return nil
}

// member composes one member's digest, nil when there is nothing new for them (or in a dry
// run); the caller queues it with its batch.
func (d *Digest) member(ctx context.Context, run *Run, p Period, pref *domain.Preferences, preview func(Preview)) (*domain.OutboxMessage, error) {
	u, err := d.Store.Users.Get(ctx, pref.UserID)
	if errors.Is(err, domain.ErrNotFound) {
		run.Add("skipped", 1)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	if u.Disabled || !pref.Wants(domain.MailDigest) {
		run.Add("skipped", 1)
		return nil, nil
	}
	data, err := d.content(ctx, u, pref.Locale, p)
	if err != nil {
		return nil, err
	}
	if data.Empty() {
		run.Add("empty", 1)
		return nil, nil
	}
	msg, err := d.Renderer.Compose(domain.MailDigest, mail.TemplateDigest, recipientOf(u, pref), data, p.DedupKey(u.ID))
	if err != nil {
		return nil, err
	}
	if preview != nil {
		run.Add("would_queue", 1)
		preview(Preview{UserID: u.ID, To: u.Email, Subject: msg.Subject, Items: data.Count()})
		return nil, nil
	}
	msg.CreatedAt = d.now()
	return msg, nil
}

// content asks the sources for what is new in the period. Upcoming events are context, not
// news: a digest with only those is not sent.
func (d *Digest) content(ctx context.Context, u *domain.User, locale string, p Period) (*mail.DigestData, error) {
	data := &mail.DigestData{Name: u.Name, Period: string(p.Freq), PeriodLabel: p.Label}
	src := d.Sources
	var err error
	if src.Leads != nil {
		if data.Leads, err = src.Leads.MatchedLeads(ctx, u, p.Start, p.End, locale); err != nil {
			return nil, fmt.Errorf("matched leads: %w", err)
		}
	}
	if src.Events != nil {
		if data.Changes, err = src.Events.EventChanges(ctx, u, p.Start, p.End, locale); err != nil {
			return nil, fmt.Errorf("event changes: %w", err)
		}
	}
	if src.Answers != nil {
		if data.Answers, err = src.Answers.PendingAnswers(ctx, u, p.Start, p.End, locale); err != nil {
			return nil, fmt.Errorf("pending answers: %w", err)
		}
	}
	if data.Empty() || src.Events == nil {
		return data, nil
	}
	horizon := 7 * 24 * time.Hour
	if p.Freq == domain.DigestWeekly {
		horizon = 14 * 24 * time.Hour
	}
	if data.Events, err = src.Events.UpcomingEvents(ctx, u, p.End, horizon, locale); err != nil {
		return nil, fmt.Errorf("upcoming events: %w", err)
	}
	return data, nil
}
