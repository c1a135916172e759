package importer

import (
	"bytes"
	"strings"
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

// readTable reads a whole file into a Table (see openStream): for files of a bounded size, such
// as leads; enterprises stream.
func readTable(name string, data []byte, maxRows int) (*Table, []Problem) {
	if len(data) == 0 {
		return nil, []Problem{{Key: "import_empty"}}
	}
	s, ps := openStream(name, bytes.NewReader(data), maxRows)
	if len(ps) > 0 {
		return nil, ps
	}
	defer s.Close()
	t := &Table{Header: s.Header, HeaderLine: s.HeaderLine}
	for {
		row, ok := s.Next()
		if !ok {
			break
		}
		t.Rows = append(t.Rows, row)
	}
	if ps := s.Problems(); len(ps) > 0 {
		return nil, ps
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
