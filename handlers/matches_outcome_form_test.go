package handlers

import (
	"bytes"
	"testing"

	"duijie/domain"
)

// A refused outcome is answered on its match's card, where the person is looking, with what
// they typed; a saved one goes back to the card.
func TestOutcomeFormProblemShownOnItsCard(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	l := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	m := f.newMatch(l, f.supplierIn("L1"), domain.MatchInterested)

	res := f.do(asMember, "POST", "/matches/"+m.ID+"/outcome?lang=en", form("stage", "contacted", "value", "5000", "note", "called twice")).wantStatus(t, 422)
	card := res.body[max(0, bytes.Index(res.body, []byte(`id="match-`+m.ID+`"`))):]
	for _, want := range []string{`id="problem-` + m.ID + `"`, "Check the value", `value="5000"`, `value="called twice"`} {
		if !bytes.Contains(card, []byte(want)) {
			t.Errorf("card does not show %q: %.3000s", want, card)
		}
	}
	// The language switch leads to the ranking, not to the form's address, which has no page.
	if !bytes.Contains(res.body, []byte(`class="lang-switch" href="/leads/`+l.ID+`/matches?lang=zh-CN"`)) {
		t.Errorf("language switch does not lead to the ranking: %.1500s", res.body)
	}
	if got, _ := f.store.Matches.Get(t.Context(), m.ID); got.Status != domain.MatchInterested {
		t.Fatalf("a refused outcome moved the match to %s", got.Status)
	}

	res = f.do(asMember, "POST", "/matches/"+m.ID+"/outcome", form("stage", "contacted")).wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/leads/"+l.ID+"/matches#match-"+m.ID {
		t.Fatalf("saved outcome goes to %q", loc)
	}
}
