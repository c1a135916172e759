package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/xuri/excelize/v2"
	"io"
	"path"
	"strings"
)

// sheetScan is what a byte-level pass over the first worksheet learns before excelize decodes
// it: how many rows it has (to refuse an oversize file up front) and which cells hold formulas
// (refused: an import stores values, and a cached formula result may be stale or missing).
type sheetScan struct {
	rows     int
	formulas []string // cell references such as "C7"
}

// maxFormulaRefs bounds the report of a sheet full of formulas; the first ones tell the story.
const maxFormulaRefs = 100

// Limits of a workbook, checked while its XML streams by, before excelize decodes a cell: a
// 0.2 MB file can hold a 200 MB string or rows stretching to column XFD, which would cost the
// server gigabytes to decode.
const (
	// maxCellBytes is Excel's own limit of 32,767 characters, in UTF-8 bytes of CJK text.
	maxCellBytes = 32_767 * 3
	// maxColumns is far more than any import format has (docs/contract.md: 16 to 22 columns).
	maxColumns = 200
	// maxSharedStrings bounds the unpacked shared-strings part: excelize holds it in memory.
	maxSharedStrings = 256 << 20
)

// limitError is a workbook over one of the limits above, with where.
type limitError struct {
	key   string // report key
	ref   string // cell reference, when known
	limit int
}

func (e *limitError) Error() string { return fmt.Sprintf("workbook over limit %s at %s", e.key, e.ref) }

func (e *limitError) problem() Problem {
	p := Problem{Key: e.key, Args: []any{e.limit}, Value: e.ref}
	if col, line, err := excelize.CellNameToCoordinates(e.ref); err == nil {
		p.Line = line
		p.Column, _ = excelize.ColumnNumberToName(col)
	}
	return p
}

// scanSheet finds the first worksheet of the workbook in src and scans its XML, and the shared
// strings, against the limits.
func scanSheet(src Source) (*sheetScan, error) {
	zr, err := zip.NewReader(src, src.Size())
	if err != nil {
		return nil, err
	}
	part, err := firstSheetPart(zr)
	if err != nil {
		return nil, err
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/sharedStrings.xml" {
			continue
		}
		if zf.UncompressedSize64 > maxSharedStrings {
			return nil, &limitError{key: "import_limit_shared_strings", limit: maxSharedStrings >> 20}
		}
		f, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", zf.Name, err)
		}
		_, err = scanSheetXML(io.LimitReader(f, maxSharedStrings))
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	f, err := zr.Open(part)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", part, err)
	}
	defer f.Close()
	return scanSheetXML(io.LimitReader(f, maxUnzipped))
}

// firstSheetPart resolves the first <sheet> of xl/workbook.xml through the workbook's
// relationships to its part name, e.g. "xl/worksheets/sheet1.xml".
func firstSheetPart(zr *zip.Reader) (string, error) {
	var wb struct {
		Sheets []struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if len(wb.Sheets) == 0 {
		return "", errors.New("workbook has no sheet")
	}
	rid := ""
	for _, a := range wb.Sheets[0].Attrs {
		if a.Name.Local == "id" && a.Name.Space != "" {
			rid = a.Value
		}
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, r := range rels.Rels {
		if r.ID == rid {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", fmt.Errorf("sheet relationship %q not found", rid)
}

func decodePart(zr *zip.Reader, name string, into any) error {
	f, err := zr.Open(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	if err := xml.NewDecoder(io.LimitReader(f, 64<<20)).Decode(into); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return nil
}

// scanSheetXML streams the worksheet tag by tag without building a tree: it counts <row>
// elements, remembers the reference of the current <c> and records it when an <f> follows, and
// measures the text between tags and the cells of each row against the limits. Text never
// contains a raw '<' in XML, so every '<' starts markup.
func scanSheetXML(r io.Reader) (*sheetScan, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	s := &sheetScan{}
	cell := ""
	cells := 0 // in the current row
	for {
		text := 0
		for {
			chunk, err := br.ReadSlice('<')
			text += len(chunk)
			if text > maxCellBytes {
				return nil, &limitError{key: "import_limit_cell", ref: cell, limit: 32_767}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				return s, nil
			}
			if err != nil {
				return nil, err
			}
			break
		}
		head, _ := br.Peek(48)
		// Comparisons of string(bytes) with a constant do not allocate; this loop sees every tag.
		name, rest := tagName(head)
		switch {
		case string(name) == "row":
			s.rows++
			cells = 0
		case string(name) == "c":
			cell = attr(rest, "r")
			cells++
			if cells > maxColumns || columnOf(cell) > maxColumns {
				return nil, &limitError{key: "import_limit_columns", ref: cell, limit: maxColumns}
			}
		case string(name) == "f":
			if len(s.formulas) < maxFormulaRefs {
				s.formulas = append(s.formulas, cell)
			}
		}
	}
}

// columnOf is the column number of a cell reference such as "XFD7"; 0 when there is none.
func columnOf(ref string) int {
	n := 0
	for i := 0; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
		if n > 1<<20 {
			break
		}
	}
	return n
}

// tagName returns the local name of the tag starting at b (just after '<'), and the bytes after
// it; closing tags, comments and declarations return nil.
func tagName(b []byte) ([]byte, []byte) {
	end := 0
	for end < len(b) && b[end] != ' ' && b[end] != '>' && b[end] != '/' && b[end] != '\t' && b[end] != '\n' && b[end] != '\r' {
		end++
	}
	if end == 0 || end == len(b) && len(b) == 48 {
		return nil, nil
	}
	n := b[:end]
	if i := bytes.IndexByte(n, ':'); i >= 0 {
		n = n[i+1:]
	}
	return n, b[end:]
}

// attr extracts name="value" from the start of a tag, "" if absent or cut off by the peek window.
func attr(b []byte, name string) string {
	key := []byte(" " + name + `="`)
	i := bytes.Index(b, key)
	if i < 0 {
		return ""
	}
	v := b[i+len(key):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return ""
	}
	return string(v[:j])
}
