package matching

import (
	"fmt"
	"sync"

	"duijie/matching/internal/lemma"
)

// Buyers writing English inflect the words a supplier or the vocabulary writes once: "the belts
// keep breaking", "belt broke twice", "broken belts" for a scene written "belt breaks"; "moving
// pallets" for "move pallets"; "children's shoes" for "child shoes". Every Latin word of a
// profile, a lead and a vocabulary surface is read as its lemma (data/lemmas.txt, from WordNet),
// so the three meet whatever the inflection: one index term and one vocabulary symbol a word.

var lemmas = sync.OnceValue(func() *lemma.Table {
	data, err := dataFS.ReadFile("data/lemmas.txt")
	if err == nil {
		var t *lemma.Table
		if t, err = lemma.Parse(string(data)); err == nil {
			return t
		}
	}
	// Embedded at build time and checked by the tests: a broken file is a programming error.
	panic(fmt.Sprintf("matching: embedded lemma table: %v", err))
})

// lemmaOf returns the lemma of a lower-case Latin word (plurals and -ing/-ed forms folded,
// irregular forms to their base); a model number is returned as it is.
func lemmaOf(w string) string { return lemmas().Lemma(w) }
