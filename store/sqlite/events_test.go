package sqlite

import (
	"testing"

	"duijie/store/storetest"
)

// TestRegistrationConcurrency runs the registration storm: 64 writers, 10 seats, 200
// enterprises asking twice each, plus cancellations racing registrations.
func TestRegistrationConcurrency(t *testing.T) {
	storetest.RunRegistrationConcurrency(t, openTemp)
}
