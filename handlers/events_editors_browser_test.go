package handlers

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"duijie/domain"
)

// browse opens path in a headless Chromium at width×height, signed in as the organiser, in lang.
func (f *fixture) browse(t *testing.T, base, lang, path string, width, height int64) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath(t)), chromedp.Flag("no-sandbox", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	must(t, "viewport", chromedp.Do(ctx, chromedp.EmulateViewport(width, height)))
	for name, v := range map[string]string{sessionCookie: f.actors[asOrganiser].cookie, langCookie: lang} {
		if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: v, URL: base}); err != nil {
			t.Fatalf("cookie %s: %v", name, err)
		}
	}
	must(t, "open "+path, chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("body"))))
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	must(t, js, err)
	return v
}

// shot saves what the screen shows, scrolled to the element with id when given, for a person
// to judge, when DUIJIE_SCREENSHOTS names a folder.
func shot(t *testing.T, ctx context.Context, name, id string) {
	t.Helper()
	dir := os.Getenv("DUIJIE_SCREENSHOTS")
	if dir == "" {
		return
	}
	if id != "" {
		eval[bool](t, ctx, `(document.getElementById('`+id+`').scrollIntoView({block: 'start'}), true)`)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(t, "screenshot", err)
	must(t, "save screenshot", os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

// TestAgendaEditorInChromium drives the agenda editor as an organiser would: adds a row,
// duplicates one, removes one, all without saving, then saves with a mistake. The page comes
// back with every row as typed and the first problem focused and on screen; fixed, it saves.
// At phone width the edit page does not scroll sideways, in either language.
func TestAgendaEditorInChromium(t *testing.T) {
	chromiumPath(t)
	f := newFixture(t)
	e := f.events().event
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = f.app.Listener(ln) }()
	t.Cleanup(func() { _ = f.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()
	edit := "/events/" + e.ID + "/edit"
	rows := `document.querySelectorAll('#agenda [data-row]').length`

	ctx := f.browse(t, base, "zh-CN", edit, 1280, 900)
	before := eval[int](t, ctx, rows)
	saved := len(e.Sessions)
	if saved == 0 {
		t.Fatal("the fixture event has no agenda")
	}
	must(t, "add a row", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#agenda [data-row-add]`))))
	if n := eval[int](t, ctx, rows); n != before+1 {
		t.Fatalf("%d rows after adding, want %d", n, before+1)
	}
	if !eval[bool](t, ctx, `document.activeElement === document.querySelector('#agenda [data-row]:last-child input[name$=".title"]')`) {
		t.Fatalf("focus after adding is on %q, not the new row's title", eval[string](t, ctx, `document.activeElement.name`))
	}
	must(t, "type the new session", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#agenda [data-row]:last-child input[name$=".title"]`), "新增的对接洽谈")))
	// Duplicate the first saved session: the copy follows it, with its values and no ID.
	must(t, "duplicate", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#agenda [data-row]:first-child [data-row-duplicate]`))))
	copyOK := eval[bool](t, ctx, `(() => { const r = document.querySelectorAll('#agenda [data-row]');
		const a = r[0], b = r[1];
		return b.querySelector('[data-row-id]').value === '' && a.querySelector('[data-row-id]').value !== '' &&
			b.querySelector('input[name$=".title"]').value === a.querySelector('input[name$=".title"]').value &&
			b.querySelector('input[name$=".startsAt"]').value === a.querySelector('input[name$=".startsAt"]').value &&
			b.querySelector('[data-row-label]').textContent === '第 2 行'; })()`)
	if !copyOK {
		t.Fatal("the duplicate is not a copy of the row above it without its ID, numbered 2")
	}
	// Remove the copy again, then make the first session end before it starts.
	must(t, "remove", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#agenda [data-row]:nth-child(2) [data-row-remove]`))))
	if n := eval[int](t, ctx, rows); n != before+1 {
		t.Fatalf("%d rows after removing the copy, want %d", n, before+1)
	}
	eval[bool](t, ctx, `(() => { const r = document.querySelector('#agenda [data-row]:first-child');
		r.querySelector('input[name$=".endsAt"]').value = r.querySelector('input[name$=".startsAt"]').value.slice(0, 11) + '00:05';
		return true; })()`)
	// The new row needs times to be valid; left without them it is the second problem.
	must(t, "save", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#agenda button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("agenda-errors"))))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === 'complete' && document.activeElement !== document.body`,
		chromedp.WithPollingTimeout(5*time.Second)))
	must(t, "a field is focused after the refused save", err)
	shot(t, ctx, "agenda-error-zh-1280", "")
	state := eval[map[string]any](t, ctx, `(() => { const a = document.activeElement, r = a.getBoundingClientRect();
		return {id: a.id, top: r.top, bottom: r.bottom, h: innerHeight,
			typed: [...document.querySelectorAll('#agenda input')].some(i => i.value === '新增的对接洽谈'),
			items: [...document.querySelectorAll('#agenda-errors li')].map(li => li.textContent)}; })()`)
	if state["id"] != "s0-endsAt" {
		t.Fatalf("focus after the refused save is on %v, want the first row's end (problems %v)", state["id"], state["items"])
	}
	if top, bottom, h := state["top"].(float64), state["bottom"].(float64), state["h"].(float64); top < 0 || bottom > h {
		t.Fatalf("the focused field is off screen: %v–%v of %v px", top, bottom, h)
	}
	if state["typed"] != true {
		t.Fatal("the added row's title was lost on the refused save")
	}
	if got, _ := f.store.Events.Get(context.Background(), e.ID); len(got.Sessions) != saved {
		t.Fatalf("a refused save changed the agenda: %d sessions", len(got.Sessions))
	}

	for _, lang := range []string{"zh-CN", "en"} {
		ctx := f.browse(t, base, lang, edit, 390, 844)
		fits(t, ctx)
		shot(t, ctx, "agenda-"+lang+"-390", "agenda")
		shot(t, ctx, "questions-"+lang+"-390", "questions")
		ctx = f.browse(t, base, lang, "/events/"+e.ID+"/console", 390, 844)
		eval[bool](t, ctx, `(document.getElementById('walkin').open = true, true)`)
		fits(t, ctx)
		shot(t, ctx, "walkin-"+lang+"-390", "walkin")
		ctx = f.browse(t, base, lang, edit, 1280, 900)
		shot(t, ctx, "agenda-"+lang+"-1280", "agenda")
		shot(t, ctx, "questions-"+lang+"-1280", "questions")
	}
}

// TestProgrammeInChromium shows a three-track day: on a wide screen sessions held at the same
// time stand level on the grid; on a phone the page does not scroll sideways and lists the day
// in time order. Both languages.
func TestProgrammeInChromium(t *testing.T) {
	chromiumPath(t)
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	at := func(h, m int) time.Time {
		return e.StartsAt.Add(time.Duration(h-9)*time.Hour + time.Duration(m)*time.Minute)
	}
	sess := func(title, titleEn, track, room string, h1, m1, h2, m2 int, kind domain.SessionKind) domain.AgendaSession {
		return domain.AgendaSession{ID: domain.NewID(), Title: title, TitleEn: titleEn, Track: track, Room: room, Kind: kind,
			StartsAt: at(h1, m1), EndsAt: at(h2, m2), Speakers: []domain.Speaker{{Name: "王主任", Position: "主任", Organisation: "无锡市物联网产业发展促进中心"}}}
	}
	e.Sessions = []domain.AgendaSession{
		sess("主论坛开幕式暨重点项目集中签约仪式", "Opening plenary and signing of key projects", "", "主会场", 9, 0, 10, 30, domain.SessionTalk),
		sess("茶歇", "Coffee break", "", "", 10, 30, 10, 40, domain.SessionBreak),
		sess("集成电路设计与封测协同创新分论坛", "IC design and packaging forum", "集成电路", "B厅", 10, 40, 12, 0, domain.SessionTalk),
		sess("智能传感器应用场景对接会", "Smart sensor applications matchmaking", "传感器", "C厅", 10, 40, 11, 30, domain.SessionMatchmaking),
		sess("工业软件国产化替代路径研讨", "Industrial software forum", "软件", "D厅", 10, 40, 12, 0, domain.SessionTalk),
		sess("车规级芯片供需洽谈", "Automotive chips matchmaking", "集成电路", "B厅", 14, 0, 15, 30, domain.SessionMatchmaking),
		sess("MEMS 传感器企业路演", "MEMS sensor pitches", "传感器", "C厅", 14, 0, 15, 0, domain.SessionTalk),
	}
	if err := f.store.Events.SetAgenda(t.Context(), e.ID, e.Sessions, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = f.app.Listener(ln) }()
	t.Cleanup(func() { _ = f.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()
	for _, lang := range []string{"zh-CN", "en"} {
		ctx := f.browse(t, base, lang, "/events/"+e.ID, 1280, 900)
		level := eval[bool](t, ctx, `(() => { const cells = [...document.querySelectorAll('.agenda-grid td.agenda-cell')];
			const top = re => cells.find(c => re.test(c.textContent)).getBoundingClientRect().top;
			return Math.abs(top(/集成电路设计|IC design/) - top(/智能传感器|Smart sensor/)) < 1 &&
				Math.abs(top(/智能传感器|Smart sensor/) - top(/工业软件|Industrial software/)) < 1 &&
				top(/车规级|Automotive/) > top(/集成电路设计|IC design/); })()`)
		if !level {
			t.Fatalf("%s: parallel sessions do not stand level on the desktop grid", lang)
		}
		shot(t, ctx, "programme-"+lang+"-1280", "agenda")
		ctx = f.browse(t, base, lang, "/events/"+e.ID, 390, 844)
		fits(t, ctx)
		if eval[bool](t, ctx, `getComputedStyle(document.querySelector('.agenda-grid-wrap')).display !== 'none'`) {
			t.Fatalf("%s: the phone shows the desktop grid", lang)
		}
		shot(t, ctx, "programme-"+lang+"-390", "agenda")
	}
}
