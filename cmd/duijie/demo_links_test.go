package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"

	"duijie/demo"
)

// pageLink is an in-site link on a page; assets, files and actions a click would take are left
// out of the walk (logout ends the session, downloads are tested where they are built).
var pageLink = regexp.MustCompile(`href="(/[^"#]*)"`)

func walkable(href string) bool {
	for _, skip := range []string{"/logout", "/static/", "/api/", ".xlsx", ".csv", ".ics", ".png", "/export", "/badge", "/licence"} {
		if strings.Contains(href, skip) {
			return false
		}
	}
	return true
}

// TestDemoLinksLeadSomewhere signs in with each demo login, in both languages, and follows
// the links of the pages from the dashboard on: a newcomer clicking through the demo never
// lands on a "not found" or an error (a supplier's closed lead once linked to a page it may
// not open).
func TestDemoLinksLeadSomewhere(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the demo")
	}
	env := map[string]string{"DATA_DIR": t.TempDir()}
	serveUntil(t, env, func(url string) {
		waitReady(t, url)
		for _, email := range []string{demo.AdminEmail, demo.OrganiserEmail, demo.MemberEmail, demo.Member2Email} {
			for _, lang := range []string{"zh-CN", "en"} {
				walkDemo(t, url, email, lang, 400)
			}
		}
	}, "--demo")
}

func walkDemo(t *testing.T, base, email, lang string, limit int) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"`+email+`","password":"`+demo.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: login = %d", email, resp.StatusCode)
	}
	seen := map[string]bool{}
	from := map[string]string{}
	queue := []string{"/dashboard"}
	for len(queue) > 0 && len(seen) < limit {
		page := queue[0]
		queue = queue[1:]
		if seen[page] {
			continue
		}
		seen[page] = true
		req, _ := http.NewRequest(http.MethodGet, base+page, nil)
		req.Header.Set("Accept-Language", lang)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 400 {
			t.Errorf("%s (%s): %s = %d, linked from %s", email, lang, page, resp.StatusCode, from[page])
			continue
		}
		if !strings.Contains(resp.Header.Get("Content-Type"), "html") {
			continue
		}
		for _, m := range pageLink.FindAllStringSubmatch(string(body), -1) {
			href := strings.ReplaceAll(m[1], "&amp;", "&")
			if walkable(href) && !seen[href] {
				if _, ok := from[href]; !ok {
					from[href] = page
				}
				queue = append(queue, href)
			}
		}
	}
}
