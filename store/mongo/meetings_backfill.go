package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// backfillBatch bounds the $in of one claims lookup.
const backfillBatch = 500

// BackfillClaims finds the accepted, placed meetings, asks which of them hold a claim, and
// claims the others whole or not at all (claimAll). Instances starting together race only on
// unique _ids: the loser sees its own meeting's claim and counts it claimed.
func (r meetingRepo) BackfillClaims(ctx context.Context) (claimed, clashed int, err error) {
	placed, err := findAll(ctx, r.c, bson.D{{Key: "status", Value: string(domain.MeetingAccepted)},
		{Key: "scheduled", Value: true}}, nil, (*meetingDoc).meeting)
	if err != nil {
		return 0, 0, fmt.Errorf("mongodb: placed meetings: %w", err)
	}
	for from := 0; from < len(placed); from += backfillBatch {
		batch := placed[from:min(from+backfillBatch, len(placed))]
		ids := make([]string, len(batch))
		for i := range batch {
			ids[i] = batch[i].ID
		}
		held, err := findAll(ctx, r.claims, bson.D{{Key: "meetingId", Value: bson.D{{Key: "$in", Value: ids}}}},
			options.Find().SetProjection(bson.D{{Key: "meetingId", Value: 1}}), func(d *claimDoc) string { return d.MeetingID })
		if err != nil {
			return claimed, clashed, fmt.Errorf("mongodb: claims of placed meetings: %w", err)
		}
		has := make(map[string]bool, len(held))
		for _, id := range held {
			has[id] = true
		}
		for i := range batch {
			m := &batch[i]
			if has[m.ID] || !m.Scheduled() {
				continue
			}
			ok, err := r.claimAll(ctx, m.EventID, m.ID, *m.SlotStart, m.PublishedAt == nil, placeHolders(m)...)
			if err != nil {
				return claimed, clashed, err
			}
			if ok {
				claimed++
			} else {
				clashed++
			}
		}
	}
	return claimed, clashed, nil
}

// placeHolders are what a placed meeting occupies: both firms and, when it has one, its table.
func placeHolders(m *domain.Meeting) []string {
	hs := []string{"f:" + m.RequesterID, "f:" + m.RecipientID}
	if m.Table > 0 {
		hs = append(hs, tableHolder(m.Table))
	}
	return hs
}
