package matching_test

import (
	"fmt"
	"testing"
	"time"

	"duijie/domain"
	"duijie/matching"
)

// benchLessons is an overlay of n learned links, two of them read by understandTexts.
func benchLessons(n int) *matching.Lessons {
	links := []domain.LearnedLink{{Term: "电梯老困人", Cluster: "L1", Net: 3}, {Term: "食堂油烟", Cluster: "A3", Net: 2}}
	for i := len(links); i < n; i++ {
		links = append(links, domain.LearnedLink{Term: fmt.Sprintf("学到的说法%d", i), Cluster: "A1", Net: 2})
	}
	return matching.NewLessons(links)
}

// BenchmarkUnderstandWithLessons is BenchmarkUnderstand with 500 learned links: what the lessons
// of triage add to POST /leads/analyse and to inferring a new lead's clusters.
//
//	go test ./matching/ -run '^$' -bench 'Understand' -benchtime 2000x -count 5
func BenchmarkUnderstandWithLessons(b *testing.B) {
	e, ls := benchIndex(b), benchLessons(500)
	for i := 0; i < b.N; i++ {
		t := understandTexts[i%len(understandTexts)]
		e.UnderstandWith(t[0], t[1], nil, nil, ls)
	}
}

// BenchmarkLearnLinks times the rule over a year of a busy office's triage (domain.MaxCorrections
// corrections of 6 terms each): what an instance pays when it reloads the links.
//
//	go test ./matching/ -run '^$' -bench LearnLinks -count 5
func BenchmarkLearnLinks(b *testing.B) {
	cs := make([]domain.TriageCorrection, domain.MaxCorrections)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range cs {
		terms := make([]string, 6)
		for j := range terms {
			terms[j] = fmt.Sprintf("说法%d", (i*7+j*13)%3000)
		}
		cs[i] = domain.TriageCorrection{ID: fmt.Sprint(i), LeadID: fmt.Sprint(i), Terms: terms,
			Clusters: []string{"L1"}, Removed: []string{"A1"}, At: t0.Add(time.Duration(i) * time.Minute)}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		domain.LearnLinks(cs, nil)
	}
}
