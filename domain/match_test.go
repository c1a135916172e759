package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func matchAt(s MatchStatus) *Match {
	m := &Match{ID: NewID(), LeadID: "lead", EnterpriseID: "supplier", Status: s}
	if s == MatchLost {
		m.LostFrom = MatchNegotiating
	}
	return m
}

func wantConflict(t *testing.T, err error, field string) {
	t.Helper()
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Field != field || !errors.Is(err, ErrConflict) {
		t.Fatalf("err = %v, want a conflict on %q", err, field)
	}
}

func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) || !ve.Has(field) {
		t.Fatalf("err = %v, want a validation error on %q", err, field)
	}
}

func TestMatchSend(t *testing.T) {
	now := time.Now()
	m := matchAt(MatchProposed)
	if err := m.Send(now); err != nil || m.Status != MatchSent || m.SentAt == nil || len(m.History) != 1 {
		t.Fatalf("Send: err %v, match %+v", err, m)
	}
	wantConflict(t, m.Send(now), "status")
}

func TestMatchRespond(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name     string
		from     MatchStatus
		decision MatchStatus
		note     string
		changed  bool
		conflict string // field of the expected conflict
		invalid  string // field of the expected validation error
		to       MatchStatus
	}{
		{"interested", MatchSent, MatchInterested, "可以供货", true, "", "", MatchInterested},
		{"declined", MatchSent, MatchDeclined, "", true, "", "", MatchDeclined},
		{"twice interested is idempotent", MatchInterested, MatchInterested, "again", false, "", "", MatchInterested},
		{"twice declined is idempotent", MatchDeclined, MatchDeclined, "", false, "", "", MatchDeclined},
		{"interested after the buyer moved on", MatchNegotiating, MatchInterested, "", false, "", "", MatchNegotiating},
		{"changing one's mind", MatchInterested, MatchDeclined, "", false, "decision", "", MatchInterested},
		{"declined then interested", MatchDeclined, MatchInterested, "", false, "decision", "", MatchDeclined},
		{"never sent skips a stage", MatchProposed, MatchInterested, "", false, "status", "", MatchProposed},
		{"unknown decision", MatchSent, "maybe", "", false, "", "decision", MatchSent},
		{"a decision that is a stage", MatchSent, MatchSigned, "", false, "", "decision", MatchSent},
		{"note too long", MatchSent, MatchInterested, strings.Repeat("长", MaxMatchNote+1), false, "", "note", MatchSent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := matchAt(tc.from)
			changed, err := m.Respond(tc.decision, tc.note, "user-1", now)
			switch {
			case tc.conflict != "":
				wantConflict(t, err, tc.conflict)
			case tc.invalid != "":
				wantInvalid(t, err, tc.invalid)
			case err != nil:
				t.Fatalf("Respond: %v", err)
			}
			if changed != tc.changed || m.Status != tc.to {
				t.Fatalf("changed %v status %s, want %v %s", changed, m.Status, tc.changed, tc.to)
			}
			if changed && (m.RespondedAt == nil || m.Note != tc.note || len(m.History) != 1 || m.History[0].By != "user-1") {
				t.Fatalf("answer not recorded: %+v", m)
			}
		})
	}
}

