package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Source is an import file. It is read twice, once to check every row and once to write, and
// never held whole: 10^6 rows pass through a few batches of memory. *bytes.Reader and
// *io.SectionReader (over an *os.File) are Sources.
type Source interface {
	io.ReaderAt
	Size() int64
}

// rows yields a file's non-blank rows in order; the first one is the header.
type rows interface {
	// next returns the next non-blank row; false at the end or on a problem (see problem).
	next() (Row, bool)
	problem() []Problem
	close()
}

// stream reads a file's header, then its data rows up to a limit.
type stream struct {
	rows       rows
	Header     []string
	HeaderLine int
	maxRows    int
	n          int
	probs      []Problem
}

// openStream opens src as .xlsx or .csv (by content, then by name) and reads its header. An
// .xlsx with more data rows than maxRows, or with formulas, is refused before any cell is
// decoded; a .csv is refused at the first row over the limit.
func openStream(name string, src Source, maxRows int) (*stream, []Problem) {
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	head := make([]byte, 4)
	n, _ := src.ReadAt(head, 0)
	head = head[:n]
	ext := strings.ToLower(path.Ext(name))
	var r rows
	var ps []Problem
	switch {
	case src.Size() == 0:
		return nil, []Problem{{Key: "import_empty"}}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		r, ps = openXLSX(src, maxRows)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) || ext == ".xls":
		// The binary Excel 97 format: ask for .xlsx rather than guess.
		return nil, []Problem{{Key: "import_format_xls"}}
	case ext == ".xlsx":
		return nil, []Problem{{Key: "import_format_broken"}}
	default:
		r = openCSV(src)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	s := &stream{rows: r, maxRows: maxRows}
	h, ok := r.next()
	if !ok {
		r.close()
		if ps := r.problem(); len(ps) > 0 {
			return nil, ps
		}
		return nil, []Problem{{Key: "import_empty"}}
	}
	s.Header, s.HeaderLine = h.Cells, h.Line
	return s, nil
}

// Next returns the next data row; false at the end, or when the file breaks or exceeds the row
// limit (Problems says which).
func (s *stream) Next() (Row, bool) {
	if s.probs != nil {
		return Row{}, false
	}
	r, ok := s.rows.next()
	if !ok {
		s.probs = s.rows.problem()
		return Row{}, false
	}
	if s.n == s.maxRows {
		s.probs = []Problem{{Key: "import_too_many_rows", Args: []any{s.maxRows}}}
		return Row{}, false
	}
	s.n++
	return r, true
}

// Problems reports what stopped the stream early; nil when it ran to the end. A file with a
// header and no data row is empty.
func (s *stream) Problems() []Problem {
	if len(s.probs) == 0 && s.n == 0 {
		return []Problem{{Key: "import_empty"}}
	}
	return s.probs
}

func (s *stream) Close() { s.rows.close() }

// csvRows streams a UTF-8 CSV file.
type csvRows struct {
	r     *csv.Reader
	probs []Problem
}

func openCSV(src Source) *csvRows {
	br := bufio.NewReaderSize(io.NewSectionReader(src, 0, src.Size()), 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	return &csvRows{r: r}
}

func (c *csvRows) next() (Row, bool) {
	for {
		rec, err := c.r.Read()
		if errors.Is(err, io.EOF) {
			return Row{}, false
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			c.probs = []Problem{{Line: line, Key: "import_csv_syntax"}}
			return Row{}, false
		}
		line, _ := c.r.FieldPos(0)
		for _, cell := range rec {
			if !utf8.ValidString(cell) {
				// Excel's "CSV" save writes GBK on Chinese Windows; say how to fix it instead
				// of importing mojibake.
				c.probs = []Problem{{Key: "import_encoding"}}
				return Row{}, false
			}
		}
		if blank(rec) {
			continue
		}
		return Row{Line: line, Cells: rec}, true
	}
}

func (c *csvRows) problem() []Problem { return c.probs }
func (c *csvRows) close()             {}

// xlsxRows streams the first worksheet of a workbook through excelize's row iterator, which
// reads the sheet from the zip part by part instead of building it in memory.
type xlsxRows struct {
	total int // data rows, from the byte scan
	f     *excelize.File
	it    *excelize.Rows
	line  int
	probs []Problem
}

func openXLSX(src Source, maxRows int) (*xlsxRows, []Problem) {
	scan, err := scanSheet(src)
	if err != nil {
		var lim *limitError
		if errors.As(err, &lim) {
			return nil, []Problem{lim.problem()}
		}
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
	f, err := excelize.OpenReader(io.NewSectionReader(src, 0, src.Size()),
		excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzipped})
	if err != nil {
		return nil, []Problem{{Key: "import_format_broken"}}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, []Problem{{Key: "import_empty"}}
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, []Problem{{Key: "import_format_broken"}}
	}
	return &xlsxRows{f: f, it: it, total: max(scan.rows-1, 0)}, nil
}

func (x *xlsxRows) next() (Row, bool) {
	for x.it.Next() {
		x.line++
		rec, err := x.it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			x.probs = []Problem{{Line: x.line, Key: "import_format_broken"}}
			return Row{}, false
		}
		if blank(rec) {
			continue
		}
		return Row{Line: x.line, Cells: rec}, true
	}
	if err := x.it.Error(); err != nil {
		x.probs = []Problem{{Key: "import_format_broken"}}
	}
	return Row{}, false
}

func (x *xlsxRows) problem() []Problem { return x.probs }

func (x *xlsxRows) close() {
	_ = x.it.Close()
	_ = x.f.Close()
}

// estimateRows is how many data rows the file holds, for progress bars: the sheet's row count
// for a workbook, the line count for a CSV (quoted line breaks make it an upper bound).
func estimateRows(src Source, s *stream) int {
	if x, ok := s.rows.(*xlsxRows); ok {
		return x.total
	}
	lines := 0
	buf := make([]byte, 256<<10)
	for off := int64(0); off < src.Size(); {
		n, err := src.ReadAt(buf, off)
		lines += bytes.Count(buf[:n], []byte{'\n'})
		off += int64(n)
		if err != nil {
			break
		}
	}
	return max(lines-s.HeaderLine+1, 0)
}
