package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/template/html/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/templates"
)

// layoutMain frames every page; the page's own output arrives in it as .Content.
const layoutMain = "layouts/main"

// newViews parses every embedded template once, at boot: a broken template fails startup rather
// than the first request that needs it.
func (h *Handler) newViews() (fiber.Views, error) {
	engine := html.NewFileSystem(http.FS(templates.FS), ".html")
	engine.AddFuncMap(h.templateFuncs())
	if err := engine.Load(); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if engine.Templates.Lookup(layoutMain) == nil || engine.Templates.Lookup(errorPage) == nil {
		return nil, fmt.Errorf("templates: %s or %s is missing", layoutMain, errorPage)
	}
	return engine, nil
}

// execute runs one parsed template into a buffer. It looks the template up in the engine's
// parsed set rather than calling Engine.Render with a layout, which holds one engine-wide lock
// for the whole render (pages would be drawn one at a time) and swaps its {{embed}} function in
// the shared FuncMap on every call.
func execute(c *fiber.Ctx, name string, data any) (*bytes.Buffer, error) {
	engine, ok := c.App().Config().Views.(*html.Engine)
	if !ok || engine.Templates == nil {
		return nil, errors.New("render: the app has no html views")
	}
	tmpl := engine.Templates.Lookup(name)
	if tmpl == nil {
		return nil, fmt.Errorf("render: template %q does not exist", name)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return &buf, nil
}

// render answers with page (a template name such as "login" or "admin/clusters") inside the
// main layout. data is the page's typed view, a pointer to a struct embedding Page (&Page{} for
// a page with no data of its own); it may set Title (already translated), Form and Errors, and
// render fills in what every page needs: Locale, User, CSRF, Path, Query, the other language's
// URL and the flash message. The whole page is rendered before anything is sent, so a template
// error becomes a clean error page instead of half a page.
func (h *Handler) render(c *fiber.Ctx, status int, page string, data pageView) error {
	p := data.page()
	h.basePage(c, page, p)
	body, err := execute(c, page, data)
	if err != nil {
		return err
	}
	// The page is html/template output, escaped already; marking it HTML keeps the layout from
	// escaping it a second time. No user data is ever converted to template.HTML directly.
	p.Content = template.HTML(body.String())
	out, err := execute(c, layoutMain, data)
	if err != nil {
		return err
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(out.Bytes())
}

// basePage fills the fields every template may rely on, keeping Title, Form and Errors when
// the handler set them.
func (h *Handler) basePage(c *fiber.Ctx, page string, p *Page) {
	lang := currentLocale(c)
	u := currentUser(c)
	p.Locale, p.OtherLocale, p.OtherLangURL = lang, locales.Other(lang), langURL(c, locales.Other(lang))
	p.User, p.SignedIn = u, u != nil
	p.Nav = h.navCounts(c, navFor(c, u))
	p.CSRF, p.Path, p.Query = csrfToken(c), c.Path(), c.Queries()
	p.Flash, p.Now = h.takeFlash(c, lang), h.now()
	p.clusters = newClusterIndex(c, h)
	if p.Form == nil {
		p.Form = map[string]string{}
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	if p.Title == "" {
		p.Title = pageTitle(lang, page)
	}
}

// pageTitle is a page's default title, its "<page>.title" message ("admin/clusters" →
// admin.clusters.title), so forms re-rendered by another handler keep their title.
func pageTitle(lang, page string) string {
	if key := strings.ReplaceAll(page, "/", ".") + ".title"; locales.Has(lang, key) {
		return locales.T(lang, key)
	}
	return ""
}

// langURL is the current GET URL with ?lang= switched, for the language switch in the header.
func langURL(c *fiber.Ctx, lang string) string {
	q := url.Values{}
	c.Request().URI().QueryArgs().VisitAll(func(k, v []byte) {
		q.Add(string(k), string(v))
	})
	q.Set("lang", lang)
	return c.Path() + "?" + q.Encode()
}

// errorPage is the template of renderError.
const errorPage = "error"

// renderError answers with the friendly error page: what happened and what to do next, never a
// technical detail. title and message are already translated; empty ones fall back to the
// generic text for status.
func (h *Handler) renderError(c *fiber.Ctx, status int, title, message string) error {
	lang := currentLocale(c)
	key := fmt.Sprintf("errorpage.%d", status)
	if !locales.Has(lang, key+".title") {
		key = "errorpage.500"
		if status < 500 {
			key = "errorpage.400"
		}
	}
	if title == "" {
		title = locales.T(lang, key+".title")
	}
	if message == "" {
		message = locales.T(lang, key+".message")
	}
	data := &errorView{
		Page:      Page{Title: title},
		Status:    status,
		Message:   message,
		RequestID: requestIDOf(c),
		BackURL:   sameSiteReferer(c),
	}
	if err := h.render(c, status, errorPage, data); err != nil {
		// The error page itself failed (a broken template): answer in plain words rather than
		// looping back through the error handler.
		h.deps.Logger.Error("render error page", "err", err, "request_id", requestIDOf(c))
		c.Status(status)
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString(title + "\n\n" + message + "\n")
	}
	return nil
}

// sameSiteReferer returns the path of the Referer when it is this site, for a "go back" link.
func sameSiteReferer(c *fiber.Ctx) string {
	ref := c.Get(fiber.HeaderReferer)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host != string(c.Request().Host()) || u.Path == c.Path() {
		return ""
	}
	if u.RawQuery != "" {
		return u.Path + "?" + u.RawQuery
	}
	return u.Path
}

// clusterIndex loads the clusters at most once per render, and only if a template asks, with
// the request's context.
type clusterIndex struct {
	once   sync.Once
	load   func() ([]domain.Cluster, error)
	list   []domain.Cluster
	byCode map[string]domain.Cluster
}

func newClusterIndex(c *fiber.Ctx, h *Handler) *clusterIndex {
	ctx := c.UserContext()
	log := h.deps.Logger
	return &clusterIndex{load: func() ([]domain.Cluster, error) {
		cls, err := h.deps.Store.Clusters.List(ctx)
		if err != nil {
			log.Warn("clusters for template", "err", err)
		}
		return cls, err
	}}
}

func (ci *clusterIndex) clusters() []domain.Cluster {
	ci.once.Do(func() {
		ci.list, _ = ci.load() // on error names fall back to codes; the page still renders
		ci.byCode = make(map[string]domain.Cluster, len(ci.list))
		for _, c := range ci.list {
			ci.byCode[c.Code] = c
		}
	})
	return ci.list
}

func (ci *clusterIndex) get(code string) (domain.Cluster, bool) {
	ci.clusters()
	c, ok := ci.byCode[code]
	return c, ok
}
