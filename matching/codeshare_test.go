package matching

import (
	"reflect"
	"testing"
)

func TestStrongKeysDropsWhatOnlyAWeakNeighbourHolds(t *testing.T) {
	for _, c := range []struct {
		name string
		in   map[string]float64
		want []string
	}{
		{"a lone code of the third neighbour", map[string]float64{"C3591": 1.5, "N7721": 1.2, "C2710": 0.33}, []string{"C3591", "N7721"}},
		{"codes of equal weight all stay", map[string]float64{"8421": 1, "8479": 1}, []string{"8421", "8479"}},
		{"exactly the share stays", map[string]float64{"C39": 1, "C38": codeShare}, []string{"C39", "C38"}},
		{"nothing", map[string]float64{}, nil},
	} {
		if got := topKeys(strongKeys(c.in, codeShare), 3); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
