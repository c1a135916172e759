package handlers

import (
	"html/template"
	"time"

	"duijie/domain"
)

// Page is what every page's template may read besides its own data: render fills it in, and
// the layout reads only these fields. A typed page view embeds it (leadDetailView …), so the
// fields a template can read are named in Go and checked by the compiler where the handler
// fills them, and by TestTypedPageTemplatesReadTheirView where the template reads them.
type Page struct {
	Title        string // already translated; "" takes the page's "<page>.title" message
	Locale       string
	OtherLocale  string
	OtherLangURL string
	User         *domain.User
	SignedIn     bool
	Nav          []navItem
	CSRF         string
	Path         string
	Query        map[string]string
	Flash        *Flash
	Now          time.Time
	// Form holds the submitted (or stored) values of a form by field name, Errors the
	// translated problems by field name ("form" for the whole form).
	Form    map[string]string
	Errors  map[string]string
	Content template.HTML // the page's own output, inside the layout

	clusters *clusterIndex // for clusterName and clusterList, loaded on first use
}

// pageView is a typed page's data: a pointer to a struct embedding Page, or to a Page.
type pageView interface{ page() *Page }

func (p *Page) page() *Page { return p }
