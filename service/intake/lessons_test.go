package intake

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// memLeads is the lead store of triage in memory.
type memLeads struct {
	mu      sync.Mutex
	byID    map[string]domain.Lead
	updates []string
}

func (m *memLeads) Get(_ context.Context, id string) (*domain.Lead, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.byID[id]
	if !ok {
		return nil, domain.ErrNotFound
	}
	l.Clusters = slices.Clone(l.Clusters)
	return &l, nil
}

func (m *memLeads) Update(_ context.Context, l *domain.Lead, expect domain.LeadStatus) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, ok := m.byID[l.ID]
	if !ok {
		return domain.ErrNotFound
	}
	if old.Status != expect {
		return domain.Conflict("status", "changed")
	}
	c := *l
	c.Clusters = slices.Clone(l.Clusters)
	m.byID[l.ID] = c
	m.updates = append(m.updates, l.ID)
	return nil
}

func (m *memLeads) List(_ context.Context, f store.LeadFilter, _ store.Page) ([]domain.Lead, string, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []domain.Lead
	for _, l := range m.byID {
		if !f.Triage || l.Status == domain.LeadOpen && l.ClustersInferred {
			l.Clusters = slices.Clone(l.Clusters)
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, "", len(out), nil
}

// memLessons is the triage repository in memory.
type memLessons struct {
	mu  sync.Mutex
	cs  []domain.TriageCorrection
	off []domain.LessonOff
}

func (m *memLessons) AddCorrection(_ context.Context, c *domain.TriageCorrection) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cs = append(m.cs, *c)
	return nil
}

func (m *memLessons) Corrections(_ context.Context, limit int) ([]domain.TriageCorrection, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.cs[max(0, len(m.cs)-limit):]), nil
}

func (m *memLessons) SwitchOff(_ context.Context, o *domain.LessonOff) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.off = append(m.off, *o)
	return nil
}

func (m *memLessons) SwitchOn(_ context.Context, term, cluster string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.off)
	m.off = slices.DeleteFunc(m.off, func(o domain.LessonOff) bool {
		return o.Cluster == cluster && domain.LessonKey(o.Term) == domain.LessonKey(term)
	})
	return len(m.off) < n, nil
}

func (m *memLessons) Off(context.Context) ([]domain.LessonOff, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.off), nil
}

var triageClusters = []domain.Cluster{{Code: "A1", NameZh: "高端装备", NameEn: "High-end equipment"},
	{Code: "A3", NameZh: "节能环保", NameEn: "Energy saving and environmental protection"},
	{Code: "L1", NameZh: "物联网", NameEn: "Internet of Things"}}

