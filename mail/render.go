// Package mail builds Duijie's messages (in the recipient's locale, HTML and plain text, with
// RFC 8058 one-click unsubscribe headers), sends them over SMTP, and drains the outbox.
//
// Templates live in templates/mail: <name>.html.tmpl (html/template) and <name>.txt.tmpl
// (text/template, which also defines "<name>.subject"). They are not named *.html, so the web
// views never load them.
package mail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"net/url"
	"strings"
	texttemplate "text/template"

	"duijie/domain"
	"duijie/locales"
	"duijie/templates"
)

// Renderer turns mail data into messages. It is safe for concurrent use.
type Renderer struct {
	baseURL string
	html    *htmltemplate.Template
	text    *texttemplate.Template
}

// Template names of the mail Duijie sends.
const (
	TemplateDigest   = "digest"
	TemplateReminder = "reminder"
	TemplateChange   = "change"
	// TemplateAccount is a transactional mail about the recipient's account (a password reset
	// link, an invitation, a verification decided); its data is AccountData.
	TemplateAccount = "account"
	// The deal loop: transactional registration and meeting mails, grouped instant notices.
	TemplateRegistration = "registration"
	TemplateMeeting      = "meeting"
	TemplateInstant      = "instant"
)

// AccountData is what an account mail says, already in the recipient's language: one intro
// sentence, a button with its link (none for a plain notice) and a note under it.
type AccountData struct {
	Subject, Intro, Button, Link, Note string
}

// NewRenderer parses the embedded mail templates once; baseURL (no trailing slash) prefixes
// every link.
func NewRenderer(baseURL string) (*Renderer, error) {
	return newRenderer(templates.FS, baseURL)
}

func newRenderer(fsys fs.FS, baseURL string) (*Renderer, error) {
	funcs := map[string]any{"t": locales.T}
	h, err := htmltemplate.New("mail").Funcs(funcs).ParseFS(fsys, "mail/*.html.tmpl")
	if err != nil {
		return nil, fmt.Errorf("mail templates: %w", err)
	}
	t, err := texttemplate.New("mail").Funcs(funcs).ParseFS(fsys, "mail/*.txt.tmpl")
	if err != nil {
		return nil, fmt.Errorf("mail templates: %w", err)
	}
	for _, name := range []string{TemplateDigest, TemplateReminder, TemplateChange, TemplateRegistration,
		TemplateMeeting, TemplateInstant, TemplateAccount, TemplateBulletin} {
		if h.Lookup(name+".html.tmpl") == nil || t.Lookup(name+".txt.tmpl") == nil || t.Lookup(name+".subject") == nil {
			return nil, fmt.Errorf("mail templates: %s is incomplete (html, text and subject needed)", name)
		}
	}
	return &Renderer{baseURL: strings.TrimRight(baseURL, "/"), html: h, text: t}, nil
}

// BaseURL is the site address links start with.
func (r *Renderer) BaseURL() string { return r.baseURL }

// Link makes an absolute URL of a site path.
func (r *Renderer) Link(path string) string { return r.baseURL + path }

// Recipient is who a message goes to and how to address them.
type Recipient struct {
	UserID           string
	Email            string
	Name             string
	Locale           string // zh-CN or en
	UnsubscribeToken string
}

// View is what every mail template sees: the recipient's locale, the footer links, and D, the
// data of the template.
type View struct {
	Locale         string
	Name           string
	BaseURL        string
	UnsubscribeURL string
	PreferencesURL string // empty for a recipient without an account: nothing to manage
	Why            string // locale key of the footer's "why you receive this" (footerWhy)
	Kind           domain.MailKind
	D              any
}

// footerWhy says, as a locale key, why the recipient gets a mail of kind: a member who turned a
// notice on; a member getting a service mail it cannot turn off (its registration, meeting,
// account); an attendee listed by the firm that registered (no account); anyone else whose
// address was given (an invitation, the monthly bulletin).
func footerWhy(kind domain.MailKind, account bool) string {
	service := !kind.Optional() || kind == "account" // account mails: service/accounts.MailAccount
	switch {
	case !account && (kind == domain.MailRegistration || kind == domain.MailMeeting || kind == domain.MailChange || kind == domain.MailReminder):
		return "notify.footer.attendee"
	case !account:
		return "notify.footer.addressed"
	case service:
		return "notify.footer.service"
	}
	return "mail.footer.why"
}

// UnsubscribeURL is the one-click link for kind of the holder of token.
func (r *Renderer) UnsubscribeURL(token string, kind domain.MailKind) string {
	return r.baseURL + "/unsubscribe/" + url.PathEscape(token) + "?kind=" + url.QueryEscape(string(kind))
}

// Compose renders template tmpl for to and returns the outbox message (not yet stored) with the
// List-Unsubscribe headers of RFC 2369 and RFC 8058.
func (r *Renderer) Compose(kind domain.MailKind, tmpl string, to Recipient, data any, dedupKey string) (*domain.OutboxMessage, error) {
	lang := to.Locale
	if lang != "en" {
		lang = locales.Default
	}
	v := View{Locale: lang, Name: to.Name, BaseURL: r.baseURL, Why: footerWhy(kind, to.UserID != ""), Kind: kind, D: data}
	if to.UserID != "" {
		v.PreferencesURL = r.baseURL + "/account/preferences"
	}
	if to.UnsubscribeToken != "" {
		v.UnsubscribeURL = r.UnsubscribeURL(to.UnsubscribeToken, kind)
	}
	var subj, text, html bytes.Buffer
	if err := r.text.ExecuteTemplate(&subj, tmpl+".subject", v); err != nil {
		return nil, fmt.Errorf("mail %s subject: %w", tmpl, err)
	}
	if err := r.text.ExecuteTemplate(&text, tmpl+".txt.tmpl", v); err != nil {
		return nil, fmt.Errorf("mail %s text: %w", tmpl, err)
	}
	if err := r.html.ExecuteTemplate(&html, tmpl+".html.tmpl", v); err != nil {
		return nil, fmt.Errorf("mail %s html: %w", tmpl, err)
	}
	headers := map[string]string{
		"Auto-Submitted":   "auto-generated",
		"Content-Language": lang,
	}
	if v.UnsubscribeURL != "" {
		headers["List-Unsubscribe"] = "<" + v.UnsubscribeURL + ">"
		headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	}
	return &domain.OutboxMessage{
		DedupKey: dedupKey,
		Kind:     kind,
		UserID:   to.UserID,
		To:       to.Email,
		Subject:  strings.Join(strings.Fields(subj.String()), " "),
		HTML:     html.String(),
		Text:     strings.TrimSpace(text.String()) + "\n",
		Headers:  headers,
	}, nil
}
