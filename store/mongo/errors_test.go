package mongo

import (
	"context"
	"testing"
)

// TestClashFieldFromMessage covers real MongoDB's duplicate-key messages, which name the index;
// the FerretDB run of the conformance suite covers the lookup used when they do not.
func TestClashFieldFromMessage(t *testing.T) {
	keys := []unique{{"email_1", "email", "email", "a@example.test"}}
	for _, tc := range []struct{ msg, want string }{
		{`E11000 duplicate key error collection: duijie.users index: email_1 dup key: { email: "a@example.test" }`, "email"},
		{`E11000 duplicate key error collection: duijie.users index: _id_ dup key: { _id: "6b09" }`, "id"},
	} {
		// Both messages name the index, so no lookup happens and no collection is needed.
		if got := clashField(context.Background(), nil, tc.msg, "6b09", keys); got != tc.want {
			t.Errorf("clashField(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}
