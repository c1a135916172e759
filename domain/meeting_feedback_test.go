package domain

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMeetingFeedbackValidate(t *testing.T) {
	cases := []struct {
		name  string
		f     MeetingFeedback
		field string
	}{
		{"held, rated", MeetingFeedback{Held: true, Rating: 4, Outcome: OutcomeIntent}, ""},
		{"held, outcome defaults to none", MeetingFeedback{Held: true, Rating: 1}, ""},
		{"not held", MeetingFeedback{Held: false}, ""},
		{"rating 7", MeetingFeedback{Held: true, Rating: 7}, "rating"},
		{"rating 0 when held", MeetingFeedback{Held: true}, "rating"},
		{"rating when not held", MeetingFeedback{Rating: 3}, "rating"},
		{"deal when not held", MeetingFeedback{Outcome: OutcomeDeal}, "outcome"},
		{"unknown outcome", MeetingFeedback{Held: true, Rating: 3, Outcome: "maybe"}, "outcome"},
		{"long note", MeetingFeedback{Held: true, Rating: 3, Note: strings.Repeat("好", MaxFeedbackNote+1)}, "note"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.f.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !ve.Has(c.field) {
				t.Fatalf("err = %v, want a problem on %s", err, c.field)
			}
		})
	}
}

func TestFeedbackSide(t *testing.T) {
	slot := time.Date(2026, 9, 20, 6, 0, 0, 0, time.UTC)
	end := slot.Add(20 * time.Minute)
	base := func() *Meeting {
		m := newTestMeeting()
		m.Status, m.SlotStart, m.SlotEnd, m.Table, m.PublishedAt = MeetingAccepted, &slot, &end, 3, &slot
		return m
	}
	after := slot.Add(time.Hour)
	cases := []struct {
		name string
		edit func(m *Meeting)
		who  string
		now  time.Time
		side string
		key  string // conflict key; "forbidden" for ErrForbidden
	}{
		{"requester after the slot", func(*Meeting) {}, "aaaaaaaaaaaaaaaaaaaaaaaa", after, "requester", ""},
		{"recipient after the slot", func(*Meeting) {}, "bbbbbbbbbbbbbbbbbbbbbbbb", after, "recipient", ""},
		{"stranger", func(*Meeting) {}, "cccccccccccccccccccccccc", after, "", "forbidden"},
		{"before the slot", func(*Meeting) {}, "aaaaaaaaaaaaaaaaaaaaaaaa", slot.Add(-time.Minute), "", "meet2_feedback_early"},
		{"twice", func(m *Meeting) { m.RequesterFeedback = &MeetingFeedback{Held: true, Rating: 5} },
			"aaaaaaaaaaaaaaaaaaaaaaaa", after, "", "meet2_feedback_twice"},
		{"other side answered", func(m *Meeting) { m.RequesterFeedback = &MeetingFeedback{Held: true, Rating: 5} },
			"bbbbbbbbbbbbbbbbbbbbbbbb", after, "recipient", ""},
		{"not scheduled", func(m *Meeting) { m.SlotStart, m.SlotEnd = nil, nil }, "aaaaaaaaaaaaaaaaaaaaaaaa", after, "", "meet2_feedback_unscheduled"},
		{"cancelled", func(m *Meeting) { m.Status = MeetingCancelled }, "aaaaaaaaaaaaaaaaaaaaaaaa", after, "", "meet2_feedback_unscheduled"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base()
			c.edit(m)
			side, err := m.FeedbackSide(c.who, c.now)
			var ce *ConflictError
			switch {
			case c.key == "" && (err != nil || side != c.side):
				t.Fatalf("FeedbackSide = %q, %v; want %q", side, err, c.side)
			case c.key == "forbidden" && !errors.Is(err, ErrForbidden):
				t.Fatalf("err = %v, want forbidden", err)
			case c.key != "" && c.key != "forbidden" && (!errors.As(err, &ce) || ce.Key != c.key):
				t.Fatalf("err = %v, want conflict %s", err, c.key)
			}
		})
	}
}

func TestFunnelSteps(t *testing.T) {
	cases := []struct {
		from MatchStatus
		f    MeetingFeedback
		want []MatchStatus
	}{
		{MatchInterested, MeetingFeedback{Held: true, Outcome: OutcomeNone}, []MatchStatus{MatchContacted}},
		{MatchInterested, MeetingFeedback{Held: true, Outcome: OutcomeFollowUp}, []MatchStatus{MatchContacted}},
		{MatchInterested, MeetingFeedback{Held: true, Outcome: OutcomeDeal},
			[]MatchStatus{MatchContacted, MatchNegotiating, MatchIntent}},
		{MatchNegotiating, MeetingFeedback{Held: true, Outcome: OutcomeIntent}, []MatchStatus{MatchIntent}},
		{MatchIntent, MeetingFeedback{Held: true, Outcome: OutcomeFollowUp}, nil},
		{MatchContacted, MeetingFeedback{Held: true, Outcome: OutcomeFollowUp}, nil},
		{MatchInterested, MeetingFeedback{Held: false}, nil},
		{MatchSent, MeetingFeedback{Held: true, Outcome: OutcomeDeal}, nil},
		{MatchSigned, MeetingFeedback{Held: true, Outcome: OutcomeDeal}, nil},
	}
	for _, c := range cases {
		if got := FunnelSteps(c.from, c.f); !slices.Equal(got, c.want) {
			t.Errorf("FunnelSteps(%s, %v) = %v, want %v", c.from, c.f, got, c.want)
		}
	}
}

func TestHeldNoShowBestOutcome(t *testing.T) {
	m := newTestMeeting()
	if m.Held() || m.NoShow() || m.BestOutcome() != "" {
		t.Fatal("no feedback: neither held nor no-show")
	}
	m.RequesterFeedback = &MeetingFeedback{Held: false, Outcome: OutcomeNone}
	if !m.NoShow() {
		t.Fatal("one side says not held: no-show")
	}
	m.RecipientFeedback = &MeetingFeedback{Held: true, Rating: 4, Outcome: OutcomeIntent}
	if !m.Held() || m.NoShow() || m.BestOutcome() != OutcomeIntent {
		t.Fatalf("held %v noShow %v best %s", m.Held(), m.NoShow(), m.BestOutcome())
	}
}

func TestValidVideoLink(t *testing.T) {
	for s, want := range map[string]bool{"": true, "https://meeting.tencent.com/dm/abc": true,
		"http://x.cn/r": true, "javascript:alert(1)": false, "meeting.tencent.com": false, "https://": false} {
		if got := ValidVideoLink(s); got != want {
			t.Errorf("ValidVideoLink(%q) = %v", s, got)
		}
	}
}
