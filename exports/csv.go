package exports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// formulaLeads are the first characters with which a spreadsheet reads a cell as a formula or
// splits it into one (OWASP "CSV injection"): = + - @, tab and carriage return.
const formulaLeads = "=+-@\t\r"

// Neutralise makes a cell that a spreadsheet would run as a formula ("=HYPERLINK(…)") plain text
// by prefixing a single quote, which Excel and LibreOffice show as text and the importer takes off
// again. Every CSV the product writes passes through WriteCSV, which applies it to every cell.
func Neutralise(s string) string {
	if s != "" && strings.IndexByte(formulaLeads, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// WriteCSV writes rows as UTF-8 CSV with a byte-order mark, which Excel needs to read Chinese,
// with every cell neutralised. It is the one CSV writer of the product: exports, downloads and
// templates alike, so an attendee named "=HYPERLINK(…)" never reaches a spreadsheet live.
func WriteCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, v := range row {
			safe[i] = Neutralise(v)
		}
		if err := cw.Write(safe); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}
