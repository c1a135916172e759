package sqlite

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/store"
)

type jobRuns struct{ *db }

const jobRunCols = `id, job, holder, trigger, status, started_at, ended_at, counts, error, note, idle_runs, idle_since`

func scanJobRun(row scanner) (*domain.JobRun, error) {
	var r domain.JobRun
	err := row.Scan(&r.ID, &r.Job, &r.Holder, &r.Trigger, &r.Status, timeCol{&r.StartedAt},
		timePtrCol{&r.EndedAt}, mapOf(&r.Counts), &r.Error, &r.Note, &r.IdleRuns, timePtrCol{&r.IdleSince})
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
	_, err := r.w.ExecContext(ctx, `INSERT INTO job_runs (`+jobRunCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		run.ID, run.Job, run.Holder, run.Trigger, run.Status, ms(run.StartedAt), msOrNull(run.EndedAt),
		mapArg(run.Counts), run.Error, run.Note, run.IdleRuns, msOrNull(run.IdleSince))
	return dbErr("start job run", err)
}

func (r *jobRuns) Finish(ctx context.Context, run *domain.JobRun) error {
	res, err := r.w.ExecContext(ctx, `UPDATE job_runs SET status = ?, ended_at = ?, counts = ?, error = ?, note = ?,
		idle_runs = ?, idle_since = ? WHERE id = ?`,
		run.Status, msOrNull(run.EndedAt), mapArg(run.Counts), run.Error, run.Note, run.IdleRuns, msOrNull(run.IdleSince), run.ID)
	return mustAffect("finish job run", res, err)
}

func (r *jobRuns) Delete(ctx context.Context, id string) error {
	res, err := r.w.ExecContext(ctx, `DELETE FROM job_runs WHERE id = ?`, id)
	return mustAffect("delete job run", res, err)
}

func (r *jobRuns) Progress(ctx context.Context, id string, counts map[string]int) error {
	res, err := r.w.ExecContext(ctx, `UPDATE job_runs SET counts = ? WHERE id = ?`, mapArg(counts), id)
	return mustAffect("job run progress", res, err)
}

func (r *jobRuns) Get(ctx context.Context, id string) (*domain.JobRun, error) {
	run, err := scanJobRun(r.r.QueryRowContext(ctx, `SELECT `+jobRunCols+` FROM job_runs WHERE id = ?`, id))
	return run, dbErr("get job run", err)
}

func (r *jobRuns) List(ctx context.Context, job string, page store.Page) ([]domain.JobRun, string, error) {
	var w where
	if job != "" {
		w.add("job = ?", job)
	}
	runs, next, _, err := listPage(ctx, r.db, page, listing[domain.JobRun]{
		op: "list job runs", from: "job_runs", cols: jobRunCols, where: w,
		order: newest("started_at", "id"), scan: scanJobRun,
		cursor: func(run *domain.JobRun) cursor { return cursor{N: ms(run.StartedAt), ID: run.ID} },
	})
	return runs, next, err
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
