// Package exports writes an event's registrations as spreadsheets, for the organiser console's
// downloads and for `duijie export registrations`, so both give the same file.
package exports

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

// Columns are the message keys of the header row; the file has one attendee per row.
var Columns = []string{
	"events.export.enterprise", "events.export.status", "events.export.position", "events.export.name",
	"events.export.title", "events.export.mobile", "events.export.email", "events.export.code",
	"events.export.checkedInAt", "events.export.registeredAt",
}

// RegistrationLister is the one store method the export needs.
type RegistrationLister interface {
	ListByEvent(ctx context.Context, eventID string, f store.RegistrationFilter, page store.Page) ([]domain.Registration, string, int, error)
}

// Rows returns the header and one row per attendee of every registration of e, in registration
// order, with times in the event's zone.
func Rows(ctx context.Context, regs RegistrationLister, lang string, e *domain.Event) ([][]string, error) {
	rows := [][]string{make([]string, len(Columns))}
	for i, k := range Columns {
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
		batch, next, _, err := regs.ListByEvent(ctx, e.ID, store.RegistrationFilter{}, page)
		if err != nil {
			return nil, err
		}
		for _, r := range batch {
			pos := ""
			if r.Position > 0 {
				pos = strconv.Itoa(r.Position)
			}
			created := r.CreatedAt
			for _, a := range r.Attendees {
				rows = append(rows, []string{r.EnterpriseName, locales.T(lang, "events.reg.status."+string(r.Status)), pos,
					a.Name, a.Position, a.Mobile, a.Email, attendeeCode(r, a), stamp(a.CheckedInAt), stamp(&created)})
			}
		}
		if next == "" {
			return rows, nil
		}
		page.Cursor = next
	}
}

// FileName is a download's name: the event's title would be nicer but is not safe in a header
// across browsers, so the ID it is.
func FileName(e *domain.Event, ext string) string {
	return fmt.Sprintf("registrations-%s.%s", e.ID, ext)
}

// WriteXLSX writes rows as an Excel workbook (excelize), every cell as text so that mobiles and
// check-in codes never turn into numbers.
func WriteXLSX(w io.Writer, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	_ = sw.SetColWidth(1, 1, 32)
	_ = sw.SetColWidth(2, len(Columns), 16)
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// attendeeCode is the person's own check-in code; registrations read from before attendees had
// their own show the firm's.
func attendeeCode(r domain.Registration, a domain.Attendee) string {
	if a.CheckinCode != "" {
		return a.CheckinCode
	}
	return r.CheckinCode
}
