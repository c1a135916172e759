// Package exports writes an event's registrations as spreadsheets, for the organiser console's
// downloads and for `duijie export registrations`, so both give the same file.
package exports

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
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
// order, with times in the event's zone: what people read.
func Rows(ctx context.Context, regs RegistrationLister, lang string, e *domain.Event) ([][]string, error) {
	rows, _, err := Sheets(ctx, regs, lang, e)
	return rows, err
}

// MachineColumns head the second sheet: identifiers and codes as the API spells them, the same
// in every language, for scripts that read the file back.
var MachineColumns = []string{"registrationId", "enterpriseId", "status", "attendee", "checkinCode", "checkedInAt", "createdAt"}

// Sheets returns the people's sheet (headers, statuses and answers in lang, one column per
// registration question) and the machines' sheet (MachineColumns, one row per attendee, in the
// same order).
func Sheets(ctx context.Context, regs RegistrationLister, lang string, e *domain.Event) ([][]string, [][]string, error) {
	head := make([]string, 0, len(Columns)+len(e.Questions))
	for _, k := range Columns {
		head = append(head, locales.T(lang, k))
	}
	for _, q := range e.Questions {
		head = append(head, q.DisplayLabel(lang))
	}
	rows := [][]string{head}
	machine := [][]string{MachineColumns}
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
			return nil, nil, err
		}
		for _, r := range batch {
			pos := ""
			if r.Position > 0 {
				pos = strconv.Itoa(r.Position)
			}
			created := r.CreatedAt
			for i, a := range r.Attendees {
				row := []string{r.EnterpriseName, locales.T(lang, StatusKey(r.Status)), pos,
					a.Name, a.Position, a.Mobile, a.Email, attendeeCode(r, a), stamp(a.CheckedInAt), stamp(&created)}
				for _, q := range e.Questions {
					row = append(row, domain.AnswerText(q, lang, r.Answers[q.ID]))
				}
				rows = append(rows, row)
				at := ""
				if a.CheckedInAt != nil {
					at = a.CheckedInAt.UTC().Format(time.RFC3339)
				}
				machine = append(machine, []string{r.ID, r.EnterpriseID, string(r.Status), strconv.Itoa(i),
					attendeeCode(r, a), at, r.CreatedAt.UTC().Format(time.RFC3339)})
			}
		}
		if next == "" {
			return rows, machine, nil
		}
		page.Cursor = next
	}
}

// StatusKey is the message key of a registration status.
func StatusKey(s domain.RegistrationStatus) string {
	switch s {
	case domain.RegPending, domain.RegRejected:
		return "eventday.reg.status." + string(s)
	}
	return "events.reg.status." + string(s)
}

// FileName is a download's name, ASCII only: registrations and the event's date. DisplayName
// is the name people see, with the event's title (sent as RFC 6266 filename*).
func FileName(e *domain.Event, ext string) string {
	return fmt.Sprintf("registrations-%s.%s", e.StartsAt.In(e.Location()).Format("2006-01-02"), ext)
}

// DisplayName is the event's title, date and "registrations" in lang, made safe as a file name.
func DisplayName(e *domain.Event, lang, ext string) string {
	title := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 32 {
			return '_'
		}
		return r
	}, e.DisplayTitle(lang))
	if n := []rune(title); len(n) > 80 {
		title = string(n[:80])
	}
	return fmt.Sprintf("%s-%s-%s.%s", title, e.StartsAt.In(e.Location()).Format("2006-01-02"),
		locales.T(lang, "eventday.export.fileSuffix"), ext)
}

// WriteXLSX writes rows as an Excel workbook with one sheet named "Sheet1"; see WriteWorkbook.
func WriteXLSX(w io.Writer, rows [][]string) error {
	return WriteWorkbook(w, "Sheet1", rows, "", nil)
}

// WriteWorkbook writes the people's sheet and, when codes is not nil, the machines' sheet as an
// Excel workbook (excelize), every cell as text so that mobiles and check-in codes never turn
// into numbers, columns as wide as their longest cell (a CJK character counts twice).
func WriteWorkbook(w io.Writer, name string, rows [][]string, codesName string, codes [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := writeSheet(f, name, rows); err != nil {
		return err
	}
	if codes != nil {
		if _, err := f.NewSheet(codesName); err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
		if err := writeSheet(f, codesName, codes); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// colWidths measures each column in Excel's character units, bounded to stay readable.
func colWidths(rows [][]string) []float64 {
	var out []float64
	for _, row := range rows {
		for j, v := range row {
			n := 0.0
			for _, r := range v {
				if r >= 0x2E80 {
					n += 2.1
				} else {
					n++
				}
			}
			for len(out) <= j {
				out = append(out, 6)
			}
			out[j] = max(out[j], n+2)
		}
	}
	for j := range out {
		out[j] = min(out[j], 50)
	}
	return out
}

func writeSheet(f *excelize.File, name string, rows [][]string) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	for j, wd := range colWidths(rows) {
		_ = sw.SetColWidth(j+1, j+1, wd)
	}
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
