package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
	"duijie/store"
)

type matches struct{ *db }

const matchCols = `id, lead_id, enterprise_id, enterprise_name, clusters, rank, score, status, lost_from,
	explanation, note, buyer_note, value, currency, history, sent_at, responded_at, closed_at, created_at, updated_at`

func scanMatch(row scanner) (*domain.Match, error) {
	var m domain.Match
	err := row.Scan(&m.ID, &m.LeadID, &m.EnterpriseID, &m.EnterpriseName, listOf(&m.Clusters), &m.Rank, &m.Score,
		&m.Status, &m.LostFrom, jsonCol[domain.MatchExplanation]{&m.Explanation}, &m.Note, &m.BuyerNote, &m.Value,
		&m.Currency, jsonCol[[]domain.MatchStep]{&m.History}, timePtrCol{&m.SentAt}, timePtrCol{&m.RespondedAt},
		timePtrCol{&m.ClosedAt}, timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt})
	if err != nil {
		return nil, err
	}
	normMatch(&m)
	return &m, nil
}

// normMatch gives lists and history their stored shape: empty, never nil, and UTC times.
func normMatch(m *domain.Match) {
	if m.Explanation.Factors == nil {
		m.Explanation.Factors = []domain.MatchFactor{}
	}
	if m.Explanation.MatchedTerms == nil {
		m.Explanation.MatchedTerms = []string{}
	}
	if m.History == nil {
		m.History = []domain.MatchStep{}
	}
	for i := range m.History {
		m.History[i].At = m.History[i].At.UTC()
	}
}

func prepareMatch(m *domain.Match) {
	stamp(&m.ID, &m.CreatedAt, &m.UpdatedAt)
	if m.Status == "" {
		m.Status = domain.MatchProposed
	}
	for i := range m.History {
		m.History[i].At = m.History[i].At.UTC().Truncate(time.Millisecond)
	}
}

