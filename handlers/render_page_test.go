package handlers

import (
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"text/template/parse"

	"duijie/templates"
)

// typedPages are the templates whose data is a typed view, with that view.
var typedPages = map[string]any{
	"leads/list": leadListView{}, "leads/detail": leadDetailView{}, "leads/form": leadFormView{},
	"enterprises/me": enterpriseMeView{}, "enterprises/edit": enterpriseEditView{},
	"enterprises/list": enterpriseListView{}, "enterprises/detail": enterpriseDetailView{},
	"trust/enterprise": enterpriseCorrectionView{},
	"trust/forgot":     forgotView{}, "trust/reset": resetView{}, "trust/invitation": invitationView{},
	"account": accountView{}, "admin/users": adminUsersView{}, "trust/user": adminUserView{},
	"login": formView{}, "signup": formView{}, "home": homeView{},
	"admin/clusters": adminClustersView{}, "trust/verifications": verificationsView{},
	"meetings/mine": meetingsMineView{}, "meetings/events": meetingsEventsView{},
	"meetings/answer": meetingAnswerView{}, "meetings/request": meetingRequestView{},
	"meetings/schedule": meetingScheduleView{}, "meetings/windows": meetingWindowsView{},
	"meetings/report": meetingReportView{}, "meetings/participants": meetingParticipantsView{},
	"meetings/feedback": meetingFeedbackView{},
	"matches/mine":      matchesMineView{}, "matches/lead": matchesLeadView{}, "matches/funnel": matchesFunnelView{},
	"admin/jobs": adminJobsView{}, "enterprises/import": importView{}, "error": errorView{},
	"dashboard": dashboardView{}, "leads/triage": triageView{}, "ops/resubmit": resubmitView{},
	"leads/lessons": lessonsView{},
	"ops/apidocs":   Page{}, "unsubscribe": unsubscribeView{},
	"events/list": eventListView{}, "events/detail": eventDetailView{}, "events/form": eventFormView{},
	"events/console": eventConsoleView{}, "events/badges": eventBadgesView{}, "events/checkin": checkinView{},
	"events/register": registerView{}, "events/mine": myRegistrationsView{},
	"campaign/dashboard": campaignDashboardView{}, "campaign/targets": campaignTargetsView{},
	"campaign/report": campaignBulletinView{},
	"deals/quotes":    quotesView{}, "deals/quote": quoteFormView{}, "admin/outbox": outboxView{},
	"admin/outbox_message": outboxMessageView{}, "account/preferences": preferencesView{},
}

// TestTypedPageTemplatesReadTheirView: every field a typed page's template reads of its data
// (at the top level, through $, and in the partials it hands its data to) is a field of its
// view. A map let a template read a key nobody set; a struct makes that an error at render
// time, so this test finds it first, on every branch of the template.
func TestTypedPageTemplatesReadTheirView(t *testing.T) {
	if len(typedPages) == 0 {
		t.Fatal("no typed pages registered")
	}
	for name, view := range typedPages {
		typ := reflect.TypeOf(view)
		got := map[string]bool{}
		readsOfTemplate(t, name, got, map[string]bool{})
		var missing []string
		for f := range got {
			if _, ok := typ.FieldByName(f); !ok {
				missing = append(missing, f)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s reads %v, which %s does not have", name, missing, typ)
		}
	}
}

// renderedPage is a page name handed to render in the handlers' source.
var renderedPage = regexp.MustCompile(`h\.render\(c, [^,]+, "([^"]+)"`)

// TestEveryRenderedPageIsTyped: each page the handlers render by name is in typedPages, so the
// test above checks its template against its view.
func TestEveryRenderedPageIsTyped(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range renderedPage.FindAllStringSubmatch(string(src), -1) {
			found++
			if _, ok := typedPages[m[1]]; !ok {
				t.Errorf("%s renders %q, which typedPages does not list", f.Name(), m[1])
			}
		}
	}
	if found < 40 {
		t.Fatalf("found only %d rendered pages in the source: has the render call changed shape?", found)
	}
}

// readsOfTemplate adds the fields template name reads of its data to out.
func readsOfTemplate(t *testing.T, name string, out, seen map[string]bool) {
	t.Helper()
	if seen[name] {
		return
	}
	seen[name] = true
	src, err := fs.ReadFile(templates.FS, name+".html")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck
	if _, err := tr.Parse(string(src), "{{", "}}", map[string]*parse.Tree{}); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w := reads{out: out, sub: func(n string) { readsOfTemplate(t, n, out, seen) }}
	w.node(tr.Root, true)
}

// reads walks a template's tree; top is whether dot is still the page's data.
type reads struct {
	out map[string]bool
	sub func(name string)
}

func (r reads) node(n parse.Node, top bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			r.node(c, top)
		}
	case *parse.ActionNode:
		r.pipe(n.Pipe, top)
	case *parse.IfNode:
		r.pipe(n.Pipe, top)
		r.node(n.List, top)
		r.node(n.ElseList, top)
	case *parse.RangeNode:
		r.pipe(n.Pipe, top)
		r.node(n.List, false)
		r.node(n.ElseList, top)
	case *parse.WithNode:
		r.pipe(n.Pipe, top)
		r.node(n.List, false)
		r.node(n.ElseList, top)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			return
		}
		r.pipe(n.Pipe, top)
		if len(n.Pipe.Cmds) == 1 && len(n.Pipe.Cmds[0].Args) == 1 {
			switch a := n.Pipe.Cmds[0].Args[0].(type) {
			case *parse.DotNode:
				if top {
					r.sub(n.Name)
				}
			case *parse.VariableNode:
				if len(a.Ident) == 1 && a.Ident[0] == "$" {
					r.sub(n.Name)
				}
			}
		}
	}
}

func (r reads) pipe(p *parse.PipeNode, top bool) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			r.arg(a, top)
		}
	}
}

func (r reads) arg(a parse.Node, top bool) {
	switch a := a.(type) {
	case *parse.FieldNode:
		if top {
			r.out[a.Ident[0]] = true
		}
	case *parse.VariableNode:
		if a.Ident[0] == "$" && len(a.Ident) > 1 {
			r.out[a.Ident[1]] = true
		}
	case *parse.ChainNode:
		r.arg(a.Node, top)
	case *parse.PipeNode:
		r.pipe(a, top)
	}
}
