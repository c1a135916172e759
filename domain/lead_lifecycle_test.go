package domain

import (
	"testing"
	"time"
)

func TestLeadLifecycle(t *testing.T) {
	soon := leadNow.Add(time.Hour)
	past := leadNow.Add(-time.Hour)
	for _, tc := range []struct {
		name     string
		status   LeadStatus
		deadline *time.Time
		act      func(l *Lead) error
		want     LeadStatus
		wantErr  string
	}{
		{"open a draft", LeadDraft, &soon, func(l *Lead) error { return l.Open(leadNow) }, LeadOpen, ""},
		{"open a draft without deadline", LeadDraft, nil, func(l *Lead) error { return l.Open(leadNow) }, LeadOpen, ""},
		{"open past its deadline", LeadDraft, &past, func(l *Lead) error { return l.Open(leadNow) }, LeadDraft, "deadline_past"},
		{"open twice", LeadOpen, &soon, func(l *Lead) error { return l.Open(leadNow) }, LeadOpen, "lead_transition"},
		{"sign an open lead", LeadOpen, &soon, func(l *Lead) error { return l.Close(OutcomeSigned, leadNow) }, LeadClosed, ""},
		{"lose an expired lead", LeadExpired, &past, func(l *Lead) error { return l.Close(OutcomeLost, leadNow) }, LeadClosed, ""},
		{"cancel a draft", LeadDraft, nil, func(l *Lead) error { return l.Close(OutcomeCancelled, leadNow) }, LeadClosed, ""},
		{"sign a draft", LeadDraft, nil, func(l *Lead) error { return l.Close(OutcomeSigned, leadNow) }, LeadDraft, "lead_draft_cancel_only"},
		{"close twice", LeadClosed, nil, func(l *Lead) error { return l.Close(OutcomeLost, leadNow) }, LeadClosed, "lead_transition"},
		{"unknown outcome", LeadOpen, nil, func(l *Lead) error { return l.Close("won", leadNow) }, LeadOpen, "one_of"},
		{"expire past deadline", LeadOpen, &past, func(l *Lead) error { return l.Expire(leadNow) }, LeadExpired, ""},
		{"expire before deadline", LeadOpen, &soon, func(l *Lead) error { return l.Expire(leadNow) }, LeadOpen, "lead_transition"},
		{"expire a draft", LeadDraft, &past, func(l *Lead) error { return l.Expire(leadNow) }, LeadDraft, "lead_transition"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &Lead{Status: tc.status, Deadline: tc.deadline}
			err := tc.act(l)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("err = %v", err)
			}
			if tc.wantErr != "" {
				v, ok := err.(*ValidationError)
				if !ok {
					t.Fatalf("err = %v, want %s", err, tc.wantErr)
				}
				found := false
				for _, p := range v.Fields {
					found = found || p.Key == tc.wantErr
				}
				if !found {
					t.Fatalf("err = %v, want %s", v, tc.wantErr)
				}
			}
			if l.Status != tc.want {
				t.Fatalf("status = %s, want %s", l.Status, tc.want)
			}
			if tc.wantErr == "" && tc.want == LeadClosed && (l.ClosedAt == nil || l.Outcome == "") {
				t.Fatalf("closed without time or outcome: %+v", l)
			}
		})
	}
}
