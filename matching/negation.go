package matching

import (
	"slices"
	"strings"
)

// A buyer who writes 不容易起球褪色, "must not fade" or 不要二手的 names a pain or a thing it does NOT
// want, and read word by word the post looks like the pain itself: 起球 calls for the textile
// testing lab, 二手 for the second-hand dealer. Three readings are told apart:
//
//   - a complaint (老是起球, 一洗就褪色, 不要再漏了, "no more leaks"): the pain is happening, and
//     everything it calls for stays, a test or a repair included. A negator with 再 or "again",
//     or a negated state that ends in 了 (不制冷了) or is called a problem (不出水的问题), is one;
//   - a wanted property (不容易起球, 不褪色的, 耐…, 防…, 抗…, anti-…, -proof, -resistant, "won't
//     fade"): the buyer wants a product that HAS the property. The scene's products (the fabric,
//     the coating) answer it; a service that tests or repairs answers a defect the buyer does not
//     have, and counts at Tuning.Negated;
//   - a plain negation that cancels (不需要安装服务, 无需…, 不用…, 免…, "without diesel", "no
//     installation", "-free"): the negated thing is not wanted at all, and every term read from
//     it counts at Tuning.Negated.
//
// A plain 不, 没, "not" negates a product by cancelling it (不烧油不充电的车) and a pain by wanting
// the property. It is also how a complaint is told (冰箱不制冷, "the pump does not start"), so it
// counts only inside a clause that states the need (needfocus.go), before 的, or after a modal or
// a relative word in English ("must not fade", "leggings that don't go see-through"). A negator
// inside a vocabulary term is no negation: 不锈钢, 无人机, 防水卷材, 耐火材料, non-woven and a
// scene phrase such as 不用人下水 name what they name. The negated reading is the vocabulary
// term written right after the negator (Chinese) or within the next three words (English); a
// cancelling cue with no term there negates the next word.

// negClass says what a negator does to what it negates.
type negClass uint8

const (
	negCancel   negClass = iota // 不要, 无需, without: the thing is not wanted
	negProperty                 // 耐, 防, 不易, -proof: the product resists it; only tests and repairs go
	negPlain                    // 不, not: a product is cancelled, a pain becomes a wanted property
)

type negCue struct {
	w     []rune
	class negClass
	weak  bool // counts only in a need clause, before 的, or after a modal or relative word
	after bool // written after what it negates: lead-free, rust-proof, corrosion resistant
}

// zhNeg are the Chinese negators; at one position the longest wins (不需要 over 不).
var zhNeg = []negCue{
	{w: []rune("不需要")}, {w: []rune("不需")}, {w: []rune("不要")}, {w: []rune("不用")}, {w: []rune("不必")},
	{w: []rune("无需")}, {w: []rune("无须")}, {w: []rune("毋需")}, {w: []rune("免")}, {w: []rune("不含")},
	{w: []rune("不带")}, {w: []rune("勿")}, {w: []rune("不想要")},
	{w: []rune("勿扰"), after: true}, {w: []rune("免谈"), after: true}, {w: []rune("绕道"), after: true},
	{w: []rune("耐"), class: negProperty}, {w: []rune("防"), class: negProperty}, {w: []rune("抗"), class: negProperty},
	{w: []rune("防止"), class: negProperty}, {w: []rune("避免"), class: negProperty},
	{w: []rune("不易"), class: negProperty}, {w: []rune("不容易"), class: negProperty},
	{w: []rune("不会"), class: negPlain, weak: true}, {w: []rune("不能"), class: negPlain, weak: true},
	{w: []rune("不"), class: negPlain, weak: true}, {w: []rune("没"), class: negPlain, weak: true},
	{w: []rune("别"), class: negPlain, weak: true}, {w: []rune("无"), class: negPlain, weak: true},
	{w: []rune("非"), class: negPlain, weak: true},
}

