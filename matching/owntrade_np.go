package matching

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Buyers abroad often introduce themselves with a bare noun phrase, no "we are": "Semiconductor
// OSAT in Malaysia, looking for probe cards", "Hi there, small online retailer in Manchester
// (garden furniture). Our warehouse …", "Textile mill, Bangladesh — need …", "hotel group in Dubai
// here", and sign off with their firm's name ("Procurement, ABC Foods Ltd"). Chinese posts do the
// same: "江阴一家纺织厂，污水…", "做餐饮的，油烟…". The phrase names the buyer's trade, not its need,
// so it is an introduction as "we are …" is (owntrade.go), found by its shape: it opens the field
// (after a greeting), ends in a noun that names an organisation, and what follows it is a place,
// a pause or the need. Words that ask (need, 想, 找) before that noun make it a need, not a trade.

// enOrgHeads are the nouns that end an English noun phrase naming the buyer's organisation.
var enOrgHeads = []string{"company", "firm", "manufacturer", "maker", "producer", "supplier", "distributor",
	"importer", "exporter", "retailer", "wholesaler", "dealer", "trader", "contractor", "operator", "developer",
	"integrator", "installer", "brand", "startup", "start-up", "factory", "plant", "mill", "group", "chain",
	"hotel", "hospital", "bank", "lab", "laboratory", "university", "farm", "builder", "osat", "ems", "oem",
	"foundry", "workshop", "restaurant", "agency", "utility", "assembler", "fabricator", "processor", "packer",
	"buyer", "provider", "vendor", "converter", "shipyard", "boutique", "clinic", "school", "institute",
	"business", "studio", "house", "corporation", "enterprise", "co-op", "cooperative", "owner"}

// enOrgAfter are the words after an organisation noun that show the phrase introduces the buyer:
// a place or a preposition ("in Lagos", "based in"), "here", or the need beginning ("looking for").
var enOrgAfter = []string{"in", "from", "based", "located", "near", "at", "off", "here", "with", "looking",
	"seeking", "seeks", "needs", "need", "wants", "requires", "exploring", "sourcing", "searching", "is", "are",
	"has", "have", "that", "which", "who", "rolling", "expanding", "bidding", "upgrading", "building",
	"designing", "planning", "running", "operating", "currently"}

// enAsking are words of a request or of someone speaking for itself: a line holding one is no
// signature.
var enAsking = []string{"we", "our", "i", "my", "you", "your", "need", "needs", "looking", "look", "want",
	"wants", "require", "requires", "please", "buy", "buying", "find", "finding", "seek", "seeking", "searching",
	"source", "sourcing"}

// enNotTrade are words that, before the organisation noun, make the phrase a request or someone
// else's firm: "need a factory for …", "looking for a distributor", "our factory".
var enNotTrade = append(slices.Clone(enAsking), "rfq", "quote", "request", "is", "are", "was", "were", "be", "to",
	"the", "this", "that", "these", "those", "which", "who", "what", "how", "any", "if", "can", "could", "would",
	"should", "will", "hire", "replace", "recommend", "and", "or")

// enGreetings open a post before the buyer says who it is.
var enGreetings = []string{"hi there", "hello there", "dear sir or madam", "dear sir/madam", "dear sirs", "dear sir",
	"dear madam", "dear all", "good day", "good morning", "good afternoon", "g'day", "hi", "hello", "hey",
	"greetings", "salam", "hei", "hola", "ciao", "namaste", "dear team", "dear"}

// enFirmSuffixes end a signature line naming the buyer's firm: "Procurement, ABC Foods Ltd".
// Suffixes that are also words of a need (PLC, AG, AS) are left out.
var enFirmSuffixes = []string{"ltd", "limited", "inc", "llc", "gmbh", "corp", "pvt", "pte", "bhd", "jsc", "srl",
	"sarl", "tbk"}

// zhOrgHeads end a Chinese noun phrase naming the buyer: 一家纺织厂, 连锁酒店, 本地养殖场.
var zhOrgHeads = []string{"厂", "公司", "企业", "集团", "酒店", "宾馆", "医院", "诊所", "学校", "门店", "超市", "商场",
	"养殖场", "农场", "车队", "工作室", "品牌", "餐厅", "饭店", "物业", "工地", "园区", "实验室", "研究所", "电商"}

