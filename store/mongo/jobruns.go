package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

const (
	jobRunsColl     = "job_runs"
	checkpointsColl = "job_checkpoints"
)

func jobRunIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "-startedAt"),
		index(false, "job", "-startedAt"),
		index(false, "job", "status"),
	}
}

type jobRunDoc struct {
	ID        string         `bson:"_id"`
	Job       string         `bson:"job"`
	Holder    string         `bson:"holder"`
	Trigger   string         `bson:"trigger"`
	Status    string         `bson:"status"`
	StartedAt time.Time      `bson:"startedAt"`
	EndedAt   *time.Time     `bson:"endedAt,omitempty"`
	Counts    map[string]int `bson:"counts"`
	Error     string         `bson:"error"`
	Note      string         `bson:"note,omitempty"`
	IdleRuns  int            `bson:"idleRuns,omitempty"`
	IdleSince *time.Time     `bson:"idleSince,omitempty"`
}

func toJobRunDoc(r *domain.JobRun) *jobRunDoc {
	return &jobRunDoc{ID: r.ID, Job: r.Job, Holder: r.Holder, Trigger: string(r.Trigger), Status: string(r.Status),
		StartedAt: instant(r.StartedAt), EndedAt: instantPtr(r.EndedAt), Counts: dict(r.Counts), Error: r.Error,
		Note: r.Note, IdleRuns: r.IdleRuns, IdleSince: instantPtr(r.IdleSince)}
}

func (d *jobRunDoc) run() domain.JobRun {
	return domain.JobRun{ID: d.ID, Job: d.Job, Holder: d.Holder, Trigger: domain.JobTrigger(d.Trigger),
		Status: domain.JobStatus(d.Status), StartedAt: d.StartedAt, EndedAt: d.EndedAt, Counts: dict(d.Counts),
		Error: d.Error, Note: d.Note, IdleRuns: d.IdleRuns, IdleSince: d.IdleSince}
}

func (d *jobRunDoc) runPtr() *domain.JobRun { r := d.run(); return &r }

type jobRunRepo struct{ c *driver.Collection }

func (r jobRunRepo) Start(ctx context.Context, run *domain.JobRun) error {
	if run.ID == "" {
		run.ID = domain.NewID()
	}
	d := toJobRunDoc(run)
	if err := insert(ctx, r.c, d.ID, d, "start job run"); err != nil {
		return err
	}
	*run = d.run()
	return nil
}

func (r jobRunRepo) Finish(ctx context.Context, run *domain.JobRun) error {
	set := bson.D{{Key: "status", Value: string(run.Status)}, {Key: "counts", Value: dict(run.Counts)},
		{Key: "error", Value: run.Error}, {Key: "note", Value: run.Note}, {Key: "idleRuns", Value: run.IdleRuns}}
	if run.EndedAt != nil {
		set = append(set, bson.E{Key: "endedAt", Value: instant(*run.EndedAt)})
	}
	if run.IdleSince != nil {
		set = append(set, bson.E{Key: "idleSince", Value: instant(*run.IdleSince)})
	}
	return r.update(ctx, run.ID, set, "finish job run")
}

func (r jobRunRepo) Delete(ctx context.Context, id string) error {
	return deleteOne(ctx, r.c, idFilter(id), "delete job run "+id)
}

func (r jobRunRepo) Progress(ctx context.Context, id string, c map[string]int) error {
	return r.update(ctx, id, bson.D{{Key: "counts", Value: dict(c)}}, "job run progress")
}

func (r jobRunRepo) update(ctx context.Context, id string, set bson.D, what string) error {
	res, err := r.c.UpdateOne(ctx, idFilter(id), bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("mongodb: %s: %w", what, err)
	}
	if res.MatchedCount == 0 {
		return notFound(driver.ErrNoDocuments, what)
	}
	return nil
}

func (r jobRunRepo) Get(ctx context.Context, id string) (*domain.JobRun, error) {
	return findOne(ctx, r.c, idFilter(id), "job run", (*jobRunDoc).runPtr)
}

func (r jobRunRepo) List(ctx context.Context, job string, page store.Page) ([]domain.JobRun, string, error) {
	filter := bson.D{}
	if job != "" {
		filter = bson.D{{Key: "job", Value: job}}
	}
	items, cursor, _, err := findPage(ctx, listing{c: r.c, filter: filter, sort: order("startedAt", -1)}, page,
		(*jobRunDoc).run)
	return items, cursor, err
}

func (r jobRunRepo) Interrupt(ctx context.Context, job, keep string, at time.Time) (int, error) {
	res, err := r.c.UpdateMany(ctx, bson.D{{Key: "job", Value: job}, {Key: "status", Value: string(domain.JobRunning)},
		{Key: "_id", Value: bson.D{{Key: "$ne", Value: keep}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: string(domain.JobInterrupted)}, {Key: "endedAt", Value: instant(at)}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: interrupt runs of %s: %w", job, err)
	}
	return int(res.ModifiedCount), nil
}

// checkpointDoc is keyed by job and key together, so saving is one upsert of one document.
type checkpointDoc struct {
	ID        string    `bson:"_id"`
	Job       string    `bson:"job"`
	Key       string    `bson:"key"`
	Cursor    string    `bson:"cursor"`
	Done      bool      `bson:"done"`
	UpdatedAt time.Time `bson:"updatedAt"`
}

func checkpointID(job, key string) string { return job + "\x1f" + key }

type checkpointRepo struct{ c *driver.Collection }

func (r checkpointRepo) Get(ctx context.Context, job, key string) (*domain.Checkpoint, error) {
	return findOne(ctx, r.c, idFilter(checkpointID(job, key)), "checkpoint", func(d *checkpointDoc) *domain.Checkpoint {
		return &domain.Checkpoint{Job: d.Job, Key: d.Key, Cursor: d.Cursor, Done: d.Done, UpdatedAt: d.UpdatedAt}
	})
}

func (r checkpointRepo) Save(ctx context.Context, c *domain.Checkpoint) error {
	d := &checkpointDoc{ID: checkpointID(c.Job, c.Key), Job: c.Job, Key: c.Key, Cursor: c.Cursor, Done: c.Done,
		UpdatedAt: instant(c.UpdatedAt)}
	if _, err := r.c.ReplaceOne(ctx, idFilter(d.ID), d, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("mongodb: save checkpoint %s/%s: %w", c.Job, c.Key, err)
	}
	return nil
}
