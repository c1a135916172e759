package handlers

import (
	"fmt"
	"net/url"
	"sort"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

// outboxFilter reads ?status= and ?kind= of the outbox listing; unknown values are ignored.
func outboxFilter(c *fiber.Ctx) store.OutboxFilter {
	var f store.OutboxFilter
	for _, s := range domain.OutboxStatuses {
		if c.Query("status") == string(s) {
			f.Status = s
		}
	}
	if k := domain.MailKind(c.Query("kind")); k.Valid() {
		f.Kind = k
	}
	f.To = domain.NormalizeEmail(c.Query("to"))
	return f
}

// pageAdminOutbox lists queued and sent mail, newest first. Without an SMTP relay this is where
// mail arrives: each message opens as the recipient would see it.
func (h *Handler) pageAdminOutbox(c *fiber.Ctx) error {
	ctx := c.UserContext()
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	f := outboxFilter(c)
	msgs, next, total, err := h.deps.Store.Outbox.List(ctx, f, page)
	if err != nil {
		return fmt.Errorf("outbox: list: %w", err)
	}
	counts, err := h.deps.Store.Outbox.Counts(ctx)
	if err != nil {
		return fmt.Errorf("outbox: counts: %w", err)
	}
	q := url.Values{}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	if f.Kind != "" {
		q.Set("kind", string(f.Kind))
	}
	if f.To != "" {
		q.Set("to", f.To)
	}
	data := &outboxView{
		Page:     Page{Title: locales.T(currentLocale(c), "admin.outbox.title")},
		Messages: msgs,
		Total:    total,
		Counts:   counts,
		Statuses: domain.OutboxStatuses,
		Kinds:    domain.MailKinds,
		Status:   string(f.Status),
		Kind:     string(f.Kind),
		To:       f.To,
		Relay:    h.deps.Options.MailRelay,
	}
	if page.Cursor != "" {
		data.FirstURL = "/admin/outbox?" + q.Encode()
	}
	if next != "" {
		q.Set("cursor", next)
		data.NextURL = "/admin/outbox?" + q.Encode()
	}
	return h.render(c, fiber.StatusOK, "admin/outbox", data)
}

// mailHeader is one header line of a message view.
type mailHeader struct{ Name, Value string }

// pageAdminOutboxMessage shows one message as it would arrive: its headers, the plain-text part,
// and the HTML part in a sandboxed frame.
func (h *Handler) pageAdminOutboxMessage(c *fiber.Ctx) error {
	m, err := h.outboxMessage(c)
	if err != nil {
		return err
	}
	headers := []mailHeader{{"To", m.To}, {"Subject", m.Subject}}
	var extra []mailHeader
	for k, v := range m.Headers {
		extra = append(extra, mailHeader{k, v})
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Name < extra[j].Name })
	return h.render(c, fiber.StatusOK, "admin/outbox_message", &outboxMessageView{
		Page:    Page{Title: m.Subject},
		Message: m,
		Headers: append(headers, extra...),
	})
}

// outboxHTML serves a message's HTML part for the preview frame. The part is our own template
// output, but it holds user text; the response may not run scripts, load anything but images,
// or be framed by any other site.
func (h *Handler) outboxHTML(c *fiber.Ctx) error {
	m, err := h.outboxMessage(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentSecurityPolicy, "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; "+
		"frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox")
	c.Set(fiber.HeaderXFrameOptions, "SAMEORIGIN")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(m.HTML)
}

func (h *Handler) outboxMessage(c *fiber.Ctx) (*domain.OutboxMessage, error) {
	id := c.Params("id")
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	m, err := h.deps.Store.Outbox.Get(c.UserContext(), id)
	if err != nil {
		return nil, fmt.Errorf("outbox: message %s: %w", id, err)
	}
	return m, nil
}

// apiListOutbox answers the outbox listing (bodies left out); ?status=, ?kind=, ?to= narrow it.
func (h *Handler) apiListOutbox(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	msgs, next, total, err := h.deps.Store.Outbox.List(c.UserContext(), outboxFilter(c), page)
	if err != nil {
		return fmt.Errorf("outbox: list: %w", err)
	}
	return sendList(c, msgs, next, total)
}

// apiGetOutbox answers one message with its bodies.
func (h *Handler) apiGetOutbox(c *fiber.Ctx) error {
	m, err := h.outboxMessage(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, m)
}
