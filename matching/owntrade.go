package matching

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Buyers who post as people really do often introduce themselves before the need: "我们是做电动工具
// 电机的，客户反映电机一热就没劲", "我司成立于1998年，是一家精细化工企业，…", "We are a distributor of
// medical supplies in Kenya, looking for …". What the buyer makes is its own trade, not what it
// needs: the motor maker needs magnets, not motors. So the words of a self-introduction count at
// ownTradeWeight (0.5: dev6 0.782 → 0.788, colloquial 0.602 → 0.620; 0.35 gave 0.787), in ranking
// and in cluster inference; the trade still says a little about the
// need (a dyeing plant's wastewater), so it is not dropped.
const ownTradeWeight = 0.5

// zhSelf opens a Chinese self-introduction: the buyer (我们/我司/本公司 …) and a verb of being or
// making. A bare 我们是 counts unless what follows is a wish or a question (我们是想…).
var zhSelf = []string{
	"我们是", "我们做", "我们主要做", "我们主要生产", "我们主营", "我们家是做", "我们家做",
	"我们厂是", "我们厂做", "我们厂主要", "我们厂专业", "我们公司是", "我们公司做", "我们公司主要", "我们公司专业",
	"我司是", "我司为", "我司系", "我司主营", "我司主要", "我司专业", "我司专注", "我司从事", "我司成立",
	"本公司是", "本公司为", "本公司系", "本公司主营", "本公司主要", "本公司专业", "本公司专注", "本公司从事", "本公司成立",
	"我公司是", "我公司为", "我公司主营", "我公司主要", "我公司专业", "我公司成立",
	"本厂是", "本厂主要", "本厂专业", "我厂是", "我厂主要", "我厂专业", "公司是做", "公司主营", "厂里是做",
	// One person posting for a small firm, or a post from "this side": 我是做注塑的, 我们这边是搞电镀的.
	"我是做", "我是搞", "我是干", "我是开", "我做", "我搞", "我们搞", "我们干", "咱们是", "咱们做", "咱们搞", "咱是做",
	"我这边是", "我们这边是", "我们这边做", "我们这边搞", "我们这里是", "我家是做", "我家做",
}

// zhBareSelf are the openings that a wish or a question may follow (我们是想…, 我这边是需要…).
var zhBareSelf = []string{"我们是", "咱们是", "我这边是", "我们这边是", "我们这里是"}

// zhNotSelf are the characters after 我们是 that make it a wish or a question, not a trade.
const zhNotSelf = "想要在不否第因从刚去今这那需"

// zhNotMaking are the characters after 我们做 (搞, 干) that make it something done, not a trade
// (我们做了/做过, 我们搞不定).
const zhNotMaking = "了过不好完得定"

// hasMakingSuffix reports an opening that ends in a verb of making: 我们做, 我搞, 咱们干.
func hasMakingSuffix(p string) bool {
	return strings.HasSuffix(p, "做") || strings.HasSuffix(p, "搞") || strings.HasSuffix(p, "干")
}

// zhMore opens a clause that goes on introducing the buyer, right after a self-introduction:
// "我司成立于1998年，是一家以硫酸盐生产为主的精细化工企业".
var zhMore = []string{"是一家", "是专业", "是国内", "主要生产", "主要做", "主营", "专业生产", "专业从事", "专注", "成立",
	"年产", "产品", "拥有", "员工", "占地", "位于", "产值", "现有", "厂区"}

// zhTurn ends a self-introduction inside its clause: the need begins (WeChat posts often have no
// punctuation at all).
// Its wish words (zhWish) open a need clause too (needfocus.go).
var zhTurn = slices.Concat(zhWish, []string{"想问", "想了解", "请问", "但是", "可是", "不过", "因为", "所以", "现在",
	"目前", "最近", "今年", "客户"})

// enSelf opens an English self-introduction at the start of a sentence. "we are", "i am" open one
// unless a wish, a state or a doing follows (enNotSelf, and any -ing word: "we are looking").
var enSelf = []string{"we are ", "we're ", "i am ", "i'm ", "our company is ", "our company has ", "our company manufactures ", "our company produces ",
	"our company makes ", "our company distributes ", "our company imports ", "we manufacture ",
	"we produce ", "we make ", "we distribute ", "we import ", "we export ", "we specialize ",
	"we specialise ", "we are specialized ", "we are specialised ", "as a ", "as an ",
	"established in ", "founded in "}

