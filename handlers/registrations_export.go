package handlers

import (
	"bytes"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/exports"
	"duijie/locales"
)

// apiExportXLSX sends an event's registrations as an Excel workbook: a sheet for people in the
// caller's language and one of codes for machines.
func (h *Handler) apiExportXLSX(c *fiber.Ctx) error {
	e, rows, codes, err := h.exportFor(c, "xlsx")
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	var buf bytes.Buffer
	if err := exports.WriteWorkbook(&buf, locales.T(lang, "eventday.export.sheet"), rows,
		locales.T(lang, "eventday.export.codesSheet"), codes); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	attachment(c, exports.FileName(e, "xlsx"), exports.DisplayName(e, lang, "xlsx"))
	return c.Send(buf.Bytes())
}

// apiExportCSV sends an event's registrations as UTF-8 CSV with a byte-order mark.
func (h *Handler) apiExportCSV(c *fiber.Ctx) error {
	e, rows, _, err := h.exportFor(c, "csv")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := exports.WriteCSV(&buf, rows); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	attachment(c, exports.FileName(e, "csv"), exports.DisplayName(e, currentLocale(c), "csv"))
	return c.Send(buf.Bytes())
}

// attachment names a download: an ASCII name for old clients and the readable one, with the
// event's title, as RFC 6266's filename* (every current browser uses it).
func attachment(c *fiber.Ctx, ascii, display string) {
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		ascii, url.PathEscape(display)))
}

// exportFor loads the managed event and its sheets, and records the export of contact data.
func (h *Handler) exportFor(c *fiber.Ctx, format string) (*domain.Event, [][]string, [][]string, error) {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx := c.UserContext()
	rows, codes, err := exports.Sheets(ctx, h.deps.Store.Registrations, currentLocale(c), e)
	if err != nil {
		return nil, nil, nil, err
	}
	h.audit(ctx, currentUser(c).ID, "registrations.export", "event:"+e.ID,
		fmt.Sprintf("%s, %d attendees", format, len(rows)-1), clientIP(c))
	return e, rows, codes, nil
}
