package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/store"
)

type jobRuns struct{ *db }

const jobRunCols = `id, job, holder, trigger, status, started_at, ended_at, counts, error`

// countsCol scans the JSON counts of a run; empty or NULL gives an empty map.
type countsCol struct{ dst *map[string]int }

func (c countsCol) Scan(src any) error {
	m := map[string]int{}
	var raw []byte
	switch v := src.(type) {
	case nil:
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("counts column holds %T", src)
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("counts column: %w", err)
		}
	}
	if m == nil {
		m = map[string]int{}
	}
	*c.dst = m
	return nil
}

func countsArg(m map[string]int) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m) // a map of ints always encodes
	return string(b)
}

func scanJobRun(row interface{ Scan(...any) error }) (*domain.JobRun, error) {
	var r domain.JobRun
	err := row.Scan(&r.ID, &r.Job, &r.Holder, &r.Trigger, &r.Status, timeCol{&r.StartedAt},
		timePtrCol{&r.EndedAt}, countsCol{&r.Counts}, &r.Error)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

func (r *jobRuns) Start(ctx context.Context, run *domain.JobRun) error {
	if run.ID == "" {
		run.ID = domain.NewID()
	}
	if run.Counts == nil {
		run.Counts = map[string]int{}
	}
	_, err := r.w.ExecContext(ctx, `INSERT INTO job_runs (`+jobRunCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		run.ID, run.Job, run.Holder, run.Trigger, run.Status, ms(run.StartedAt), msOrNull(run.EndedAt),
		countsArg(run.Counts), run.Error)
	return dbErr("start job run", err)
}

func (r *jobRuns) Finish(ctx context.Context, run *domain.JobRun) error {
	res, err := r.w.ExecContext(ctx, `UPDATE job_runs SET status = ?, ended_at = ?, counts = ?, error = ? WHERE id = ?`,
		run.Status, msOrNull(run.EndedAt), countsArg(run.Counts), run.Error, run.ID)
	return mustAffect("finish job run", res, err)
}

func (r *jobRuns) Progress(ctx context.Context, id string, counts map[string]int) error {
	res, err := r.w.ExecContext(ctx, `UPDATE job_runs SET counts = ? WHERE id = ?`, countsArg(counts), id)
	return mustAffect("job run progress", res, err)
}

func (r *jobRuns) Get(ctx context.Context, id string) (*domain.JobRun, error) {
	run, err := scanJobRun(r.r.QueryRowContext(ctx, `SELECT `+jobRunCols+` FROM job_runs WHERE id = ?`, id))
	return run, dbErr("get job run", err)
}

func (r *jobRuns) List(ctx context.Context, job string, page store.Page) ([]domain.JobRun, string, error) {
	page = clamp(page)
	c, after, err := parseCursor(page.Cursor)
	if err != nil {
		return nil, "", err
	}
	var w where
	if job != "" {
		w.add("job = ?", job)
	}
	if after {
		w.add("(started_at, id) < (?, ?)", c.N, c.ID)
	}
	rows, err := r.r.QueryContext(ctx, `SELECT `+jobRunCols+` FROM job_runs`+w.sql()+
		` ORDER BY started_at DESC, id DESC LIMIT ?`, append(w.args, page.Limit+1)...)
	if err != nil {
		return nil, "", dbErr("list job runs", err)
	}
	runs, err := collectJobRuns(rows)
	if err != nil {
		return nil, "", dbErr("list job runs", err)
	}
	next := ""
	if len(runs) > page.Limit {
		runs = runs[:page.Limit]
		last := runs[len(runs)-1]
		next = cursor{N: ms(last.StartedAt), ID: last.ID}.String()
	}
	return runs, next, nil
}

func (r *jobRuns) Interrupt(ctx context.Context, job, keep string, at time.Time) (int, error) {
	res, err := r.w.ExecContext(ctx, `UPDATE job_runs SET status = ?, ended_at = ? WHERE job = ? AND status = ? AND id <> ?`,
		domain.JobInterrupted, ms(at), job, domain.JobRunning, keep)
	if err != nil {
		return 0, dbErr("interrupt job runs", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbErr("interrupt job runs", err)
}

func collectJobRuns(rows *sql.Rows) ([]domain.JobRun, error) {
	defer rows.Close()
	out := []domain.JobRun{}
	for rows.Next() {
		run, err := scanJobRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *run)
	}
	return out, rows.Err()
}

type checkpoints struct{ *db }

func (r *checkpoints) Get(ctx context.Context, job, key string) (*domain.Checkpoint, error) {
	var c domain.Checkpoint
	err := r.r.QueryRowContext(ctx, `SELECT job, key, cursor, done, updated_at FROM job_checkpoints
		WHERE job = ? AND key = ?`, job, key).Scan(&c.Job, &c.Key, &c.Cursor, &c.Done, timeCol{&c.UpdatedAt})
	if err != nil {
		return nil, dbErr("get checkpoint", err)
	}
	return &c, nil
}

func (r *checkpoints) Save(ctx context.Context, c *domain.Checkpoint) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO job_checkpoints (job, key, cursor, done, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (job, key) DO UPDATE SET cursor = excluded.cursor, done = excluded.done, updated_at = excluded.updated_at`,
		c.Job, c.Key, c.Cursor, c.Done, ms(c.UpdatedAt))
	return dbErr("save checkpoint", err)
}
