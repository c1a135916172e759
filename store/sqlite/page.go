package sqlite

import (
	"context"
	"database/sql"
	"slices"

	"duijie/store"
)

// keyset is the order of a paged listing: one sort column, then the ID to break ties. A page
// resumes after the cursor of the last row of the one before, so rows written meanwhile neither
// repeat nor shift a page.
type keyset struct {
	col, id string // may carry a table alias: "r.created_at", "r.id"
	desc    bool
	text    bool // col holds text, kept in the cursor's S; otherwise a number, kept in N
}

// newest orders by col (unix milliseconds), latest first; id is the ID column.
func newest(col, id string) keyset { return keyset{col: col, id: id, desc: true} }

// oldest orders by col (unix milliseconds), earliest first; id is the ID column.
func oldest(col, id string) keyset { return keyset{col: col, id: id} }

func (k keyset) orderBy() string {
	if k.desc {
		return k.col + " DESC, " + k.id + " DESC"
	}
	return k.col + ", " + k.id
}

// after is the condition that selects the rows past c.
func (k keyset) after(c cursor) (string, []any) {
	op := ">"
	if k.desc {
		op = "<"
	}
	var key any = c.N
	if k.text {
		key = c.S
	}
	return "(" + k.col + ", " + k.id + ") " + op + " (?, ?)", []any{key, c.ID}
}

// listing is one keyset-paged query of a table.
type listing[T any] struct {
	op     string // names the listing in errors: "list leads"
	from   string // the table, with the alias cols use
	cols   string
	where  where
	order  keyset
	scan   func(scanner) (*T, error)
	cursor func(*T) cursor // where a row stands in order
	total  bool            // also count the rows matching where, in the same snapshot as the page
}

// listPage returns the page of l that page asks for, the cursor of the next page ("" after the
// last) and, when l.total, the number of rows matching l.where.
func listPage[T any](ctx context.Context, d *db, page store.Page, l listing[T]) ([]T, string, int, error) {
	page = clamp(page)
	c, after, err := parseCursor(page.Cursor)
	if err != nil {
		return nil, "", 0, err
	}
	w := where{conds: slices.Clone(l.where.conds), args: slices.Clone(l.where.args)}
	if after {
		cond, args := l.order.after(c)
		w.add(cond, args...)
	}
	var (
		out   []T
		total int
	)
	run := func(q querier) error {
		if l.total {
			err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+l.from+l.where.sql(), l.where.args...).Scan(&total)
			if err != nil {
				return err
			}
		}
		var err error
		out, err = queryAll(ctx, q, l.scan, `SELECT `+l.cols+` FROM `+l.from+w.sql()+
			` ORDER BY `+l.order.orderBy()+` LIMIT ?`, append(w.args, page.Limit+1)...)
		return err
	}
	if l.total {
		err = d.read(ctx, func(tx *sql.Tx) error { return run(tx) })
	} else {
		err = run(d.r)
	}
	if err != nil {
		return nil, "", 0, dbErr(l.op, err)
	}
	next := ""
	if len(out) > page.Limit {
		out = out[:page.Limit]
		next = l.cursor(&out[len(out)-1]).String()
	}
	return out, next, total, nil
}
