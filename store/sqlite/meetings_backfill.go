package sqlite

import (
	"context"
	"database/sql"
	"time"

	"duijie/domain"
)

// placedWithoutClaims is one accepted, placed meeting that holds no claim.
type placedWithoutClaims struct {
	id, eventID, requester, recipient string
	slot                              int64
	table                             int
	draft                             bool
}

// BackfillClaims claims each such meeting whole or not at all, inside one write transaction.
func (r *meetings) BackfillClaims(ctx context.Context) (claimed, clashed int, err error) {
	err = r.write(ctx, func(tx *sql.Tx) error {
		claimed, clashed = 0, 0
		var todo []placedWithoutClaims
		err := groupRows(ctx, tx, `SELECT id, event_id, requester_id, recipient_id, slot_start, table_no,
			published_at IS NULL FROM meetings m WHERE status = ? AND slot_start IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM meeting_claims c WHERE c.meeting_id = m.id)`,
			[]any{domain.MeetingAccepted}, func(rows *sql.Rows) error {
				var p placedWithoutClaims
				if err := rows.Scan(&p.id, &p.eventID, &p.requester, &p.recipient, &p.slot, &p.table, &p.draft); err != nil {
					return err
				}
				todo = append(todo, p)
				return nil
			})
		if err != nil {
			return dbErr("meetings without claims", err)
		}
		for _, p := range todo {
			holders := []string{"f:" + p.requester, "f:" + p.recipient}
			if p.table > 0 {
				holders = append(holders, tableHolder(p.table))
			}
			ok, err := claim(ctx, tx, p.eventID, p.id, time.UnixMilli(p.slot), p.draft, holders...)
			if err != nil {
				return err
			}
			if ok {
				claimed++
			} else {
				clashed++
			}
		}
		return nil
	})
	return claimed, clashed, err
}

// placeHolders are what a placed meeting occupies: both firms and, when it has one, its table.
func placeHolders(m *domain.Meeting) []string {
	hs := []string{"f:" + m.RequesterID, "f:" + m.RecipientID}
	if m.Table > 0 {
		hs = append(hs, tableHolder(m.Table))
	}
	return hs
}
