package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// upsertBatch is how many enterprises one lookup and one bulk write carry.
const upsertBatch = 1000

// UpsertByUSCC creates the enterprises whose USCC is new and replaces the others, keeping their
// ID, creation time and status, in ordered bulk writes of upsertBatch. Without transactions a
// failing server can leave a file half-written; the importer validates every row first and a
// re-import converges, since it is idempotent by USCC.
func (r enterpriseRepo) UpsertByUSCC(ctx context.Context, es []domain.Enterprise, progress func(done int)) (created, updated int, err error) {
	return r.UpsertBatches(ctx, store.OneBatch(es), progress)
}

// UpsertBatches writes the batches next returns in bulk writes of upsertBatch. Without
// transactions a failure part-way leaves the batches before it written; a re-import repairs
// that, since rows are matched by USCC. Each bulk write is stamped when it is made, so a
// matching re-sync that runs during a long import reads every part of it.
func (r enterpriseRepo) UpsertBatches(ctx context.Context, next func() ([]domain.Enterprise, error), progress func(done int)) (created, updated int, err error) {
	done := 0
	for {
		es, err := next()
		if err != nil {
			return created, updated, err
		}
		if len(es) == 0 {
			return created, updated, nil
		}
		c, u, err := r.upsertBatch(ctx, es, func(n int) {
			if progress != nil {
				progress(done + n)
			}
		})
		created, updated, done = created+c, updated+u, done+len(es)
		if err != nil {
			return created, updated, err
		}
	}
}

func (r enterpriseRepo) upsertBatch(ctx context.Context, es []domain.Enterprise, progress func(done int)) (created, updated int, err error) {
	for start := 0; start < len(es); start += upsertBatch {
		now := time.Now()
		batch := es[start:min(start+upsertBatch, len(es))]
		usccs := make([]string, len(batch))
		for i := range batch {
			usccs[i] = batch[i].USCC
		}
		existing, err := findAll(ctx, r.c, bson.D{{Key: "uscc", Value: bson.D{{Key: "$in", Value: usccs}}}},
			options.Find().SetProjection(bson.D{{Key: "uscc", Value: 1}, {Key: "status", Value: 1}, {Key: "createdAt", Value: 1},
				{Key: "verification", Value: 1}, {Key: "verificationNote", Value: 1}, {Key: "verifiedAt", Value: 1}}),
			func(d *enterpriseDoc) enterpriseDoc { return *d })
		if err != nil {
			return created, updated, err
		}
		known := make(map[string]enterpriseDoc, len(existing))
		for _, d := range existing {
			known[d.USCC] = d
		}
		models := make([]driver.WriteModel, 0, len(batch))
		for i := range batch {
			e := &batch[i]
			if e.UpdatedAt.IsZero() {
				e.UpdatedAt = now
			}
			if d, ok := known[e.USCC]; ok {
				e.ID, e.Status, e.CreatedAt = d.ID, domain.EnterpriseStatus(d.Status), d.CreatedAt.UTC()
				// An import keeps the verification of a known firm: the queue decides it, not a file.
				e.Verification = domain.Verification(d.Verification).OrUnverified()
				e.VerificationNote, e.VerifiedAt = d.VerificationNote, d.VerifiedAt
				models = append(models, driver.NewReplaceOneModel().SetFilter(idFilter(e.ID)).SetReplacement(toEnterpriseDoc(e)))
				updated++
				continue
			}
			if e.ID == "" {
				e.ID = domain.NewID()
			}
			if e.CreatedAt.IsZero() {
				e.CreatedAt = e.UpdatedAt
			}
			if e.Status == "" {
				e.Status = domain.EnterpriseActive
			}
			models = append(models, driver.NewInsertOneModel().SetDocument(toEnterpriseDoc(e)))
			created++
		}
		if _, err := r.c.BulkWrite(ctx, models, options.BulkWrite().SetOrdered(true)); err != nil {
			return created, updated, writeErr(ctx, r.c, err, "upsert enterprises", "", enterpriseUSCC(toEnterpriseDoc(&batch[0])))
		}
		if progress != nil {
			progress(start + len(batch))
		}
	}
	return created, updated, nil
}
