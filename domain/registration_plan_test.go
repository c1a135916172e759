package domain

import (
	"testing"
	"time"
)

func TestPlanRegistration(t *testing.T) {
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	open := Event{ID: "e", Status: EventPublished, StartsAt: now.AddDate(0, 1, 0), EndsAt: now.AddDate(0, 1, 1),
		Capacity: 10, MaxAttendeesPerEnterprise: 2}
	approval := open
	approval.Approval = true
	draft := open
	draft.Status = EventDraft
	started := open
	started.StartsAt, started.EndsAt = now.Add(-time.Hour), now.Add(time.Hour)
	one := []Attendee{{Name: "王芳", Mobile: "13800000001", Email: "wang@example.cn"}}
	three := []Attendee{{Name: "甲", Mobile: "13800000001", Email: "a@example.cn"}, {Name: "乙", Mobile: "13800000002", Email: "b@example.cn"},
		{Name: "丙", Mobile: "13800000003", Email: "c@example.cn"}}
	earlier := now.Add(-48 * time.Hour)
	cancelled := &Registration{ID: "old", Status: RegCancelled, CheckinCode: "K7Q2M9X4", CreatedAt: earlier, CancelReason: CancelByMember}
	for _, c := range []struct {
		name       string
		e          Event
		s          SeatState
		prev       *Registration
		in         Registration
		want       RegistrationStatus // "" means the earlier registration is returned
		wantErr    string             // field of the validation error
		wantReopen bool
	}{
		{"free seats", open, SeatState{Capacity: 10, Taken: 3}, nil, Registration{Attendees: one}, RegConfirmed, "", false},
		{"full", open, SeatState{Capacity: 10, Taken: 10}, nil, Registration{Attendees: one}, RegWaitlisted, "", false},
		{"a line waits", open, SeatState{Capacity: 10, Taken: 3, Waiting: 2}, nil, Registration{Attendees: one}, RegWaitlisted, "", false},
		{"approval", approval, SeatState{Capacity: 10}, nil, Registration{Attendees: one}, RegPending, "", false},
		{"walk-in skips approval", approval, SeatState{Capacity: 10}, nil, Registration{Attendees: one, ByOrganiser: true}, RegConfirmed, "", false},
		{"repeat returns the first", open, SeatState{Capacity: 10}, &Registration{ID: "r", Status: RegWaitlisted}, Registration{Attendees: one}, "", "", false},
		{"rejected stays rejected", open, SeatState{Capacity: 10}, &Registration{ID: "r", Status: RegRejected}, Registration{Attendees: one}, "", "", false},
		{"repeat after closing still answered", started, SeatState{Capacity: 10}, &Registration{ID: "r", Status: RegConfirmed}, Registration{Attendees: one}, "", "", false},
		{"cancelled is reopened", open, SeatState{Capacity: 10}, cancelled, Registration{Attendees: one}, RegConfirmed, "", true},
		{"draft", draft, SeatState{Capacity: 10}, nil, Registration{Attendees: one}, "", "event", false},
		{"closed at the start", started, SeatState{Capacity: 10}, nil, Registration{Attendees: one}, "", "event", false},
		{"walk-in while it runs", started, SeatState{Capacity: 10}, nil, Registration{Attendees: one, ByOrganiser: true}, RegConfirmed, "", false},
		{"too many people", open, SeatState{Capacity: 10}, nil, Registration{Attendees: three}, "", "attendees", false},
	} {
		p, err := PlanRegistration(&c.e, c.s, c.prev, &c.in, now)
		if c.wantErr != "" {
			var v *ValidationError
			if !asValidation(err, &v) || !v.Has(c.wantErr) {
				t.Errorf("%s: error %v, want one on %s", c.name, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if c.want == "" {
			if p.Existing != c.prev {
				t.Errorf("%s: plan %+v, want the earlier registration", c.name, p)
			}
			continue
		}
		r := p.Reg
		if p.Existing != nil || r.Status != c.want || p.Reopen != c.wantReopen {
			t.Errorf("%s: %s reopen=%v, want %s reopen=%v", c.name, r.Status, p.Reopen, c.want, c.wantReopen)
		}
		if r.CheckinCode == "" || len(r.Attendees) != len(c.in.Attendees) || r.Attendees[0].CheckinCode != r.CheckinCode {
			t.Errorf("%s: codes %+v", c.name, r)
		}
		if c.wantReopen && (r.ID != cancelled.ID || r.CheckinCode != cancelled.CheckinCode || !r.CreatedAt.Equal(now) || r.CancelReason != "") {
			t.Errorf("%s: reopened %+v", c.name, r)
		}
		if &r.Attendees[0] == &c.in.Attendees[0] {
			t.Errorf("%s: the plan shares the caller's attendees", c.name)
		}
	}
}

func asValidation(err error, v **ValidationError) bool {
	ve, ok := err.(*ValidationError)
	*v = ve
	return ok
}
