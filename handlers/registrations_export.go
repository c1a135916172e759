package handlers

import (
	"bytes"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/exports"
)

// apiExportXLSX sends an event's registrations as an Excel workbook.
func (h *Handler) apiExportXLSX(c *fiber.Ctx) error {
	e, rows, err := h.exportFor(c, "xlsx")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := exports.WriteXLSX(&buf, rows); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Attachment(exports.FileName(e, "xlsx"))
	return c.Send(buf.Bytes())
}

// apiExportCSV sends an event's registrations as UTF-8 CSV with a byte-order mark.
func (h *Handler) apiExportCSV(c *fiber.Ctx) error {
	e, rows, err := h.exportFor(c, "csv")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := exports.WriteCSV(&buf, rows); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Attachment(exports.FileName(e, "csv"))
	return c.Send(buf.Bytes())
}

// exportFor loads the managed event and its rows, and records the export of contact data.
func (h *Handler) exportFor(c *fiber.Ctx, format string) (*domain.Event, [][]string, error) {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return nil, nil, err
	}
	ctx := c.UserContext()
	rows, err := exports.Rows(ctx, h.deps.Store.Registrations, currentLocale(c), e)
	if err != nil {
		return nil, nil, err
	}
	h.audit(ctx, currentUser(c).ID, "registrations.export", "event:"+e.ID,
		fmt.Sprintf("%s, %d attendees", format, len(rows)-1), clientIP(c))
	return e, rows, nil
}
