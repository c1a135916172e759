package matchsvc

import (
	"context"
	"fmt"
	"time"
)

// Fair exposure lives in the store, not in this process. A supplier's count is the matches sent
// to it within ExposureWindow (Matches.SentSince), whichever instance sent them. The engine ranks
// with a copy of those counts; before a lead is ranked for sending, the copy is read again unless
// it is younger than ExposureFresh, so instances on one database spread leads by the same counts.
// Between reads a send bumps the copy (AddExposure in dispatch), so a burst of leads handled by
// one instance (an import, RematchOpen) still spreads; the next read replaces the bumps with the
// stored counts, which include them.

// defaultExposureFresh bounds how stale the copy may be when a lead is ranked for sending: a
// second keeps the count query off the path of every lead in an import of thousands.
const defaultExposureFresh = time.Second

// freshExposure reads the counts again if the copy is older than ExposureFresh.
func (s *Service) freshExposure(ctx context.Context) error {
	s.expMu.Lock()
	defer s.expMu.Unlock()
	if fresh := s.cfg.ExposureFresh; fresh > 0 && !s.expRead.IsZero() && time.Since(s.expRead) < fresh {
		return nil
	}
	return s.readExposure(ctx)
}

// readExposure replaces the engine's copy with the stored counts; expMu is held.
func (s *Service) readExposure(ctx context.Context) error {
	read := time.Now()
	counts, err := s.st.Matches.SentSince(ctx, s.cfg.Now().Add(-s.cfg.ExposureWindow))
	if err != nil {
		return fmt.Errorf("matching: exposure: %w", err)
	}
	s.eng.SetExposure(counts)
	s.expRead = read
	return nil
}
