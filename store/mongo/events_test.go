package mongo

import (
	"os"
	"testing"

	"duijie/store/storetest"
)

// TestRegistrationConcurrency runs the registration storm against a real MongoDB only: FerretDB
// does not make conditional updates atomic, so capacity could not hold there.
func TestRegistrationConcurrency(t *testing.T) {
	uri := os.Getenv("DUIJIE_TEST_MONGODB_URI")
	if uri == "" {
		t.Skip("DUIJIE_TEST_MONGODB_URI not set")
	}
	storetest.RunRegistrationConcurrency(t, opener(uri))
}
