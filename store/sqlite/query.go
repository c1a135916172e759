package sqlite

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"duijie/domain"
	"duijie/store"
)

// Page sizes when the caller gives none, and the most any caller gets.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// where collects AND-ed conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in adds "expr IN (?, ?, …)" for vals; callers skip it when vals is empty.
func (w *where) in(expr string, vals []string) {
	ph, args := inList(vals)
	w.add(expr+" IN ("+ph+")", args...)
}

// inList returns the placeholders "?, ?, …" and the arguments for an IN list of vals.
func inList(vals []string) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", "), args
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likeContains is the LIKE pattern (ESCAPE '\') matching s anywhere, with s's wildcards literal.
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// cursor is the position after the last row of a page in keyset order: a sort key (text or
// number) and the ID that breaks ties. Callers see it only as opaque base64.
type cursor struct {
	S  string `json:"s,omitempty"`
	N  int64  `json:"n,omitempty"`
	ID string `json:"i"`
}

func (c cursor) String() string {
	b, _ := json.Marshal(c) // plain struct: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// parseCursor decodes page.Cursor; ok is false on the first page.
func parseCursor(s string) (c cursor, ok bool, err error) {
	if s == "" {
		return c, false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" {
		return c, false, domain.Invalid("cursor", "invalid")
	}
	return c, true, nil
}

// clamp applies the engine's page-size bounds.
func clamp(p store.Page) store.Page { return p.Clamp(defaultLimit, maxLimit) }