// zhNotNeg are words that open with a negator and negate nothing that follows (不仅, 无锡, 免费),
// or state a complaint (不够, 不良, 无法).
var zhNotNeg = []string{"不仅", "不但", "不只", "不光", "不少", "不同", "不错", "不断", "不过", "不然", "不管",
	"不论", "不久", "不到", "不够", "不足", "不行", "不好", "不了", "不如", "不定", "不一定", "不太", "不知",
	"不是", "不得", "不停", "不住", "不满", "不便", "不良", "不稳", "不准", "不对", "不合", "不达", "不正",
	"不清", "不出", "不上", "不下", "不起来", "不动", "不开", "不来", "不去",
	"没想", "没法", "没办法", "没人", "没什么", "没多久", "没过", "无法", "无论", "无锡", "无关", "无奈", "无所",
	"非常", "非得", "非要", "别人", "别的", "别墅", "别处", "别说", "免费", "耐心", "抗议", "抗拒", "防不胜防"}

// zhNegInWord are words that hold a negator after their first character and negate nothing:
// 人脸识别 is no 别, 差不多 no 不.
var zhNegInWord = []string{"识别", "区别", "分别", "告别", "特别", "级别", "类别", "性别", "个别", "差别", "辨别",
	"鉴别", "判别", "派别", "离别", "除非", "是非", "莫非", "无非", "有无", "虚无", "淹没", "埋没", "出没",
	"沉没", "对不起", "了不起", "差不多", "要不", "忍不住", "来不及", "顾不上", "说不定", "用不着", "免不了"}

// enNeg are the English negators, as whole words.
var enNeg = []negCue{
	{w: []rune("without")}, {w: []rune("free of")}, {w: []rune("no need")}, {w: []rune("non")},
	{w: []rune("free"), after: true},
	{w: []rune("anti"), class: negProperty}, {w: []rune("prevent"), class: negProperty},
	{w: []rune("prevents"), class: negProperty}, {w: []rune("avoid"), class: negProperty},
	{w: []rune("resistant to"), class: negProperty},
	{w: []rune("proof"), class: negProperty, after: true}, {w: []rune("resistant"), class: negProperty, after: true},
	{w: []rune("no"), weak: true}, {w: []rune("not"), class: negPlain, weak: true},
	{w: []rune("never"), class: negPlain, weak: true}, {w: []rune("cannot"), class: negPlain, weak: true},
	{w: []rune("don't"), class: negPlain, weak: true}, {w: []rune("doesn't"), class: negPlain, weak: true},
	{w: []rune("won't"), class: negPlain, weak: true}, {w: []rune("can't"), class: negPlain, weak: true},
	{w: []rune("shouldn't"), class: negPlain, weak: true}, {w: []rune("mustn't"), class: negPlain, weak: true},
	{w: []rune("isn't"), class: negPlain, weak: true}, {w: []rune("aren't"), class: negPlain, weak: true},
}

// enNotNegNext are the words that, right after "no" or "not", make it something other than a
// negation of a thing: "no more", "no longer", "not only", "no later than".
var enNotNegNext = []string{"more", "longer", "only", "just", "sure", "yet", "later", "less", "matter",
	"doubt", "problem", "one", "least", "even", "enough"}

// enModal are the words that, right before a weak English negator, make it a requirement
// ("must not fade") or a property of the thing bought ("leggings that don't go see-through").
var enModal = []string{"must", "should", "shall", "will", "that", "which", "who", "to", "can", "and", "or"}

// enAgain mark an English complaint: the negated thing is happening ("so it never happens again").
var enAgain = []string{"again", "anymore", "any more", "any longer"}

// zhComplaintAfter are what, right after a negated reading, make it a state that is happening:
// 不制冷了, 不出水的问题.
var zhComplaintAfter = []string{"了", "的问题", "的情况", "的现象", "的毛病"}

// testRepair mark, in a service concept's name, a service that tests or repairs: it answers a
// defect the buyer has, not a property the buyer wants.
var testRepair = []string{"检测", "测试", "检验", "验货", "验证", "维修", "维保", "运维", "认证"}

// negByRune indexes the negators of both languages by their first rune, longest first.
var negByRune = func() map[rune][]negCue {
	m := map[rune][]negCue{}
	for _, cs := range [][]negCue{zhNeg, enNeg} {
		for _, c := range cs {
			m[c.w[0]] = append(m[c.w[0]], c)
		}
	}
	for r := range m {
		slices.SortStableFunc(m[r], func(a, b negCue) int { return len(b.w) - len(a.w) })
	}
	return m
}()

