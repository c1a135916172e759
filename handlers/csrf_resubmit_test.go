package handlers

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// TestStaleCSRFKeepsTheForm posts the sign-up form with a token from before a restart: the
// answer keeps every typed value but the password under a fresh token, says the password must be
// typed again, and posting it goes on to the form's own answer (the password is now missing).
func TestStaleCSRFKeepsTheForm(t *testing.T) {
	f := newFixture(t)
	seed := domain.RandomToken(32)
	typed := url.Values{"_csrf": {"token-from-before-the-restart"}, "email": {"wang@example.cn"},
		"password": {"a long passphrase"}, "name": {"王工"}, "enterprise.name": {"无锡<测试>传感有限公司"},
		"enterprise.uscc": {newUSCC()}, "enterprise.clusters": {"L1", "L2"}}
	post := func(form url.Values, lang string) *http.Response {
		req := httptest.NewRequest("POST", "/signup", strings.NewReader(form.Encode()))
		req.Header.Set(fiber.HeaderContentType, fiber.MIMEApplicationForm)
		req.Header.Set(fiber.HeaderAcceptLanguage, lang)
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: seed})
		res, err := f.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := post(typed, "zh-CN")
	body := readBody(t, res)
	if res.StatusCode != 403 || !strings.Contains(body, "请重新提交表单") || !strings.Contains(body, "页面不保留密码") {
		t.Fatalf("stale token: %d\n%s", res.StatusCode, body)
	}
	if strings.Contains(body, "a long passphrase") {
		t.Error("the password was echoed into the page")
	}
	for _, want := range []string{`value="wang@example.cn"`, `value="L1"`, `value="L2"`, `value="无锡&lt;测试&gt;传感有限公司"`} {
		if !strings.Contains(body, want) {
			t.Errorf("kept form lacks %s", want)
		}
	}
	fresh := regexp.MustCompile(`name="_csrf" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	if fresh == nil || fresh[1] != f.h.anonCSRFToken(seed) {
		t.Fatalf("no fresh token in the page")
	}
	again := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(body, -1) {
		again.Add(m[1], htmlUnescape(m[2]))
	}
	res = post(again, "zh-CN")
	body = readBody(t, res)
	// The form's own answer: 422 naming the password, with the other fields still filled in.
	if res.StatusCode != 422 || !strings.Contains(body, `value="wang@example.cn"`) {
		t.Fatalf("resubmitted: %d\n%s", res.StatusCode, body)
	}

	en := post(url.Values{"_csrf": {"old"}, "email": {"a@example.org"}}, "en")
	if b := readBody(t, en); en.StatusCode != 403 || !strings.Contains(b, "Please submit the form again") {
		t.Errorf("english: %d %s", en.StatusCode, b)
	}
	// The API keeps its plain 403.
	f.do(asMember, "POST", "/api/v1/me/tokens", `{"name":"x"}`, asSession(), withoutCSRF()).wantStatus(t, 403)
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").Replace(s)
}
