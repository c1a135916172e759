package domain

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// MeetingOutcome is what a held meeting led to, as one side saw it.
type MeetingOutcome string

// Outcomes in increasing order of commitment.
const (
	OutcomeNone     MeetingOutcome = "none"
	OutcomeFollowUp MeetingOutcome = "follow_up"
	OutcomeIntent   MeetingOutcome = "intent"
	OutcomeDeal     MeetingOutcome = "deal"
)

// MeetingOutcomes lists the outcomes in order.
var MeetingOutcomes = []MeetingOutcome{OutcomeNone, OutcomeFollowUp, OutcomeIntent, OutcomeDeal}

// Bounds of the feedback and the video link.
const (
	MaxFeedbackNote = 1000
	MaxVideoLink    = 500
)

// MeetingFeedback is one side's account of a meeting after its slot.
type MeetingFeedback struct {
	Held    bool           `json:"held"`
	Rating  int            `json:"rating,omitempty"` // 1–5, only when held
	Outcome MeetingOutcome `json:"outcome"`
	Note    string         `json:"note,omitempty"`
	By      string         `json:"by,omitempty"` // user ID
	At      time.Time      `json:"at"`
}

// Validate normalises and checks the feedback: a held meeting needs a rating of 1 to 5 and an
// outcome; one not held has outcome none and no rating.
func (f *MeetingFeedback) Validate() error {
	v := &ValidationError{}
	f.Note = strings.TrimSpace(f.Note)
	f.Outcome = MeetingOutcome(strings.TrimSpace(string(f.Outcome)))
	if f.Outcome == "" {
		f.Outcome = OutcomeNone
	}
	known := false
	for _, o := range MeetingOutcomes {
		known = known || o == f.Outcome
	}
	if !known {
		v.Add("outcome", "one_of", "none, follow_up, intent, deal")
	}
	if f.Held {
		if f.Rating < 1 || f.Rating > 5 {
			v.Add("rating", "meeting_range", 1, 5)
		}
	} else {
		if f.Rating != 0 {
			v.Add("rating", "meet2_rating_not_held")
		}
		if known && f.Outcome != OutcomeNone {
			v.Add("outcome", "meet2_outcome_not_held")
		}
	}
	if utf8.RuneCountInString(f.Note) > MaxFeedbackNote {
		v.Add("note", "too_long", MaxFeedbackNote)
	}
	return v.Err()
}

// FeedbackSide says which side of m the enterprise is ("requester" or "recipient") and whether
// it may record feedback now: only for an accepted meeting whose slot has begun, once per side.
func (m *Meeting) FeedbackSide(enterprise string, now time.Time) (string, error) {
	if !m.Involves(enterprise) {
		return "", ErrForbidden
	}
	if m.Status != MeetingAccepted || !m.Scheduled() || m.PublishedAt == nil {
		return "", Conflict("status", "meet2_feedback_unscheduled")
	}
	if now.Before(*m.SlotStart) {
		return "", Conflict("status", "meet2_feedback_early")
	}
	side, mine := "requester", m.RequesterFeedback
	if m.RecipientID == enterprise {
		side, mine = "recipient", m.RecipientFeedback
	}
	if mine != nil {
		return "", Conflict("status", "meet2_feedback_twice")
	}
	return side, nil
}

// Held reports the meeting as held when either side says so; NoShow when every side that
// answered says it was not held.
func (m *Meeting) Held() bool {
	return (m.RequesterFeedback != nil && m.RequesterFeedback.Held) ||
		(m.RecipientFeedback != nil && m.RecipientFeedback.Held)
}

// NoShow reports a meeting someone answered for and nobody reported held.
func (m *Meeting) NoShow() bool {
	return (m.RequesterFeedback != nil || m.RecipientFeedback != nil) && !m.Held()
}

// BestOutcome is the most committed outcome either side reported.
func (m *Meeting) BestOutcome() MeetingOutcome {
	best := MeetingOutcome("")
	for _, f := range []*MeetingFeedback{m.RequesterFeedback, m.RecipientFeedback} {
		if f != nil && outcomeRank(f.Outcome) > outcomeRank(best) {
			best = f.Outcome
		}
	}
	return best
}

func outcomeRank(o MeetingOutcome) int {
	for i, x := range MeetingOutcomes {
		if x == o {
			return i + 1
		}
	}
	return 0
}

// FunnelSteps are the match stages a meeting outcome moves a linked match through, one step at
// a time as the funnel requires, from where the match stands. A held meeting is contact; an
// intent or a deal reaches intent (signing needs the order value, which the buyer records).
// A match not yet interested, or already past the target, does not move.
func FunnelSteps(from MatchStatus, f MeetingFeedback) []MatchStatus {
	if !f.Held {
		return nil
	}
	target := MatchContacted
	if f.Outcome == OutcomeIntent || f.Outcome == OutcomeDeal {
		target = MatchIntent
	}
	order := []MatchStatus{MatchInterested, MatchContacted, MatchNegotiating, MatchIntent}
	at := -1
	for i, s := range order {
		if s == from {
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	var out []MatchStatus
	for i := at + 1; i < len(order) && order[i-1] != target; i++ {
		out = append(out, order[i])
	}
	return out
}

// ValidVideoLink checks an online meeting's link: empty, or an http(s) URL with a host.
func ValidVideoLink(s string) bool {
	if s == "" {
		return true
	}
	if utf8.RuneCountInString(s) > MaxVideoLink {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
