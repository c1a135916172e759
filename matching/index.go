package matching

import (
	"slices"
	"sort"
	"strings"
	"sync/atomic"
)

// Limits of the packed postings: a posting is slot<<8 | tf and a forward entry termID<<8 | tf.
const (
	maxSlots = 1 << 24
	maxTerms = 1 << 24
	maxTF    = 255
)

// index is the inverted index over enterprise profiles. Postings of a term are sorted by slot,
// so new profiles append and a removal is a binary search and a copy; slots of removed profiles
// are reused. All fields are guarded by Engine.mu.
type index struct {
	dict  map[string]uint32
	terms []string
	posts [][]uint32 // term → slot<<8|tf, ascending
	peak  []termPeak // term → the most any of its postings can contribute, see termPeak

	ids   []string   // slot → enterprise ID, "" when free
	fwd   [][]uint32 // slot → termID<<8|tf, ascending: for removal, brute force and explanations
	norm  []uint8    // slot → encoded document length
	meta  []docMeta
	brief []slotBrief // slot → what bounds its pair evidence, packed (see slotBrief)
	byID  map[string]uint32
	free  []uint32
	live  int
	sumDL int64 // sum of decoded lengths of live profiles

	certs   setTable
	markets setTable

	droppedTerms int // terms refused because the dictionary was full

	// version changes with every put and remove: whatever a compiled query read of the index
	// (its size, a term's document frequency, the mean length) may have changed with it.
	version uint64

	norms atomic.Pointer[normTable] // the BM25 length table for the current mean length
}

// normTable is BM25's length normalisation k1·(1−b+b·dl/avgdl) for every encoded length.
type normTable struct {
	avg, k1, b float64
	k          [256]float32
}

// normTable returns the table for the current mean length, computing it once per change; many
// rankings share it under the read lock, hence the atomic pointer.
func (ix *index) normTable(k1, b float64) *[256]float32 {
	avg := ix.avgDL()
	if t := ix.norms.Load(); t != nil && t.avg == avg && t.k1 == k1 && t.b == b {
		return &t.k
	}
	t := &normTable{avg: avg, k1: k1, b: b}
	for i := range t.k {
		t.k[i] = float32(k1 * (1 - b + b*float64(decodeLen(uint8(i)))/avg))
	}
	ix.norms.Store(t)
	return &t.k
}

// docMeta is what scoring needs of a profile besides its terms. It is packed into 24 bytes
// (exposure as a uint16, last but the bytes): one per profile, so the 8 bytes of padding the
// natural order cost paid for the concept postings the scenario vocabulary added.
type docMeta struct {
	updated  int64  // UpdatedAt in Unix nanoseconds, to refuse stale writes
	region   uint32 // GB/T 2260 code
	certs    uint32 // set of normalised certifications
	markets  uint32 // set of export markets
	exposure uint16 // leads received recently (fair exposure), saturating at maxExposure
	tier     uint8  // bit of the tier, see tierBit
	role     uint8
}

// maxExposure is where the recent-exposure count saturates: far beyond the leads a supplier can
// receive in the exposure window, and the multiplier 1/(1+α·ln(1+n)) barely moves up there.
const maxExposure = 1<<16 - 1

func newIndex() *index {
	return &index{dict: map[string]uint32{}, byID: map[string]uint32{}, certs: newSetTable(), markets: newSetTable()}
}

// encodeLen squeezes a document length into a byte: exact below 128, steps of 8 above, as
// Lucene does with its norms; BM25 needs no more precision.
func encodeLen(dl int) uint8 {
	if dl < 128 {
		return uint8(dl)
	}
	return uint8(min(255, 128+(dl-128)/8))
}

func decodeLen(b uint8) int {
	if b < 128 {
		return int(b)
	}
	return 128 + int(b-128)*8 + 4
}

// termTF is a term of a profile with its (field-weighted) frequency.
type termTF struct {
	text string
	tf   uint32
}

// prepared is a profile analysed outside the lock, ready to be put in the index.
type prepared struct {
	id      string
	terms   []termTF // sorted by text
	dl      int
	meta    docMeta
	certs   []string
	markets []string
}

// termID returns the ID of t, adding it to the dictionary; false when the dictionary is full.
func (ix *index) termID(t string) (uint32, bool) {
	if id, ok := ix.dict[t]; ok {
		return id, true
	}
	if len(ix.terms) >= maxTerms {
		ix.droppedTerms++
		return 0, false
	}
	id := uint32(len(ix.terms))
	t = strings.Clone(t)
	ix.dict[t] = id
	ix.terms = append(ix.terms, t)
	ix.posts = append(ix.posts, nil)
	ix.peak = append(ix.peak, termPeak{minNorm: 255})
	return id, true
}

