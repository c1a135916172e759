package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// shortlistInput is the body of POST /leads/{id}/shortlist.
type shortlistInput struct {
	EnterpriseID string `json:"enterpriseId" validate:"max=64"`
}

// apiShortlist puts a supplier of the lead's matches on its shortlist.
func (h *Handler) apiShortlist(c *fiber.Ctx) error {
	var in shortlistInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	id := c.Params("id")
	if err := h.deps.Deals.Shortlist(c.UserContext(), currentUser(c), id, strings.TrimSpace(in.EnterpriseID)); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, fiber.Map{"leadId": id, "enterpriseId": in.EnterpriseID, "shortlisted": true})
}

// apiUnshortlist takes a supplier off the lead's shortlist.
func (h *Handler) apiUnshortlist(c *fiber.Ctx) error {
	if err := h.deps.Deals.Unshortlist(c.UserContext(), currentUser(c), c.Params("id"), c.Params("enterpriseId")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// inviteInput is the body of POST /leads/{id}/invite.
type inviteInput struct {
	EnterpriseID string `json:"enterpriseId" validate:"max=64"`
	Note         string `json:"note" validate:"max=4000"`
}

// apiInvite sends the lead to a supplier the buyer chose and invites it to quote.
func (h *Handler) apiInvite(c *fiber.Ctx) error {
	var in inviteInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.deps.Deals.Invite(c.UserContext(), currentUser(c), c.Params("id"), strings.TrimSpace(in.EnterpriseID),
		strings.TrimSpace(in.Note))
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, m)
}

// quoteInput is the body of POST /matches/{id}/quote; validUntil is RFC 3339 or a date (the end
// of that day, Beijing time).
type quoteInput struct {
	UnitPrice    float64 `json:"unitPrice"`
	Currency     string  `json:"currency" validate:"max=8"`
	Quantity     int64   `json:"quantity"`
	MOQ          int64   `json:"moq"`
	LeadTimeDays int     `json:"leadTimeDays"`
	ValidUntil   string  `json:"validUntil" validate:"max=40"`
	Note         string  `json:"note" validate:"max=4000"`
}

// toDomain reads the validity date; a malformed one is named like any other bad field.
func (in quoteInput) toDomain() (domain.QuoteInput, error) {
	q := domain.QuoteInput{UnitPrice: in.UnitPrice, Currency: in.Currency, Quantity: in.Quantity, MOQ: in.MOQ,
		LeadTimeDays: in.LeadTimeDays, Note: in.Note}
	if s := strings.TrimSpace(in.ValidUntil); s != "" {
		t, err := domain.ParseDeadline(s)
		if err != nil {
			return q, domain.Invalid("validUntil", "invalid")
		}
		q.ValidUntil = t
	}
	return q, nil
}

// apiQuote records the supplier's quote on a match it answered interested.
func (h *Handler) apiQuote(c *fiber.Ctx) error {
	var in quoteInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	qi, err := in.toDomain()
	if err != nil {
		return err
	}
	q, err := h.deps.Deals.Quote(c.UserContext(), currentUser(c), c.Params("id"), qi)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, quoteJSON(q))
}

// quoteJSON shows a stored quote with its amounts in major units.
func quoteJSON(q *domain.Quote) fiber.Map {
	return fiber.Map{"id": q.ID, "matchId": q.MatchID, "leadId": q.LeadID, "supplierId": q.SupplierID,
		"supplier": q.SupplierName, "unitPrice": domain.MajorUnits(q.UnitPrice), "currency": q.Currency,
		"quantity": q.Quantity, "moq": q.MOQ, "leadTimeDays": q.LeadTimeDays, "validUntil": q.ValidUntil,
		"note": q.Note, "total": domain.MajorUnits(q.Total()), "revision": q.Revision, "createdAt": q.CreatedAt,
		"updatedAt": q.UpdatedAt}
}

// apiLeadQuotes lists the lead's quotes side by side: ?sort=total|unitPrice|leadTimeDays|
// validUntil|supplier, ?desc=1; grouped by currency, the per-currency summary in "currencies".
func (h *Handler) apiLeadQuotes(c *fiber.Ctx) error {
	cmp, err := h.deps.Deals.Compare(c.UserContext(), currentUser(c), c.Params("id"), c.Query("sort"), c.Query("desc") == "1")
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusOK).JSON(fiber.Map{"data": cmp.Quotes, "currencies": cmp.Currencies,
		"page": pageInfo{Total: &[]int{len(cmp.Quotes)}[0]}})
}
