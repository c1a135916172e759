package domain

import (
	"slices"
	"testing"
	"time"
)

func TestAgendaChanges(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := func(h, m int) time.Time { return time.Date(2026, 5, 12, h, m, 0, 0, loc) }
	opening := AgendaSession{ID: "s1", Title: "开幕式", StartsAt: at(9, 0), EndsAt: at(9, 30), Room: "主会场",
		Speakers: []Speaker{{Name: "王芳"}}}
	forum := AgendaSession{ID: "s2", Title: "车规芯片论坛", StartsAt: at(10, 0), EndsAt: at(11, 30), Room: "B厅",
		Speakers: []Speaker{{Name: "李雷"}, {Name: "韩梅梅"}}}
	with := func(s AgendaSession, edit func(*AgendaSession)) AgendaSession {
		s.Speakers = slices.Clone(s.Speakers)
		edit(&s)
		return s
	}
	type change struct{ field, old, new string }
	for _, tc := range []struct {
		name     string
		status   EventStatus
		old, upd []AgendaSession
		want     []change
	}{
		{"nothing changed", EventPublished, []AgendaSession{opening, forum}, []AgendaSession{opening, forum}, nil},
		{"wording only: title, track, kind, speaker's position", EventPublished, []AgendaSession{forum},
			[]AgendaSession{with(forum, func(s *AgendaSession) {
				s.Title, s.TitleEn, s.Track, s.Kind = "车规级芯片论坛", "Automotive chips", "芯片", "forum"
				s.Speakers[0].Position = "总经理"
			})}, nil},
		{"moved later", EventPublished, []AgendaSession{forum},
			[]AgendaSession{with(forum, func(s *AgendaSession) { s.StartsAt, s.EndsAt = at(14, 0), at(15, 30) })},
			[]change{{"session.time:s2:车规芯片论坛", "2026-05-12 10:00–11:30 (UTC+08:00)", "2026-05-12 14:00–15:30 (UTC+08:00)"}}},
		{"runs longer", EventPublished, []AgendaSession{forum},
			[]AgendaSession{with(forum, func(s *AgendaSession) { s.EndsAt = at(12, 0) })},
			[]change{{"session.time:s2:车规芯片论坛", "2026-05-12 10:00–11:30 (UTC+08:00)", "2026-05-12 10:00–12:00 (UTC+08:00)"}}},
		{"other room and a new speaker at once", EventPublished, []AgendaSession{opening, forum},
			[]AgendaSession{opening, with(forum, func(s *AgendaSession) { s.Room, s.Speakers[1].Name = "C厅", "张伟" })},
			[]change{{"session.room:s2:车规芯片论坛", "B厅", "C厅"}, {"session.speakers:s2:车规芯片论坛", "李雷、韩梅梅", "李雷、张伟"}}},
		{"speaker dropped", EventPublished, []AgendaSession{opening},
			[]AgendaSession{with(opening, func(s *AgendaSession) { s.Speakers = nil })},
			[]change{{"session.speakers:s1:开幕式", "王芳", ""}}},
		{"added and dropped", EventPublished, []AgendaSession{opening},
			[]AgendaSession{forum},
			[]change{{"session.added:s2:车规芯片论坛", "", "2026-05-12 10:00–11:30 (UTC+08:00), B厅"},
				{"session.removed:s1:开幕式", "2026-05-12 09:00–09:30 (UTC+08:00), 主会场", ""}}},
		{"draft: nobody to tell", EventDraft, []AgendaSession{opening}, []AgendaSession{forum}, nil},
		{"cancelled: nobody to tell", EventCancelled, []AgendaSession{opening}, []AgendaSession{forum}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &Event{ID: "e1", Status: tc.status, Timezone: "Asia/Shanghai"}
			now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
			got := AgendaChanges(e, tc.old, tc.upd, "u1", now)
			var gotC []change
			for _, c := range got {
				gotC = append(gotC, change{c.Field, c.Old, c.New})
				if c.EventID != "e1" || c.By != "u1" || !c.At.Equal(now) || c.ID == "" {
					t.Errorf("change %+v: event, author, time or ID missing", c)
				}
			}
			if !slices.Equal(gotC, tc.want) {
				t.Errorf("AgendaChanges =\n%q\nwant\n%q", gotC, tc.want)
			}
		})
	}
}

func TestSessionChange(t *testing.T) {
	for _, tc := range []struct {
		field, aspect, id, title string
		ok                       bool
	}{
		{"session.room:s2:论坛: 芯片", SessionRoom, "s2", "论坛: 芯片", true},
		{"venue", "", "", "", false},
		{"session.room", "", "", "", false},
	} {
		aspect, id, title, ok := SessionChange(tc.field)
		if aspect != tc.aspect || id != tc.id || title != tc.title || ok != tc.ok {
			t.Errorf("SessionChange(%q) = %q %q %q %v", tc.field, aspect, id, title, ok)
		}
	}
}

func TestSessionWhenOverMidnight(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	s := &AgendaSession{StartsAt: time.Date(2026, 5, 12, 22, 0, 0, 0, loc), EndsAt: time.Date(2026, 5, 13, 1, 0, 0, 0, loc)}
	if got := SessionWhen(s, loc); got != "2026-05-12 22:00–2026-05-13 01:00 (UTC+08:00)" {
		t.Errorf("SessionWhen = %q", got)
	}
}
