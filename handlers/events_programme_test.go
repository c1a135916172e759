package handlers

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"duijie/domain"
)

// TestProgrammeReadsOnAPhone: a three-track day is listed in time order on the phone list
// (10:40 before 14:00 whatever the track), with the track as a label, and English titles on
// English pages.
func TestProgrammeReadsOnAPhone(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	day := e.StartsAt
	at := func(h, m int) time.Time { return day.Add(time.Duration(h-9)*time.Hour + time.Duration(m)*time.Minute) }
	e.Sessions = []domain.AgendaSession{
		{ID: domain.NewID(), Title: "主论坛开幕", TitleEn: "Opening plenary", StartsAt: at(9, 0), EndsAt: at(10, 0), Room: "A厅", Kind: domain.SessionTalk},
		{ID: domain.NewID(), Title: "芯片分论坛", StartsAt: at(14, 0), EndsAt: at(15, 0), Room: "B厅", Track: "芯片", Kind: domain.SessionTalk},
		{ID: domain.NewID(), Title: "传感器分论坛", StartsAt: at(10, 40), EndsAt: at(11, 30), Room: "C厅", Track: "传感器", Kind: domain.SessionTalk},
		{ID: domain.NewID(), Title: "软件分论坛", StartsAt: at(10, 40), EndsAt: at(12, 0), Room: "D厅", Track: "软件", Kind: domain.SessionTalk},
	}
	if err := f.store.Events.SetAgenda(t.Context(), e.ID, e.Sessions, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	page := string(f.do(asAnonymous, "GET", "/events/"+e.ID, "").wantStatus(t, 200).body)
	timeline := page[strings.Index(page, `class="agenda-list agenda-timeline"`):]
	a, b := strings.Index(timeline, "传感器分论坛"), strings.Index(timeline, "芯片分论坛")
	if a < 0 || b < 0 || a > b {
		t.Fatalf("phone list not in time order (10:40 at %d, 14:00 at %d)", a, b)
	}
	if !strings.Contains(page, `class="agenda-tracks agenda-tracks-4"`) {
		t.Fatal("desktop grid does not put the 4 tracks side by side")
	}
	en := string(f.do(asAnonymous, "GET", "/events/"+e.ID, "", cookie(langCookie, "en")).wantStatus(t, 200).body)
	if !strings.Contains(en, "Opening plenary") || !strings.Contains(en, "芯片分论坛") {
		t.Fatal("English page does not use titleEn (falling back to the Chinese title)")
	}
}

// TestEventFormSetsApprovalAndEnglish: the organiser's form sets approval and the English
// venue and description, and keeps them when saved again.
func TestEventFormSetsApprovalAndEnglish(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	form := eventForm(e)
	form["approval"], form["venueEn"], form["descriptionEn"] = "1", "Taihu Expo Centre", "In English."
	v := make([]string, 0, len(form))
	for k, x := range form {
		v = append(v, k+"="+url.QueryEscape(x))
	}
	f.do(asOrganiser, "POST", "/events/"+e.ID, strings.Join(v, "&")).wantStatus(t, 303)
	got, err := f.store.Events.Get(t.Context(), e.ID)
	if err != nil || !got.Approval || got.VenueEn != "Taihu Expo Centre" || got.DescriptionEn != "In English." {
		t.Fatalf("saved %+v %v", got, err)
	}
	page := string(f.do(asAnonymous, "GET", "/events/"+e.ID, "", cookie(langCookie, "en")).wantStatus(t, 200).body)
	if !strings.Contains(page, "Taihu Expo Centre") || !strings.Contains(page, "In English.") {
		t.Fatal("English page does not show the English venue and description")
	}
}
