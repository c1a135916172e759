package matching

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Real posts, long e-mails and tender notices above all, open with the buyer's company profile
// before the need: "我公司成立于1998年，占地120亩，员工600余人，年产值5亿元，通过ISO9001认证，主要生产
// 不锈钢阀门，产品远销欧美。现因扩产需要，采购数控车床…", "Dear Sir, ABC Trading was established in 2003
// and is a leading importer of garden furniture … We now need …". The introduction openings of
// owntrade.go (我们是, 我司主营, "we are") are phrases; a profile is told in clauses of facts
// about the firm, often with no subject after the first (Chinese drops it) or with the firm's
// name as the subject. Read as words, the valves vote for a cluster and rank valve makers, and
// the ISO 9001 the buyer holds is asked of every supplier.
//
// So a clause is read as the firm's own story by its shape, not by a list of openings: it states
// a fact about a firm (a year of founding, an area, a headcount, a turnover or an output, a
// certificate held, the markets served, what it makes or is), it asks nothing (no wish, no
// requirement, no pain: 需要, 须, 要求, 不, "need", "must", "but"), and its subject is the
// buyer's firm: named at the clause's start (我公司, 本集团, 无锡某印染有限公司, "our company",
// "ABC Trading was …"), or left out in a run of such clauses that opens the post or follows one.
// Such a clause is the buyer's introduction of itself (owntrade.go): its products weigh
// ownTradeWeight beside the need and are shown after it, vote for a cluster at Tuning.OwnVote,
// and the certifications it names are the buyer's own, not asked of a supplier (Understand).
// What the buyer asks of the supplier (需提供ISO9001认证, "supplier must hold CE") asks, so it
// stays a requirement. Tuning.FirmFacts turns the reading on.

// zhFactNum is a Chinese or Arabic count as a profile writes one: 120, 六百, 两万, 1.2, 3,000.
const zhFactNum = `[0-9一二两三四五六七八九十百千万亿零〇几.,]+`

// factShape is one shape of a fact about a firm: words one of which the clause must hold, and
// the pattern it must then match (none: a word is enough). The words keep the patterns off the
// many clauses that state no fact, so reading a post costs little.
type factShape struct {
	words []string
	re    *regexp.Regexp
}

func shape(words, pattern string) factShape {
	f := factShape{words: strings.Fields(words)}
	if pattern != "" {
		f.re = regexp.MustCompile(strings.ReplaceAll(pattern, "N", zhFactNum))
	}
	return f
}

// matches reports whether clause c holds the shape.
func (f factShape) matches(c string) bool {
	for _, w := range f.words {
		if strings.Contains(c, w) {
			return f.re == nil || f.re.MatchString(c)
		}
	}
	return false
}

// foundedWords end a Chinese statement of when the firm was founded.
const foundedWords = "成立 创建 创办 始建 创立 组建 建厂 建的 注册 投产 开的 开了 就开"

