package matching

import "testing"

// SameResults fails unless two rankings (the index's and the brute-force scorer's) hold the same
// suppliers or leads in the same order with bit-identical scores. It lives in the package's
// tests so that both the internal and the external test files use the one check.
func SameResults(t *testing.T, what string, got, want []Result) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: index gave %d results, brute force %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].ID != want[i].ID || got[i].Score != want[i].Score {
			t.Fatalf("%s #%d: index %s %.9f, brute force %s %.9f", what, i, got[i].ID, got[i].Score, want[i].ID, want[i].Score)
		}
	}
}
