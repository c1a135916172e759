package matching

import (
	"errors"
	"slices"
	"testing"

	"duijie/domain"
)

// A lead that names only a place is unread: no supplier ranks for it on the place's name, and
// Unread names the place. A need beside the place, or a code, is read as before.
func TestUnreadPlaceOnly(t *testing.T) {
	e := New(DefaultConfig())
	e.UpsertMany([]domain.Enterprise{
		{ID: "dxb", Name: "无锡迪拜贸易有限公司", Clusters: []string{"A3"}, Products: []string{"LED路灯"}, Description: "LED street lights exported to Dubai and 江阴 projects."},
		{ID: "jy", Name: "江阴照明有限公司", Clusters: []string{"A3"}, Products: []string{"LED路灯"}, Description: "江阴 LED 照明"},
	})
	for _, c := range []struct {
		title, desc string
		places      []string
	}{{"江阴", "", []string{"江阴"}}, {"Dubai", "", []string{"Dubai"}}, {"Deliver to Dubai", "", []string{"Dubai"}},
		{"江阴", "江阴的", []string{"江阴"}}} {
		l := domain.Lead{ID: "p", Title: c.title, Description: c.desc, Status: domain.LeadOpen}
		places, unread := e.Unread(l)
		if !unread || !slices.Equal(places, c.places) {
			t.Errorf("%q/%q: Unread = %v %v, want %v", c.title, c.desc, places, unread, c.places)
		}
		var ve *domain.ValidationError
		if rs, err := e.SuppliersFor(l, 10, Options{}); !errors.As(err, &ve) {
			t.Errorf("%q/%q: ranked %v (%v), want nothing to match on", c.title, c.desc, rankedIDs(rs), err)
		}
		if rs, err := e.BruteForce(l, 10, Options{}); !errors.As(err, &ve) {
			t.Errorf("%q/%q: brute force ranked %v (%v)", c.title, c.desc, rankedIDs(rs), err)
		}
	}
	for _, l := range []domain.Lead{
		{Title: "Dubai", Description: "need LED street lights"},
		{Title: "江阴", Clusters: []string{"A3"}},
	} {
		if _, unread := e.Unread(l); unread {
			t.Errorf("%q/%q %v: unread", l.Title, l.Description, l.Clusters)
		}
		if rs, err := e.SuppliersFor(l, 10, Options{}); err != nil || len(rs) == 0 {
			t.Errorf("%q/%q %v: ranked %v (%v)", l.Title, l.Description, l.Clusters, rankedIDs(rs), err)
		}
	}
}

// Nor is a supplier offered such a lead in "leads for you" for naming the place.
func TestUnreadNotOffered(t *testing.T) {
	e := New(DefaultConfig())
	dxb := domain.Enterprise{ID: "dxb", Name: "无锡照明有限公司", Clusters: []string{"A3"}, Products: []string{"LED路灯"},
		Description: "LED street lights exported to Dubai."}
	e.UpsertMany([]domain.Enterprise{dxb})
	e.UpsertLead(domain.Lead{ID: "place", Title: "Dubai", Description: "Deliver to Dubai", Status: domain.LeadOpen})
	e.UpsertLead(domain.Lead{ID: "need", Title: "LED street lights", Description: "Deliver to Dubai", Status: domain.LeadOpen})
	rs, err := e.LeadsFor(dxb, 10, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ids := rankedIDs(rs); !slices.Equal(ids, []string{"need"}) {
		t.Errorf("leads for the lighting maker %v, want [need]: the place-only lead is not offered", ids)
	}
	if bf, _ := e.BruteForceLeads(dxb, 10, Options{}); !slices.Equal(rankedIDs(bf), rankedIDs(rs)) {
		t.Errorf("brute force %v, index %v", rankedIDs(bf), rankedIDs(rs))
	}
}