// zhFacts are the shapes of a fact about a firm, in a Chinese clause.
var zhFacts = []factShape{
	// founded
	shape("成立 创建 创办 始建 创立 组建 建厂 注册 创业 建于", `((成立|创建|创办|始建|创立|组建|建厂|注册|创业)(于|在|至今|以来|已)|建于)`),
	shape(foundedWords, `(19|20)[0-9]{2}年.{0,12}(成立|创建|创办|始建|创立|组建|建厂|建的|注册|投产|开的|开了)`),
	shape(foundedWords, `([0-9]{2}|[一二三四五六七八九]十)年代.{0,3}(成立|创建|创办|始建|创立|建厂|建的|开的|开了)`),
	shape(foundedWords, `[一二三四五六七八九零〇]几?年.{0,2}(成立|建厂|建的|开的|开了|就开)`),
	shape("历史 经验 发展", `有着?(近|超过)?N(多|余)?年的?(历史|经验|发展)`),
	shape("深耕 扎根", `(深耕|扎根).{0,12}N(多|余)?年`),
	shape("做了 干了 搞了 开了", `(做|干|搞|开)了.{0,2}N(多|来|余)?年`),
	shape("年", `(做|干|搞|从事|生产|经营).{1,16}(已经|已|有|快|近|超过)N(多|余|来)?年`),
	shape("出身 起家", `(做|搞|干|靠).{1,12}(出身|起家)`),
	// area and staff: the count ends the clause (十几个工人每天推车拉料 tells a pain)
	shape("亩 平方 平米 ㎡ 公顷", `(占地|厂区|厂房|建筑|生产|经营)(总)?(面积)?(约|近|超过|达|为|有)?N(多|余)?(亩|平方米|平方|平米|㎡|公顷)(左右|以上|多)?$`),
	shape("员工 职工 工人 人员", `(员工|职工|工人|人员|员工总数|技术人员|研发人员|在职员工|正式员工)(总数|人数)?(约|近|超过|达|共|有)?N(余|多)?(人|名|个)(左右|以上|多)?$`),
	shape("员工 职工 工人 技术人员", `N(来|余|多)?(个|名|位)(员工|职工|工人|技术人员)(左右|以上)?$`),
	shape("号人 口人", `N(来|多|余)?(号人|口人)(左右|以上)?$`),
	// turnover, output, capital
	shape("年产值 年销售额 年销售收入 年营业额 年营收 年营业收入 年产量 年产能 年出货量 年销量 年产销 年吞吐量 年生产能力 年交易额", ""),
	shape("年产", `年产(N|各类|各种)`),
	shape("月产 日产", `(月|日)(产能|产量|产值|出货量)`),
	shape("产值 销售额 营业额 营收 营业收入", `(产值|销售额|营业额|营收|营业收入)(超|达|约|近|过)?N`),
	shape("注册资本 注册资金 固定资产 总资产", ""),
	// its plants, lines and branches
	shape("拥有 建有 设有 现有", `(拥有|建有|设有|现有)[^,]{0,16}(生产线|流水线|生产基地|工厂|分厂|子公司|分公司|门店|专卖店|事业部|研发中心|实验室)`),
	shape("下设 下属 旗下", ""),
	// certificates and titles held
	shape("认证 体系 证书 资质 称号 认定", `(通过|获得|取得|荣获|持有|具有|具备)了?[^,]{0,30}(认证|体系|证书|资质|称号|认定)`),
	shape("高新技术企业 专精特新 小巨人 上市公司 隐形冠军 单项冠军 龙头企业 规上企业 规模以上 获评 被评为 荣获 入选", ""),
	// markets
	shape("远销 销往 畅销 行销 出口到 出口至 产品出口 外销", ""),
	shape("遍布 包括 涵盖 覆盖", `(客户|业务|销售网络)(遍布|包括|涵盖|覆盖)`),
	// what it makes or is
	shape("从事 生产 制造 研发 经营 做 加工 销售 提供", `(主要|专业|专门|专注于?|一直|长期|致力于|多年)(从事|生产|制造|研发|经营|做|加工|销售|提供)`),
	shape("主营 主导产品 主要产品 核心产品 拳头产品 主打产品 主力产品 是一家", ""),
	shape("国企 国有企业 民营企业 私营企业 外资企业 合资企业 独资企业 家族企业", ""),
	shape("配套 供货 代工 做 生产 加工", `(专门|专业|一直|长期|主要)给.{1,8}(配套|供货|代工|做|生产|加工)`),
	shape("为主", `(产品|业务)以.{1,20}为主`),
	shape("企业 公司 工厂 集团 制造商 生产商 供应商 服务商 运营商 厂家 单位", `(是|系|为)[^,]{0,30}(企业|公司|工厂|集团|制造商|生产商|供应商|服务商|运营商|厂家|单位)$`),
	shape("于一体", `集.{1,30}于一体`),
	shape("龙头 领先 知名 骨干 领军 最大 一流 前列", `((行业|领域)的?(龙头|领先|知名|骨干|领军)|(国内|全球|世界|行业|国际)(领先|知名|最大|一流|前列))`),
}

