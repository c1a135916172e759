package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// DefaultMaxRows is the largest file accepted when the caller sets no limit: a fair's lead sheet
// or a district's enterprise register fits, a whole-province dump is refused up front.
const DefaultMaxRows = 100_000

// maxUnzipped bounds how far an .xlsx may inflate, so a zip bomb is refused, not unpacked.
const maxUnzipped = 1 << 30

// Row is one non-blank data row with its line number in the file.
type Row struct {
	Line  int
	Cells []string
}

// Table is the first sheet of a file: its header and data rows.
type Table struct {
	Header     []string
	HeaderLine int
	Rows       []Row
}

// readTable parses data as .xlsx or .csv (by content, then by name) and refuses, before reading
// rows, a file with more than maxRows data rows. File-level problems come back as a Problem.
func readTable(name string, data []byte, maxRows int) (*Table, []Problem) {
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case len(data) == 0:
		return nil, []Problem{{Key: "import_empty"}}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(data, maxRows)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) || ext == ".xls":
		// The binary Excel 97 format: ask for .xlsx rather than guess.
		return nil, []Problem{{Key: "import_format_xls"}}
	case ext == ".xlsx":
		return nil, []Problem{{Key: "import_format_broken"}}
	default:
		return readCSV(data, maxRows)
	}
}

func readCSV(data []byte, maxRows int) (*Table, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		// Excel's "CSV" save writes GBK on Chinese Windows; say how to fix it instead of
		// importing mojibake.
		return nil, []Problem{{Key: "import_encoding"}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	t := &Table{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, []Problem{{Line: line, Key: "import_csv_syntax"}}
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if t.Header == nil {
			t.Header, t.HeaderLine = rec, line
			continue
		}
		if len(t.Rows) == maxRows {
			return nil, []Problem{{Key: "import_too_many_rows", Args: []any{maxRows}}}
		}
		t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	}
	return t.finish()
}

func readXLSX(data []byte, maxRows int) (*Table, []Problem) {
	scan, err := scanSheet(data)
	if err != nil {
		return nil, []Problem{{Key: "import_format_broken"}}
	}
	// The row count comes from a byte scan of the sheet, so an oversize file is refused before
	// any cell is decoded; the header row is not counted.
	if scan.rows-1 > maxRows {
		return nil, []Problem{{Key: "import_too_many_rows", Args: []any{maxRows}}}
	}
	if len(scan.formulas) > 0 {
		ps := make([]Problem, 0, len(scan.formulas))
		for _, ref := range scan.formulas {
			col, line, err := excelize.CellNameToCoordinates(ref)
			if err != nil {
				ps = append(ps, Problem{Key: "import_formula", Value: ref})
				continue
			}
			colName, _ := excelize.ColumnNumberToName(col)
			ps = append(ps, Problem{Line: line, Column: colName, Key: "import_formula"})
		}
		return nil, ps
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, []Problem{{Key: "import_format_broken"}}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, []Problem{{Key: "import_empty"}}
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, []Problem{{Key: "import_format_broken"}}
	}
	defer rows.Close()
	t := &Table{}
	line := 0
	for rows.Next() {
		line++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, []Problem{{Line: line, Key: "import_format_broken"}}
		}
		if blank(rec) {
			continue
		}
		if t.Header == nil {
			t.Header, t.HeaderLine = rec, line
			continue
		}
		if len(t.Rows) == maxRows {
			return nil, []Problem{{Key: "import_too_many_rows", Args: []any{maxRows}}}
		}
		t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	}
	if err := rows.Error(); err != nil {
		return nil, []Problem{{Key: "import_format_broken"}}
	}
	return t.finish()
}

func (t *Table) finish() (*Table, []Problem) {
	if t.Header == nil || len(t.Rows) == 0 {
		return nil, []Problem{{Key: "import_empty"}}
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
