package domain

import "time"

// MatchStatus is where a (lead, supplier) pair stands in the follow-up that turns a match into
// an order (清单化、节点化、责任化、闭环化).
type MatchStatus string

// The match lifecycle: proposed → sent → interested | declined → contacted → negotiating →
// intent → signed | lost. Lost may follow any stage from interested on.
const (
	MatchProposed    MatchStatus = "proposed"    // ranked by the engine, not shown to the supplier yet
	MatchSent        MatchStatus = "sent"        // in the supplier's "leads for you", awaiting an answer
	MatchInterested  MatchStatus = "interested"  // the supplier wants it: contacts are revealed
	MatchDeclined    MatchStatus = "declined"    // the supplier does not
	MatchContacted   MatchStatus = "contacted"   // the two sides have spoken
	MatchNegotiating MatchStatus = "negotiating" // terms are being discussed
	MatchIntent      MatchStatus = "intent"      // 合作意向, optionally with an intended value
	MatchSigned      MatchStatus = "signed"      // 签约, with its value
	MatchLost        MatchStatus = "lost"        // it came to nothing
)

// MatchStatuses lists the statuses in lifecycle order.
var MatchStatuses = []MatchStatus{MatchProposed, MatchSent, MatchInterested, MatchDeclined, MatchContacted,
	MatchNegotiating, MatchIntent, MatchSigned, MatchLost}

// MatchFactor is one kind of evidence behind a match; Name is a stable key pages translate.
type MatchFactor struct {
	Name         string  `json:"name"`
	Contribution float64 `json:"contribution"`
	Detail       string  `json:"detail"`
}

// MatchExplanation says why a supplier was matched: factors adding up to the score and the
// words of the lead the profile matched. It mirrors the engine's explanation so that domain and
// store need not import the engine.
type MatchExplanation struct {
	Summary      string        `json:"summary"`
	Factors      []MatchFactor `json:"factors"`
	MatchedTerms []string      `json:"matchedTerms"`
}

// MatchStep is one recorded move of a match: who moved it where, when, with what note.
type MatchStep struct {
	Status MatchStatus `json:"status"`
	At     time.Time   `json:"at"`
	By     string      `json:"by,omitempty"` // user ID; empty when the platform moved it
	Note   string      `json:"note,omitempty"`
	Value  int64       `json:"value,omitempty"`
}

// Match pairs one lead with one supplier; there is at most one per (lead, enterprise). Values
// are integer units of Currency (yuan for CNY), like lead budgets, so both engines store them
// exactly.
type Match struct {
	ID             string           `json:"id"`
	LeadID         string           `json:"leadId"`
	EnterpriseID   string           `json:"enterpriseId"`
	EnterpriseName string           `json:"enterpriseName"`
	Clusters       []string         `json:"clusters"` // the lead's, for organisers' scope and the funnel
	Rank           int              `json:"rank"`
	Score          float64          `json:"score"`
	Status         MatchStatus      `json:"status"`
	LostFrom       MatchStatus      `json:"lostFrom,omitempty"` // the stage a lost match had reached
	Explanation    MatchExplanation `json:"explanation"`
	Note           string           `json:"note"`      // the supplier's answer
	BuyerNote      string           `json:"buyerNote"` // the buyer side's latest note
	Value          int64            `json:"value"`
	Currency       string           `json:"currency"`
	History        []MatchStep      `json:"history"`
	SentAt         *time.Time       `json:"sentAt,omitempty"`
	RespondedAt    *time.Time       `json:"respondedAt,omitempty"`
	ClosedAt       *time.Time       `json:"closedAt,omitempty"`
	CreatedAt      time.Time        `json:"createdAt"`
	UpdatedAt      time.Time        `json:"updatedAt"`
	// Weak marks, in a live ranking, a weaker match: far below the best and reached only by a
	// faint guess (matching.Result.Weak). Pages list it last, under a fold. Not stored.
	Weak bool `json:"weak,omitempty"`
}