// zhFact reports whether a Chinese clause states a fact about a firm.
func zhFact(c string) bool {
	return slices.ContainsFunc(zhFacts, func(f factShape) bool { return f.matches(c) })
}

// zhFirmSubjects open a Chinese clause whose subject is the buyer's firm.
var zhFirmSubjects = []string{"我公司", "本公司", "我司", "我们公司", "我们厂", "我们集团", "我们企业", "我们单位", "咱们公司",
	"咱们厂", "我厂", "本厂", "本集团", "我集团", "我单位", "本单位", "本企业", "我企业", "该公司", "公司", "集团", "企业", "厂里",
	"我们", "咱们"}

// zhFirmName is a firm's name as the subject of a clause: 无锡某印染有限公司, XX集团, 宏达厂.
var zhFirmName = regexp.MustCompile(`^[\p{Han}a-z0-9()（）]{2,18}?(股份有限公司|有限责任公司|有限公司|集团|公司|厂)`)

// zhWhere places the firm (位于, 坐落于): a fact only when the clause names the firm as its subject.
var zhWhere = []string{"位于", "坐落于", "坐落在", "地处"}

// zhAskMore are the words of a requirement or of another party the need speaks of, beside the
// words that ask (asks, owntrade_np.go): 须具备, 供应商需, 投标人.
var zhAskMore = []string{"须", "必须", "供应商", "厂家", "厂商", "投标", "乙方", "承包", "报价", "现因", "现需", "现拟",
	"拟", "因为", "由于", "但", "可是", "不过", "所以"}

// zhAskAt returns the rune offset in c of the first word that asks, requires or turns to the
// need (asks' words, zhAskMore), len(c) if none; the words of zhNotAsking do not count.
func zhAskAt(c []rune) int {
	s := string(c)
	at := firstOf(s)
	if at == len(s) || !containsAny(s, zhNotAsking) {
		return utf8.RuneCountInString(s[:at])
	}
	masked := slices.Clone(c)
	for _, w := range zhNotAsking {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			at := utf8.RuneCountInString(s[:from+i])
			for k := range utf8.RuneCountInString(w) {
				masked[at+k] = '　'
			}
			from += i + len(w)
		}
	}
	ms := string(masked)
	return utf8.RuneCountInString(ms[:firstOf(ms)])
}

// firstOf returns the byte offset of the first word of zhNotTrade or zhAskMore in s, len(s) if
// none.
func firstOf(s string) int {
	best := len(s)
	for _, ws := range [][]string{zhNotTrade, zhAskMore} {
		for _, w := range ws {
			if i := strings.Index(s[:best], w); i >= 0 && i < best {
				best = i
			}
		}
	}
	return best
}

// enFacts are the shapes of a fact about a firm in an English sentence that any subject may
// state of itself (ABC Trading was established in 2003); enOwnFacts those that only the buyer's
// firm named as the subject states of itself ("we are ISO 9001 certified": "the chargers are
// CE certified" is a specification).
var enFacts = regexp.MustCompile(`\b((established|founded|incorporated|set up|started|formed|opened|launched|registered)\s+(in|since)\s+(19|20)\d\d` +
	`|since\s+(19|20)\d\d|(started|began|founded|established)\b.{0,40}\bin\s+(19|20)\d\d|among\s+the\s+(top|leading|largest|biggest)|est\.?\s+(19|20)\d\d|inception|(grown|grew)\s+into|one\s+of\s+the\s+(main|leading|largest|biggest|major|top)` +
	`|(over|more than|nearly|almost|some)?\s*\d+\+?\s+years\s+(of\s+)?(experience|history|expertise|heritage|tradition)` +
	`|for\s+(over |more than |nearly |almost )?\d+\s+years|family[- ]owned|(in business|in operation)\s+(since|for)` +
	`|\d[\d,.]*\+?\s*(employees|staff|workers|engineers|associates|team members|professionals)|\d+-strong|team\s+of\s+\d` +
	`|employ(s|ing)?\s+(over |more than |about |around |some |nearly )?\d|workforce of|headcount` +
	`|(annual|yearly)\s+(turnover|revenue|revenues|sales|output|capacity|production)|(turnover|revenues?|sales)\s+(of|eur|usd|gbp|rmb|cny|\$|€|£)` +
	`|\d+\s+(production sites|plants|factories|mills|subsidiaries|production lines)` +
	`|(leading|largest|biggest|major|premier|renowned|well-known|prominent|reputable|global|trusted|international)\b(\s+[\w&-]+){0,6}\s+(manufacturer|producer|supplier|maker|importer|exporter|distributor|retailer|wholesaler|company|operator|group|brand|dealer|provider|mill|firm|player|chain|contractor|processor|fabricator|integrator)s?` +
	`|speciali[sz](e|es|ing|ed)\s+in|(has|have|had)\s+(been\s+)?(manufacturing|producing|making|supplying|distributing|importing|exporting|serving|building|designing|operating|trading|made|produced|manufactured|supplied|built)` +
	`|our\s+(main |core |key )?(products|product range|portfolio)\s+(are|include|includes|cover|covers))\b`)