// negFirst marks the first runes of the negators, so that findNegations looks up negByRune only
// for the few runes that may open one.
var negFirst = func() (set [1 << 10]uint64) {
	for r := range negByRune {
		set[r>>6] |= 1 << (r & 63)
	}
	return set
}()

// zhNotNegByRune indexes zhNotNeg by first rune.
var zhNotNegByRune = func() map[rune][][]rune {
	m := map[rune][][]rune{}
	for _, w := range zhNotNeg {
		r := []rune(w)
		m[r[0]] = append(m[r[0]], r)
	}
	return m
}()

// negation is one negator found in a field and the span of what it negates.
type negation struct {
	class       negClass
	scope       [2]int32 // rune span of the negated reading
	pain        bool     // the negated reading is a scene (a pain), not a product
	weak, after bool
	cue         [2]int32
}

// negateField weighs, in one field's occurrences, what its negators negate at f. v tells which
// concepts are services that test or repair.
func negateField(v *Vocabulary, rs []rune, occ []term, f float32) {
	if f == 1 || len(occ) == 0 {
		return
	}
	for _, n := range counted(rs, findNegations(rs, occ)) {
		cancel := n.class != negProperty && !n.pain
		for i := range occ {
			t := &occ[i]
			if t.bag || t.start < n.scope[0] || t.end > n.scope[1] {
				continue
			}
			if cancel || (t.kind == kConcept || t.kind == kExpansion || t.kind == kTrans) && v.testsOrRepairs(t.text) {
				t.w *= f
				t.neg = true
			}
		}
	}
}

// counted keeps the negations that count: a weak one (a plain 不, "not") only in a need
// clause, as a requirement or a property of the thing bought (attributive), or next to one that
// counts in a list (要求不起球不褪色, 不起球、不褪色的).
func counted(rs []rune, negs []negation) []negation {
	var need [][2]int32
	needDone := false
	ok := make([]bool, len(negs))
	for i, n := range negs {
		ok[i] = !n.weak || attributive(rs, n) || refusal(rs, n)
		if !ok[i] {
			if !needDone {
				need, needDone = needSpans(rs), true
			}
			ok[i] = inSpans(need, n.cue[0])
		}
	}
	next := func(a, b negation) bool { // b is written right after a, or after a 、
		end := a.scope[1]
		if int(end) < len(rs) && rs[end] == '、' {
			end++
		}
		return b.cue[0] == end
	}
	for i := 1; i < len(negs); i++ {
		ok[i] = ok[i] || ok[i-1] && next(negs[i-1], negs[i])
	}
	for i := len(negs) - 2; i >= 0; i-- {
		ok[i] = ok[i] || ok[i+1] && next(negs[i], negs[i+1])
	}
	kept := negs[:0]
	for i, n := range negs {
		if ok[i] {
			kept = append(kept, n)
		}
	}
	return kept
}

func inSpans(spans [][2]int32, at int32) bool {
	for _, s := range spans {
		if s[0] <= at && at < s[1] {
			return true
		}
	}
	return false
}

// enPolite are the words a refusal may end with: "No traders please.", "No agents, thanks".
var enPolite = []string{"please", "pls", "plz", "thanks", "thank you", "thx"}

// refusal reports whether a weak "no" opens a sentence that says only what is not wanted: "No
// traders please.", "No middlemen." (mid-sentence, ", no traders please" is a contrast, see
// attributive). Anything else after the negated words keeps it a state ("No power since Monday").
func refusal(rs []rune, n negation) bool {
	i := int(n.cue[0])
	if n.cue[1]-n.cue[0] != 2 || string(rs[i:n.cue[1]]) != "no" {
		return false
	}
	for i > 0 && rs[i-1] == ' ' {
		i--
	}
	if i > 0 && !clauseEnd(rs, i-1) {
		return false
	}
	k := int(n.scope[1])
	skip := func() {
		for k < len(rs) && rs[k] == ' ' {
			k++
		}
	}
	skip()
	for _, w := range enPolite {
		if hasWordAt(rs, k, w) && (k+len(w) == len(rs) || !isAlnum(rs[k+len(w)])) {
			k += len(w)
			break
		}
	}
	skip()
	return k == len(rs) || rs[k] == ',' || clauseEnd(rs, k)
}

