package matching

import (
	"slices"
	"strings"
	"testing"
)

// "fabric that must not fade" is met by the scene phrase "fabric fades" with "that must not"
// written into it; the phrase's products are the fabric and its dyeing, which answer a buyer who
// wants colourfast fabric, not the textile lab (data/scenarios/A2.tsv).
func TestFabricThatMustNotFade(t *testing.T) {
	e := New(DefaultConfig())
	for _, text := range []string{"need fabric that must not fade, 3000 m", "Our fabric fades after two washes"} {
		u := e.Understand("Fabric", text, nil, nil)
		found := false
		for _, s := range u.Scenes {
			if !strings.HasPrefix(s.Phrase, "fabric") || s.Guessed {
				continue
			}
			found = true
			if slices.Contains(s.Products, "纺织品检测") || !slices.Contains(s.Products, "功能性面料") || !slices.Contains(s.Products, "印染") {
				t.Errorf("%q: %q read as %v, want the fabric and dyeing, not the lab", text, s.Phrase, s.Products)
			}
		}
		if !found {
			t.Errorf("%q: no scene read from the fabric phrase: %+v", text, u.Scenes)
		}
	}
}
