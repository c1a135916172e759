package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"duijie/domain"
)

// dbErr turns driver errors into what the store contract promises: sql.ErrNoRows becomes
// domain.ErrNotFound and a unique violation a *domain.ConflictError on the offending column
// (users.email → "email"; enterprise_id → "enterpriseId"). Anything else is wrapped with op.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return domain.ErrNotFound
	}
	if col, ok := uniqueColumn(err); ok {
		return domain.Conflict(camel(col), "taken")
	}
	return fmt.Errorf("sqlite: %s: %w", op, err)
}

// uniqueColumn reports whether err is a UNIQUE or PRIMARY KEY violation and names the last
// column of the violated key.
func uniqueColumn(err error) (string, bool) {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return "", false
	}
	if se.Code() != sqlite3.SQLITE_CONSTRAINT_UNIQUE && se.Code() != sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
		return "", false
	}
	// The message ends "UNIQUE constraint failed: table.col1, table.col2 (2067)".
	msg := se.Error()
	i := strings.LastIndex(msg, "failed: ")
	if i < 0 {
		return "", true
	}
	cols := strings.Split(msg[i+len("failed: "):], ",")
	last := strings.TrimSpace(cols[len(cols)-1])
	last, _, _ = strings.Cut(last, " ")
	if dot := strings.LastIndexByte(last, '.'); dot >= 0 {
		last = last[dot+1:]
	}
	return last, true
}

// camel turns a snake_case column name into the camelCase JSON field name.
func camel(col string) string {
	parts := strings.Split(col, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// exists is nil when table holds a row with id, and domain.ErrNotFound when it does not: it tells
// a conditional UPDATE that matched nothing because the row is gone from one that lost a race.
func exists(ctx context.Context, tx *sql.Tx, table, id, op string) error {
	var one int
	return dbErr(op, tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one))
}

// statusMoved explains the outcome of an UPDATE … WHERE id = ? AND status = ?: nil when it
// changed the row, domain.ErrNotFound when the row is gone, and a conflict on "status" with the
// message key when another writer moved the status on first.
func statusMoved(ctx context.Context, tx *sql.Tx, res sql.Result, err error, table, id, op, key string) error {
	if err != nil {
		return dbErr(op, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	if err := exists(ctx, tx, table, id, op); err != nil {
		return err
	}
	return domain.Conflict("status", key)
}

// mustAffect turns an UPDATE or DELETE that matched no row into domain.ErrNotFound.
func mustAffect(op string, res sql.Result, err error) error {
	if err != nil {
		return dbErr(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return dbErr(op, err)
	}
	if n == 0 {
		return domain.ErrNotFound
	}
	return nil
}
