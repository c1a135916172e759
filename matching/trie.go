package matching

// trie maps sequences of symbols (runes, or word numbers for Latin phrases) to payloads. One flat
// map of (node, symbol) → child keeps it compact for the few thousand surface forms of the
// vocabulary, and a walk costs one map probe per symbol.
type trie struct {
	next  map[uint64]int32
	pay   []int32   // node → index+1 into lists, 0 when no word ends at the node
	lists [][]int32 // payloads of the words ending at a node
	// root holds the children of the root for symbols below rootSpan: every position of every
	// text starts at the root, and most stop there, so that first step is an array read rather
	// than a map probe (a tenth of the index build's CPU before). Pages of 256 symbols are
	// made only where some word starts, so a small trie stays small. Zero means no child (node 0
	// is the root itself, never a child).
	root [rootSpan >> 8]*[256]int32
}

// rootSpan covers ASCII, the word numbers of Latin phrases and the CJK ideographs (up to U+9FFF).
const rootSpan = 0xA000

func newTrie() *trie {
	return &trie{next: map[uint64]int32{}, pay: []int32{0}}
}

func (t *trie) add(syms []int32, val int32) {
	n := int32(0)
	for _, s := range syms {
		k := uint64(uint32(n))<<32 | uint64(uint32(s))
		c, ok := t.next[k]
		if !ok {
			c = int32(len(t.pay))
			t.pay = append(t.pay, 0)
			t.next[k] = c
			if n == 0 && s >= 0 && s < rootSpan {
				pg := t.root[s>>8]
				if pg == nil {
					pg = new([256]int32)
					t.root[s>>8] = pg
				}
				pg[s&0xFF] = c
			}
		}
		n = c
	}
	if t.pay[n] == 0 {
		t.lists = append(t.lists, nil)
		t.pay[n] = int32(len(t.lists))
	}
	l := t.lists[t.pay[n]-1]
	for _, v := range l {
		if v == val {
			return
		}
	}
	t.lists[t.pay[n]-1] = append(l, val)
}

func (t *trie) step(n, s int32) (int32, bool) {
	if n == 0 && s >= 0 && s < rootSpan {
		pg := t.root[s>>8]
		if pg == nil {
			return 0, false
		}
		c := pg[s&0xFF]
		return c, c != 0
	}
	c, ok := t.next[uint64(uint32(n))<<32|uint64(uint32(s))]
	return c, ok
}

// matchRunes calls fn for every word of the trie that starts at rs[i], shortest first.
func (t *trie) matchRunes(rs []rune, i int, fn func(end int, vals []int32)) {
	n := int32(0)
	for j := i; j < len(rs); j++ {
		var ok bool
		if n, ok = t.step(n, rs[j]); !ok {
			return
		}
		if p := t.pay[n]; p != 0 {
			fn(j+1, t.lists[p-1])
		}
	}
}

// longestRunes returns the end of the longest word starting at rs[i], or i when none does.
func (t *trie) longestRunes(rs []rune, i int) int {
	best := i
	t.matchRunes(rs, i, func(end int, _ []int32) { best = end })
	return best
}
