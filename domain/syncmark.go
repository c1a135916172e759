package domain

import "time"

// SyncMark is a position in the (UpdatedAt, ID) order by which matching indexes follow the
// store. Timestamps alone do not order records: an import writes thousands with one UpdatedAt,
// so a cursor on the time alone can neither stop inside such a run nor step past it. The ID
// breaks the ties, which makes the order total and every page boundary exact.
type SyncMark struct {
	At time.Time
	ID string
}

// Less reports whether the record (at, id) comes before m in the sync order.
func (m SyncMark) Less(at time.Time, id string) bool {
	if !at.Equal(m.At) {
		return m.At.After(at)
	}
	return id < m.ID
}

// After reports whether the record (at, id) comes after m in the sync order.
func (m SyncMark) After(at time.Time, id string) bool {
	if !at.Equal(m.At) {
		return at.After(m.At)
	}
	return id > m.ID
}

// MaxSyncPage is the largest page a store serves to a re-sync. A store refuses a larger request
// with an error rather than returning a shorter page, which a caller would read as the last.
const MaxSyncPage = 10_000
