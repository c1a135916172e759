package domain

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestLearnLinks(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	fix := func(id, lead string, at int, terms, removed, added string) TriageCorrection {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, ",")
		}
		return TriageCorrection{ID: id, LeadID: lead, Terms: split(terms), Removed: split(removed), Added: split(added),
			Clusters: split(added),
			By:       "u" + id, ByName: "组织者" + id, At: t0.Add(time.Duration(at) * time.Hour)}
	}
	// 电梯老困人 read as 高端装备 and 物联网, kept in 物联网 alone.
	keep := func(id, lead string, at int) TriageCorrection {
		c := fix(id, lead, at, "电梯老困人", "A1", "")
		c.Clusters = []string{"L1"}
		return c
	}
	show := func(ls []LearnedLink) string {
		var out []string
		for _, l := range ls {
			s := fmt.Sprintf("%s→%s %d", l.Term, l.Cluster, l.Net)
			if l.Off {
				s += " off"
			}
			out = append(out, s)
		}
		return strings.Join(out, "; ")
	}
	for _, tc := range []struct {
		name string
		cs   []TriageCorrection
		off  []LessonOff
		want string
	}{
		{"nothing", nil, nil, ""},
		{"one correction does not teach",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟", "L1", "A3")}, nil, ""},
		{"two corrections teach, the cluster removed is not taught",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟,油烟净化设备", "L1", "A3"), fix("2", "l2", 1, "食堂油烟", "L1", "A3")},
			nil, "食堂油烟→A3 2"},
		{"corrections away are netted",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟", "L1", "A3"), fix("2", "l2", 1, "食堂油烟", "", "A3"),
				fix("3", "l3", 2, "食堂油烟", "A3", "L1")}, nil, ""},
		{"three towards one away still teaches",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟", "", "A3"), fix("2", "l2", 1, "食堂油烟", "", "A3"),
				fix("3", "l3", 2, "食堂油烟", "", "A3"), fix("4", "l4", 3, "食堂油烟", "A3", "L1")}, nil, "食堂油烟→A3 2"},
		{"a lead corrected twice counts once (its latest)",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟", "", "A3"), fix("2", "l1", 1, "食堂油烟", "", "A3")}, nil, ""},
		{"a lead re-corrected counts as its latest",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟", "", "L1"), fix("2", "l1", 5, "食堂油烟", "", "A3"),
				fix("3", "l2", 1, "食堂油烟", "", "A3")}, nil, "食堂油烟→A3 2"},
		{"a term repeated in one correction counts once, case does not matter",
			[]TriageCorrection{fix("1", "l1", 0, "AGV,agv ", "", "F2"), fix("2", "l2", 1, "Agv", "", "F2")}, nil, "AGV→F2 2"},
		{"a cluster kept while another is removed is taught",
			[]TriageCorrection{keep("1", "l1", 0), keep("2", "l2", 1)}, nil, "电梯老困人→L1 2"},
		{"switched off is listed, marked",
			[]TriageCorrection{fix("1", "l1", 0, "食堂油烟", "", "A3"), fix("2", "l2", 1, "食堂油烟", "", "A3")},
			[]LessonOff{{Term: "食堂油烟 ", Cluster: "A3", ByName: "管理员", At: t0}}, "食堂油烟→A3 2 off"},
		{"strongest first, then by term",
			[]TriageCorrection{fix("1", "l1", 0, "b,a", "", "A3"), fix("2", "l2", 1, "b,a", "", "A3"), fix("3", "l3", 2, "b", "", "A3")},
			nil, "b→A3 3; a→A3 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(LearnLinks(tc.cs, tc.off)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	// The last correction towards the cluster, and who made it.
	ls := LearnLinks([]TriageCorrection{fix("1", "l1", 3, "x", "", "A3"), fix("2", "l2", 1, "x", "", "A3")}, nil)
	if len(ls) != 1 || !ls[0].Last.Equal(t0.Add(3*time.Hour)) || ls[0].LastByName != "组织者1" || ls[0].Toward != 2 {
		t.Fatalf("last correction %+v", ls)
	}
}

func TestCorrectionOf(t *testing.T) {
	for _, tc := range []struct {
		inferred      bool
		before, after []string
		removed       string
		added         string
		ok            bool
	}{
		{true, []string{"L1"}, []string{"A3"}, "L1", "A3", true},
		{true, []string{"L1", "A3"}, []string{"A3"}, "L1", "", true},
		{true, []string{"L1"}, []string{"L1", "A3"}, "", "A3", true},
		{true, []string{"L1"}, []string{"L1"}, "", "", false},
		{false, []string{"L1"}, []string{"A3"}, "", "", false},
	} {
		r, a, ok := CorrectionOf(tc.inferred, tc.before, tc.after)
		if strings.Join(r, ",") != tc.removed || strings.Join(a, ",") != tc.added || ok != tc.ok {
			t.Errorf("%v %v→%v: removed %v added %v ok %v", tc.inferred, tc.before, tc.after, r, a, ok)
		}
	}
}

func TestCanSeeLesson(t *testing.T) {
	org := &User{Role: RoleOrganiser, Clusters: []string{"A3"}}
	for _, tc := range []struct {
		u       *User
		cluster string
		want    bool
	}{
		{nil, "A3", false},
		{&User{Role: RoleMember}, "A3", false},
		{org, "A3", true},
		{org, "L1", false},
		{&User{Role: RoleAdmin}, "L1", true},
		{&User{Role: RoleAdmin, Disabled: true}, "L1", false},
	} {
		if got := CanSeeLesson(tc.u, tc.cluster); got != tc.want {
			t.Errorf("%+v %s: %v", tc.u, tc.cluster, got)
		}
	}
}