func TestMatchAdvance(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name     string
		from     MatchStatus
		out      Outcome
		changed  bool
		conflict string
		invalid  string
		to       MatchStatus
	}{
		{"contacted after interest", MatchInterested, Outcome{Stage: MatchContacted}, true, "", "", MatchContacted},
		{"negotiating", MatchContacted, Outcome{Stage: MatchNegotiating}, true, "", "", MatchNegotiating},
		{"intent with a value", MatchNegotiating, Outcome{Stage: MatchIntent, Value: 800000}, true, "", "", MatchIntent},
		{"signed with a value", MatchIntent, Outcome{Stage: MatchSigned, Value: 1200000, Currency: "cny"}, true, "", "", MatchSigned},
		{"lost while negotiating", MatchNegotiating, Outcome{Stage: MatchLost, Note: "价格未谈拢"}, true, "", "", MatchLost},
		{"lost right after interest", MatchInterested, Outcome{Stage: MatchLost}, true, "", "", MatchLost},
		{"same stage again", MatchContacted, Outcome{Stage: MatchContacted}, false, "", "", MatchContacted},
		{"jump from interested to signed", MatchInterested, Outcome{Stage: MatchSigned, Value: 5}, false, "stage", "", MatchInterested},
		{"jump from contacted to intent", MatchContacted, Outcome{Stage: MatchIntent}, false, "stage", "", MatchContacted},
		{"contact before any answer", MatchSent, Outcome{Stage: MatchContacted}, false, "stage", "", MatchSent},
		{"contact after a decline", MatchDeclined, Outcome{Stage: MatchContacted}, false, "stage", "", MatchDeclined},
		{"lost before any answer", MatchSent, Outcome{Stage: MatchLost}, false, "stage", "", MatchSent},
		{"back from negotiating", MatchNegotiating, Outcome{Stage: MatchContacted}, false, "stage", "", MatchNegotiating},
		{"after signing", MatchSigned, Outcome{Stage: MatchLost}, false, "stage", "", MatchSigned},
		{"signed without value", MatchIntent, Outcome{Stage: MatchSigned}, false, "", "value", MatchIntent},
		{"negative value", MatchIntent, Outcome{Stage: MatchSigned, Value: -1}, false, "", "value", MatchIntent},
		{"value on contact", MatchInterested, Outcome{Stage: MatchContacted, Value: 100}, false, "", "value", MatchInterested},
		{"unknown stage", MatchInterested, Outcome{Stage: "won"}, false, "", "stage", MatchInterested},
		{"answer is no outcome", MatchSent, Outcome{Stage: MatchInterested}, false, "", "stage", MatchSent},
		{"bad currency", MatchIntent, Outcome{Stage: MatchSigned, Value: 1, Currency: "RMB¥"}, false, "", "currency", MatchIntent},
		{"huge value", MatchIntent, Outcome{Stage: MatchSigned, Value: MaxMatchValue + 1}, false, "", "value", MatchIntent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := matchAt(tc.from)
			changed, err := m.Advance(tc.out, "buyer-1", now)
			switch {
			case tc.conflict != "":
				wantConflict(t, err, tc.conflict)
			case tc.invalid != "":
				wantInvalid(t, err, tc.invalid)
			case err != nil:
				t.Fatalf("Advance: %v", err)
			}
			if changed != tc.changed || m.Status != tc.to {
				t.Fatalf("changed %v status %s, want %v %s", changed, m.Status, tc.changed, tc.to)
			}
		})
	}

	m := matchAt(MatchIntent)
	if _, err := m.Advance(Outcome{Stage: MatchSigned, Value: 1200000}, "b", now); err != nil {
		t.Fatal(err)
	}
	if m.Value != 1200000 || m.Currency != "CNY" || m.ClosedAt == nil || !m.Closed() {
		t.Fatalf("signed match: %+v", m)
	}
	if changed, err := m.Advance(Outcome{Stage: MatchSigned, Value: 1200000}, "b", now); changed || err != nil {
		t.Fatalf("signing twice with the same value: changed %v err %v", changed, err)
	}
	_, err := m.Advance(Outcome{Stage: MatchSigned, Value: 1}, "b", now)
	wantConflict(t, err, "value")

	lost := matchAt(MatchContacted)
	if _, err := lost.Advance(Outcome{Stage: MatchLost}, "b", now); err != nil {
		t.Fatal(err)
	}
	if lost.LostFrom != MatchContacted || lost.Reached() != MatchContacted.Stage() || lost.Decision() != MatchInterested {
		t.Fatalf("lost match: %+v reached %d", lost, lost.Reached())
	}
}

