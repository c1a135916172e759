package matching

import (
	"slices"
	"strings"
)

// A request for software or a device often names the systems it must work with: "connect to our
// existing ERP", "sync with Shopify", "与现有ERP对接", "需对接OA和档案系统", "对接 金蝶 K3 Cloud".
// Those are what the buyer already runs, not what it buys: read like the need, they rank the ERP
// vendor first for a factory that wants an MES. So the terms of an interface the need names weigh
// Tuning.Interface of their weight, unless the lead reads the same product outside every interface
// too (an ERP project that connects to the MES is still an ERP project). "compatible with" and
// "兼容" are left alone: a part compatible with another is that part.

// enInterfaces introduce, in English, the system the need must connect to.
var enInterfaces = []string{"connect to", "connect with", "connects to", "connects with", "connected to",
	"connected with", "connecting to", "connection to", "connection with", "connectivity to", "integrate with",
	"integrates with", "integrated with", "integrating with", "integration with", "integrate into",
	"integrated into", "interface with", "interface to", "interfaces with", "interfacing with", "sync with",
	"syncs with", "synced with", "synchronize with", "synchronise with", "link to", "link with", "linked to",
	"linked with", "talk to", "talks to", "plug into", "hook into", "hooked to", "feed into", "push to",
	"work with our", "works with our", "working with our"}

// enInterfaceEnds end the interface's name: a word that starts another part of the sentence.
var enInterfaceEnds = []string{"for", "to", "in", "at", "from", "with", "by", "on", "so", "that", "which", "where",
	"when", "please", "we", "i", "but", "because", "via", "is", "are", "was", "will", "can", "must", "should",
	"need", "needs", "also", "plus", "then", "if"}

// zhInterface is the Chinese word of connecting two systems (对接); zhInterfaceWith are the words
// that name, before it, the system connected to (与现有ERP对接, 和现有VPN对接).
const zhInterface = "对接"

var zhInterfaceWith = []rune("与和跟同")

// ifaceMaxWords and ifaceMaxRunes bound an interface's name: a system or two, not the rest of
// the sentence.
const (
	ifaceMaxWords = 6
	ifaceMaxRunes = 14
)

// interfaceSpans returns the rune spans of a field's normalised text that name a system the need
// must connect to.
func interfaceSpans(rs []rune) [][2]int32 {
	out := zhInterfaces(rs)
	if !hasLatinLetter(rs) {
		return out
	}
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && !clauseEnd(rs, end) {
			end++
		}
		out = append(out, enInterfaceSpans(string(rs[start:end]), start)...)
		start = end + 1
	}
	return out
}

// zhStop ends the name of a Chinese interface: punctuation, not the spaces of a phone post
// ("对接 金蝶 K3 Cloud").
func zhStop(r rune) bool {
	return strings.ContainsRune(",，。;；!！?？:：\n", r)
}

// zhInterfaces finds 对接X and 与X对接 in a field.
func zhInterfaces(rs []rune) [][2]int32 {
	var out [][2]int32
	w := []rune(zhInterface)
	for i := 0; i+len(w) <= len(rs); i++ {
		if !slices.Equal(rs[i:i+len(w)], w) {
			continue
		}
		// 与X对接: the system stands between the preposition and 对接, and what follows is not it.
		with := false
		for k := i - 1; k >= 0 && i-k <= ifaceMaxRunes && !zhStop(rs[k]); k-- {
			if slices.Contains(zhInterfaceWith, rs[k]) {
				if k+1 < i {
					out = append(out, [2]int32{int32(k + 1), int32(i)})
					with = true
				}
				break
			}
		}
		if with {
			continue
		}
		// 对接X: the system runs to the next punctuation.
		s := i + len(w)
		for s < len(rs) && rs[s] == ' ' {
			s++
		}
		j := s
		for j < len(rs) && j-s < ifaceMaxRunes && !zhStop(rs[j]) {
			j++
		}
		for j > s && rs[j-1] == ' ' {
			j--
		}
		if j > s {
			out = append(out, [2]int32{int32(s), int32(j)})
		}
	}
	return out
}

// enInterfaceSpans finds the systems named after an English interface phrase in a clause (base
// is its rune offset).
func enInterfaceSpans(clause string, base int) [][2]int32 {
	ws, pause := enWords(clause, 0)
	var out [][2]int32
	for i := 0; i < len(ws); i++ {
		n := interfaceAt(ws, pause, i)
		if n == 0 {
			continue
		}
		j := i + n
		k := j
		for k < len(ws) && k-j < ifaceMaxWords && !slices.Contains(enInterfaceEnds, ws[k].w) {
			k++
			if pause[k-1] && !strings.ContainsAny(clause[ws[k-1].e:min(len(clause), ws[k-1].e+1)], ",/&") {
				break
			}
		}
		if k > j {
			out = append(out, runeSpan(clause, base, ws[j].s, ws[k-1].e))
		}
		i = k - 1
	}
	return out
}

// interfaceAt returns how many words of an interface phrase start at ws[i], 0 if none does.
func interfaceAt(ws []enWord, pause []bool, i int) int {
	for _, p := range enInterfaces {
		parts := strings.Fields(p)
		if i+len(parts) > len(ws) {
			continue
		}
		ok := true
		for k, w := range parts {
			if ws[i+k].w != w || k < len(parts)-1 && pause[i+k] {
				ok = false
				break
			}
		}
		if ok {
			return len(parts)
		}
	}
	return 0
}

// discountInterfaces weighs down, in each field, the terms of the systems the need connects to,
// by weight.
func discountInterfaces(fields [2][]rune, occ *[2][]term, weight float32) {
	if weight == 1 {
		return
	}
	var spans [2][][2]int32
	for f := range fields {
		spans[f] = interfaceSpans(fields[f])
	}
	discountSpansUnlessNeeded(spans, occ, weight)
}