// enTurn ends an English self-introduction inside its sentence.
// Its wish words (enWishTurn) open a need clause too (needfocus.go).
var enTurn = slices.Concat(enWishTurn, []string{"currently", "now", "and are", "and we", "but", "however", "we are", "please"})

// ownTradeSpans returns the rune spans of a description's normalised text that introduce the buyer.
func ownTradeSpans(rs []rune) [][2]int32 { return ownTradeSpansIn(rs, false, true, false) }

// ownTradeSpansIn returns the rune spans of a field's normalised text that introduce the buyer;
// title marks a lead's title, subject reads the trade named as the speaker's workplace too
// (owntrade_subject.go, Tuning.SubjectTrade), firm the description's clauses that tell the
// firm's own story (history.go, Tuning.FirmFacts).
func ownTradeSpansIn(rs []rune, title, subject, firm bool) [][2]int32 {
	var out [][2]int32
	prevSelf := false
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && !clauseEnd(rs, end) {
			end++
		}
		clause := string(rs[start:end])
		selfAt := zhSelfAt(clause)
		if selfAt < 0 && prevSelf && hasAnyPrefix(clause, zhMore) {
			selfAt = 0
		}
		latin := false
		if selfAt < 0 {
			selfAt, latin = enSelfAt(clause), true
		}
		prevSelf = false
		if selfAt >= 0 {
			rest := clause[selfAt:]
			turns := zhTurn
			if latin {
				turns = enTurn
			}
			cut := len(rest)
			for _, t := range turns {
				// The turn word is looked for after the opening words, so 我们主要生产 is not cut at
				// its own 主要 and "we are a" not at "we are".
				if i := indexAfter(rest, t, openingLen(rest)); i >= 0 && i < cut {
					cut = i
				}
			}
			s := start + utf8.RuneCountInString(clause[:selfAt])
			e := s + utf8.RuneCountInString(rest[:cut])
			out = append(out, [2]int32{int32(s), int32(e)})
			prevSelf = cut == len(rest)
		}
		start = end + 1
	}
	out = addSpans(out, nounPhraseSpans(rs, title))
	if subject {
		out = addSpans(out, subjectTradeSpans(rs))
	}
	if firm && !title {
		out = addSpans(out, firmFactSpans(rs))
	}
	return out
}

// addSpans adds to out the spans of more that overlap none of it.
func addSpans(out, more [][2]int32) [][2]int32 {
	n := len(out)
	for _, sp := range more {
		if !slices.ContainsFunc(out[:n], func(s [2]int32) bool { return s[0] < sp[1] && sp[0] < s[1] }) {
			out = append(out, sp)
		}
	}
	return out
}

// clauseEnd reports whether rs[i] ends a clause: punctuation, or a space between Han characters
// (a phone post without punctuation: "我们是做五金电镀的 厂后面那条河"). An English sentence runs
// on over commas ("importer of pumps, valves and fittings").
func clauseEnd(rs []rune, i int) bool {
	r := rs[i]
	switch r {
	case ';', '!', '?', '\n', '。':
		return true
	case '.':
		return i+1 == len(rs) || rs[i+1] == ' ' || isHan(rs[i+1])
	case ',', ':', '、':
		return i > 0 && isHan(rs[i-1]) || i+1 < len(rs) && isHan(rs[i+1])
	case ' ':
		return i > 0 && i+1 < len(rs) && isHan(rs[i-1]) && isHan(rs[i+1])
	}
	return false
}

// zhSelfAt returns the byte offset in clause of a Chinese self-introduction's opening, -1 if none.
func zhSelfAt(clause string) int {
	best := -1
	for _, p := range zhSelf {
		i := strings.Index(clause, p)
		if i < 0 || best >= 0 && i >= best {
			continue
		}
		next, _ := utf8.DecodeRuneInString(clause[i+len(p):])
		if slices.Contains(zhBareSelf, p) && strings.ContainsRune(zhNotSelf, next) || hasMakingSuffix(p) && strings.ContainsRune(zhNotMaking, next) {
			continue
		}
		best = i
	}
	return best
}

// enSelfAt returns the byte offset of an English self-introduction opening the clause (after
// a greeting or a name), -1 if none.
func enSelfAt(clause string) int {
	c := strings.TrimLeft(clause, " ")
	lead := len(clause) - len(c)
	for _, p := range enSelf {
		if strings.HasPrefix(c, p) && !enNotSelfNext(c[len(p):]) {
			return lead
		}
	}
	return -1
}

