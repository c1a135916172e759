package domain

import "testing"

func TestCanNameBuyer(t *testing.T) {
	org := &User{ID: "o", Role: RoleOrganiser, Clusters: []string{"L1"}}
	in := &Enterprise{ID: "e1", Clusters: []string{"A2", "L1"}}
	out := &Enterprise{ID: "e2", Clusters: []string{"A2"}}
	for _, tc := range []struct {
		name string
		u    *User
		e    *Enterprise
		want bool
	}{
		{"admin any", &User{Role: RoleAdmin}, out, true},
		{"organiser own cluster", org, in, true},
		{"organiser other cluster", org, out, false},
		{"member", &User{Role: RoleMember, EnterpriseID: "e2"}, out, false},
		{"disabled admin", &User{Role: RoleAdmin, Disabled: true}, out, false},
		{"nobody", nil, in, false},
	} {
		if got := CanNameBuyer(tc.u, tc.e); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLeadClustersProblem(t *testing.T) {
	org := &User{ID: "o", Role: RoleOrganiser, Clusters: []string{"L1"}}
	lead := func(by string) *Lead { return &Lead{PostedBy: by} }
	for _, tc := range []struct {
		name          string
		u             *User
		l             *Lead
		before, after []string
		want          string
	}{
		{"admin moves anywhere", &User{Role: RoleAdmin}, lead("m"), []string{"L1"}, []string{"A5"}, ""},
		{"member chooses", &User{Role: RoleMember}, lead("m"), []string{"L1"}, []string{"A5"}, ""},
		{"organiser keeps own", org, lead("m"), []string{"L1"}, []string{"L1"}, ""},
		{"organiser moves out", org, lead("m"), []string{"L1"}, []string{"A5"}, "cluster_scope"},
		{"organiser adds foreign", org, lead("m"), []string{"L1"}, []string{"L1", "A5"}, "trust.field.cluster_foreign"},
		{"organiser keeps foreign already there", org, lead("m"), []string{"L1", "A5"}, []string{"L1", "A5"}, ""},
		{"organiser drops foreign", org, lead("m"), []string{"L1", "A5"}, []string{"L1"}, ""},
		{"organiser poster moves own lead out", org, lead("o"), []string{"L1"}, []string{"A5"}, "cluster_scope"},
		{"organiser poster brings back", org, lead("o"), []string{"A5"}, []string{"L1"}, ""},
		{"organiser not in scope", org, lead("m"), []string{"A5"}, []string{"A5", "L1"}, "cluster_scope"},
	} {
		if got := LeadClustersProblem(tc.u, tc.l, tc.before, tc.after); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
