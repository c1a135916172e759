package handlers

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"duijie/domain"
	"duijie/store"
)

var han = regexp.MustCompile(`\p{Han}`)

// TestDashboardsInChromium renders each role's first screen in a headless Chromium, in both
// languages at 1280 and 390 px: the page never scrolls sideways, and the figures it shows are
// those of the records behind it (counted in the database, not taken from the page's own API).
// The buyer's pages of the deal loop (the lead's ranking with shortlist and invite, the quote
// comparison in two currencies) and the mail settings must fit too. With DUIJIE_SCREENSHOTS set
// to a folder it saves each page for a person to look at.
func TestDashboardsInChromium(t *testing.T) {
	chromiumPath(t)
	f := newFixture(t)
	f.matchService()
	ctx := context.Background()
	f.events() // the member's enterprise is registered for a coming event
	f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchSent)
	f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchSent)
	lead := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	quoter := f.supplierIn("L1")
	m1 := f.newMatch(lead, quoter, domain.MatchInterested)
	f.addActor("quoter", &domain.User{Role: domain.RoleMember, EnterpriseID: quoter.ID})
	f.do("quoter", "POST", "/api/v1/matches/"+m1.ID+"/quote", f.quoteBody(41.5, "CNY", 12)).wantStatus(t, 201)
	usd := f.supplierIn("L1")
	m2 := f.newMatch(lead, usd, domain.MatchInterested)
	f.addActor("usd", &domain.User{Role: domain.RoleMember, EnterpriseID: usd.ID})
	f.do("usd", "POST", "/api/v1/matches/"+m2.ID+"/quote", f.quoteBody(5.9, "USD", 25)).wantStatus(t, 201)
	f.storeMeeting(f.partner(), f.enterprise)
	f.newEvent("L1", 5, domain.EventDraft, 50)
	failed := &domain.OutboxMessage{DedupKey: "browser-failed", Kind: domain.MailDigest, To: "x@example.cn", Subject: "s", Text: "t"}
	if _, err := f.store.Outbox.Enqueue(ctx, failed); err != nil {
		t.Fatal(err)
	}
	claimed, _ := f.store.Outbox.Claim(ctx, "t", f.clock.Now().Add(time.Second), f.clock.Now().Add(time.Minute), 10)
	for _, m := range claimed {
		must(t, "fail a mail", f.store.Outbox.Fail(ctx, m.ID, "t", "550 no such user", f.clock.Now()))
	}

	// What the database holds, counted here.
	sent, _, _, err := f.store.Matches.List(ctx, store.MatchFilter{EnterpriseID: f.enterprise.ID, Statuses: []domain.MatchStatus{domain.MatchSent}}, store.Page{Limit: 50})
	must(t, "matches awaiting an answer", err)
	mine, _, _, err := f.store.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen, Scope: store.LeadScope{Buyer: f.enterprise.ID}}, store.Page{Limit: 50})
	must(t, "open leads", err)
	counts, err := f.store.Outbox.Counts(ctx)
	must(t, "outbox counts", err)
	users, err := f.store.Users.Count(ctx)
	must(t, "users", err)
	_, _, enterprises, err := f.store.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1})
	must(t, "enterprises", err)
	// The figures each page must show, found by where they link (or, for the admin's counts,
	// by their place in the counts card): users, enterprises.
	want := map[string]map[string]string{
		asMember: {
			`.stats a[href="/me/matches"] .stat-value`:   strconv.Itoa(len(sent)), // the first: awaiting an answer
			`.stats a[href="/meetings"] .stat-value`:     "1",
			`.stats a[href="/leads?mine=1"] .stat-value`: strconv.Itoa(len(mine)),
		},
		asAdmin: {
			`a[href="/admin/outbox?status=failed"] .stat-value`:               strconv.Itoa(counts[domain.OutboxFailed]),
			`a[href="/admin/jobs"] .stat-value`:                               "0",
			`section[aria-labelledby="cnt-h"] .stat:nth-child(1) .stat-value`: strconv.Itoa(users),
			`section[aria-labelledby="cnt-h"] .stat:nth-child(2) .stat-value`: strconv.Itoa(enterprises),
		},
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, "listen", err)
	go func() { _ = f.app.Listener(ln) }()
	t.Cleanup(func() { _ = f.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath(t)), chromedp.Flag("no-sandbox", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancel := chromedp.NewContext(alloc)
	bctx, cancelTimeout := context.WithTimeout(bctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })

	// Pages other than the dashboard: they must fit; the comparison shows both currencies apart.
	pages := map[string]string{"matches": "/leads/" + lead.ID + "/matches", "quotes": "/leads/" + lead.ID + "/quotes",
		"preferences": "/account/preferences"}
	for _, lang := range []string{"zh-CN", "en"} {
		for _, width := range []int{1280, 390} {
			for page, path := range pages {
				name := fmt.Sprintf("%s-%s-%d", page, lang, width)
				for cookie, v := range map[string]string{sessionCookie: f.actors[asMember].cookie, langCookie: lang} {
					_, err := chromedp.Call(bctx, network.SetCookie, network.SetCookieParams{Name: cookie, Value: v, URL: base})
					must(t, name+": cookie", err)
				}
				must(t, name+": open", chromedp.Do(bctx, chromedp.EmulateViewport(int64(width), 900),
					chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("main h1, h1"))))
				fullShot(t, bctx, name)
				over, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
				must(t, name+": measure", err)
				if over > 0 {
					t.Errorf("%s: the page is %d px wider than the screen", name, over)
				}
				if page == "quotes" {
					text, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.body.innerText`))
					must(t, name+": text", err)
					if !strings.Contains(text, "USD") || !strings.Contains(text, "CNY") || !strings.Contains(text, "20,750.00") {
						t.Errorf("%s: the comparison lacks a currency or the CNY total (41.50 × 500):\n%s", name, text)
					}
				}
			}
		}
	}

	for _, role := range []string{asMember, asOrganiser, asAdmin} {
		for _, lang := range []string{"zh-CN", "en"} {
			for _, width := range []int{1280, 390} {
				name := fmt.Sprintf("%s-%s-%d", role, lang, width)
				for cookie, v := range map[string]string{sessionCookie: f.actors[role].cookie, langCookie: lang} {
					_, err := chromedp.Call(bctx, network.SetCookie, network.SetCookieParams{Name: cookie, Value: v, URL: base})
					must(t, name+": cookie", err)
				}
				must(t, name+": open", chromedp.Do(bctx, chromedp.EmulateViewport(int64(width), 900),
					chromedp.Navigate(base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(".stats"))))
				fullShot(t, bctx, "dashboard-"+name)
				over, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
				must(t, name+": measure", err)
				if over > 0 {
					t.Errorf("%s: the page is %d px wider than the screen", name, over)
				}
				for sel, w := range want[role] {
					got, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('`+sel+`').textContent.trim()`))
					must(t, name+": read "+sel, err)
					if got != w {
						t.Errorf("%s: %s shows %q, the database says %q", name, sel, got, w)
					}
				}
				got, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](
					`[...document.querySelectorAll('.stat-value')].map(e => e.textContent.trim())`))
				must(t, name+": read the figures", err)
				if len(got) < 3 || slices.Contains(got, "") {
					t.Errorf("%s: figures %q", name, got)
				}
				heading, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('h1').textContent`))
				must(t, name+": heading", err)
				if (lang == "en") == han.MatchString(heading) {
					t.Errorf("%s: heading %q is not in %s", name, heading, lang)
				}
			}
		}
	}
}

// fullShot saves the whole page as name.png in DUIJIE_SCREENSHOTS, when that is set.
func fullShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if dir := os.Getenv("DUIJIE_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must(t, name+": screenshot", err)
		must(t, name+": save", os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
	}
}