// enFactWords are the words one of which an English sentence holds when enFacts may match.
var enFactWords = []string{"establish", "found", "incorporated", "set up", "started", "formed", "opened", "launched",
	"registered", "since", "inception", "grown", "grew", "one of the", "years", "family", "business", "operation",
	"employ", "staff", "workers", "engineers", "associates", "team", "professionals", "strong", "workforce", "headcount",
	"annual", "yearly", "turnover", "revenue", "sales", "leading", "largest", "biggest", "major", "premier", "renowned",
	"well-known", "prominent", "reputable", "global", "trusted", "international", "speciali", "manufactur", "produc",
	"making", "made", "suppl", "began", "among", "distribut", "importing", "exporting", "serving", "build", "built", "designing",
	"operating", "trading", "products", "portfolio", "est", "sites", "plants", "factories", "mills", "subsidiaries",
	"lines"}

var enOwnFacts = regexp.MustCompile(`\b((holds?|holding|obtained|achieved|awarded)\b.{0,40}\b(certifications?|certificates?|accreditations?)|export(s|ed|ing)?\s+(to|into|across)|(sold|distributed|present|exported)\s+(in|to)|\d+\s+(countries|markets)|customers\s+(in|across|worldwide|include|including)` +
	`|(headquartered|located|based|situated)\s+in)\b`)

// enHeld are the words of a certificate held: a fact of the firm only when the sentence opens
// with it (we, our company), never of a thing named ("the chargers are CE certified").
var enHeld = regexp.MustCompile(`\b(certified|accredited|audited|approved|certification|certificates?|accreditation)\b`)

// enFirmOpenings open a sentence whose subject is the buyer's firm, or that states a fact of it
// before naming it ("Founded in 1987, Textilwerk GmbH is …").
var enFirmOpenings = []string{"about us", "we ", "we're ", "our ", "i am ", "i'm ", "the company ", "the group ", "the firm ",
	"this company ", "founded ", "established ", "incorporated ", "headquartered ", "located ", "based ", "since ",
	"with over ", "with more than ", "for over ", "for more than ", "as a ", "as an ", "as one ", "family-owned ",
	"family owned "}

// enBeing are the verbs of a sentence whose subject is a name: "ABC Trading was established …".
var enBeing = []string{"is", "was", "are", "has", "have", "had", "employs", "operates", "serves", "exports", "produces",
	"manufactures", "makes", "supplies", "distributes", "started", "began", "ships", "sells"}

// enAskWords end the part of an English sentence that can tell the firm's story: the need, a
// requirement or a pain begins.
var enAskWords = []string{"need", "needs", "needed", "looking", "seeking", "seek", "require", "requires", "required",
	"requirement", "requirements", "want", "wants", "like", "plan", "plans", "planning", "intend", "intends", "sourcing",
	"searching", "purchase", "buy", "buying", "rfq", "quotation", "quote", "must", "should", "shall",
	"preferred", "prefer", "please", "interested", "invite", "inviting", "kindly", "tender", "procure", "but",
	"however", "unfortunately", "you", "your", "problem", "problems", "issue", "issues", "rolling", "deploy",
	"deploying", "upgrade", "upgrading", "replace", "replacing", "install", "installing", "retrofit"}

