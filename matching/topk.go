package matching

// hit is a scored candidate: a profile slot or a lead slot.
type hit struct {
	slot  uint32
	score float64
	id    string
}

// topK keeps the K best hits in a min-heap: O(N log K) and no sort of all candidates. Ties are
// broken by ID so rankings are stable across runs and engines.
type topK struct {
	k int
	h []hit
}

func newTopK(k int) *topK { return &topK{k: k, h: make([]hit, 0, k)} }

// worse reports whether a ranks below b.
func worse(a, b *hit) bool {
	return a.score < b.score || a.score == b.score && a.id > b.id
}

func (t *topK) full() bool { return len(t.h) == t.k }

// min is the score a hit must reach to enter a full heap.
func (t *topK) min() float64 { return t.h[0].score }

func (t *topK) offer(x hit) {
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(&t.h[i], &t.h[p]) {
				break
			}
			t.h[i], t.h[p] = t.h[p], t.h[i]
			i = p
		}
		return
	}
	if !worse(&t.h[0], &x) {
		return
	}
	t.h[0] = x
	t.down(0, len(t.h))
}

func (t *topK) down(i, n int) {
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && worse(&t.h[r], &t.h[l]) {
			m = r
		}
		if !worse(&t.h[m], &t.h[i]) {
			return
		}
		t.h[i], t.h[m] = t.h[m], t.h[i]
		i = m
	}
}

// sorted empties the heap into a best-first list.
func (t *topK) sorted() []hit {
	out := make([]hit, len(t.h))
	for n := len(t.h); n > 0; n-- {
		out[n-1] = t.h[0]
		t.h[0] = t.h[n-1]
		t.down(0, n-1)
	}
	t.h = t.h[:0]
	return out
}