// testsOrRepairs reports whether a concept is a service that tests or repairs.
func (v *Vocabulary) testsOrRepairs(name string) bool {
	if !v.serviceTerms[name] {
		return false
	}
	for _, m := range testRepair {
		if strings.Contains(name, m) {
			return true
		}
	}
	return false
}

// attributive reports whether a weak negation describes the thing bought rather than tells a
// complaint: 不褪色的, "that don't go see-through", "must not fade".
func attributive(rs []rune, n negation) bool {
	if isHan(rs[n.cue[0]]) {
		return int(n.scope[1]) < len(rs) && rs[n.scope[1]] == '的' || required(rs, int(n.cue[0]))
	}
	w, at := prevWord(rs, int(n.cue[0]))
	if w == "" && at > 0 && rs[at-1] == ',' {
		return true // "a manufacturer, not a trading company": a contrast states what is not wanted
	}
	if slices.Contains(enAux, w) { // "that does not fade": the word before the auxiliary
		w, _ = prevWord(rs, at)
	}
	return slices.Contains(enModal, w)
}

// zhRequire are the words that, right before a plain 不, make what follows a requirement:
// 要求不起球, 必须不褪色, 最好不用改.
var zhRequire = []string{"要求", "需要", "要", "希望", "最好", "必须", "务必", "保证", "确保", "得", "且"}

// required reports whether a requirement word is written right before rs[i].
func required(rs []rune, i int) bool {
	for _, w := range zhRequireRunes {
		if k := i - len(w); k >= 0 && slices.Equal(rs[k:i], w) {
			return true
		}
	}
	return false
}

var zhRequireRunes = func() (out [][]rune) {
	for _, w := range zhRequire {
		out = append(out, []rune(w))
	}
	return out
}()

// enAux are the auxiliaries a relative word may come before: "that does not", "which is not".
var enAux = []string{"do", "does", "did", "is", "are", "was", "were"}

