package matching

import (
	"math"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"duijie/domain"
)

// The lessons of triage route a lead that reads a learned term as the cluster office did, and
// change nothing else: without lessons, or without a learned term in the lead, UnderstandWith
// is Understand.
func TestUnderstandWithLessons(t *testing.T) {
	e := New(DefaultConfig())
	const title, desc = "电梯老困人", "小区十二部电梯，物业想远程知道电梯状态"
	plain := e.Understand(title, desc, nil, nil)
	if got := plain.InferClusters(); slices.Equal(got, []string{"L1"}) {
		t.Fatalf("the test needs a lead the engine does not route to L1 alone; it reads %v", got)
	}
	link := func(term, cluster string, net int, off bool) domain.LearnedLink {
		return domain.LearnedLink{Term: term, Cluster: cluster, Toward: net, Net: net, Off: off, Last: time.Now()}
	}
	for _, tc := range []struct {
		name  string
		links []domain.LearnedLink
		want  []string // nil: exactly Understand's reading
		term  string
	}{
		{"no lessons", nil, nil, ""},
		{"a term the lead does not read", []domain.LearnedLink{link("食堂油烟", "A3", 3, false)}, nil, ""},
		{"one correction does not teach", []domain.LearnedLink{link("电梯老困人", "L1", 1, false)}, nil, ""},
		{"switched off", []domain.LearnedLink{link("电梯老困人", "L1", 2, true)}, nil, ""},
		{"learned scene phrase", []domain.LearnedLink{link("电梯老困人", "L1", 2, false)}, []string{"L1"}, "电梯老困人"},
		{"a product only a scene called for teaches nothing", []domain.LearnedLink{link("电梯", "L1", 2, false)}, nil, ""},
		{"case and space do not matter", []domain.LearnedLink{link(" 电梯老困人 ", "L1", 2, false)}, []string{"L1"}, "电梯老困人"},
		{"towards a cluster the engine did not read", []domain.LearnedLink{link("电梯老困人", "F1", 4, false)}, []string{"F1"}, "电梯老困人"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := e.UnderstandWith(title, desc, nil, nil, NewLessons(tc.links))
			slices.Sort(u.backed) // a set, filled from a map
			slices.Sort(plain.backed)
			if tc.want == nil {
				if !reflect.DeepEqual(u, plain) {
					t.Fatalf("changed without a lesson:\n%+v\n%+v", u, plain)
				}
				return
			}
			if got := u.InferClusters(); !slices.Equal(got, tc.want) {
				t.Fatalf("inferred %v, want %v (%+v)", got, tc.want, u.Clusters)
			}
			if len(u.Learned) == 0 || domain.LessonKey(u.Learned[0].Term) != domain.LessonKey(tc.term) || u.Learned[0].Cluster != tc.want[0] {
				t.Fatalf("learned %+v", u.Learned)
			}
			// What was read is unchanged: only the clusters follow the lesson.
			if !reflect.DeepEqual(u.Products, plain.Products) || !reflect.DeepEqual(u.Scenes, plain.Scenes) {
				t.Fatalf("reading changed: %v %v", u.Products, u.Scenes)
			}
		})
	}
}

// A lesson about a scene does not reach a lead that names the product of the scene's setting.
func TestLessonsStayWithTheirWords(t *testing.T) {
	e := New(DefaultConfig())
	ls := NewLessons([]domain.LearnedLink{{Term: "电梯老困人", Cluster: "L1", Net: 3}})
	const title = "采购电梯20部，用于新建住宅楼"
	plain, learned := e.Understand(title, "", nil, nil), e.UnderstandWith(title, "", nil, nil, ls)
	slices.Sort(plain.backed)
	slices.Sort(learned.backed)
	if !reflect.DeepEqual(plain, learned) {
		t.Fatalf("a lead buying lifts followed a lesson on trapped passengers: %+v", learned.Clusters)
	}
}

func TestUnderstandingTerms(t *testing.T) {
	u := Understanding{Products: []string{"油烟净化设备", "AGV", "金刚石量子传感", "风机"}, Scenes: []Scene{
		{Phrase: "食堂油烟", Products: []string{"油烟净化设备"}}, {Phrase: "agv"},
		{Phrase: "小区十二部电梯", Products: []string{"金刚石量子传感"}, Guessed: true}}}
	if got := u.Terms(); !slices.Equal(got, []string{"食堂油烟", "agv", "风机"}) {
		t.Fatalf("terms %v", got)
	}
	if NewLessons(nil) != nil || NewLessons(nil).Len() != 0 {
		t.Fatal("no links, no overlay")
	}
}

// An explanation's factor that rounds to nothing is 0, never -0: JSON would write "-0" and
// MongoDB read it back as 0, so the two stores would tell the same match apart.
func TestRound3HasNoNegativeZero(t *testing.T) {
	if z := round3(-0.0002); math.Signbit(z) {
		t.Fatalf("round3(-0.0002) = %v", z)
	}
}

// BenchmarkLessonsOverlay times what UnderstandWith adds to Understand: reading a lead's terms
// against 500 learned links and mixing the learned clusters in (two of them are read).
//
//	go test ./matching/ -run '^$' -bench LessonsOverlay -count 5
func BenchmarkLessonsOverlay(b *testing.B) {
	e := New(DefaultConfig())
	links := []domain.LearnedLink{{Term: "电梯老困人", Cluster: "L1", Net: 3}, {Term: "远程知道电梯状态", Cluster: "L1", Net: 2}}
	for i := len(links); i < 500; i++ {
		links = append(links, domain.LearnedLink{Term: "学到的说法" + strconv.Itoa(i), Cluster: "A1", Net: 2})
	}
	ls := NewLessons(links)
	u := e.Understand("电梯老困人，想远程知道电梯状态", "小区十二部电梯，物业想远程知道电梯状态", nil, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := u
		c.learn(ls)
	}
}