func TestMatchPrivacy(t *testing.T) {
	supplier := &Enterprise{ID: "supplier", Clusters: []string{"L2"}, Contact: Contact{Name: "供应商联系人", Phone: "13900000000"},
		Verification: VerificationVerified}
	lead := &Lead{ID: "lead", BuyerEnterpriseID: "buyer", BuyerName: "上海太平洋贸易有限公司", Clusters: []string{"L1"},
		Contact: Contact{Name: "采购王工", Phone: "0510-1"}, Status: LeadOpen, PostedBy: "poster"}
	buyerMember := &User{ID: "u1", Role: RoleMember, EnterpriseID: "buyer"}
	supplierMember := &User{ID: "u2", Role: RoleMember, EnterpriseID: "supplier"}
	bystander := &User{ID: "u3", Role: RoleMember, EnterpriseID: "other"}
	leadOrganiser := &User{ID: "u4", Role: RoleOrganiser, Clusters: []string{"L1"}}
	otherOrganiser := &User{ID: "u5", Role: RoleOrganiser, Clusters: []string{"A2"}}
	admin := &User{ID: "u6", Role: RoleAdmin}

	tests := []struct {
		status                                  MatchStatus
		viewer                                  *User
		view, respond, outcome, supplierContact bool
		buyerShown                              bool // the lead's buyer name unmasked and its contact shown
	}{
		{MatchProposed, supplierMember, false, true, false, false, false},
		{MatchSent, supplierMember, true, true, false, false, false},
		{MatchSent, buyerMember, true, false, true, false, true},
		{MatchInterested, supplierMember, true, true, false, true, true}, // its own contact
		{MatchInterested, buyerMember, true, false, true, true, true},
		{MatchSigned, supplierMember, true, true, false, true, true},
		{MatchDeclined, supplierMember, true, true, false, false, false},
		{MatchDeclined, buyerMember, true, false, true, false, true},
		{MatchInterested, bystander, false, false, false, false, false},
		{MatchInterested, leadOrganiser, true, false, true, false, true},
		{MatchInterested, otherOrganiser, false, false, false, false, false},
		{MatchInterested, admin, true, false, true, true, true},
		{MatchSent, admin, true, false, true, false, true},
	}
	for _, tc := range tests {
		m := matchAt(tc.status)
		name := string(tc.status) + " as " + tc.viewer.ID
		if got := CanViewMatch(tc.viewer, m, lead); got != tc.view {
			t.Errorf("%s: CanViewMatch = %v", name, got)
		}
		if got := CanRespondMatch(tc.viewer, m); got != tc.respond {
			t.Errorf("%s: CanRespondMatch = %v", name, got)
		}
		if got := CanRecordOutcome(tc.viewer, lead); got != tc.outcome {
			t.Errorf("%s: CanRecordOutcome = %v", name, got)
		}
		if got := m.SupplierContact(tc.viewer, lead, supplier, true); (got != Contact{}) != tc.supplierContact {
			t.Errorf("%s: supplier contact %+v", name, got)
		}
		l := m.LeadFor(tc.viewer, *lead, ContactsOpen(m, lead, true, true))
		if shown := l.BuyerName == lead.BuyerName && l.Contact == lead.Contact; shown != tc.buyerShown {
			t.Errorf("%s: lead shows buyer %q contact %+v", name, l.BuyerName, l.Contact)
		}
	}
}

func TestMatchFunnel(t *testing.T) {
	var ms []*Match
	add := func(s MatchStatus, n int, value int64) {
		for range n {
			m := matchAt(s)
			m.Value = value
			ms = append(ms, m)
		}
	}
	add(MatchProposed, 10, 0)
	add(MatchSent, 20, 0)
	add(MatchDeclined, 5, 0)
	add(MatchInterested, 4, 0)
	add(MatchContacted, 3, 0)
	add(MatchLost, 2, 0) // lost while negotiating
	add(MatchIntent, 2, 500)
	add(MatchSigned, 1, 9000)
	c := MatchCounts{ByStatus: map[MatchStatus]int{}, ByReached: map[int]int{}, Values: map[MatchStatus]int64{}}
	for _, m := range ms {
		c.ByStatus[m.Status]++
		c.ByReached[m.Reached()]++
		if m.Status == MatchIntent || m.Status == MatchSigned {
			c.Values[m.Status] += m.Value
		}
	}
	f := c.Funnel()
	want := map[MatchStatus]int{MatchProposed: 47, MatchSent: 37, MatchInterested: 12, MatchContacted: 8,
		MatchNegotiating: 5, MatchIntent: 3, MatchSigned: 1}
	if f.Total != 47 || f.Declined != 5 || f.Lost != 2 || f.IntentValue != 10000 || f.SignedValue != 9000 {
		t.Fatalf("funnel totals: %+v", f)
	}
	for i, st := range f.Stages {
		if st.Count != want[st.Status] {
			t.Errorf("stage %s: %d, want %d", st.Status, st.Count, want[st.Status])
		}
		if i > 0 && f.Stages[i-1].Count > 0 {
			if r := float64(st.Count) / float64(f.Stages[i-1].Count); st.Rate != r {
				t.Errorf("stage %s: rate %v, want %v", st.Status, st.Rate, r)
			}
		}
	}
	if empty := (MatchCounts{}).Funnel(); empty.Total != 0 || len(empty.Stages) != 7 || empty.Stages[1].Rate != 0 {
		t.Fatalf("empty funnel: %+v", empty)
	}
}

func TestMatchNextOutcomes(t *testing.T) {
	for _, tc := range []struct {
		from MatchStatus
		want string
	}{
		{MatchProposed, ""}, {MatchSent, ""}, {MatchDeclined, ""},
		{MatchInterested, "contacted lost"}, {MatchContacted, "negotiating lost"},
		{MatchNegotiating, "intent lost"}, {MatchIntent, "signed lost"},
		{MatchSigned, ""}, {MatchLost, ""},
	} {
		var got []string
		for _, s := range matchAt(tc.from).NextOutcomes() {
			got = append(got, string(s))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("from %s: %v, want %s", tc.from, got, tc.want)
		}
	}
}
