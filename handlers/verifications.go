package handlers

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/accounts"
	"duijie/store"
)

// licenceUpload reads the multipart "file" field of a licence upload, at most one byte over the
// limit so that a too large file is named as such rather than cut.
func licenceUpload(c *fiber.Ctx) (string, []byte, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return "", nil, domain.Invalid("file", "required")
	}
	if fh.Size > domain.MaxLicenceBytes {
		return "", nil, domain.Invalid("file", "trust.field.licence_size")
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, fmt.Errorf("open licence upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, domain.MaxLicenceBytes+1))
	if err != nil {
		return "", nil, fmt.Errorf("read licence upload: %w", err)
	}
	return filepath.Base(fh.Filename), data, nil
}

// apiSubmitLicence uploads the member's business licence; the enterprise joins the queue.
func (h *Handler) apiSubmitLicence(c *fiber.Ctx) error {
	name, data, err := licenceUpload(c)
	if err != nil {
		return err
	}
	e, err := h.accounts.SubmitLicence(c.UserContext(), callerOf(c), name, data)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e)
}

// apiVerify and apiReject decide a verification (organisers of the firm's clusters, admins).
func (h *Handler) apiVerify(c *fiber.Ctx) error {
	e, err := h.accounts.Verify(c.UserContext(), callerOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.WithoutContact())
}

// verificationReject is the reason of a rejection, shown to the enterprise.
type verificationReject struct {
	Reason string `json:"reason" validate:"max=2000"`
}

func (h *Handler) apiReject(c *fiber.Ctx) error {
	var in verificationReject
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.accounts.Reject(c.UserContext(), callerOf(c), c.Params("id"), in.Reason)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.WithoutContact())
}

// licenceFile answers an enterprise's licence to those who decide its verification. It is sent
// as a download with its sniffed type, never rendered as a page of this site.
func (h *Handler) licenceFile(c *fiber.Ctx) error {
	l, err := h.accounts.Licence(c.UserContext(), callerOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	ext := map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[l.ContentType]
	c.Set(fiber.HeaderContentType, l.ContentType)
	c.Set(fiber.HeaderContentDisposition, `inline; filename="licence-`+l.EnterpriseID+ext+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; object-src 'self'; sandbox")
	return c.Send(l.Data)
}

// queueItem is one enterprise of the verification queue.
type queueItem struct {
	domain.Enterprise
	HasLicence bool
}

// pageVerifications is the verification queue: counts per state, the firms of one state within
// the caller's clusters, a link to each licence and the verify and reject actions.
func (h *Handler) pageVerifications(c *fiber.Ctx) error {
	return h.renderVerifications(c, fiber.StatusOK, nil)
}

func (h *Handler) renderVerifications(c *fiber.Ctx, status int, errs map[string]string) error {
	ctx, u := c.UserContext(), currentUser(c)
	state := domain.Verification(c.Query("state", string(domain.VerificationPending)))
	if !state.Valid() {
		state = domain.VerificationPending
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	counts, err := h.accounts.QueueCounts(ctx, callerOf(c))
	if err != nil {
		return err
	}
	f := accounts.ScopeFilter(u)
	f.Verification = state
	es, next, total, err := h.deps.Store.Enterprises.List(ctx, f, page.Clamp(20, 50))
	if err != nil {
		return err
	}
	items := make([]queueItem, len(es))
	for i := range es {
		items[i] = queueItem{Enterprise: es[i].WithoutContact()}
		if state == domain.VerificationPending || state == domain.VerificationRejected || state == domain.VerificationVerified {
			_, err := h.deps.Store.Licences.Get(ctx, es[i].ID)
			items[i].HasLicence = err == nil
		}
	}
	q := url.Values{"state": {string(state)}}
	data := &verificationsView{Page: Page{Errors: errs}, State: string(state), States: domain.Verifications,
		Counts: counts, Items: items, Total: total}
	if page.Cursor != "" {
		data.FirstURL = "/admin/verifications?" + q.Encode()
	}
	if next != "" {
		q.Set("cursor", next)
		data.NextURL = "/admin/verifications?" + q.Encode()
	}
	return h.render(c, status, "trust/verifications", data)
}

// formVerify and formReject are the queue's buttons.
func (h *Handler) formVerify(c *fiber.Ctx) error {
	_, err := h.accounts.Verify(c.UserContext(), callerOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/admin/verifications?state="+c.FormValue("back", "pending"), "success", "trust.queue.verified")
}

func (h *Handler) formReject(c *fiber.Ctx) error {
	_, err := h.accounts.Reject(c.UserContext(), callerOf(c), c.Params("id"), c.FormValue("reason"))
	if err != nil {
		a := classify(currentLocale(c), err)
		if a.internal || a.status == fiber.StatusNotFound {
			return err
		}
		msg := a.message
		if m, ok := a.fields["reason"]; ok {
			msg = m
		}
		return h.renderVerifications(c, a.status, map[string]string{"reason:" + c.Params("id"): msg})
	}
	return h.redirectWithFlash(c, "/admin/verifications?state="+c.FormValue("back", "pending"), "success", "trust.queue.rejected")
}

// formSubmitLicence is the upload on the member's enterprise page.
func (h *Handler) formSubmitLicence(c *fiber.Ctx) error {
	name, data, err := licenceUpload(c)
	if err == nil {
		_, err = h.accounts.SubmitLicence(c.UserContext(), callerOf(c), name, data)
	}
	if err != nil {
		a := classify(currentLocale(c), err)
		if a.internal {
			return err
		}
		msg := a.fields["file"]
		if msg == "" {
			msg = a.message
		}
		return h.renderMyEnterprise(c, a.status, map[string]string{"file": msg})
	}
	return h.redirectWithFlash(c, "/enterprises/me", "success", "trust.verify.submitted")
}

// verificationsPending counts the queue of the caller, for the navigation.
func (h *Handler) verificationsPending(c *fiber.Ctx) int {
	u := currentUser(c)
	if u == nil || (u.Role != domain.RoleOrganiser && u.Role != domain.RoleAdmin) {
		return 0
	}
	f := accounts.ScopeFilter(u)
	f.Verification = domain.VerificationPending
	_, _, n, err := h.deps.Store.Enterprises.List(c.UserContext(), f, store.Page{Limit: 1})
	if err != nil {
		h.web.log.Warn("verification count", "err", err)
		return 0
	}
	return n
}
