package matching

import (
	"slices"
	"strings"
	"unicode/utf8"

	"duijie/domain"
	"duijie/domain/codes"
)

// A lead that names only a place (江阴, "Dubai", "Deliver to Dubai") says where, not what. Read
// word by word it still has terms — 江阴 is a word, "dubai" a Latin one — and a supplier whose
// profile happens to name the place ranked first, for no reason a buyer would accept. Such a lead
// is unread: it has no code, and every term a person would call evidence lies inside a place name
// (data/places.tsv). It ranks nothing (ErrNothingToMatch), and the pages say what to add.

// Unread reports whether the engine reads nothing from a lead but place names, and which place
// names it found (as written, first seen first). A lead with any code is never unread.
func (e *Engine) Unread(l domain.Lead) (places []string, unread bool) {
	if len(l.Clusters)+len(l.IndustryCodes)+len(l.HSCodes) > 0 {
		return nil, false
	}
	lt := e.analyzeLead(&l, true)
	places, unread = e.unreadText(lt)
	if unread && len(places) == 0 {
		places = domesticPlaces(lt.fields)
	}
	return places, unread
}

// unreadLead is Unread over an analysed lead.
func (e *Engine) unreadLead(l *domain.Lead, lt *leadText) bool {
	if len(l.Clusters)+len(l.IndustryCodes)+len(l.HSCodes) > 0 {
		return false
	}
	_, unread := e.unreadText(lt)
	return unread
}

// unreadText is Unread over an analysed lead without codes.
func (e *Engine) unreadText(lt *leadText) (places []string, unread bool) {
	a := &e.an
	if !a.lw.names || a.v.places.names == nil {
		return nil, lt.empty()
	}
	// Most leads name a product or a scene: no place name holds one (names.go), so they are
	// read without looking for places.
	for f := range lt.occ {
		for _, t := range lt.occ[f] {
			if t.kind == kConcept || t.kind == kExpansion {
				return nil, false
			}
		}
	}
	for f := range lt.fields {
		spans := a.placeSpans(lt.fields[f])
		for _, t := range lt.occ[f] {
			if a.v.weakText(weighted{text: t.text, kind: t.kind}) {
				continue
			}
			inside := false
			for _, s := range spans {
				inside = inside || s[0] <= t.start && t.end <= s[1]
			}
			if !inside {
				return nil, false
			}
		}
		for _, s := range spans {
			name := string(lt.fields[f][s[0]:s[1]])
			if lt.orig[f] != nil {
				name = string(lt.orig[f][s[0]:s[1]])
			}
			if !slices.Contains(places, name) {
				places = append(places, name)
			}
		}
	}
	return places, true
}

// domesticPlaces returns the Chinese region names (GB/T 2260, without 市, 区, 县 or 省) written
// as whole Han runs of the fields, 的 and the like trimmed: 江阴 and 无锡 are stop words of the
// index, so a lead of them alone has no term and no place span to name.
func domesticPlaces(fields [2][]rune) []string {
	var out []string
	for _, rs := range fields {
		for i := 0; i < len(rs); {
			if !isHan(rs[i]) {
				i++
				continue
			}
			j := i
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			run := strings.TrimRight(string(rs[i:j]), "的吗呢啊了")
			i = j
			if n := utf8.RuneCountInString(run); n < 2 || n > 8 || slices.Contains(out, run) {
				continue
			}
			for _, it := range codes.Search("region", run, 5) {
				last := it.Name[strings.LastIndexByte(it.Name, ' ')+1:] // "江苏省 无锡市 江阴市"
				if last == run || strings.TrimRight(last, "市区县省") == run {
					out = append(out, run)
					break
				}
			}
		}
	}
	return out
}

// placeSpans returns the rune spans of the place names of a normalised field: Han names of
// data/places.tsv, and Latin ones of one to four words.
func (a *analyzer) placeSpans(rs []rune) [][2]int32 {
	var spans [][2]int32
	for i := 0; i < len(rs); i++ {
		if !isHan(rs[i]) {
			continue
		}
		if end := a.v.places.names.longestRunes(rs, i); end-i >= 2 {
			spans = append(spans, [2]int32{int32(i), int32(end)})
			i = end - 1
		}
	}
	lat, _ := latinStream(rs)
	mark := a.latinPlaces(rs, lat)
	for i := 0; i < len(mark); i++ {
		if !mark[i] {
			continue
		}
		j := i
		for j+1 < len(mark) && mark[j+1] {
			j++
		}
		spans = append(spans, [2]int32{int32(lat[i].start), int32(lat[j].end)})
		i = j
	}
	return spans
}
