package synth

import (
	"reflect"
	"testing"

	"duijie/domain"
)

func TestDeterministicAndPlausible(t *testing.T) {
	if !reflect.DeepEqual(Enterprise(7, 42), Enterprise(7, 42)) || !reflect.DeepEqual(Lead(7, 3), Lead(7, 3)) {
		t.Fatal("same seed and index must give the same record")
	}
	if Enterprise(7, 1).ID == Enterprise(7, 2).ID {
		t.Fatal("IDs must differ")
	}
	n := 0
	Enterprises(1000, 300, 1, func(b []domain.Enterprise) {
		for _, e := range b {
			n++
			if !domain.ValidID(e.ID) || e.Name == "" || len(e.Products) == 0 || len(e.Clusters) == 0 || e.Description == "" {
				t.Fatalf("implausible enterprise %+v", e)
			}
		}
	})
	if n != 1000 {
		t.Fatalf("streamed %d", n)
	}
	if l := Lead(1, 0); l.Title == "" || l.Status != domain.LeadOpen || !domain.ValidID(l.ID) {
		t.Fatalf("implausible lead %+v", l)
	}
}