// enNotSelf are the words after "we are" or "i am" that say what the buyer wants or feels, not
// what it is.
var enNotSelf = []string{"in", "not", "able", "ready", "happy", "pleased", "glad", "still", "also", "very",
	"interested", "currently", "now", "about", "willing", "keen", "open", "unable", "unhappy", "facing",
	"writing", "trying", "going", "seeking", "looking", "searching", "planning", "considering", "sourcing",
	"based", "located", "having", "getting", "running", "losing", "struggling"}

func enNotSelfNext(rest string) bool {
	w := rest
	if i := strings.IndexFunc(rest, func(r rune) bool { return !isAlnum(r) }); i >= 0 {
		w = rest[:i]
	}
	return strings.HasSuffix(w, "ing") || slices.Contains(enNotSelf, w)
}

// openingLen is how many bytes of an introduction's opening the turn words are not looked for
// in: the opening phrase itself.
func openingLen(rest string) int {
	for _, ps := range [][]string{zhSelf, enSelf, zhMore} {
		for _, p := range ps {
			if strings.HasPrefix(rest, p) {
				return len(p)
			}
		}
	}
	return 0
}

// indexAfter is strings.Index of sub in s at or after byte from; an English sub must stand as
// whole words.
func indexAfter(s, sub string, from int) int {
	for from <= len(s) {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return -1
		}
		i += from
		if !isAlnum(rune(sub[0])) || (i == 0 || !isAlnum(rune(s[i-1]))) && (i+len(sub) == len(s) || !isAlnum(rune(s[i+len(sub)]))) {
			return i
		}
		from = i + 1
	}
	return -1
}

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// discountOwnTrade lowers, in a lead's fields (normalised text and occurrences of each), every
// term that lies within the buyer's introduction of itself, when the rest of the lead names a
// need of its own: a concept or a scene read by a phrase. When it does not ("我们是做手机充电头的
// 小厂 … 该换什么路线？"), the trade is the best clue to the need and keeps its weight.
//
// A product the introduction names is the buyer's own wherever else the lead names it: the motor
// maker who titles its post 电机一热就没劲 and writes 客户反映电机明显没劲 needs magnets, not
// motors (dev6 0.815 → 0.822, colloquial 0.669 → 0.687; dev3 0.902 → 0.904; no set lower). Its
// words count at ownTradeWeight there too, and naming it again is no need of its own.
//
// In the title, the buyer's own trade loses the title's weight too (title, Tuning.Title): a post
// titled 我们的电表板子要换国产主控 by a meter maker, or 充电桩太烫 by a charger maker, names its own
// product to say where the trouble is, and read at twice a description phrase's weight it
// outranks the need the story names (dev4 0.913 → 0.919, dev6 colloquial 0.747 → 0.749, dev7
// colloquial 0.767 → 0.764).
func discountOwnTrade(fields [2][]rune, occ *[2][]term, subject, firm bool, title float32) {
	var spans [2][][2]int32
	for f := range fields {
		spans[f] = ownTradeSpansIn(fields[f], f == 0, subject, firm)
	}
	if len(spans[0])+len(spans[1]) == 0 {
		return
	}
	own := ownProducts(spans, occ)
	need := false
	for f := range occ {
		for _, t := range occ[f] {
			if (t.kind == kConcept || t.kind == kExpansion) && !t.bag && !within(spans[f], t) && !own[t.text] {
				need = true
			}
		}
	}
	if !need {
		return
	}
	for f := range occ {
		for i := range occ[f] {
			if t := &occ[f][i]; within(spans[f], *t) || own[t.text] && t.kind != kExpansion {
				t.w *= ownTradeWeight
				if f == 0 && title > 1 {
					t.w /= title
				}
				t.own = true
			}
		}
	}
}

// ownProducts returns the concepts named in the buyer's introduction and the words they were
// read from (电机 and its bigram): the terms that are the buyer's trade wherever they stand.
func ownProducts(spans [2][][2]int32, occ *[2][]term) map[string]bool {
	var own map[string]bool
	for f := range occ {
		for _, c := range occ[f] {
			if c.kind != kConcept || !within(spans[f], c) {
				continue
			}
			if own == nil {
				own = map[string]bool{}
			}
			own[c.text] = true
			for _, t := range occ[f] {
				if t.kind != kExpansion && c.start <= t.start && t.end <= c.end {
					own[t.text] = true
				}
			}
		}
	}
	return own
}

// within reports whether t lies inside one of spans.
func within(spans [][2]int32, t term) bool {
	for _, s := range spans {
		if s[0] <= t.start && t.end <= s[1] {
			return true
		}
	}
	return false
}
