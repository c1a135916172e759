package handlers

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/draw"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	qrcode "github.com/skip2/go-qrcode"

	"duijie/domain"
	"duijie/store"
)

// chromiumPath finds the browser for the door test. Outside CI a machine without one skips the
// test, saying so; in CI (.ci/run installs it) its absence is a failure.
//
// Under the race detector the browser tests skip: they check what the browser does (its script,
// layout, camera) and run in the plain `go test ./...` step of .ci/run; their server side is
// covered under -race by the HTTP tests, and a browser under -race costs CI minutes.
func chromiumPath(t *testing.T) string {
	if raceDetector {
		t.Skip("browser test: runs without -race (the plain go test step)")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs it with apt-get")
	}
	t.Skip("chromium not found on PATH: the camera check-in test needs it (apt-get install chromium)")
	return ""
}

// writeQRVideo writes a Y4M file (what Chromium's fake camera plays in a loop) showing each code
// as a QR for two seconds, one after the other.
func writeQRVideo(t *testing.T, codes ...string) string {
	t.Helper()
	const size, fps = 320, 5
	path := filepath.Join(t.TempDir(), "camera.y4m")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", size, size, fps)
	chroma := make([]byte, size*size/2) // U and V planes: no colour
	for i := range chroma {
		chroma[i] = 128
	}
	for _, code := range codes {
		q, err := qrcode.New(code, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		frame := image.NewGray(image.Rect(0, 0, size, size))
		draw.Draw(frame, frame.Bounds(), image.White, image.Point{}, draw.Src)
		img := q.Image(260)
		draw.Draw(frame, image.Rect(30, 30, 290, 290), img, image.Point{}, draw.Src)
		for range 2 * fps {
			w.WriteString("FRAME\n")
			w.Write(frame.Pix)
			w.Write(chroma)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return path
}

// door opens the check-in page in a headless Chromium whose camera shows the codes, at phone
// width, signed in as the organiser, in lang.
func (f *fixture) door(t *testing.T, base, lang string, e *domain.Event, codes ...string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", writeQRVideo(t, codes...)),
		chromedp.Flag("no-sandbox", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	org := f.actors[asOrganiser]
	must(t, "viewport", chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)))
	for name, v := range map[string]string{sessionCookie: org.cookie, langCookie: lang} {
		if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: v, URL: base}); err != nil {
			t.Fatalf("cookie %s: %v", name, err)
		}
	}
	must(t, "open the door page", chromedp.Do(ctx, chromedp.Navigate(base+"/events/"+e.ID+"/checkin"),
		chromedp.WaitVisible(chromedp.ID("#door-device-input"))))
	return ctx
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitFor polls cond every 100 ms for up to d.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func (f *fixture) peopleIn(t *testing.T, id string) int {
	r, err := f.store.Registrations.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r.CheckedInPeople()
}

// setOffline cuts the page's network (requests fail, navigator.onLine is false) or restores it.
func setOffline(t *testing.T, ctx context.Context, off bool) {
	t.Helper()
	rules := []*network.Conditions{}
	if off {
		rules = append(rules, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: rules}); err != nil {
		t.Fatalf("network conditions: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatalf("network state: %v", err)
	}
}

// TestDoorInChromium is the "done when" in a real browser: two colleagues of one firm
// check in one after the other with their own codes from a phone's camera, and two of another
// firm while the phone is offline, synced when the network is back. The page fits 360 px.
func TestDoorInChromium(t *testing.T) {
	chromiumPath(t)
	f := newFixture(t)
	e := f.newEvent("L1", 1, domain.EventPublished, 20)
	online := f.registerFor(e, f.enterprise, 2)
	offline := f.registerFor(e, f.addEnterprise("无锡离线测试企业", "L1"), 2)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = f.app.Listener(ln) }()
	t.Cleanup(func() { _ = f.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()

	t.Run("online, zh-CN", func(t *testing.T) {
		ctx := f.door(t, base, "zh-CN", e, online.Attendees[0].CheckinCode, online.Attendees[1].CheckinCode)
		// A typed code of the wrong form is refused on the page.
		must(t, "name the device", chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("#door-device-input"), "1号入口手机"),
			chromedp.Click(chromedp.CSS(`#door-device-form button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.ID("#door-cam-start")),
			chromedp.SendKeys(chromedp.ID("#f-code"), "12\n"),
			chromedp.WaitVisible(chromedp.CSS(`#door-result[data-kind="error"]`))))
		must(t, "start the camera", chromedp.Do(ctx, chromedp.Click(chromedp.ID("#door-cam-start"))))
		waitFor(t, "both colleagues checked in by camera", 30*time.Second, func() bool { return f.peopleIn(t, online.ID) == 2 })
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('#door-log .door-log-ok').length >= 2`,
			chromedp.WithPollingTimeout(10*time.Second)))
		must(t, "the page lists both check-ins", err)
		scans, _, _, err := f.store.Checkins.List(context.Background(), e.ID, store.Page{Limit: 50})
		must(t, "scan log", err)
		for _, s := range scans {
			if s.Result == domain.CheckinOK && s.Device != "1号入口手机" {
				t.Fatalf("scan logged from device %q", s.Device)
			}
		}
		fits(t, ctx)
	})

	t.Run("offline, en", func(t *testing.T) {
		ctx := f.door(t, base, "en", e, offline.Attendees[0].CheckinCode, offline.Attendees[1].CheckinCode)
		must(t, "name the device", chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("#door-device-input"), "Door 2 phone"),
			chromedp.Click(chromedp.CSS(`#door-device-form button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.ID("#door-cam-start"))))
		setOffline(t, ctx, true)
		cut := time.Now()
		must(t, "start the camera", chromedp.Do(ctx, chromedp.Click(chromedp.ID("#door-cam-start"))))
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](
			`JSON.parse(localStorage.getItem('duijie.checkin.queue.`+e.ID+`') || '[]').length >= 2`,
			chromedp.WithPollingTimeout(30*time.Second)))
		must(t, "both scans queued offline", err)
		if n := f.peopleIn(t, offline.ID); n != 0 {
			t.Fatalf("%d checked in while the phone was offline", n)
		}
		fits(t, ctx)
		must(t, "stop the camera", chromedp.Do(ctx, chromedp.Click(chromedp.ID("#door-cam-stop"))))
		back := time.Now()
		setOffline(t, ctx, false)
		waitFor(t, "the queue synced", 30*time.Second, func() bool { return f.peopleIn(t, offline.ID) == 2 })
		r, err := f.store.Registrations.Get(context.Background(), offline.ID)
		must(t, "get", err)
		for i, a := range r.Attendees {
			if a.CheckedInAt.Before(cut.Add(-time.Second)) || a.CheckedInAt.After(back) {
				t.Fatalf("attendee %d checked in at %v, not when scanned offline (%v–%v)", i, a.CheckedInAt, cut, back)
			}
		}
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`localStorage.getItem('duijie.checkin.queue.`+e.ID+`') === null`,
			chromedp.WithPollingTimeout(10*time.Second)))
		must(t, "the queue is emptied after the sync", err)
	})
}

// fits fails when the page scrolls sideways at its width. With DUIJIE_SCREENSHOTS set to a
// folder it also saves what the page looks like, for a person to judge.
func fits(t *testing.T, ctx context.Context) {
	t.Helper()
	if dir := os.Getenv("DUIJIE_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must(t, "screenshot", err)
		name := filepath.Join(dir, "door-"+filepath.Base(t.Name())+".png")
		must(t, "save screenshot", os.WriteFile(name, png, 0o644))
	}
	w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	must(t, "measure", err)
	if w > 0 {
		t.Fatalf("the page is %d px wider than the 360 px screen", w)
	}
}