func (r *matches) Put(ctx context.Context, batch []domain.Match) (int, error) {
	created := 0
	err := r.write(ctx, func(tx *sql.Tx) error {
		for i := range batch {
			m := &batch[i]
			var id string
			err := tx.QueryRowContext(ctx, `SELECT id FROM matches WHERE lead_id = ? AND enterprise_id = ?`,
				m.LeadID, m.EnterpriseID).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				prepareMatch(m)
				id = m.ID
				if _, err := tx.ExecContext(ctx, `INSERT INTO matches (`+matchCols+`, reached)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, matchArgs(m)...); err != nil {
					return dbErr("create match", err)
				}
				created++
			case err != nil:
				return dbErr("find match", err)
			default:
				updated := m.UpdatedAt
				if updated.IsZero() {
					updated = time.Now()
				}
				if _, err := tx.ExecContext(ctx, `UPDATE matches SET enterprise_name = ?, clusters = ?, rank = ?,
					score = ?, explanation = ?, updated_at = ? WHERE id = ?`, m.EnterpriseName, listArg(m.Clusters),
					m.Rank, m.Score, jsonArg(m.Explanation), ms(updated), id); err != nil {
					return dbErr("refresh match", err)
				}
			}
			if err := setClusters(ctx, tx, "match", id, m.Clusters); err != nil {
				return err
			}
			stored, err := scanMatch(tx.QueryRowContext(ctx, `SELECT `+matchCols+` FROM matches WHERE id = ?`, id))
			if err != nil {
				return dbErr("read match", err)
			}
			*m = *stored
		}
		return nil
	})
	return created, err
}

// matchArgs are the values of matchCols followed by reached.
func matchArgs(m *domain.Match) []any {
	return []any{m.ID, m.LeadID, m.EnterpriseID, m.EnterpriseName, listArg(m.Clusters), m.Rank, m.Score, m.Status,
		m.LostFrom, jsonArg(m.Explanation), m.Note, m.BuyerNote, m.Value, m.Currency, jsonArg(historyOf(m)),
		msOrNull(m.SentAt), msOrNull(m.RespondedAt), msOrNull(m.ClosedAt), ms(m.CreatedAt), ms(m.UpdatedAt), m.Reached()}
}

func historyOf(m *domain.Match) []domain.MatchStep {
	if m.History == nil {
		return []domain.MatchStep{}
	}
	return m.History
}

func (r *matches) Get(ctx context.Context, id string) (*domain.Match, error) {
	m, err := scanMatch(r.r.QueryRowContext(ctx, `SELECT `+matchCols+` FROM matches WHERE id = ?`, id))
	return m, dbErr("get match", err)
}

func (r *matches) ByLead(ctx context.Context, leadID string) ([]domain.Match, error) {
	out, err := queryAll(ctx, r.r, scanMatch, `SELECT `+matchCols+` FROM matches WHERE lead_id = ?
		ORDER BY score DESC, id`, leadID)
	return out, dbErr("matches of lead", err)
}

func matchWhere(f store.MatchFilter) where {
	var w where
	if f.LeadID != "" {
		w.add("lead_id = ?", f.LeadID)
	}
	if f.EnterpriseID != "" {
		w.add("enterprise_id = ?", f.EnterpriseID)
	}
	if len(f.Clusters) > 0 {
		w.inClusters("match", "id", f.Clusters)
	}
	if len(f.Statuses) > 0 {
		vals := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			vals[i] = string(s)
		}
		w.in("status", vals)
	}
	if !f.SentFrom.IsZero() {
		w.add("sent_at >= ?", ms(f.SentFrom))
	}
	if !f.SentUntil.IsZero() {
		w.add("sent_at < ?", ms(f.SentUntil))
	}
	return w
}

func (r *matches) List(ctx context.Context, f store.MatchFilter, page store.Page) ([]domain.Match, string, int, error) {
	return listPage(ctx, r.db, page, listing[domain.Match]{
		op: "list matches", from: "matches", cols: matchCols, where: matchWhere(f), total: true,
		order: newest("created_at", "id"), scan: scanMatch,
		cursor: func(m *domain.Match) cursor { return cursor{N: ms(m.CreatedAt), ID: m.ID} },
	})
}

func (r *matches) Update(ctx context.Context, m *domain.Match, expect domain.MatchStatus) error {
	prepareMatch(m)
	return r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE matches SET enterprise_name = ?, clusters = ?, rank = ?, score = ?,
			status = ?, lost_from = ?, explanation = ?, note = ?, buyer_note = ?, value = ?, currency = ?, history = ?,
			sent_at = ?, responded_at = ?, closed_at = ?, updated_at = ?, reached = ?
			WHERE id = ? AND status = ?`,
			m.EnterpriseName, listArg(m.Clusters), m.Rank, m.Score, m.Status, m.LostFrom, jsonArg(m.Explanation), m.Note,
			m.BuyerNote, m.Value, m.Currency, jsonArg(historyOf(m)), msOrNull(m.SentAt), msOrNull(m.RespondedAt),
			msOrNull(m.ClosedAt), ms(m.UpdatedAt), m.Reached(), m.ID, expect)
		if err := statusMoved(ctx, tx, res, err, "matches", m.ID, "update match", "match_status_changed"); err != nil {
			return err
		}
		return setClusters(ctx, tx, "match", m.ID, m.Clusters)
	})
}

func (r *matches) Counts(ctx context.Context, f store.MatchFilter) (domain.MatchCounts, error) {
	var c []domain.MatchCounts
	err := r.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = tallyMatches(ctx, tx, matchWhere(f), "0", 1)
		return err
	})
	if err != nil {
		return domain.NewMatchCounts(), dbErr("count matches", err)
	}
	return c[0], nil
}

func (r *matches) SentSince(ctx context.Context, t time.Time) (map[string]int, error) {
	out := map[string]int{}
	err := r.read(ctx, func(tx *sql.Tx) error {
		return groupRows(ctx, tx, `SELECT enterprise_id, count(*) FROM matches WHERE sent_at >= ? GROUP BY enterprise_id`,
			[]any{ms(t)}, func(rows *sql.Rows) error {
				var id string
				var n int
				err := rows.Scan(&id, &n)
				out[id] = n
				return err
			})
	})
	return out, dbErr("exposure", err)
}
