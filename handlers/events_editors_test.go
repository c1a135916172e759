package handlers

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// TestAgendaEditorKeepsRowsOnError posts an agenda with a blank row in the middle, a good row, a
// row ending before it starts and a row with a malformed time: the page comes back 422 with every
// typed value, each problem beside its field and listed by row and field in the caller's
// language, and the first problem autofocused; nothing is saved.
func TestAgendaEditorKeepsRowsOnError(t *testing.T) {
	f := newFixture(t)
	e := f.events().event
	loc := e.Location()
	at := func(d time.Duration) string { return e.StartsAt.Add(d).In(loc).Format(formLocal) }
	v := url.Values{"rows": {"5"}}
	set := func(i int, title, titleEn, start, end, room string) {
		p := fmt.Sprintf("sessions[%d].", i)
		v.Set(p+"title", title)
		v.Set(p+"titleEn", titleEn)
		v.Set(p+"startsAt", start)
		v.Set(p+"endsAt", end)
		v.Set(p+"room", room)
		v.Set(p+"kind", "talk")
	}
	set(0, "开幕致辞", "Opening", at(0), at(time.Hour), "主会场")
	// row 1 left blank: dropped, so the rows after it move up
	set(2, "圆桌对话", "Round table", at(3*time.Hour), at(2*time.Hour), "B厅")
	set(3, "签约仪式", "Signing", "tomorrow", at(5*time.Hour), "C厅")
	for _, lang := range []string{"zh-CN", "en"} {
		res := f.do(asOrganiser, "POST", "/events/"+e.ID+"/agenda", v.Encode(), acceptLanguage(lang)).wantStatus(t, 422)
		body := string(res.body)
		for _, typed := range []string{"开幕致辞", "Opening", "圆桌对话", "Round table", "签约仪式", "tomorrow", "主会场", "C厅"} {
			if !strings.Contains(body, typed) {
				t.Errorf("%s: %q typed but not shown again", lang, typed)
			}
		}
		want := map[string][]string{
			"zh-CN": {"第 2 行 · 结束：", "第 3 行 · 开始："},
			"en":    {"Row 2 · Ends: ", "Row 3 · Starts: "},
		}[lang]
		first := strings.Index(body, want[0])
		if first < 0 || strings.Index(body, want[1]) < first {
			t.Errorf("%s: problems not listed by row and field in order:\n%s", lang, problemList(body))
		}
		if !regexp.MustCompile(`id="s1-endsAt"[^>]*autofocus`).MatchString(body) {
			t.Errorf("%s: the first problem (row 2, end) is not focused", lang)
		}
		if strings.Count(body, `aria-invalid="true"`) != 2 {
			t.Errorf("%s: %d fields marked invalid, want 2", lang, strings.Count(body, `aria-invalid="true"`))
		}
	}
	got, err := f.store.Events.Get(context.Background(), e.ID)
	if err != nil || len(got.Sessions) != len(e.Sessions) {
		t.Fatalf("a refused agenda changed the stored one: %d sessions, %v", len(got.Sessions), err)
	}
	// Fixed, it saves, English titles included.
	set(2, "圆桌对话", "Round table", at(2*time.Hour), at(3*time.Hour), "B厅")
	set(3, "签约仪式", "Signing", at(4*time.Hour), at(5*time.Hour), "C厅")
	f.do(asOrganiser, "POST", "/events/"+e.ID+"/agenda", v.Encode()).wantStatus(t, 303)
	got, _ = f.store.Events.Get(context.Background(), e.ID)
	if len(got.Sessions) != 3 || got.Sessions[0].TitleEn != "Opening" {
		t.Fatalf("saved agenda %+v", got.Sessions)
	}
	page := string(f.do(asOrganiser, "GET", "/events/"+e.ID+"/edit", "").wantStatus(t, 200).body)
	if !strings.Contains(page, `value="Round table"`) || !strings.Contains(page, `id="agenda-row-template"`) {
		t.Error("the editor does not show the English titles or lacks the row template for the script")
	}
}

// problemList is the list above a refused form, for failure messages.
func problemList(body string) string {
	i := strings.Index(body, `class="problem-list"`)
	if i < 0 {
		return "(no list)"
	}
	return body[i:min(len(body), i+600)]
}

