package matching

import (
	"slices"
	"strings"
)

// Buyers name their own trade as the place they speak for, in the subject of a clause, without a
// verb of being: "我们印染厂每天排出去的水发红", "本阀门厂…", "作为一家汽配厂", "一家做注塑的小厂想…",
// "We run a dyeing mill in Surat", "our machine shop needs …". Read as words, 印染厂 or 阀门厂 is a
// need, and dyeing or valve suppliers rank first for a dyeing mill that needs its wastewater
// treated. So a trade word before a workplace word (厂, 公司, 车间, 店, mill, plant, shop …), after a
// word that makes the workplace the speaker's (我们, 本, 咱, 作为, we run, our …), is the buyer's
// introduction of itself (owntrade.go): it weighs ownTradeWeight beside a need named elsewhere,
// and the products it names are the buyer's own wherever else they stand. What the trade word
// denotes is left to the vocabulary (the concepts read inside the span); no list of trades.
// A workplace that is a sector (咱们养殖场, 我是开饭店的, our hotel) is not read so (zhSectors).

// zhSubjects make the workplace after them the speaker's. 本 and 我 alone are read only at a
// clause's start or before 是/开/做 (成本, 日本, 我想 are not the speaker's workplace).
var zhSubjects = []string{"我们家", "我们", "咱们", "咱家", "我司", "我家", "作为", "本", "咱", "我", "一家"}

// zhSubjectLinks may stand between the subject and the trade: 我们这家印染厂, 作为一家汽配厂,
// 我是开饭店的, 一家做注塑的小厂.
var zhSubjectLinks = []string{"是一家", "是一个", "这家", "这个", "这边的", "一家", "一个", "是个", "是开", "开了一家",
	"开了个", "开的", "开", "的"}

// zhWorkplaces end the speaker's workplace: they say what kind of body it is, so the word before
// them is the trade (印染厂, 阀门公司, 喷涂车间, 五金店).
var zhWorkplaces = []string{"工厂", "厂", "公司", "企业", "集团", "车间", "门市部", "门市", "店", "作坊"}

// zhSectors are workplaces that name the buyer's sector themselves (酒店, 医院, 养殖场, 车队, 饭店):
// suppliers write the same word for whom they serve (酒店布草, 用于物流车队管理), so it is evidence of
// the need and keeps its weight. Where one ends the word, nothing is read as the buyer's trade.
var zhSectors = slices.Concat(zhOrgHeads, []string{"场", "饭店", "酒店"})

// zhWorkplaceGoesOn are the characters that, after a workplace's last character, make it part of a
// longer word: 厂房, 厂区, 场地, 店面, 车间主任.
var zhWorkplaceGoesOn = map[rune]string{'厂': "房区长家商址矿内", '场': "地所景面合馆部", '店': "面铺员长主家",
	'司': "机", '业': "主务", '间': "主", '院': "长子"}

// zhTradeStops are characters that cannot stand in the trade word between the subject and the
// workplace: the clause says something else there (我们用华为公司的…, 我们在工厂里…, 我们需要一家厂).
const zhTradeStops = "的是在有了把被让也都就还又很这那个们想要需找买求请问用跟给和与对从向到去说刚已没不太能会将每"

// subjectTradeSpans returns the spans of rs (a normalised field) where a clause names the buyer's
// trade as the speaker's workplace.
func subjectTradeSpans(rs []rune) [][2]int32 {
	var out [][2]int32
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && !clauseEnd(rs, end) {
			end++
		}
		if sp, ok := zhSubjectTrade(rs[start:end]); ok {
			out = append(out, [2]int32{int32(start + sp[0]), int32(start + sp[1])})
		} else if sp, ok := enSubjectTrade(string(rs[start:end])); ok {
			out = append(out, runeSpan(string(rs[start:end]), start, sp[0], sp[1]))
		}
		start = end + 1
	}
	return out
}

// zhSubjectTrade finds in a clause the first subject followed by a workplace; it returns the span
// from the subject to the trade word's end (the workplace with it when it names the trade).
func zhSubjectTrade(c []rune) ([2]int, bool) {
	for i := 0; i < len(c); i++ {
		for _, s := range zhSubjects {
			if !hasRunePrefix(c[i:], s) || !subjectStands(c, i, s) {
				continue
			}
			j := i + len([]rune(s))
			for _, l := range zhSubjectLinks {
				if hasRunePrefix(c[j:], l) {
					j += len([]rune(l))
					break
				}
			}
			if (s == "我" || s == "本") && j == i+len([]rune(s)) && i > 0 {
				continue
			}
			if e, ok := zhTradeEnd(c, j); ok {
				return [2]int{i, e}, true
			}
		}
	}
	return [2]int{}, false
}

// subjectStands reports whether the subject s at c[i] speaks for the buyer: 本 and 我 only at
// the clause's start (or 我 before a link), 一家 only when nothing before it asks (找一家…厂 is a
// request), 我 not inside 我们 (read as 我们).
func subjectStands(c []rune, i int, s string) bool {
	switch s {
	case "本", "我":
		return i == 0 || !isHan(c[i-1]) || s == "我" && !hasRunePrefix(c[i:], "我们")
	case "一家":
		return !asks(string(c[:i]))
	}
	return true
}

