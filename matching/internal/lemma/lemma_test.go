package lemma

import "testing"

const table = `# a small table
[verbs]
break hope hop map move coat dry stop pipe pip open fill colour see control travel weld use
die dye lie tie fly buy
[forms]
broke break
broken break
children child
[own]
coating seed
[spellings]
colour color
fibre fiber
`

func TestLemma(t *testing.T) {
	tb, err := Parse(table)
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]string{
		// regular -ing and -ed forms cut to a known verb
		"breaking": "break", "breaks": "break", "welded": "weld", "using": "use", "used": "use",
		// the silent e where English would have doubled the other's consonant
		"hoping": "hope", "hopping": "hop", "hoped": "hope", "piping": "pipe", "moving": "move",
		"mapping": "map", "stopped": "stop", "controlled": "control", "travelling": "travel",
		"dried": "dry", "drying": "dry", "filling": "fill", "opening": "open",
		// -ying of a verb in -ie: fish dying are no dyeing, though dye is a verb too
		"dying": "die", "dyeing": "dye", "lying": "lie", "tying": "tie", "flying": "fly", "buying": "buy",
		// irregular forms, plurals of listed forms, words of their own
		"broke": "break", "broken": "break", "children": "child", "coating": "coating", "coatings": "coating",
		// British spellings end American, after the inflection is cut
		"colours": "color", "coloured": "color", "colouring": "color", "fibres": "fiber",
		// what only looks inflected stays: no verb "str", "hundr"; seed is listed as its own
		"seed": "seed", "seeds": "seed", "string": "string", "hundred": "hundred", "led": "led",
		// model numbers and codes are matched exactly
		"gp30": "gp30", "stm32f103": "stm32f103",
	} {
		if got := tb.Lemma(w); got != want {
			t.Errorf("Lemma(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{"broke break", "[forms]\nbroke", "[spellings]\ncolour"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestPlural(t *testing.T) {
	for w, want := range map[string]string{
		"buses": "bus", "gases": "gas", "lenses": "lens", "fuses": "fuse", "houses": "house",
		"cases": "case", "valves": "valve", "batteries": "battery", "boxes": "box", "bus": "bus",
	} {
		if got := Plural(w); got != want {
			t.Errorf("Plural(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestOneSyllableCVC(t *testing.T) {
	for w, want := range map[string]bool{"hop": true, "pip": true, "cut": true, "open": false, "coat": false, "fix": false, "saw": false} {
		if got := OneSyllableCVC(w); got != want {
			t.Errorf("OneSyllableCVC(%q) = %v", w, got)
		}
	}
}
