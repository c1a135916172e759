package importer

import (
	"strings"
)

// column is one field a file may carry: its docs/contract.md name and the other headers people use
// (Chinese headers from the office's own templates, camelCase from API exports).
type column struct {
	name    string
	aliases []string
}

// headerKey folds a header for matching: case, spaces, underscores, dashes and a BOM do not matter.
func headerKey(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\uFEFF")
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '\u3000', '*':
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// layout maps each known column name to its index in the file's header.
type layout struct {
	index  map[string]int
	header []string
}

// mapHeader matches the header against the columns. It reports missing required columns,
// columns given twice, and returns the header cells it does not know (ignored, and said so).
func mapHeader(header []string, cols []column, required []string, line int) (*layout, []string, []Problem) {
	byKey := map[string]string{}
	for _, c := range cols {
		byKey[headerKey(c.name)] = c.name
		for _, a := range c.aliases {
			byKey[headerKey(a)] = c.name
		}
	}
	l := &layout{index: map[string]int{}, header: header}
	var ignored []string
	var ps []Problem
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue
		}
		name, ok := byKey[headerKey(h)]
		if !ok {
			ignored = append(ignored, h)
			continue
		}
		if _, dup := l.index[name]; dup {
			ps = append(ps, Problem{Line: line, Column: h, Key: "import_duplicate_column", Args: []any{name}})
			continue
		}
		l.index[name] = i
	}
	for _, r := range required {
		if _, ok := l.index[r]; !ok {
			ps = append(ps, Problem{Line: line, Key: "import_missing_column", Args: []any{r}, Column: r})
		}
	}
	return l, ignored, ps
}

// has reports whether the file carries column name.
func (l *layout) has(name string) bool { _, ok := l.index[name]; return ok }

// cell returns the trimmed value of column name in row, "" when the column is absent or the
// row is short. The quote that NeutraliseFormula puts before a leading = + - @ is taken off,
// so an exported file imports back unchanged.
func (l *layout) cell(row Row, name string) string {
	i, ok := l.index[name]
	if !ok || i >= len(row.Cells) {
		return ""
	}
	v := strings.TrimSpace(row.Cells[i])
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune(formulaLeads, rune(v[1])) {
		v = v[1:]
	}
	return v
}

// formulaLeads are the characters with which a spreadsheet starts a formula.
const formulaLeads = "=+-@"

// NeutraliseFormula prefixes a CSV cell that a spreadsheet would run as a formula ("=HYPERLINK…",
// "+86 510…") with a quote, so an export opened in Excel shows text and runs nothing.
func NeutraliseFormula(s string) string {
	if s != "" && strings.ContainsRune(formulaLeads, rune(s[0])) {
		return "'" + s
	}
	return s
}

// title returns the column's header as written in the file, for the report.
func (l *layout) title(name string) string {
	if i, ok := l.index[name]; ok {
		return l.header[i]
	}
	return name
}