// firmFactSpans returns the rune spans of a description's normalised text that tell the
// buyer's firm's own story.
func firmFactSpans(rs []rune) [][2]int32 {
	var out [][2]int32
	opening, prev := true, false
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && (rs[end] == '、' || !clauseEnd(rs, end)) {
			end++
		}
		c := rs[start:end]
		cs := string(c)
		if strings.TrimSpace(cs) == "" || isGreetingOnly(cs) {
			start = end + 1
			continue
		}
		var s, e int
		var fact, asked bool
		if strings.ContainsFunc(cs, isHan) {
			s, e, fact, asked = zhFirmFact(c, opening || prev)
		} else {
			s, e, fact, asked = enFirmFact(cs, opening || prev)
		}
		if fact {
			out = append(out, [2]int32{int32(start + s), int32(start + e)})
		}
		// A clause that states no fact and asks nothing (产品有薯片、饼干等) goes on with the story
		// without being read as it: it may be the pain's setting.
		prev = !asked && (fact || prev || opening)
		opening = false
		start = end + 1
	}
	return out
}

// zhFirmFact reads a Chinese clause: the span of the firm's story in it, if any, and whether
// the clause asks (the story ends there). run tells whether the clause opens the post or follows
// a clause of the story (its subject may be left out).
func zhFirmFact(c []rune, run bool) (int, int, bool, bool) {
	s := 0
	for s < len(c) && (c[s] == ' ' || c[s] == ',') {
		s++
	}
	for _, g := range zhGreetings {
		if hasRunePrefix(c[s:], g) {
			s += utf8.RuneCountInString(g)
			break
		}
	}
	e := s + zhAskAt(c[s:])
	asked := e < len(c)
	part := string(c[s:e])
	subject := hasAnyPrefix(part, zhFirmSubjects) || zhFirmName.MatchString(part)
	switch {
	case e == s:
		return 0, 0, false, asked
	case (run || subject) && zhFact(part):
	case subject && containsAny(part, zhWhere):
	default:
		return 0, 0, false, asked
	}
	return s, e, true, asked
}

// enFirmFact reads an English sentence: the span of the firm's story in it, if any, and
// whether the sentence asks.
func enFirmFact(c string, run bool) (int, int, bool, bool) {
	from := skipGreeting(c)
	ws, _ := enWords(c, from)
	if len(ws) == 0 {
		return 0, 0, false, false
	}
	end := len(ws)
	for i, w := range ws {
		if slices.Contains(enAskWords, w.w) {
			end = i
			break
		}
	}
	asked := end < len(ws)
	if end == 0 {
		return 0, 0, false, asked
	}
	s, e := ws[0].s, ws[end-1].e
	part := c[s:e]
	opening := hasAnyPrefix(part+" ", enFirmOpenings)
	named := false
	for i := 1; i < min(end, 6) && !opening; i++ {
		if slices.Contains(enBeing, ws[i].w) {
			named = true
			break
		}
	}
	switch {
	case (run || opening || named) && containsAny(part, enFactWords) && enFacts.MatchString(part):
	case (opening || named) && enOwnFacts.MatchString(part), opening && enHeld.MatchString(part):
	default:
		return 0, 0, false, asked
	}
	return utf8.RuneCountInString(c[:s]), utf8.RuneCountInString(c[:e]), true, asked
}

// withoutFirmStory returns description with the clauses of the firm's own story blanked: the
// certifications they name are held by the buyer, not asked of a supplier.
func (a *analyzer) withoutFirmStory(description string) string {
	if !a.lw.firmFacts {
		return description
	}
	spans := firmFactSpans(a.normalize(description))
	if len(spans) == 0 {
		return description
	}
	rs := []rune(description)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1] && int(i) < len(rs); i++ {
			rs[i] = ' '
		}
	}
	return string(rs)
}
