package jobs

import (
	"context"
	"errors"
	"fmt"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
)

// Preferences returns the user's mail preferences, creating the defaults (no digest, a fresh
// unsubscribe token) on first use, so that every mail can carry a working unsubscribe link.
func Preferences(ctx context.Context, st store.PreferenceRepo, u *domain.User) (*domain.Preferences, error) {
	p, err := st.Get(ctx, u.ID)
	if err == nil {
		return p, nil
	}
	if !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("preferences of %s: %w", u.ID, err)
	}
	p = domain.DefaultPreferences(u)
	p.UnsubscribeToken = domain.RandomToken(24)
	if err := st.Put(ctx, p); err != nil {
		return nil, fmt.Errorf("create preferences of %s: %w", u.ID, err)
	}
	return p, nil
}

// recipientOf addresses a mail to u in the locale of p.
func recipientOf(u *domain.User, p *domain.Preferences) mail.Recipient {
	name := u.Name
	loc := p.Locale
	if loc == "" {
		loc = u.Locale
	}
	return mail.Recipient{UserID: u.ID, Email: u.Email, Name: name, Locale: loc, UnsubscribeToken: p.UnsubscribeToken}
}
