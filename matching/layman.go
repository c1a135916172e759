package matching

import (
	"fmt"
	"slices"
	"strings"
)

// A buyer who does not know the trade's word writes the everyday one: 吸铁石 for a magnet, 气泡布
// for bubble wrap, 体重计 for a weighing scale. The vocabulary reads a word only if someone wrote
// it down; the everyday-name table (data/bridge/zh_layman.tsv, written by internal/gencedict
// -layman from CC-CEDICT and the vocabulary) holds the dictionary's headwords the vocabulary
// reads nothing in whose glosses lead to one or two of its products. A lead's Han words that no
// concept or scene read are looked up there, longest first, and add the products' terms the way
// the English bridge adds its translations (kTrans: broad evidence, left out of the lead's
// normalisation): they order the suppliers the lead already reached, and are shown as
// "吸铁石 ≈ 稀土永磁".

// laymanFile is the table inside the vocabulary's directory.
const laymanFile = "bridge/zh_layman.tsv"

// laymanBlocked is the payload of a longer word that holds a headword and leads nowhere.
const laymanBlocked = -1

// loadLayman reads the table: "headword<TAB>product,product<TAB>gloss", or "word<TAB>-".
func (v *Vocabulary) addLaymanLine(line string) error {
	head, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return fmt.Errorf("want headword<TAB>products<TAB>gloss")
	}
	products, _, _ := strings.Cut(rest, "\t")
	sf := []int32(nil)
	for _, r := range head {
		if !isHan(r) {
			return fmt.Errorf("headword %q: not Han characters", head)
		}
		sf = append(sf, r)
	}
	if v.layman == nil {
		v.layman = newTrie()
	}
	if products == "-" {
		v.layman.add(sf, laymanBlocked)
		return nil
	}
	for _, p := range strings.Split(products, ",") {
		id, ok := v.byName[p]
		if !ok {
			// The table was written against another vocabulary: a product renamed since is
			// left out until the table is written again (a test checks it is current).
			v.laymanStale++
			continue
		}
		v.layman.add(sf, id)
	}
	return nil
}

// laymanRead adds to occ (a lead field's terms, rs its normalised text, w its weight) the
// products of the everyday names in the field's Han runs that nothing in occ read as a concept or
// a scene. A term's via is its product's place in heads plus one, for explanations.
func (a *analyzer) laymanRead(rs []rune, w float32, occ []term, heads *[]string) []term {
	t := a.v.layman
	if !a.layman || t == nil {
		return occ
	}
	read := readMask(occ, len(rs))
	for i := 0; i < len(rs); {
		if !isHan(rs[i]) || read[i] {
			i++
			continue
		}
		end, ids := laymanLongest(t, rs, i)
		if end == i {
			i++
			continue
		}
		if len(ids) == 0 || ids[0] == laymanBlocked || slices.Contains(read[i:end], true) {
			i = end // a word of its own, not a headword inside it
			continue
		}
		for _, id := range ids {
			if len(*heads) == 255 { // term.via is a byte
				return occ
			}
			c := a.v.concepts[id]
			*heads = append(*heads, c.name)
			occ = append(occ, term{text: c.term, kind: kTrans, w: w * a.lw.layman / float32(len(ids)),
				start: int32(i), end: int32(end), via: uint8(len(*heads))})
		}
		i = end
	}
	return occ
}

// laymanLongest returns the end of the longest word of the table starting at rs[i] and its
// payloads (i and nil when none starts there).
func laymanLongest(t *trie, rs []rune, i int) (int, []int32) {
	end, ids := i, []int32(nil)
	t.matchRunes(rs, i, func(e int, vals []int32) { end, ids = e, vals })
	return end, ids
}

// readMask marks the positions of a field of n runes the vocabulary read (concepts and scenes;
// the scene bag's guesses span a clause and do not count).
func readMask(occ []term, n int) []bool {
	read := make([]bool, n)
	for _, t := range occ {
		if (t.kind == kConcept || t.kind == kExpansion) && !t.bag {
			for k := max(int(t.start), 0); k < min(int(t.end), n); k++ {
				read[k] = true
			}
		}
	}
	return read
}
