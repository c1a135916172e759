package storetest

import (
	"fmt"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("Approval", testApproval) }

// testApproval: an approval event keeps registrations pending (no seat, no place in line); an
// approval takes a seat or a waitlist place as DecideSeat says; a rejection records its reason
// and sticks; a walk-in needs no approval; answers are kept.
func testApproval(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	now := Ms(time.Now())
	ev := NewEvent("L1", 3, 2)
	ev.Approval = true
	e := MustCreateEvent(t, s, ev)

	a := NewRegistration(e, 1, 2)
	a.Answers = map[string]any{"role": "采购", "topics": []any{"芯片", "传感器"}}
	ra := mustRegister(t, s, a, now)
	rb := mustRegister(t, s, NewRegistration(e, 2, 2), now)
	rc := mustRegister(t, s, NewRegistration(e, 3, 1), now)
	if ra.Status != domain.RegPending || rb.Status != domain.RegPending || ra.Position != 0 {
		t.Fatalf("registered: %s/%d %s", ra.Status, ra.Position, rb.Status)
	}
	if got := fmt.Sprint(ra.Answers); got != fmt.Sprint(a.Answers) {
		t.Fatalf("answers %v, want %v", got, a.Answers)
	}
	if c := checkCounters(t, s, e); c.Pending != 3 || c.SeatsTaken != 0 || c.Waitlisted != 0 {
		t.Fatalf("pending counts %+v", c)
	}

	got, err := s.Registrations.Approve(ctx, ra.ID, now)
	Must(t, err, "approve a")
	if got.Status != domain.RegConfirmed {
		t.Fatalf("approved a: %s", got.Status)
	}
	if got, err = s.Registrations.Approve(ctx, rb.ID, now); err != nil || got.Status != domain.RegWaitlisted || got.Position != 1 {
		t.Fatalf("approved b into a full event: %+v %v", got, err)
	}
	_, err = s.Registrations.Approve(ctx, ra.ID, now)
	MustInvalid(t, err, "status", "approve twice")

	got, err = s.Registrations.Reject(ctx, rc.ID, "非本集群企业", now)
	Must(t, err, "reject c")
	if got.Status != domain.RegRejected || got.CancelReason != "非本集群企业" {
		t.Fatalf("rejected: %+v", got)
	}
	_, err = s.Registrations.Approve(ctx, rc.ID, now)
	MustInvalid(t, err, "status", "approve a rejected registration")
	again, created, err := s.Registrations.Register(ctx, NewRegistration(e, 3, 1), now)
	if err != nil || created || again.Status != domain.RegRejected {
		t.Fatalf("registering again after a rejection: %+v created=%v %v", again, created, err)
	}

	// A cancelled registration cannot be approved; a walk-in skips approval (and here waits,
	// since b is in line before it).
	rd := mustRegister(t, s, NewRegistration(e, 4, 1), now)
	_, err = s.Registrations.Cancel(ctx, rd.ID, domain.CancelByMember, now)
	Must(t, err, "cancel d")
	_, err = s.Registrations.Approve(ctx, rd.ID, now)
	MustInvalid(t, err, "status", "approve a cancelled registration")
	walkin := NewRegistration(e, 5, 1)
	walkin.ByOrganiser = true
	w := mustRegister(t, s, walkin, now)
	if w.Status != domain.RegWaitlisted || w.Position != 2 {
		t.Fatalf("walk-in: %s/%d", w.Status, w.Position)
	}
	c := checkCounters(t, s, e)
	if c.Confirmed != 1 || c.Waitlisted != 2 || c.Rejected != 1 || c.Cancelled != 1 || c.Pending != 0 {
		t.Fatalf("final counts %+v", c)
	}
}
