// Package importer reads enterprise and lead spreadsheets (.xlsx or UTF-8 .csv with a header
// row), checks every row against the domain rules and writes the file all-or-nothing: a file
// with any bad row changes nothing and its report lists every problem with line, column and
// reason. It knows no HTTP and no engine; the CLI and the upload page share it.
package importer

import (
	"fmt"
	"strings"
)

// Problem is one reason a file or a row was refused. Line is the spreadsheet's own row number
// (the header is usually line 1) and 0 for the whole file; Column is the header name as written
// in the file, "" when the problem concerns the whole row or file. Key names a locale message
// under "import.problem." or "errors.field."; Args fill it.
type Problem struct {
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Key    string `json:"key"`
	Args   []any  `json:"args,omitempty"`
	Value  string `json:"value,omitempty"`
}

// String renders a problem for logs and the CLI in plain English-ish form.
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d", p.Line)
	} else {
		b.WriteString("file")
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %s", p.Column)
	}
	fmt.Fprintf(&b, ": %s", p.Key)
	if len(p.Args) > 0 {
		fmt.Fprintf(&b, " %v", p.Args)
	}
	if p.Value != "" {
		fmt.Fprintf(&b, " (%q)", clip(p.Value, 60))
	}
	return b.String()
}

// Report is what an import did or why it did nothing.
type Report struct {
	Kind     string    `json:"kind"` // "enterprises" or "leads"
	File     string    `json:"file"`
	Rows     int       `json:"rows"` // data rows read (blank rows are skipped)
	Created  int       `json:"created"`
	Updated  int       `json:"updated"`
	Applied  bool      `json:"applied"`           // false: nothing was written
	Ignored  []string  `json:"ignored,omitempty"` // header columns the importer does not know
	Problems []Problem `json:"problems"`

	lines     []int  // line of each checked lead, by index, for problems found after the check
	refColumn string // the ref column as the file names it
}

// lineOf is the file line of the i-th checked row.
func (r *Report) lineOf(i int) int {
	if i < len(r.lines) {
		return r.lines[i]
	}
	return 0
}

// OK reports whether the file had no problem.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// BadRows counts the distinct lines with a problem.
func (r *Report) BadRows() int {
	seen := map[int]bool{}
	for _, p := range r.Problems {
		if p.Line > 0 {
			seen[p.Line] = true
		}
	}
	return len(seen)
}

func (r *Report) add(p Problem) { r.Problems = append(r.Problems, p) }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// AuditDetail is the report as the audit log keeps it: the file and its counts.
func (r *Report) AuditDetail() string {
	return fmt.Sprintf(`{"file":%q,"rows":%d,"created":%d,"updated":%d,"problems":%d,"applied":%t}`,
		r.File, r.Rows, r.Created, r.Updated, len(r.Problems), r.Applied)
}
