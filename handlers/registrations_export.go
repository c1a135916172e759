package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

// exportColumns are the message keys of the export's header row, one attendee per row.
var exportColumns = []string{
	"events.export.enterprise", "events.export.status", "events.export.position", "events.export.name",
	"events.export.title", "events.export.mobile", "events.export.email", "events.export.code",
	"events.export.checkedInAt", "events.export.registeredAt",
}

// exportRows returns the header and one row per attendee of every registration of e, in
// registration order, with times in the event's zone.
func (h *Handler) exportRows(ctx context.Context, lang string, e *domain.Event) ([][]string, error) {
	rows := [][]string{make([]string, len(exportColumns))}
	for i, k := range exportColumns {
		rows[0][i] = locales.T(lang, k)
	}
	loc := e.Location()
	stamp := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(loc).Format("2006-01-02 15:04")
	}
	page := store.Page{Limit: 500}
	for {
		regs, next, _, err := h.deps.Store.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{}, page)
		if err != nil {
			return nil, err
		}
		for _, r := range regs {
			pos := ""
			if r.Position > 0 {
				pos = strconv.Itoa(r.Position)
			}
			created := r.CreatedAt
			for _, a := range r.Attendees {
				rows = append(rows, []string{r.EnterpriseName, locales.T(lang, "events.reg.status."+string(r.Status)), pos,
					a.Name, a.Position, a.Mobile, a.Email, r.CheckinCode, stamp(r.CheckedInAt), stamp(&created)})
			}
		}
		if next == "" {
			return rows, nil
		}
		page.Cursor = next
	}
}

// exportName is the download's file name: the event's title would be nicer but is not safe in a
// header across browsers, so the ID it is.
func exportName(e *domain.Event, ext string) string {
	return fmt.Sprintf("registrations-%s.%s", e.ID, ext)
}

// apiExportXLSX sends an event's registrations as an Excel workbook (excelize).
func (h *Handler) apiExportXLSX(c *fiber.Ctx) error {
	e, rows, err := h.exportFor(c, "xlsx")
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	_ = sw.SetColWidth(1, 1, 32)
	_ = sw.SetColWidth(2, len(exportColumns), 16)
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v // strings stay text: mobiles and codes must not turn into numbers
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Attachment(exportName(e, "xlsx"))
	return c.Send(buf.Bytes())
}

// apiExportCSV sends an event's registrations as UTF-8 CSV with a byte-order mark, which Excel
// needs to read Chinese correctly.
func (h *Handler) apiExportCSV(c *fiber.Ctx) error {
	e, rows, err := h.exportFor(c, "csv")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Attachment(exportName(e, "csv"))
	return c.Send(buf.Bytes())
}

// exportFor loads the managed event and its rows, and records the export of contact data.
func (h *Handler) exportFor(c *fiber.Ctx, format string) (*domain.Event, [][]string, error) {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return nil, nil, err
	}
	ctx := c.UserContext()
	rows, err := h.exportRows(ctx, currentLocale(c), e)
	if err != nil {
		return nil, nil, err
	}
	h.audit(ctx, currentUser(c).ID, "registrations.export", "event:"+e.ID,
		fmt.Sprintf("%s, %d attendees", format, len(rows)-1), c.IP())
	return e, rows, nil
}
