package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
)

// InstantJob names the job (and the checkpoint of its match scan) that mails instant notices.
const InstantJob = "instant-notices"

// Deal records notice n for every member of the enterprise who wants instant notices (n.Key
// unique per member, so recording a happening twice keeps one notice). Members who turned them
// off learn of it in their digest or on their dashboard. It returns how many were recorded.
// detail, when set, writes n.Detail in each member's language.
func (s *Service) Deal(ctx context.Context, enterpriseID string, n domain.Notice, detail func(lang string) string) (int, error) {
	if s == nil || s.notices == nil {
		return 0, nil
	}
	people, err := s.members(ctx, enterpriseID)
	if err != nil {
		return 0, err
	}
	added := 0
	for _, p := range people {
		if !p.prefs.Instant() {
			continue
		}
		item := n
		item.ID, item.UserID, item.CreatedAt = "", p.user.ID, s.now()
		if detail != nil {
			item.Detail = detail(p.lang)
		}
		ok, err := s.notices.Add(ctx, &item)
		if err != nil {
			return added, fmt.Errorf("record notice: %w", err)
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// InstantMails is the work of the instant job: it turns matches sent since the last run into
// notices for their suppliers (strong ones only), then mails each member with pending notices
// one grouped mail, unless that member got one less than domain.InstantGap ago.
func (s *Service) InstantMails(ctx context.Context, count Counter) error {
	if s == nil || s.notices == nil {
		return nil
	}
	if count == nil {
		count = func(string, int) {}
	}
	if err := s.scanMatches(ctx, count); err != nil {
		return err
	}
	after := ""
	for ctx.Err() == nil {
		users, err := s.notices.PendingUsers(ctx, after, 200)
		if err != nil {
			return fmt.Errorf("users with notices: %w", err)
		}
		if len(users) == 0 {
			return nil
		}
		for _, id := range users {
			if err := s.instantFor(ctx, id, count); err != nil {
				return err
			}
		}
		after = users[len(users)-1]
	}
	return ctx.Err()
}

// instantFor mails one member's pending notices. The mail's dedup key names the first notice it
// holds; a run that died between queueing and marking finds that mail and marks what it held.
func (s *Service) instantFor(ctx context.Context, userID string, count Counter) error {
	ns, err := s.notices.PendingFor(ctx, userID)
	if err != nil || len(ns) == 0 {
		return err
	}
	u, err := s.users.Get(ctx, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return s.drop(ctx, ns, "gone:"+userID)
	}
	if err != nil {
		return fmt.Errorf("user %s: %w", userID, err)
	}
	p, err := s.userPerson(ctx, u)
	if err != nil {
		return err
	}
	if u.Disabled || !p.prefs.Instant() {
		return s.drop(ctx, ns, "off:"+userID)
	}
	key := "instant:" + userID + ":" + ns[0].ID
	last, lastKey, err := s.lastInstant(ctx, u.Email)
	if err != nil {
		return err
	}
	now := s.now()
	if lastKey == key+":"+strings.ToLower(u.Email) {
		// Queued by a run that died before marking: mark what that mail held.
		var held []string
		for _, n := range ns {
			if !n.CreatedAt.After(last) {
				held = append(held, n.ID)
			}
		}
		return s.notices.MarkQueued(ctx, held, key, now)
	}
	if !domain.InstantDue(last, now) {
		count("instant_waiting", 1)
		return nil
	}
	d := &mail.InstantData{}
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
		d.Items = append(d.Items, mail.InstantItem{Kind: string(n.Kind), Title: n.Title, Detail: n.Detail, Link: s.r.Link(n.Link)})
	}
	created, err := s.send(ctx, domain.MailInstant, mail.TemplateInstant, p, d, key, nil)
	if err != nil {
		return err
	}
	if created {
		count("instant_mails", 1)
		count("instant_items", len(ns))
	}
	return s.notices.MarkQueued(ctx, ids, key, now)
}

// drop marks notices of a member who can no longer receive them, so they stop being pending.
func (s *Service) drop(ctx context.Context, ns []domain.Notice, why string) error {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	return s.notices.MarkQueued(ctx, ids, "dropped:"+why, s.now())
}

// lastInstant is when the newest instant mail to addr was queued, and its dedup key.
func (s *Service) lastInstant(ctx context.Context, addr string) (time.Time, string, error) {
	ms, _, _, err := s.outbox.List(ctx, store.OutboxFilter{Kind: domain.MailInstant, To: addr}, store.Page{Limit: 1})
	if err != nil {
		return time.Time{}, "", fmt.Errorf("last instant mail: %w", err)
	}
	if len(ms) == 0 {
		return time.Time{}, "", nil
	}
	return ms[0].CreatedAt, ms[0].DedupKey, nil
}

// scanMatches records a notice for the members of every supplier a strong match was sent to
// since the last scan.
func (s *Service) scanMatches(ctx context.Context, count Counter) error {
	if s.matches == nil || s.points == nil {
		return nil
	}
	now := s.now()
	from := now.Add(-firstLookBack)
	c, err := s.points.Get(ctx, InstantJob, "matches")
	switch {
	case err == nil:
		if t, perr := time.Parse(time.RFC3339Nano, c.Cursor); perr == nil {
			from = t
		}
	case !errors.Is(err, domain.ErrNotFound):
		return fmt.Errorf("instant checkpoint: %w", err)
	}
	cursor := ""
	for {
		ms, next, _, err := s.matches.List(ctx, store.MatchFilter{SentFrom: from, SentUntil: now}, store.Page{Limit: 200, Cursor: cursor})
		if err != nil {
			return fmt.Errorf("sent matches: %w", err)
		}
		for i := range ms {
			m := &ms[i]
			if !domain.StrongMatch(m) {
				continue
			}
			l, err := s.leads.Get(ctx, m.LeadID)
			if errors.Is(err, domain.ErrNotFound) {
				continue
			}
			if err != nil {
				return fmt.Errorf("lead %s: %w", m.LeadID, err)
			}
			if l.Status != domain.LeadOpen {
				continue
			}
			n, err := s.Deal(ctx, m.EnterpriseID, domain.Notice{Key: "match:" + m.ID, Kind: domain.NoticeMatch,
				Title: l.Title, Detail: m.Explanation.Summary, Link: "/me/matches"}, nil)
			if err != nil {
				return err
			}
			count("match_notices", n)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	return s.points.Save(ctx, &domain.Checkpoint{Job: InstantJob, Key: "matches",
		Cursor: now.UTC().Format(time.RFC3339Nano), UpdatedAt: now})
}
