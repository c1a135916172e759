package storetest

import (
	"slices"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("Triage", testTriage) }

// testTriage covers the triage lessons: corrections kept in order with what was read, the
// latest ones when a limit cuts, and links switched off and on again.
func testTriage(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("Corrections", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		empty, err := s.Triage.Corrections(ctx, 10)
		Must(t, err, "corrections of an empty store")
		if len(empty) != 0 {
			t.Fatalf("empty store: %v", empty)
		}
		for i, c := range []domain.TriageCorrection{
			{LeadID: "l1", Terms: []string{"食堂油烟", "油烟净化设备"}, Clusters: []string{"A3"}, Removed: []string{"L1"},
				Added: []string{"A3"}, By: "u1", ByName: "张组织", At: now.Add(time.Minute)},
			{ID: "c0", LeadID: "l2", Terms: []string{"电梯老困人"}, Clusters: []string{"L1"}, Removed: []string{"A1"},
				By: "u2", ByName: "Admin", At: now},
			{LeadID: "l3", Terms: nil, Clusters: []string{"F1"}, Added: []string{"F1"}, By: "u1", ByName: "张组织",
				At: now.Add(2 * time.Minute)},
		} {
			Must(t, s.Triage.AddCorrection(ctx, &c), "add correction")
			if c.ID == "" {
				t.Fatalf("correction %d: no ID assigned", i)
			}
		}
		all, err := s.Triage.Corrections(ctx, 10)
		Must(t, err, "corrections")
		if len(all) != 3 || all[0].ID != "c0" || all[1].LeadID != "l1" || all[2].LeadID != "l3" {
			t.Fatalf("order: %+v", all)
		}
		c := all[1]
		if !slices.Equal(c.Terms, []string{"食堂油烟", "油烟净化设备"}) || !slices.Equal(c.Clusters, []string{"A3"}) ||
			!slices.Equal(c.Removed, []string{"L1"}) || !slices.Equal(c.Added, []string{"A3"}) || c.By != "u1" ||
			c.ByName != "张组织" || !c.At.Equal(now.Add(time.Minute)) || c.At.Location() != time.UTC {
			t.Fatalf("round trip: %+v", c)
		}
		if all[0].Added == nil || len(all[0].Added) != 0 || all[2].Terms == nil || len(all[2].Terms) != 0 {
			t.Fatalf("empty lists: %+v / %+v", all[0], all[2])
		}
		latest, err := s.Triage.Corrections(ctx, 2)
		Must(t, err, "latest corrections")
		if len(latest) != 2 || latest[0].LeadID != "l1" || latest[1].LeadID != "l3" {
			t.Fatalf("latest two, oldest first: %+v", latest)
		}
		for _, bad := range []int{0, -1, domain.MaxCorrections + 1} {
			if _, err := s.Triage.Corrections(ctx, bad); err == nil {
				t.Fatalf("limit %d accepted", bad)
			}
		}
	})

	t.Run("SwitchOffAndOn", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		Must(t, s.Triage.SwitchOff(ctx, &domain.LessonOff{Term: "AGV", Cluster: "A1", By: "u1", ByName: "张组织", At: now}), "off")
		Must(t, s.Triage.SwitchOff(ctx, &domain.LessonOff{Term: "食堂油烟", Cluster: "A3", By: "u1", ByName: "张组织",
			At: now.Add(time.Second)}), "off second")
		// Again, cased otherwise: the same link, now switched off by someone else.
		Must(t, s.Triage.SwitchOff(ctx, &domain.LessonOff{Term: " agv", Cluster: "A1", By: "u2", ByName: "Admin",
			At: now.Add(2 * time.Second)}), "off again")
		off, err := s.Triage.Off(ctx)
		Must(t, err, "off list")
		if len(off) != 2 || off[0].Term != "食堂油烟" || off[1].Cluster != "A1" || off[1].ByName != "Admin" ||
			!off[1].At.Equal(now.Add(2*time.Second)) {
			t.Fatalf("off: %+v", off)
		}
		on, err := s.Triage.SwitchOn(ctx, "Agv", "A1")
		Must(t, err, "on")
		twice, err := s.Triage.SwitchOn(ctx, "agv", "A1")
		Must(t, err, "on again")
		other, err := s.Triage.SwitchOn(ctx, "食堂油烟", "L1")
		Must(t, err, "on, another cluster")
		if !on || twice || other {
			t.Fatalf("on=%v twice=%v other cluster=%v", on, twice, other)
		}
		off, err = s.Triage.Off(ctx)
		Must(t, err, "off list after on")
		if len(off) != 1 || off[0].Term != "食堂油烟" || off[0].Cluster != "A3" {
			t.Fatalf("off after on: %+v", off)
		}
	})
}