// prevWord returns the Latin word right before rs[i] (spaces between) and where it starts; ""
// if none.
func prevWord(rs []rune, i int) (string, int) {
	j := i
	for j > 0 && rs[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 && (isAlnum(rs[k-1]) || rs[k-1] == '\'') {
		k--
	}
	return string(rs[k:j]), k
}

// findNegations returns the negations of a field: each negator that is not inside a vocabulary
// term, with the reading it negates.
func findNegations(rs []rune, occ []term) []negation {
	var out []negation
	for i := 0; i < len(rs); i++ {
		if r := rs[i]; r >= 1<<16 || negFirst[r>>6]&(1<<(r&63)) == 0 {
			continue
		}
		cs := negByRune[rs[i]]
		for _, c := range cs {
			j := i + len(c.w)
			if j > len(rs) || !slices.Equal(rs[i:j], c.w) {
				continue
			}
			var n negation
			var ok bool
			if isAlnum(c.w[0]) {
				n, ok = enNegation(rs, occ, i, j, c)
			} else {
				n, ok = zhNegation(rs, occ, i, j, c)
			}
			if ok {
				out = append(out, n)
				i = int(max(n.scope[1], int32(j))) - 1
			} else {
				i = j - 1 // 避免 is one negator, not 避 and 免
			}
			break // the longest negator at i decides
		}
	}
	return out
}

// covered reports whether a vocabulary term's span holds the runes rs[i:j] (不锈钢, 不用人下水).
func covered(occ []term, i, j int) bool {
	for _, t := range occ {
		if (t.kind == kConcept || t.kind == kExpansion) && !t.bag && int(t.start) <= i && j <= int(t.end) && t.end-t.start > int32(j-i) {
			return true
		}
	}
	return false
}

// readingAt returns the span of the longest vocabulary reading (concept, scene, translation)
// starting at rune from, and whether it is a scene (a pain) rather than a product named there
// (柴油发电机 is both a scene and the product 发电机组: the buyer named a product); ok false when
// none starts there.
func readingAt(occ []term, from int32) (end int32, pain, ok bool) {
	named := false
	for _, t := range occ {
		if t.bag || t.start != from {
			continue
		}
		switch t.kind {
		case kConcept, kExpansion, kTrans:
			if t.end > end {
				end, pain, named = t.end, false, false
			}
			if t.end == end {
				pain = pain || t.kind == kExpansion
				named = named || t.kind != kExpansion
			}
			ok = true
		}
	}
	return end, pain && !named, ok
}

func zhNegation(rs []rune, occ []term, i, j int, c negCue) (negation, bool) {
	for _, w := range zhNotNegByRune[rs[i]] {
		if k := i + len(w); k <= len(rs) && slices.Equal(rs[i:k], w) {
			return negation{}, false
		}
	}
	if covered(occ, i, j) || inWord(rs, i) {
		return negation{}, false
	}
	if c.after {
		return zhAfterNegation(rs, occ, i, j, c)
	}
	// 不要再漏了, 别再堵, 再也不: a pain that is happening.
	if j < len(rs) && rs[j] == '再' || i > 0 && rs[i-1] == '再' || i > 1 && string(rs[i-2:i]) == "再也" {
		return negation{}, false
	}
	// 有没有, 能不能, 要不要 are questions.
	if i > 0 && (rs[i] == '没' && rs[i-1] == '有' || i+1 < len(rs) && rs[i-1] == rs[i+1]) {
		return negation{}, false
	}
	end, pain, ok := readingAt(occ, int32(j))
	if ok {
		end = coordinated(rs, occ, end)
	} else {
		if c.class != negCancel {
			return negation{}, false
		}
		// 不要二手的: a cancelling negator with no term after it negates the next word.
		end = int32(j)
		for int(end) < len(rs) && int(end) < j+2 && isHan(rs[end]) && rs[end] != '的' {
			end++
		}
		if int(end) == j {
			return negation{}, false
		}
	}
	rest := string(rs[end:min(len(rs), int(end)+3)])
	for _, a := range zhComplaintAfter {
		if strings.HasPrefix(rest, a) {
			return negation{}, false
		}
	}
	return negation{class: c.class, scope: [2]int32{int32(j), end}, pain: pain, weak: c.weak,
		cue: [2]int32{int32(i), int32(j)}}, true
}

// zhAfterNegation reads a negator written after what it negates: 贸易商勿扰, 中介免谈 (请 between
// allowed): the reading ending there, else the two or three Han characters before.
func zhAfterNegation(rs []rune, occ []term, i, j int, c negCue) (negation, bool) {
	k := i
	if k > 0 && rs[k-1] == '请' {
		k--
	}
	start := int32(k)
	for _, t := range occ {
		if !t.bag && int(t.end) == k && t.start < start && (t.kind == kConcept || t.kind == kExpansion || t.kind == kTrans) {
			start = t.start
		}
	}
	if int(start) == k {
		for int(start) > 0 && int(start) > k-3 && isHan(rs[start-1]) {
			start--
		}
	}
	if int(start) == k {
		return negation{}, false
	}
	_, pain, _ := readingAt(occ, start)
	return negation{class: c.class, scope: [2]int32{start, int32(k)}, pain: pain, after: true,
		cue: [2]int32{int32(i), int32(j)}}, true
}

// enWindow is how many words after an English negator the negated reading may start.
const enWindow = 3

func enNegation(rs []rune, occ []term, i, j int, c negCue) (negation, bool) {
	// Whole words: "no" not in "now", "non" only before a hyphen (non-toxic), "anti" likewise.
	if i > 0 && (isAlnum(rs[i-1]) || rs[i-1] == '\'') || j < len(rs) && (isAlnum(rs[j]) || rs[j] == '\'') {
		return negation{}, false
	}
	w := string(c.w)
	if (w == "non" || w == "anti") && (j >= len(rs) || rs[j] != '-') {
		return negation{}, false
	}
	if c.after {
		return enAfterNegation(rs, occ, i, j, c)
	}
	if covered(occ, i, j) {
		return negation{}, false
	}
	words := nextWords(rs, j, enWindow)
	if len(words) == 0 || c.weak && slices.Contains(enNotNegNext, string(rs[words[0][0]:words[0][1]])) {
		return negation{}, false
	}
	var n negation
	found := false
	for _, wd := range words {
		if end, pain, ok := readingAt(occ, wd[0]); ok {
			n, found = negation{scope: [2]int32{wd[0], coordinated(rs, occ, end)}, pain: pain}, true
			break
		}
	}
	if !found {
		if c.class != negCancel {
			return negation{}, false
		}
		n.scope = words[0] // "no installation": the next word
	}
	if clauseHas(rs, int(n.scope[1]), enAgain) {
		return negation{}, false
	}
	n.class, n.weak, n.cue = c.class, c.weak, [2]int32{int32(i), int32(j)}
	return n, true
}

// enAfterNegation reads a negator written after what it negates: lead-free, rust-proof,
// corrosion resistant (a hyphen or a space between).
func enAfterNegation(rs []rune, occ []term, i, j int, c negCue) (negation, bool) {
	// lead-free only with its hyphen: "feel free", "a free sample" negate nothing.
	if i < 2 || (rs[i-1] != '-' && (rs[i-1] != ' ' || c.class == negCancel)) || !isAlnum(rs[i-2]) {
		return negation{}, false
	}
	if covered(occ, i, j) {
		return negation{}, false
	}
	k := i - 1
	start := int32(k)
	for start > 0 && isAlnum(rs[start-1]) {
		start--
	}
	// The longest reading ending at the word before: "heavy metal-free".
	pain := false
	for _, t := range occ {
		if !t.bag && int(t.end) == k && t.start < start && (t.kind == kConcept || t.kind == kExpansion || t.kind == kTrans) {
			start = t.start
		}
	}
	for _, t := range occ {
		if !t.bag && int(t.end) == k && t.start == start && t.kind == kExpansion {
			pain = true
		}
	}
	return negation{class: c.class, scope: [2]int32{start, int32(k)}, pain: pain, after: true,
		cue: [2]int32{int32(i), int32(j)}}, true
}

// nextWords returns the spans of up to n Latin words after rs[from], within its clause.
func nextWords(rs []rune, from, n int) [][2]int32 {
	var out [][2]int32
	i := from
	for len(out) < n && i < len(rs) {
		for i < len(rs) && (rs[i] == ' ' || rs[i] == '-') {
			i++
		}
		if i >= len(rs) || !isAlnum(rs[i]) {
			break
		}
		k := i
		for k < len(rs) && (isAlnum(rs[k]) || rs[k] == '\'') {
			k++
		}
		out = append(out, [2]int32{int32(i), int32(k)})
		i = k
	}
	return out
}

// clauseHas reports whether the rest of the clause from rs[from] holds one of the words ws.
func clauseHas(rs []rune, from int, ws []string) bool {
	end := from
	for end < len(rs) && !clauseEnd(rs, end) && rs[end] != ',' {
		end++
	}
	s := string(rs[from:end])
	for _, w := range ws {
		if indexAfter(s, w, 0) >= 0 {
			return true
		}
	}
	return false
}

// negate weighs what the negators of a lead's fields negate at f (Tuning.Negated).
func negate(v *Vocabulary, fields [2][]rune, occ *[2][]term, f float32) {
	for i := range fields {
		negateField(v, fields[i], occ[i], f)
	}
}

// coordinated extends a negated reading ending at end over the readings coordinated with it
// by nothing, 或 or "or": 不容易起球褪色, 不易起球或褪色, "won't pill or fade". A list (、, "and")
// goes on to other wishes (耐洗、手感好) and is not followed.
func coordinated(rs []rune, occ []term, end int32) int32 {
	for {
		at := end
		switch {
		case int(at) < len(rs) && rs[at] == '或':
			at++
		case hasWordAt(rs, int(at), " or "):
			at += 4
		case hasWordAt(rs, int(at), " nor "):
			at += 5
		}
		e, _, ok := readingAt(occ, at)
		if !ok || e <= at {
			return end
		}
		end = e
	}
}

func hasWordAt(rs []rune, i int, w string) bool {
	return i+len(w) <= len(rs) && string(rs[i:i+len(w)]) == w
}

var zhNegInWordRunes = func() (out [][]rune) {
	for _, w := range zhNegInWord {
		out = append(out, []rune(w))
	}
	return out
}()

// inWord reports whether the negator at rs[i] is inside one of zhNegInWord.
func inWord(rs []rune, i int) bool {
	for _, ws := range zhNegInWordRunes {
		for k := 1; k < len(ws); k++ {
			if ws[k] == rs[i] && i-k >= 0 && i-k+len(ws) <= len(rs) && slices.Equal(rs[i-k:i-k+len(ws)], ws) {
				return true
			}
		}
	}
	return false
}
