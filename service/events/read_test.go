package events

import (
	"testing"
	"time"

	"duijie/domain"
)

// A registration shows its tickets and may be withdrawn only while its event still takes place.
func TestMyRegistrationTicketAndCancel(t *testing.T) {
	checked := time.Now()
	for _, tc := range []struct {
		name           string
		reg            domain.RegistrationStatus
		event          domain.EventStatus
		over           bool
		checkedIn      *time.Time
		ticket, cancel bool
	}{
		{"confirmed, coming", domain.RegConfirmed, domain.EventPublished, false, nil, true, true},
		{"confirmed, event cancelled", domain.RegConfirmed, domain.EventCancelled, false, nil, false, false},
		{"confirmed, over", domain.RegConfirmed, domain.EventCompleted, true, nil, false, false},
		{"confirmed, checked in", domain.RegConfirmed, domain.EventPublished, false, &checked, true, false},
		{"waitlisted", domain.RegWaitlisted, domain.EventPublished, false, nil, false, true},
		{"cancelled", domain.RegCancelled, domain.EventPublished, false, nil, false, false},
		{"rejected", domain.RegRejected, domain.EventPublished, false, nil, false, false},
	} {
		m := MyRegistration{Registration: domain.Registration{Status: tc.reg, CheckedInAt: tc.checkedIn},
			Event: &domain.Event{Status: tc.event}, Over: tc.over}
		if m.Ticket() != tc.ticket || m.Cancellable() != tc.cancel {
			t.Errorf("%s: ticket %v cancellable %v, want %v %v", tc.name, m.Ticket(), m.Cancellable(), tc.ticket, tc.cancel)
		}
	}
}
