package handlers

import "testing"

// skipTableWalkUnderRace skips a sweep of every route under -race: each request runs in one
// goroutine on a fixture of its own, so the detector finds nothing there that the concurrency
// tests do not exercise, and the two sweeps were a third of CI's race step. They run in the
// plain go test step.
func skipTableWalkUnderRace(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("a sequential sweep of every route: run without -race")
	}
}