// TestQuestionsEditor edits an event's registration questions on its page: a choice with one
// option is refused naming the question and field, nothing half-written; fixed, the questions
// are stored with IDs given in order, and a registration is checked against them.
func TestQuestionsEditor(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	v := url.Values{"qrows": {"3"},
		"questions[0].label": {"贵司主营产品"}, "questions[0].labelEn": {"Main products"}, "questions[0].kind": {"text"},
		"questions[0].required": {"1"},
		"questions[1].label":    {"参会目的"}, "questions[1].kind": {"choice"}, "questions[1].options": {"采购\n"},
	}
	for _, lang := range []string{"zh-CN", "en"} {
		body := string(f.do(asOrganiser, "POST", "/events/"+e.ID+"/questions", v.Encode(), acceptLanguage(lang)).wantStatus(t, 422).body)
		want := map[string]string{"zh-CN": "问题 2 · 选项（每行一个）：", "en": "Question 2 · Options (one a line): "}[lang]
		if !strings.Contains(body, want) || !strings.Contains(body, "贵司主营产品") || !strings.Contains(body, "Main products") {
			t.Errorf("%s: %s", lang, problemList(body))
		}
		if !regexp.MustCompile(`id="q1-options"[^>]*autofocus`).MatchString(body) {
			t.Errorf("%s: the options of question 2 are not focused", lang)
		}
	}
	if got, _ := f.store.Events.Get(context.Background(), e.ID); len(got.Questions) != 0 {
		t.Fatalf("refused questions stored: %+v", got.Questions)
	}
	v.Set("questions[1].options", "采购\n销售\n合作")
	v.Set("questions[1].optionsEn", "Buying\nSelling\nPartnering")
	f.do(asOrganiser, "POST", "/events/"+e.ID+"/questions", v.Encode()).wantStatus(t, 303)
	got, _ := f.store.Events.Get(context.Background(), e.ID)
	if len(got.Questions) != 2 || got.Questions[0].ID != "q1" || got.Questions[1].ID != "q2" || !got.Questions[0].Required ||
		len(got.Questions[1].OptionsEn) != 3 {
		t.Fatalf("questions %+v", got.Questions)
	}
	// The member's registration must answer the required question with an offered choice.
	body := `{"attendees":[{"name":"王芳","mobile":"13800000001","email":"wf@example.cn"}],"answers":{"q2":"投资"}}`
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", body).wantField(t, 422, "answers.q1")
	// Removing a question keeps the other's ID.
	v = url.Values{"qrows": {"2"}, "questions[0].id": {"q1"}, "questions[0].label": {"贵司主营产品"}, "questions[0].kind": {"text"},
		"questions[0].remove": {"1"}, "questions[1].id": {"q2"}, "questions[1].label": {"参会目的"}, "questions[1].kind": {"choice"},
		"questions[1].options": {"采购\n销售"}}
	f.do(asOrganiser, "POST", "/events/"+e.ID+"/questions", v.Encode()).wantStatus(t, 303)
	if got, _ = f.store.Events.Get(context.Background(), e.ID); len(got.Questions) != 1 || got.Questions[0].ID != "q2" {
		t.Fatalf("after removal %+v", got.Questions)
	}
	f.do(asOtherOrganiser, "POST", "/events/"+e.ID+"/questions", v.Encode()).wantStatus(t, 403)
}

// TestWalkinForm adds a walk-in from the console: a refused post keeps what was typed and names
// the field; a good one is confirmed and listed on the console.
func TestWalkinForm(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	v := url.Values{"enterpriseName": {"无锡临时到访科技有限公司"}, "attendees[0].name": {"赵敏"}, "attendees[0].email": {"zm@example.cn"}}
	body := string(f.do(asOrganiser, "POST", "/events/"+e.ID+"/walkins", v.Encode()).wantStatus(t, 422).body)
	if !strings.Contains(body, "无锡临时到访科技有限公司") || !strings.Contains(body, `value="赵敏"`) ||
		!regexp.MustCompile(`name="attendees\[0\]\.mobile"[^>]*aria-invalid="true"`).MatchString(body) {
		t.Fatal("the refused walk-in lost what was typed or does not point at the missing mobile")
	}
	v.Set("attendees[0].mobile", "13900001111")
	f.do(asOrganiser, "POST", "/events/"+e.ID+"/walkins", v.Encode()).wantStatus(t, 303)
	regs, _, _, err := f.store.Registrations.ListByEvent(context.Background(), e.ID, store.RegistrationFilter{}, store.Page{Limit: 10})
	if err != nil || len(regs) != 1 || regs[0].Status != domain.RegConfirmed || regs[0].EnterpriseName != "无锡临时到访科技有限公司" {
		t.Fatalf("walk-in %+v %v", regs, err)
	}
	console := string(f.do(asOrganiser, "GET", "/events/"+e.ID+"/console", "").wantStatus(t, 200).body)
	if !strings.Contains(console, "赵敏") || !strings.Contains(console, `action="/events/`+e.ID+`/walkins"`) {
		t.Fatal("the console lacks the walk-in or its form")
	}
	f.do(asOtherOrganiser, "POST", "/events/"+e.ID+"/walkins", v.Encode()).wantStatus(t, 403)
}
