package matching

import "testing"

// votesWith returns the vocabulary's cluster votes for a lead under tuning tu.
func votesWith(t *testing.T, tu Tuning, title, description string) map[string]float64 {
	t.Helper()
	e := New(DefaultConfig())
	spans := e.an.leadSpans(title, description)
	vote := map[string]float64{}
	vocabVotes(e.an.v, spans, vote, &tu)
	sceneVotes(e.an.v, scenesOf(e.an.v, spans), spans, vote, &tu)
	return vote
}

// The machines a factory names while telling its story are its setting: the need clause's
// product names the office that answers the lead, though the story names three things.
func TestStoryConceptsVoteBelowTheNeed(t *testing.T) {
	cases := []struct{ title, description, need, story string }{
		{"门禁", "我们厂有几台数控机床、两台空压机和一台注塑机，门口保安老换人，希望上一套人脸识别门禁", "L1", "A1"},
		{"Access control", "Our workshop runs CNC machines, air compressors and an injection molding machine. We need face recognition access control for the gate.", "L1", "A1"},
	}
	for _, c := range cases {
		v := votesWith(t, dt, c.title, c.description)
		if v[c.need] <= v[c.story] {
			t.Errorf("%s | %s: votes %v, want %s (the need) above %s (the story)", c.title, c.description, v, c.need, c.story)
		}
	}
}

// Without a need clause read as something, the story is the best clue and keeps its votes.
func TestStoryKeepsItsVotesWithoutANeed(t *testing.T) {
	off := dt
	off.StoryVote = 0
	title, description := "问一下", "我们厂有几台数控机床和两台空压机，最近老停机"
	on, was := votesWith(t, dt, title, description), votesWith(t, off, title, description)
	if on["A1"] == 0 || on["A1"] != was["A1"] {
		t.Errorf("votes %v, want A1 as without StoryVote (%v)", on, was)
	}
}
