package handlers

import (
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/jobs"
	"duijie/locales"
)

// prefsView is the JSON of a user's mail preferences.
type prefsView struct {
	Digest domain.DigestFrequency `json:"digest"`
	Locale string                 `json:"locale"`
	OptOut []domain.MailKind      `json:"optOut"`
	// Instant: strong new matches, answers, invitations and quotes within 15 minutes.
	Instant bool `json:"instant"`
}

func viewPrefs(p *domain.Preferences) prefsView {
	opt := p.OptOut
	if opt == nil {
		opt = []domain.MailKind{}
	}
	return prefsView{Digest: p.Digest, Locale: p.Locale, OptOut: opt, Instant: p.Instant()}
}

// myPrefs loads the signed-in user's preferences, creating the defaults on first use.
func (h *Handler) myPrefs(c *fiber.Ctx) (*domain.Preferences, error) {
	p, err := jobs.Preferences(c.UserContext(), h.deps.Store.Preferences, currentUser(c))
	if err != nil {
		return nil, fmt.Errorf("preferences: %w", err)
	}
	return p, nil
}

// savePrefs validates and stores p for the signed-in user.
func (h *Handler) savePrefs(c *fiber.Ctx, p *domain.Preferences) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = h.now()
	if err := h.deps.Store.Preferences.Put(c.UserContext(), p); err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	u := currentUser(c)
	h.audit(c.UserContext(), u.ID, "preferences.update", "user:"+u.ID, "digest="+string(p.Digest), clientIP(c))
	return nil
}

// apiGetPreferences answers the caller's digest frequency, mail locale and opt-outs.
func (h *Handler) apiGetPreferences(c *fiber.Ctx) error {
	p, err := h.myPrefs(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, viewPrefs(p))
}

// prefsInput is PUT /me/preferences; an absent optOut keeps the current one.
type prefsInput struct {
	Digest domain.DigestFrequency `json:"digest"`
	Locale string                 `json:"locale"`
	OptOut *[]domain.MailKind     `json:"optOut"`
	// Instant, when sent, turns instant notices on or off (absent keeps the setting).
	Instant *bool `json:"instant"`
}

// apiPutPreferences replaces the caller's preferences.
func (h *Handler) apiPutPreferences(c *fiber.Ctx) error {
	var in prefsInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := h.myPrefs(c)
	if err != nil {
		return err
	}
	p.Digest, p.Locale = in.Digest, in.Locale
	if in.Locale == "" {
		p.Locale = currentUser(c).Locale
		if p.Locale == "" {
			p.Locale = locales.Default
		}
	}
	if in.OptOut != nil {
		p.OptOut = *in.OptOut
	}
	if in.Instant != nil {
		p.SetInstant(*in.Instant)
	}
	if err := h.savePrefs(c, p); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, viewPrefs(p))
}

// pagePreferences is the form: digest frequency, mail language, and which other mails to get.
func (h *Handler) pagePreferences(c *fiber.Ctx) error {
	p, err := h.myPrefs(c)
	if err != nil {
		return err
	}
	return h.renderPreferences(c, fiber.StatusOK, p, nil)
}

func (h *Handler) renderPreferences(c *fiber.Ctx, status int, p *domain.Preferences, errs map[string]string) error {
	wants := map[string]bool{}
	for _, k := range domain.MailKinds {
		wants[string(k)] = !slices.Contains(p.OptOut, k)
	}
	return h.render(c, status, "account/preferences", &preferencesView{
		Page:        Page{Title: locales.T(currentLocale(c), "prefs.title"), Errors: errs},
		Prefs:       p,
		Frequencies: domain.DigestFrequencies,
		Kinds:       []domain.MailKind{domain.MailInstant, domain.MailReminder, domain.MailChange},
		Wants:       wants,
	})
}

// formPreferences saves the form. Unticking a kind opts out of it; the digest is governed by
// its frequency.
func (h *Handler) formPreferences(c *fiber.Ctx) error {
	p, err := h.myPrefs(c)
	if err != nil {
		return err
	}
	p.Digest = domain.DigestFrequency(c.FormValue("digest"))
	p.Locale = c.FormValue("locale")
	opt := []domain.MailKind{}
	for _, k := range []domain.MailKind{domain.MailInstant, domain.MailReminder, domain.MailChange} {
		if c.FormValue("mail_"+string(k)) == "" {
			opt = append(opt, k)
		}
	}
	p.OptOut = opt
	if err := h.savePrefs(c, p); err != nil {
		if ve, ok := err.(*domain.ValidationError); ok {
			return h.renderPreferences(c, fiber.StatusUnprocessableEntity, p, translateFields(currentLocale(c), ve))
		}
		return err
	}
	return h.redirectWithFlash(c, "/account/preferences", "success", "prefs.saved")
}
