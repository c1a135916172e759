package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// MaxMatchNote bounds the note of an answer or an outcome.
const MaxMatchNote = 1000

// MaxMatchValue bounds a recorded value (yuan): far above any real order, low enough that the
// funnel's sums cannot overflow.
const MaxMatchValue = 1_000_000_000_000

// OutcomeStages are the stages the buyer side records with an outcome, in order.
var OutcomeStages = []MatchStatus{MatchContacted, MatchNegotiating, MatchIntent, MatchSigned, MatchLost}

// Stage is the position of a status on the way to an order: proposed 0, sent 1, an answer 2,
// then contacted 3 … signed 6. Lost has no position of its own (see Reached).
func (s MatchStatus) Stage() int {
	switch s {
	case MatchProposed:
		return 0
	case MatchSent:
		return 1
	case MatchInterested, MatchDeclined:
		return 2
	case MatchContacted:
		return 3
	case MatchNegotiating:
		return 4
	case MatchIntent:
		return 5
	case MatchSigned:
		return 6
	}
	return -1
}

// Reached is the furthest stage the match got to: for a lost match, the stage it was lost at.
func (m *Match) Reached() int {
	if m.Status == MatchLost {
		return m.LostFrom.Stage()
	}
	return m.Status.Stage()
}

// Closed reports whether the match can no longer move.
func (m *Match) Closed() bool {
	return m.Status == MatchDeclined || m.Status == MatchSigned || m.Status == MatchLost
}

// Decision is the supplier's answer: interested, declined, or "" while there is none.
func (m *Match) Decision() MatchStatus {
	switch {
	case m.Status == MatchDeclined:
		return MatchDeclined
	case m.Reached() >= MatchInterested.Stage():
		return MatchInterested
	}
	return ""
}

// Send puts a proposed match in front of its supplier.
func (m *Match) Send(now time.Time) error {
	if m.Status != MatchProposed {
		return Conflict("status", "match_transition")
	}
	t := now
	m.Status, m.SentAt, m.UpdatedAt = MatchSent, &t, now
	m.History = append(m.History, MatchStep{Status: MatchSent, At: now})
	return nil
}

// Respond records the supplier's answer. Answering again with the same decision changes nothing
// and reports false, so a retried request is harmless; changing one's mind, or answering a match
// that was never sent, is a conflict.
func (m *Match) Respond(decision MatchStatus, note, by string, now time.Time) (bool, error) {
	if decision != MatchInterested && decision != MatchDeclined {
		return false, Invalid("decision", "one_of", "interested, declined")
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxMatchNote {
		return false, Invalid("note", "too_long", MaxMatchNote)
	}
	if d := m.Decision(); d != "" {
		if d == decision {
			return false, nil
		}
		return false, Conflict("decision", "match_answered")
	}
	if m.Status != MatchSent {
		return false, Conflict("status", "match_transition")
	}
	t := now
	m.Status, m.Note, m.RespondedAt, m.UpdatedAt = decision, note, &t, now
	if decision == MatchDeclined {
		m.ClosedAt = &t
	}
	m.History = append(m.History, MatchStep{Status: decision, At: now, By: by, Note: note})
	return true, nil
}

// Outcome is what the buyer side records as a match moves towards an order.
type Outcome struct {
	Stage    MatchStatus
	Value    int64  // intent (optional) and signed (required), in units of Currency
	Currency string // default CNY
	Note     string
}

// Normalize fills the default currency and checks the values that do not depend on the match.
func (o *Outcome) Normalize() error {
	v := &ValidationError{}
	o.Note = strings.TrimSpace(o.Note)
	o.Currency = strings.ToUpper(strings.TrimSpace(o.Currency))
	if o.Currency == "" {
		o.Currency = "CNY"
	}
	ok := false
	for _, s := range OutcomeStages {
		ok = ok || s == o.Stage
	}
	if !ok {
		v.Add("stage", "one_of", "contacted, negotiating, intent, signed, lost")
	}
	switch {
	case o.Value < 0:
		v.Add("value", "negative")
	case o.Value > MaxMatchValue:
		v.Add("value", "too_large")
	case o.Value > 0 && o.Stage != MatchIntent && o.Stage != MatchSigned:
		v.Add("value", "match_value_stage")
	case o.Value == 0 && o.Stage == MatchSigned:
		v.Add("value", "required")
	}
	if len(o.Currency) != 3 || strings.Trim(o.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		v.Add("currency", "invalid")
	}
	if utf8.RuneCountInString(o.Note) > MaxMatchNote {
		v.Add("note", "too_long", MaxMatchNote)
	}
	return v.Err()
}

// next says which outcome stages may follow a status: one step at a time, or lost.
func nextOutcome(from, to MatchStatus) bool {
	if to == MatchLost {
		return from.Stage() >= MatchInterested.Stage() && from != MatchDeclined && from != MatchSigned
	}
	order := []MatchStatus{MatchInterested, MatchContacted, MatchNegotiating, MatchIntent, MatchSigned}
	for i := 0; i+1 < len(order); i++ {
		if order[i] == from {
			return order[i+1] == to
		}
	}
	return false
}

// Advance records an outcome. Recording the stage the match is already at (with the same value,
// or none) changes nothing and reports false; a stage that skips one, goes back, or follows a
// closed match is a conflict.
func (m *Match) Advance(o Outcome, by string, now time.Time) (bool, error) {
	if err := o.Normalize(); err != nil {
		return false, err
	}
	if m.Status == o.Stage {
		if o.Value == 0 || (o.Value == m.Value && o.Currency == m.Currency) {
			return false, nil
		}
		return false, Conflict("value", "match_value_recorded")
	}
	if !nextOutcome(m.Status, o.Stage) {
		return false, Conflict("stage", "match_transition")
	}
	t := now
	if o.Stage == MatchLost {
		m.LostFrom = m.Status
	}
	if o.Value > 0 {
		m.Value, m.Currency = o.Value, o.Currency
	}
	if o.Note != "" {
		m.BuyerNote = o.Note
	}
	m.Status, m.UpdatedAt = o.Stage, now
	if o.Stage == MatchSigned || o.Stage == MatchLost {
		m.ClosedAt = &t
	}
	m.History = append(m.History, MatchStep{Status: o.Stage, At: now, By: by, Note: o.Note, Value: o.Value})
	return true, nil
}

// NextOutcomes lists the outcome stages the buyer side may record next, for forms.
func (m *Match) NextOutcomes() []MatchStatus {
	var out []MatchStatus
	for _, s := range OutcomeStages {
		if nextOutcome(m.Status, s) {
			out = append(out, s)
		}
	}
	return out
}
