package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Audit", testAudit) }

func testAudit(t *testing.T, open Opener) {
	t.Run("AppendList", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		base := Ms(time.Now())
		targets := []string{"enterprise:a", "enterprise:b", "user:c"}
		var all []string                  // newest first
		byTarget := map[string][]string{} // newest first
		var first domain.AuditEntry
		for i := range 10 {
			e := &domain.AuditEntry{
				At:      base.Add(time.Duration(i) * time.Second),
				ActorID: domain.NewID(),
				Action:  "enterprise.view_contact",
				Target:  targets[i%3],
				Detail:  fmt.Sprintf("第%d次", i),
				IP:      "192.0.2.1",
			}
			Must(t, s.Audit.Append(ctx, e), "append")
			if !domain.ValidID(e.ID) {
				t.Fatalf("ID = %q, want a domain.NewID", e.ID)
			}
			if i == 0 {
				first = *e
			}
			all = append([]string{e.ID}, all...)
			byTarget[e.Target] = append([]string{e.ID}, byTarget[e.Target]...)
		}
		// Two entries in the same millisecond are still both listed, in a stable order.
		same := &domain.AuditEntry{At: base.Add(9 * time.Second), ActorID: "x", Action: "a", Target: "user:c"}
		Must(t, s.Audit.Append(ctx, same), "append same instant")

		for _, tc := range []struct {
			target string
			limit  int
			want   int
		}{{"", 3, 11}, {"", 50, 11}, {"enterprise:a", 2, 4}, {"user:c", 1, 4}, {"nobody", 5, 0}} {
			t.Run(fmt.Sprintf("%s/%d", tc.target, tc.limit), func(t *testing.T) {
				var entries []domain.AuditEntry
				ids := walk(t, tc.limit, func(c string) ([]string, string, error) {
					es, next, err := s.Audit.List(ctx, tc.target, store.Page{Limit: tc.limit, Cursor: c})
					ids := make([]string, len(es))
					for i, e := range es {
						ids[i] = e.ID
						entries = append(entries, e)
						if tc.target != "" && e.Target != tc.target {
							t.Errorf("entry for %s in a %s listing", e.Target, tc.target)
						}
					}
					return ids, next, err
				})
				if len(ids) != tc.want {
					t.Fatalf("listed %d entries, want %d", len(ids), tc.want)
				}
				seen := map[string]bool{}
				for i, e := range entries {
					if seen[e.ID] {
						t.Fatalf("entry %s listed twice", e.ID)
					}
					seen[e.ID] = true
					if i > 0 && e.At.After(entries[i-1].At) {
						t.Fatalf("entry %d (%v) is newer than entry %d (%v)", i, e.At, i-1, entries[i-1].At)
					}
				}
				want := all
				if tc.target != "" {
					want = byTarget[tc.target]
				}
				var withoutSame []string
				for _, id := range ids {
					if id != same.ID {
						withoutSame = append(withoutSame, id)
					}
				}
				sameIDs(t, "newest first", withoutSame, want)
			})
		}

		es, _, err := s.Audit.List(ctx, first.Target, store.Page{Limit: 100})
		Must(t, err, "list")
		got := es[len(es)-1]
		got.At = Ms(got.At)
		if !reflect.DeepEqual(got, first) {
			t.Fatalf("round trip:\n got  %+v\n want %+v", got, first)
		}
		_, _, err = s.Audit.List(ctx, "", store.Page{Limit: 5, Cursor: "%%%"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})
}
