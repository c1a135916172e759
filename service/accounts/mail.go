package accounts

import (
	"context"
	"fmt"

	"duijie/domain"
	"duijie/locales"
	"duijie/mail"
)

// MailAccount is the kind of the transactional mails of this package. It is not in
// domain.MailKinds: a password reset or an invitation is not something to opt out of.
const MailAccount domain.MailKind = "account"

// localeOf is the language a user reads mail in: the saved preference, else the account's, else
// the default.
func (s *Service) localeOf(ctx context.Context, u *domain.User) string {
	if u != nil && s.Preferences != nil {
		if p, err := s.Preferences.Get(ctx, u.ID); err == nil && p.Locale != "" {
			return p.Locale
		}
	}
	if u != nil && u.Locale != "" {
		return u.Locale
	}
	return locales.Default
}

// send queues an account mail: key names its messages under "trust.mail.<key>." (subject,
// intro, button, note), args fill the intro, link is the button's target path.
func (s *Service) send(ctx context.Context, to mail.Recipient, key, path, dedup string, args ...any) error {
	if s.Mail == nil || s.Outbox == nil {
		s.Log.Warn("account mail not queued: no mail renderer", "kind", key, "to_user", to.UserID)
		return nil
	}
	lang := to.Locale
	p := "trust.mail." + key + "."
	data := mail.AccountData{
		Subject: locales.T(lang, p+"subject"),
		Intro:   locales.T(lang, p+"intro", args...),
		Note:    locales.T(lang, p+"note"),
	}
	if path != "" {
		data.Link, data.Button = s.Mail.Link(path), locales.T(lang, p+"button")
	}
	m, err := s.Mail.Compose(MailAccount, mail.TemplateAccount, to, data, dedup)
	if err != nil {
		return fmt.Errorf("compose %s mail: %w", key, err)
	}
	m.CreatedAt = s.now()
	if _, err := s.Outbox.Enqueue(ctx, m); err != nil {
		return fmt.Errorf("queue %s mail: %w", key, err)
	}
	return nil
}