// zhTradeEnd reads, from c[j], a trade word of one to six characters and the workplace that ends
// it (做注塑的小厂: a 做…的 trade and a size may stand before it). It returns where the trade ends.
func zhTradeEnd(c []rune, j int) (int, bool) {
	making := j < len(c) && c[j] == '做'
	for k := j; k < len(c) && k-j <= 8; k++ {
		if w, sector := workplaceAt(c, k); w > 0 {
			if sector || k == j || k-j > 6 && !making {
				return 0, false
			}
			return k, true
		}
		r := c[k]
		if !isHan(r) || strings.ContainsRune(zhTradeStops, r) && !(making && r == '的') {
			return 0, false
		}
		if making && r == '的' && k+1 < len(c) && strings.ContainsRune("小大", c[k+1]) {
			k++ // 做注塑的小厂: the size is no trade
		}
	}
	return 0, false
}

// workplaceAt returns the length in runes of the longest workplace or sector word at c[k] that
// stands as a word of its own, and whether it is a sector; 0 when none does.
func workplaceAt(c []rune, k int) (int, bool) {
	best, sector := 0, false
	for i, ws := range [2][]string{zhWorkplaces, zhSectors} {
		for _, w := range ws {
			n := len([]rune(w))
			if n <= best || !hasRunePrefix(c[k:], w) {
				continue
			}
			if k+n < len(c) && strings.ContainsRune(zhWorkplaceGoesOn[c[k+n-1]], c[k+n]) {
				continue
			}
			best, sector = n, i == 1
		}
	}
	return best, sector
}

func hasRunePrefix(rs []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// enRunVerbs make the workplace after them the speaker's: "we run a dyeing mill".
var enRunVerbs = []string{"run", "operate", "own", "manage", "have"}

// enWorkplaces end the speaker's workplace in English (plurals too: "we run two dyeing mills").
// As in Chinese, sectors (hotel, farm, hospital) are left out, and so are the names of firms
// that are the buyer's suppliers as often as the buyer ("our valve manufacturer").
var enWorkplaces = []string{"mill", "plant", "shop", "factory", "workshop", "company", "firm", "business", "foundry",
	"works", "fab"}

// enSeeking before "for" make what follows the thing sought ("looking for a dyeing mill"), not
// the place the need is for ("filters for a steel plant", "a pilot at a wastewater plant").
var enSeeking = []string{"look", "looking", "looks", "search", "searching", "seek", "seeking", "hunt", "hunting",
	"scout", "scouting", "ask", "asking", "calling", "call", "shopping", "shop"}

// enCounts may stand before the trade: "we run a dyeing mill", "we own two plants".
var enCounts = []string{"a", "an", "one", "two", "three", "four", "five", "several", "some", "multiple", "many"}

// enWorkplaceAfter are the words after the workplace that show it is the subject or the object
// of the buyer's own sentence, not the first half of a compound ("our factory roof").
var enWorkplaceAfter = slices.Concat(enOrgAfter, []string{"was", "were", "makes", "produces", "uses", "and",
	"for", "had", "got", "gets", "just", "recently", "still", "also", "keeps", "can't", "cannot", "doesn't"})

// enSubjectTrade finds "our <trade> <workplace>" or "we run a <trade> <workplace>" in an English
// clause; the span runs from the first trade word to the last (the workplace is no trade).
func enSubjectTrade(clause string) ([2]int, bool) {
	ws, pause := enWords(clause, 0)
	for i := 0; i < len(ws); i++ {
		from := -1
		switch {
		case ws[i].w == "our" || ws[i].w == "my":
			from = i + 1
		case (ws[i].w == "we" || ws[i].w == "i") && i+1 < len(ws) && slices.Contains(enRunVerbs, ws[i+1].w) && !pause[i]:
			from = i + 2
		case (ws[i].w == "for" || ws[i].w == "at") && (i == 0 || !slices.Contains(enSeeking, ws[i-1].w)):
			from = i + 1
		}
		if from >= 0 && from < len(ws) && (slices.Contains(enCounts, ws[from].w) || ws[from].w == "the" || ws[from].w[0] >= '0' && ws[from].w[0] <= '9') {
			from++
		}
		if from < 0 {
			continue
		}
		for k := from; k < len(ws) && k-from < 4; k++ {
			if k > from && pause[k-1] || slices.Contains(enNotTrade, ws[k].w) {
				break
			}
			if !slices.Contains(enWorkplaces, strings.TrimSuffix(ws[k].w, "s")) && !slices.Contains(enWorkplaces, ws[k].w) {
				continue
			}
			if k == from || k+1 < len(ws) && !pause[k] && !slices.Contains(enWorkplaceAfter, ws[k+1].w) {
				break
			}
			return [2]int{ws[from].s, ws[k-1].e}, true
		}
	}
	return [2]int{}, false
}
