package handlers

import (
	"net/url"
	"strconv"
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
	grid := page[strings.Index(page, `<table class="agenda-grid">`):strings.Index(page, `class="agenda-list agenda-timeline"`)]
	// The opening (main programme, nothing alongside) spans the three tracks, which stand side
	// by side after the time column.
	if strings.Count(grid[:strings.Index(grid, "</thead>")], `scope="col"`) != 4 || !strings.Contains(grid, `colspan="3"`) {
		t.Fatal("desktop grid does not put the 3 tracks side by side under a plenary spanning them")
	}
	// The two 10:40 sessions of different tracks stand in one row of the grid.
	for _, row := range strings.Split(grid, "<tr>") {
		if strings.Contains(row, "传感器分论坛") != strings.Contains(row, "软件分论坛") {
			t.Fatal("sessions held at the same time are not level on the desktop grid")
		}
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

// TestProgrammeGrid lays a day out on its time grid: one row per moment a session starts or
// ends, a session spanning the rows it lasts, parallel sessions level, and a track whose
// sessions overlap split into lanes under one heading.
func TestProgrammeGrid(t *testing.T) {
	loc := time.UTC
	day := time.Date(2026, 12, 16, 0, 0, 0, 0, loc)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	s := func(title string, h1, m1, h2, m2 int) agendaRowView {
		return agendaRowView{Title: title, start: at(h1, m1), end: at(h2, m2)}
	}
	g := buildGrid([]agendaTrackView{
		{Name: "", Rows: []agendaRowView{s("开幕", 9, 0, 10, 0), s("主旨", 10, 0, 11, 0)}},
		{Name: "芯片", Rows: []agendaRowView{s("芯片A", 9, 30, 10, 30), s("芯片B", 9, 30, 10, 0)}}, // two rooms at once
		{Name: "软件", Rows: []agendaRowView{s("全天工作坊", 9, 0, 12, 0)}},
	}, loc)
	if len(g.Heads) != 3 || g.Heads[1].Span != 2 { // the main programme runs alongside: a column of its own
		t.Fatalf("heads %+v", g.Heads)
	}
	// Moments 9:00, 9:30, 10:00, 10:30, 11:00, 12:00: five rows.
	var times []string
	for _, r := range g.Rows {
		times = append(times, r.Time)
	}
	if strings.Join(times, " ") != "09:00 09:30 10:00 10:30 11:00" {
		t.Fatalf("rows %v", times)
	}
	cells := func(r gridRow) string {
		var out []string
		for _, c := range r.Cells {
			if c.Session == nil {
				out = append(out, "·")
			} else {
				out = append(out, c.Session.Title+"/"+strconv.Itoa(c.Span))
			}
		}
		return strings.Join(out, " ")
	}
	for i, want := range []string{
		"开幕/2 · · 全天工作坊/5",
		"芯片A/2 芯片B/1",
		"主旨/2 ·",
		"· ·",
		"· · ·",
	} {
		if got := cells(g.Rows[i]); got != want {
			t.Errorf("row %s: %q, want %q", g.Rows[i].Time, got, want)
		}
	}
}