// put stores p, replacing the profile of the same ID; false when the index is full.
func (ix *index) put(p *prepared) bool {
	ix.version++
	slot, exists := ix.byID[p.id]
	if exists {
		ix.drop(slot)
	} else {
		if len(ix.free) > 0 {
			slot = ix.free[len(ix.free)-1]
			ix.free = ix.free[:len(ix.free)-1]
		} else {
			if len(ix.ids) >= maxSlots {
				return false
			}
			slot = uint32(len(ix.ids))
			ix.ids = append(ix.ids, "")
			ix.fwd = append(ix.fwd, nil)
			ix.norm = append(ix.norm, 0)
			ix.meta = append(ix.meta, docMeta{})
			ix.brief = append(ix.brief, 0)
		}
		ix.byID[p.id] = slot
	}
	fwd := make([]uint32, 0, len(p.terms))
	for _, t := range p.terms {
		id, ok := ix.termID(t.text)
		if !ok {
			continue
		}
		fwd = append(fwd, id<<8|min(t.tf, maxTF))
	}
	slices.Sort(fwd)
	nb := encodeLen(p.dl)
	for _, f := range fwd {
		ix.posts[f>>8] = insertPosting(ix.posts[f>>8], slot<<8|f&maxTF)
		ix.peak[f>>8].add(uint8(f&maxTF), nb)
	}
	ix.ids[slot] = p.id
	ix.fwd[slot] = fwd
	ix.norm[slot] = nb
	m := p.meta
	m.certs = ix.certs.id(p.certs)
	m.markets = ix.markets.id(p.markets)
	ix.meta[slot] = m
	ix.brief[slot] = briefOf(&m)
	ix.live++
	ix.sumDL += int64(decodeLen(ix.norm[slot]))
	return true
}

// remove takes the profile id out of the index; false when it was not there.
func (ix *index) remove(id string) bool {
	slot, ok := ix.byID[id]
	if !ok {
		return false
	}
	ix.version++
	ix.drop(slot)
	delete(ix.byID, id)
	ix.ids[slot] = ""
	ix.fwd[slot] = nil
	ix.meta[slot] = docMeta{}
	ix.brief[slot] = 0
	ix.free = append(ix.free, slot)
	return true
}

// drop removes the postings of slot, leaving the slot assigned.
func (ix *index) drop(slot uint32) {
	for _, f := range ix.fwd[slot] {
		ix.posts[f>>8] = removePosting(ix.posts[f>>8], slot)
	}
	ix.live--
	ix.sumDL -= int64(decodeLen(ix.norm[slot]))
}

// insertPosting keeps p sorted; appending is the common case (bulk load, fresh slots).
func insertPosting(p []uint32, x uint32) []uint32 {
	if n := len(p); n == 0 || p[n-1] < x {
		return append(p, x)
	}
	i := sort.Search(len(p), func(i int) bool { return p[i] >= x })
	p = append(p, 0)
	copy(p[i+1:], p[i:])
	p[i] = x
	return p
}

func removePosting(p []uint32, slot uint32) []uint32 {
	i := sort.Search(len(p), func(i int) bool { return p[i]>>8 >= slot })
	if i < len(p) && p[i]>>8 == slot {
		copy(p[i:], p[i+1:])
		p = p[:len(p)-1]
	}
	return p
}

// tfOf returns the frequency of term in a forward list, 0 when absent.
func tfOf(fwd []uint32, term uint32) uint32 {
	i := sort.Search(len(fwd), func(i int) bool { return fwd[i]>>8 >= term })
	if i < len(fwd) && fwd[i]>>8 == term {
		return fwd[i] & maxTF
	}
	return 0
}

// avgDL is the mean document length, 1 for an empty index.
func (ix *index) avgDL() float64 {
	if ix.live == 0 || ix.sumDL == 0 {
		return 1
	}
	return float64(ix.sumDL) / float64(ix.live)
}

// trim gives back the spare capacity of postings after a bulk load, and tightens the peaks
// that removals left loose.
func (ix *index) trim() {
	for i, p := range ix.posts {
		if cap(p) > len(p)+len(p)/16 {
			ix.posts[i] = append(make([]uint32, 0, len(p)), p...)
		}
		pk := termPeak{minNorm: 255}
		for _, x := range p {
			pk.add(uint8(x&maxTF), ix.norm[x>>8])
		}
		ix.peak[i] = pk
	}
}

// setTable interns small sets of strings (a profile's certifications, its export markets): most
// profiles share a few combinations, so a number per profile is all the index keeps.
type setTable struct {
	sets  [][]string
	byKey map[string]uint32
}

func newSetTable() setTable {
	return setTable{sets: [][]string{nil}, byKey: map[string]uint32{"": 0}}
}

func (t *setTable) id(items []string) uint32 {
	if len(items) == 0 {
		return 0
	}
	key := strings.Join(items, "\x00")
	if id, ok := t.byKey[key]; ok {
		return id
	}
	id := uint32(len(t.sets))
	t.sets = append(t.sets, append([]string(nil), items...))
	t.byKey[key] = id
	return id
}

func sortUint32(s []uint32) { slices.Sort(s) }