// The cluster office keeps leads about trapped lifts in 物联网 (remote monitoring), though the
// engine reads them as 高端装备 first. After two such corrections a new lead written the same
// way goes to 物联网, with the reason, and so does the one still waiting in triage; switching the
// link off routes them as before.
func TestTriageLearnsFromCorrections(t *testing.T) {
	ctx := t.Context()
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	leads, lessons := &memLeads{byID: map[string]domain.Lead{}}, &memLessons{}
	s := New(nil, leads, nil, func() time.Time { now = now.Add(time.Minute); return now }).WithLessons(lessons)
	org := &domain.User{ID: "u-l1", Name: "物联网办 王", Role: domain.RoleOrganiser, Clusters: []string{"L1", "A1"}}
	ids := map[string]string{}
	id := func(name string) string {
		if ids[name] == "" {
			ids[name] = domain.NewID()
		}
		return ids[name]
	}
	add := func(name, title string) domain.Lead {
		l := domain.Lead{ID: id(name), Title: title, Status: domain.LeadOpen}
		s.Infer(&l, triageClusters)
		leads.byID[l.ID] = l
		return l
	}
	first := add("lead1", "电梯老困人，物业想远程知道电梯状态")
	if !first.ClustersInferred || first.Clusters[0] != "A1" {
		t.Fatalf("the test needs a lead read as A1 first: %v", first.Clusters)
	}
	add("lead2", "小区电梯老困人，想装个能报警的")
	waiting := add("lead3", "电梯老困人，业主天天投诉")
	// A lead no lesson reads, guessed when the engine read it otherwise: learning leaves it be.
	other := domain.Lead{ID: id("other"), Title: "食堂油烟太大，楼上老投诉", Status: domain.LeadOpen, Clusters: []string{"A1"},
		ClustersInferred: true}
	leads.byID[other.ID] = other

	// An answer equal to the guess is no correction.
	if _, err := s.ConfirmClusters(ctx, org, id("lead3"), waiting.Clusters, triageClusters); err != nil {
		t.Fatal(err)
	}
	leads.byID[id("lead3")] = waiting // back in the queue, as guessed
	if len(lessons.cs) != 0 {
		t.Fatalf("a confirmation was recorded as a correction: %+v", lessons.cs)
	}

	// One correction teaches nothing yet.
	if _, err := s.ConfirmClusters(ctx, org, id("lead1"), []string{"L1"}, triageClusters); err != nil {
		t.Fatal(err)
	}
	if len(lessons.cs) != 1 {
		t.Fatalf("corrections %+v", lessons.cs)
	}
	c := lessons.cs[0]
	if c.LeadID != id("lead1") || !slices.Contains(c.Terms, "电梯老困人") || !slices.Equal(c.Removed, []string{"A1"}) ||
		!slices.Equal(c.Clusters, []string{"L1"}) || c.By != "u-l1" || c.ByName != "物联网办 王" || c.At.IsZero() {
		t.Fatalf("correction %+v", c)
	}
	if links, _ := s.Links(ctx); len(links) != 0 {
		t.Fatalf("one correction taught %+v", links)
	}
	if l := add("lead4", "电梯老困人"); l.Clusters[0] != "A1" {
		t.Fatalf("routed by one correction: %v", l.Clusters)
	}

	// The second correction teaches; the lead waiting in triage is routed again.
	leads.updates = nil
	if _, err := s.ConfirmClusters(ctx, org, id("lead2"), []string{"L1"}, triageClusters); err != nil {
		t.Fatal(err)
	}
	links, err := s.Links(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(links, func(l domain.LearnedLink) bool { return l.Term == "电梯老困人" }); i < 0 ||
		links[i].Cluster != "L1" || links[i].Net != 2 || links[i].LastByName != "物联网办 王" {
		t.Fatalf("links %+v", links)
	}
	if got := leads.byID[id("lead3")].Clusters; !slices.Equal(got, []string{"L1"}) || !leads.byID[id("lead3")].ClustersInferred {
		t.Fatalf("waiting lead routed %v inferred %v, want L1 still inferred", got, leads.byID[id("lead3")].ClustersInferred)
	}
	if got := leads.byID[other.ID].Clusters; !slices.Equal(got, []string{"A1"}) || slices.Contains(leads.updates, other.ID) {
		t.Fatalf("a lead no lesson reads was read again: %v", got)
	}
	if l := add("lead5", "电梯老困人，想远程看状态"); !slices.Equal(l.Clusters, []string{"L1"}) {
		t.Fatalf("new lead %v, want L1", l.Clusters)
	}
	zh := s.Analyse(AnalyseInput{Title: "电梯老困人"}, triageClusters, "zh-CN")
	en := s.Analyse(AnalyseInput{Title: "电梯老困人"}, triageClusters, "en")
	if len(zh.Learned) == 0 || !strings.Contains(zh.Learned[0].Reason, "次分拣纠正：电梯老困人 → 物联网") ||
		zh.Clusters[0].Code != "L1" {
		t.Fatalf("zh reason %+v clusters %+v", zh.Learned, zh.Clusters)
	}
	if !strings.Contains(en.Learned[0].Reason, "triage corrections: 电梯老困人 → Internet of Things") {
		t.Fatalf("en reason %+v", en.Learned)
	}
	// A lead that reads no learned term is not touched by the lessons.
	if a := s.Analyse(AnalyseInput{Title: "食堂油烟太大"}, triageClusters, "zh-CN"); len(a.Learned) != 0 {
		t.Fatalf("unrelated lead learned %+v", a.Learned)
	}

	// Switched off: the waiting lead goes back to the engine's reading.
	if _, err := s.Switch(ctx, org, "电梯老困人", "L1", true, triageClusters); err != nil {
		t.Fatal(err)
	}
	if got := leads.byID[id("lead3")].Clusters; got[0] != "A1" {
		t.Fatalf("after switching off, waiting lead %v", got)
	}
	if l := add("lead6", "电梯老困人"); l.Clusters[0] != "A1" {
		t.Fatalf("routed by a link switched off: %v", l.Clusters)
	}
	l, err := s.Switch(ctx, org, "电梯老困人", "L1", false, triageClusters)
	if err != nil || l.Off {
		t.Fatalf("on again: %+v %v", l, err)
	}
}

func TestSwitchRefusals(t *testing.T) {
	ctx := t.Context()
	lessons := &memLessons{}
	for i, lead := range []string{"a", "b"} {
		lessons.cs = append(lessons.cs, domain.TriageCorrection{ID: lead, LeadID: lead, Terms: []string{"食堂油烟"},
			Clusters: []string{"A3"}, Added: []string{"A3"}, At: time.Unix(int64(i), 0)})
	}
	s := New(nil, &memLeads{byID: map[string]domain.Lead{}}, nil, nil).WithLessons(lessons)
	a3 := &domain.User{ID: "o", Role: domain.RoleOrganiser, Clusters: []string{"A3"}}
	for _, tc := range []struct {
		name          string
		u             *domain.User
		term, cluster string
		want          error
		field         string
	}{
		{"member", &domain.User{Role: domain.RoleMember}, "食堂油烟", "A3", domain.ErrForbidden, ""},
		{"nobody", nil, "食堂油烟", "A3", domain.ErrForbidden, ""},
		{"organiser of another cluster", &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"L1"}}, "食堂油烟", "A3", domain.ErrForbidden, ""},
		{"empty term", a3, " ", "A3", nil, "term"},
		{"unknown cluster", a3, "食堂油烟", "ZZ", nil, "cluster"},
		{"no cluster", a3, "食堂油烟", "", nil, "cluster"},
		{"not learned", a3, "电梯老困人", "A3", domain.ErrNotFound, ""},
		{"learned, lower case cluster", a3, "食堂油烟", "a3", nil, ""},
		{"admin", &domain.User{Role: domain.RoleAdmin}, "食堂油烟", "A3", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Switch(ctx, tc.u, tc.term, tc.cluster, true, triageClusters)
			var ve *domain.ValidationError
			switch {
			case tc.field != "":
				if !errors.As(err, &ve) || !ve.Has(tc.field) {
					t.Fatalf("err %v, want a validation error on %s", err, tc.field)
				}
			case tc.want != nil:
				if !errors.Is(err, tc.want) {
					t.Fatalf("err %v, want %v", err, tc.want)
				}
			case err != nil:
				t.Fatalf("err %v", err)
			}
		})
	}
	if len(lessons.off) == 0 {
		t.Fatal("nothing switched off")
	}
	// What each may see.
	for _, tc := range []struct {
		u    *domain.User
		want int
		err  error
	}{
		{a3, 1, nil}, {&domain.User{Role: domain.RoleOrganiser, Clusters: []string{"L1"}}, 0, nil},
		{&domain.User{Role: domain.RoleAdmin}, 1, nil}, {&domain.User{Role: domain.RoleMember}, 0, domain.ErrForbidden},
	} {
		ls, err := s.LinksFor(ctx, tc.u)
		if !errors.Is(err, tc.err) || len(ls) != tc.want {
			t.Errorf("%+v: %d links, err %v", tc.u, len(ls), err)
		}
	}
}
