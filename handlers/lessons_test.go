package handlers

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"duijie/domain"
)

// The cluster office corrects leads about trapped lifts from 高端装备 to 物联网 twice; the
// platform then routes the next such lead, and the one still waiting in triage, to 物联网 with
// the reason, lists the link for the office, and lets it switch the link off.
func TestTriageLessons(t *testing.T) {
	f := newFixture(t)
	f.addActor("lifts", &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"A1", "L1"}})
	post := func(title string) domain.Lead {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"title": title, "quantity": 1, "status": "open"})
		return leadOf(t, f.do(asMember, "POST", "/api/v1/leads", string(body)).wantStatus(t, 201))
	}
	lessons := func(as string) []domain.LearnedLink {
		t.Helper()
		var out struct{ Data []domain.LearnedLink }
		if err := json.Unmarshal(f.do(as, "GET", "/api/v1/triage/lessons", "").wantStatus(t, 200).body, &out); err != nil {
			t.Fatal(err)
		}
		return out.Data
	}
	first, second := post("小区电梯老困人，想装个能报警的"), post("电梯老困人")
	waiting := post("电梯老困人，业主天天投诉")
	if !first.ClustersInferred || first.Clusters[0] != "A1" || waiting.Clusters[0] != "A1" {
		t.Fatalf("the test needs leads read as 高端装备 first: %v %v", first.Clusters, waiting.Clusters)
	}
	if ls := lessons("lifts"); len(ls) != 0 {
		t.Fatalf("learned before any correction: %+v", ls)
	}

	// Bad corrections change nothing and teach nothing.
	for _, tc := range []struct {
		as, body string
		status   int
		field    string
	}{
		{"lifts", `{"clusters":["ZZ"]}`, 422, "clusters"},
		{"lifts", `{"clusters":[]}`, 422, "clusters"},
		{"lifts", `{"clusters":"L1"}`, 400, ""},
		{asOtherOrganiser, `{"clusters":["L1"]}`, 404, ""}, // someone else's lead
		{asMember, `{"clusters":["L1"]}`, 403, ""},
	} {
		res := f.do(tc.as, "POST", "/api/v1/leads/"+first.ID+"/clusters", tc.body).wantStatus(t, tc.status)
		if tc.field != "" {
			if _, fields := res.apiError(t); fields[tc.field] == nil {
				t.Errorf("%s: no message on %s: %s", tc.body, tc.field, res.body)
			}
		}
	}
	if ls := lessons("lifts"); len(ls) != 0 {
		t.Fatalf("bad input taught %+v", ls)
	}

	// One correction (API), then a second (the triage form): the link is learned.
	f.do("lifts", "POST", "/api/v1/leads/"+first.ID+"/clusters", `{"clusters":["L1"]}`).wantStatus(t, 200)
	if ls := lessons("lifts"); len(ls) != 0 {
		t.Fatalf("one correction taught %+v", ls)
	}
	f.do("lifts", "POST", "/leads/"+second.ID+"/clusters", "clusters=L1").wantStatus(t, 303)
	ls := lessons("lifts")
	if len(ls) != 1 || ls[0].Term != "电梯老困人" || ls[0].Cluster != "L1" || ls[0].Net != 2 || ls[0].Off ||
		ls[0].LastByName != "Fixture lifts" {
		t.Fatalf("learned %+v", ls)
	}
	// Organisers see the links of their clusters only; admins all.
	if got := lessons(asOrganiser); len(got) != 1 {
		t.Fatalf("L1 organiser sees %+v", got)
	}
	if got := lessons(asOtherOrganiser); len(got) != 0 {
		t.Fatalf("A2 organiser sees %+v", got)
	}
	f.do(asMember, "GET", "/api/v1/triage/lessons", "").wantStatus(t, 403)

	// The lead still waiting in triage, and the next one written the same way, go to 物联网.
	var again struct{ Data domain.Lead }
	if err := json.Unmarshal(f.do("lifts", "GET", "/api/v1/leads/"+waiting.ID, "").wantStatus(t, 200).body, &again); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.Data.Clusters, []string{"L1"}) || !again.Data.ClustersInferred {
		t.Fatalf("waiting lead %v inferred %v", again.Data.Clusters, again.Data.ClustersInferred)
	}
	next := post("电梯老困人，晚上也困过一次")
	if !slices.Equal(next.Clusters, []string{"L1"}) {
		t.Fatalf("next lead %v, want L1", next.Clusters)
	}
	reason := func(lang string) string {
		var out struct {
			Data struct{ Learned []struct{ Reason string } }
		}
		res := f.do(asMember, "POST", "/api/v1/leads/analyse", `{"title":"电梯老困人"}`, acceptLanguage(lang)).wantStatus(t, 200)
		if err := json.Unmarshal(res.body, &out); err != nil || len(out.Data.Learned) == 0 {
			t.Fatalf("analyse %s: %s", lang, res.body)
		}
		return out.Data.Learned[0].Reason
	}
	if r := reason("zh-CN"); r != "2 次分拣纠正：电梯老困人 → 物联网" {
		t.Errorf("zh reason %q", r)
	}
	if r := reason("en"); r != "learned from 2 triage corrections: 电梯老困人 → Internet of Things" {
		t.Errorf("en reason %q", r)
	}

	// The page lists it with a switch; the triage page counts it and shows the reason.
	page := string(f.do("lifts", "GET", "/leads/triage/lessons", "").wantStatus(t, 200).body)
	for _, want := range []string{"电梯老困人", "物联网", "Fixture lifts", `name="_csrf"`, `value="off"`} {
		if !strings.Contains(page, want) {
			t.Errorf("lessons page lacks %q", want)
		}
	}
	en := string(f.do("lifts", "GET", "/leads/triage/lessons", "", acceptLanguage("en")).wantStatus(t, 200).body)
	if !strings.Contains(en, "Learned from triage") || !strings.Contains(en, "Switch off") {
		t.Errorf("English lessons page: %s", en)
	}
	triage := string(f.do("lifts", "GET", "/leads/triage", "").wantStatus(t, 200).body)
	if !strings.Contains(triage, "学到 1 条归属") || !strings.Contains(triage, "2 次分拣纠正：电梯老困人 → 物联网") {
		t.Errorf("triage page lacks the count or the reason")
	}
	f.do(asMember, "GET", "/leads/triage/lessons", "").wantStatus(t, 403)

	// Bad switches.
	for _, tc := range []struct {
		as, body string
		status   int
		field    string
	}{
		{"lifts", `{"term":"电梯老困人","cluster":"ZZ","off":true}`, 422, "cluster"},
		{"lifts", `{"term":"","cluster":"L1","off":true}`, 422, "term"},
		{"lifts", `{"term":"电梯老困人","cluster":"L1"}`, 422, "off"},
		{"lifts", `{"term":"食堂油烟","cluster":"L1","off":true}`, 404, ""},
		{asOtherOrganiser, `{"term":"电梯老困人","cluster":"L1","off":true}`, 403, ""},
		{asMember, `{"term":"电梯老困人","cluster":"L1","off":true}`, 403, ""},
	} {
		res := f.do(tc.as, "POST", "/api/v1/triage/lessons", tc.body).wantStatus(t, tc.status)
		if tc.field != "" {
			if _, fields := res.apiError(t); fields[tc.field] == nil {
				t.Errorf("%s: no message on %s: %s", tc.body, tc.field, res.body)
			}
		}
	}
	_, fields := f.do("lifts", "POST", "/api/v1/triage/lessons", `{"term":"电梯老困人","cluster":"ZZ","off":true}`,
		acceptLanguage("en")).apiError(t)
	if msg, _ := fields["cluster"].(string); !strings.Contains(msg, "there is no cluster ZZ") {
		t.Errorf("English message %v", fields["cluster"])
	}
	// The form without its CSRF token is refused.
	form := "term=" + url.QueryEscape("电梯老困人") + "&cluster=L1&action=off"
	if res := f.do("lifts", "POST", "/leads/triage/lessons", form, withoutCSRF()); res.status != 403 {
		t.Fatalf("form without CSRF: %d", res.status)
	}

	// Switched off (the form): listed as off, and the waiting lead goes back to the engine's reading.
	f.do("lifts", "POST", "/leads/triage/lessons", form).wantStatus(t, 303)
	if ls := lessons("lifts"); len(ls) != 1 || !ls[0].Off {
		t.Fatalf("after switching off: %+v", ls)
	}
	if err := json.Unmarshal(f.do("lifts", "GET", "/api/v1/leads/"+waiting.ID, "").wantStatus(t, 200).body, &again); err != nil {
		t.Fatal(err)
	}
	if again.Data.Clusters[0] != "A1" {
		t.Fatalf("waiting lead after switching off: %v", again.Data.Clusters)
	}
	if l := post("电梯老困人"); l.Clusters[0] != "A1" {
		t.Fatalf("routed by a link switched off: %v", l.Clusters)
	}
	// And on again (API).
	var on struct{ Data domain.LearnedLink }
	if err := json.Unmarshal(f.do(asAdmin, "POST", "/api/v1/triage/lessons", `{"term":"电梯老困人","cluster":"L1","off":false}`).
		wantStatus(t, 200).body, &on); err != nil || on.Data.Off {
		t.Fatalf("on again: %+v %v", on.Data, err)
	}
}