// zhGenericHeads say what kind of body the buyer is, not its trade (印染厂: the trade is 印染).
var zhGenericHeads = []string{"工厂", "厂", "公司", "企业", "集团"}

// zhNotTrade are words that make a Chinese opening a request, not an introduction: 求推荐靠谱的厂,
// 找代工厂, 哪家公司.
var zhNotTrade = []string{"找", "求", "寻", "推荐", "要", "需", "想", "招", "选", "换", "哪", "买", "购", "谁", "有没有",
	"问", "帮", "请", "急", "能", "可以", "如何", "怎么", "什么", "关于", "咨询", "报修", "投诉", "没", "不", "太"}

// zhNotAsking are words that hold a character of zhNotTrade without asking: 做智能电表的 and
// 做太阳能热水器的 introduce a trade; 能 and 太 ask only as words of their own.
var zhNotAsking = []string{"智能", "功能", "性能", "节能", "储能", "动能", "电能", "热能", "光能", "风能", "核能", "产能",
	"效能", "能源", "能效", "太阳能", "太阳", "太空", "不锈", "不干胶", "不间断", "不织布", "换热", "交换", "转换", "变换", "应急",
	"选矿", "分选", "筛选", "需求", "要素", "重要", "主要", "请柬"}

// asks reports whether a Chinese clause holds a word of zhNotTrade, as a word of its own.
func asks(c string) bool {
	for _, w := range zhNotAsking {
		c = strings.ReplaceAll(c, w, "　")
	}
	for _, w := range zhNotTrade {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// zhGreetings open a Chinese post before the buyer says who it is.
var zhGreetings = []string{"大家好", "各位好", "各位老板好", "老板们好", "兄弟们好", "你好", "您好", "各位", "兄弟们", "老板们"}

// nounPhraseSpans returns the spans of rs (a normalised field) where the buyer introduces itself
// by a noun phrase: the field's opening clause, and a signature line naming its firm.
func nounPhraseSpans(rs []rune, title bool) [][2]int32 {
	var out [][2]int32
	first := true
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && !clauseEnd(rs, end) {
			end++
		}
		clause := string(rs[start:end])
		if strings.TrimSpace(clause) == "" || isGreetingOnly(clause) {
			start = end + 1
			continue
		}
		var spans [][2]int
		if first {
			if spans = enOrgPhrase(clause, title); spans == nil {
				spans = zhOrgPhrase(clause, end < len(rs))
			}
		}
		if spans == nil {
			spans = enSignature(clause)
		}
		if spans == nil && !first {
			spans = zhSignature(clause, rs[start-1] == '\n')
		}
		for _, sp := range spans {
			if sp[0] < sp[1] {
				out = append(out, runeSpan(clause, start, sp[0], sp[1]))
			}
		}
		first = false
		start = end + 1
	}
	return out
}

// runeSpan turns the byte span [s, e) of clause, which starts at rune base, into a rune span.
func runeSpan(clause string, base, s, e int) [2]int32 {
	rs := base + utf8.RuneCountInString(clause[:s])
	return [2]int32{int32(rs), int32(rs + utf8.RuneCountInString(clause[s:e]))}
}

// isGreetingOnly reports a clause that only greets: "王总您好", "Hi there".
func isGreetingOnly(clause string) bool {
	c := strings.TrimSpace(clause)
	for _, g := range zhGreetings {
		if strings.HasSuffix(c, g) && utf8.RuneCountInString(c) <= utf8.RuneCountInString(g)+4 {
			return true
		}
	}
	c = strings.TrimRight(c, " ,")
	for _, g := range enGreetings {
		if c == g {
			return true
		}
	}
	return false
}

// skipGreeting returns the byte offset in clause after an English greeting and its comma.
func skipGreeting(clause string) int {
	c := strings.TrimLeft(clause, " ")
	at := len(clause) - len(c)
	for _, g := range enGreetings {
		if strings.HasPrefix(c, g) && (len(c) == len(g) || !isAlnum(rune(c[len(g)]))) {
			rest := c[len(g):]
			trimmed := strings.TrimLeft(rest, " ,!")
			return at + len(g) + len(rest) - len(trimmed)
		}
	}
	return at
}

// enWord is a word of an English clause and where it is.
type enWord struct {
	w    string
	s, e int
}

// enWords splits an English clause into words (letters, digits, joiners within a word) and
// reports, for each, whether punctuation follows it before the next word.
func enWords(c string, from int) ([]enWord, []bool) {
	var ws []enWord
	var pause []bool
	for i := from; i < len(c); {
		r, n := utf8.DecodeRuneInString(c[i:])
		if !isWordRune(r) {
			if len(pause) > 0 && r != ' ' {
				pause[len(pause)-1] = true
			}
			i += n
			continue
		}
		j := i
		for j < len(c) {
			r, n := utf8.DecodeRuneInString(c[j:])
			if isWordRune(r) {
				j += n
				continue
			}
			if (r == '-' || r == '\'' || r == '&') && j+1 < len(c) && isAlnum(rune(c[j+1])) {
				j++
				continue
			}
			break
		}
		ws = append(ws, enWord{c[i:j], i, j})
		pause = append(pause, false)
		i = j
	}
	return ws, pause
}

// isWordRune reports a letter or digit of an English word, accented ones included (São Paulo,
// Poznań): not a Han character.
func isWordRune(r rune) bool {
	return isAlnum(r) || r >= utf8.RuneSelf && !isHan(r) && unicode.IsLetter(r)
}

// enOrgPhrase finds, at the start of an English clause, a noun phrase of at most six words
// ending in an organisation noun that a place, a pause or the need follows. In a title, which
// names the need more often than the buyer ("Disposable medical devices OEM, ISO 13485"), only a
// place may follow.
func enOrgPhrase(clause string, title bool) [][2]int {
	from := skipGreeting(clause)
	ws, pause := enWords(clause, from)
	if len(ws) < 2 || ws[0].s != from {
		return nil
	}
	for i := 0; i < len(ws) && i < 6; i++ {
		if slices.Contains(enNotTrade, ws[i].w) {
			return nil
		}
		// "Syringes for distributor" is a need; "importer for a motor manufacturer" a trade.
		// A clause that opens with "for" ("For our warehouse we need …") names a purpose.
		if ws[i].w == "for" && (i == 0 || !slices.Contains(enOrgHeads, ws[i-1].w)) {
			return nil
		}
		// A place before the organisation noun: "Dust from cement plant" is a need.
		if slices.Contains(enPlaceWords, ws[i].w) {
			return nil
		}
		if !slices.Contains(enOrgHeads, ws[i].w) {
			continue
		}
		if title && (i+1 == len(ws) || pause[i] || !slices.Contains(enPlaceWords, ws[i+1].w) && ws[i+1].w != "here") {
			return nil
		}
		if i+1 < len(ws) && (pause[i] || slices.Contains(enOrgAfter, ws[i+1].w)) {
			end := placeEnd(clause, ws, pause, i)
			if slices.Contains(enGenericHeads, ws[i].w) {
				return [][2]int{{ws[0].s, ws[i].s}, {ws[i].e, end}}
			}
			return [][2]int{{ws[0].s, end}}
		}
	}
	return nil
}

// enGenericHeads say what kind of body the buyer is, not its trade: in "EPC contractor" the
// trade is EPC, and a supplier whose profile says contractor is no better an answer for it.
var enGenericHeads = []string{"company", "firm", "manufacturer", "maker", "producer", "supplier", "distributor",
	"importer", "exporter", "retailer", "wholesaler", "dealer", "trader", "contractor", "operator", "developer",
	"integrator", "installer", "brand", "startup", "start-up", "group", "chain", "business", "corporation",
	"enterprise", "provider", "vendor", "buyer", "owner", "agency", "house", "factory", "plant", "workshop"}

// enPlaceWords introduce where the buyer is: "retailer in Manchester", "based in", "near Poznań".
var enPlaceWords = []string{"in", "from", "based", "located", "near", "at", "off"}

// placeEnd is where the introduction ending in ws[head] ends: after the place that follows it and
// a note in brackets ("small online retailer in Manchester (garden furniture)"), else at the head.
func placeEnd(clause string, ws []enWord, pause []bool, head int) int {
	end := ws[head].e
	j := head + 1
	if pause[head] || j >= len(ws) || !slices.Contains(enPlaceWords, ws[j].w) {
		return end
	}
	for j+1 < len(ws) && j-head < 6 && !pause[j] && !slices.Contains(enPlaceWords, ws[j+1].w) &&
		!slices.Contains(enOrgAfter, ws[j+1].w) && !strings.HasSuffix(ws[j+1].w, "ing") {
		j++
	}
	end = ws[j].e
	rest := strings.TrimLeft(clause[end:], " ")
	if strings.HasPrefix(rest, "(") {
		if k := strings.IndexByte(rest, ')'); k > 0 {
			end = len(clause) - len(rest) + k + 1
		}
	}
	return end
}

// enSignature finds a short line naming the buyer's firm by its legal suffix ("ABC Foods Ltd").
func enSignature(clause string) [][2]int {
	ws, _ := enWords(clause, 0)
	if len(ws) < 3 || len(ws) > 10 || strings.ContainsFunc(clause, isHan) {
		return nil
	}
	for _, w := range ws {
		if slices.Contains(enAsking, w.w) {
			return nil
		}
	}
	for i := 2; i < len(ws); i++ {
		if slices.Contains(enFirmSuffixes, ws[i].w) && (i+1 == len(ws) || slices.Contains(enFirmSuffixes, ws[i+1].w)) {
			return [][2]int{{ws[0].s, ws[len(ws)-1].e}}
		}
	}
	return nil
}

// zhOrgPhrase finds a Chinese opening clause that names the buyer: a short clause ending in an
// organisation noun (江阴一家纺织厂) or saying what it does (做餐饮的), with nothing that asks,
// when more of the post follows.
func zhOrgPhrase(clause string, more bool) [][2]int {
	c := strings.TrimSpace(clause)
	at := strings.Index(clause, c)
	for _, g := range zhGreetings {
		if strings.HasPrefix(c, g) {
			c, at = c[len(g):], at+len(g)
			break
		}
	}
	n := utf8.RuneCountInString(c)
	if !more || n < 2 || n > 14 || !isHanString(c) {
		return nil
	}
	if asks(c) {
		return nil
	}
	doing := strings.HasPrefix(c, "做") && strings.HasSuffix(c, "的") || strings.HasPrefix(c, "是做") && strings.HasSuffix(c, "的")
	org := false
	for _, h := range zhOrgHeads {
		if strings.HasSuffix(c, h) {
			org = true
		}
	}
	if !doing && !org {
		return nil
	}
	for _, h := range zhGenericHeads {
		if strings.HasSuffix(c, h) {
			return [][2]int{{at, at + len(c) - len(h)}}
		}
	}
	return [][2]int{{at, at + len(c)}}
}

// zhLegalEnds end a Chinese firm's legal name; zhFirmEnds end a firm's short name, read as a
// signature only after a dash ("——宏达印染厂"): on a line of its own, "排到县污水处理厂" is a place.
var zhLegalEnds = []string{"股份有限公司", "有限责任公司", "有限公司"}
var zhFirmEnds = slices.Concat(zhLegalEnds, []string{"集团", "公司", "工厂", "厂"})

// zhSignature finds a line of its own (newline) or after a dash naming the buyer's firm,
// "无锡宏达印染有限公司", "——宏达印染厂": the words before the firm's ending hold its trade.
func zhSignature(clause string, newline bool) [][2]int {
	c := strings.TrimSpace(clause)
	at := strings.Index(clause, c)
	trimmed := strings.TrimLeft(c, "—-")
	dash := len(trimmed) < len(c)
	at += len(c) - len(trimmed)
	c = trimmed
	n := utf8.RuneCountInString(c)
	if !dash && !newline || n < 4 || n > 24 || !isHanString(c) || asks(c) {
		return nil
	}
	ends := zhLegalEnds
	if dash {
		ends = zhFirmEnds
	}
	for _, e := range ends {
		if strings.HasSuffix(c, e) && n > utf8.RuneCountInString(e)+1 {
			return [][2]int{{at, at + len(c) - len(e)}}
		}
	}
	return nil
}
