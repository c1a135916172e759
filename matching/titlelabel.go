package matching

import (
	"slices"
	"strings"
)

// A lead's title weighs Tuning.Title (2) against its description because a title is usually the
// buyer's own summary of the need. Posts written as people really write them often carry a title
// that is no summary: a request formula (求购, 求推荐靠谱厂家, 急！, Inquiry, Buying Request), or one
// bare word that labels the post (工单, 设备, 车间) while the description tells what is needed. Such
// a word read at twice a description phrase's weight outranks the story: 工单 on a property
// repair order reads as MES. So a title that is, once its request words are set aside, a single
// short word, and whose readings the description never repeats while naming needs of its own,
// weighs as a description phrase (Tuning.TitleLabel). A short title the description repeats
// (PCB quote … 4-layer PCB) or that stands alone (MBR膜 with a spec line) keeps its weight.

// zhTitleFormulas are the words of a Chinese title that ask or mark, not name what is asked for.
var zhTitleFormulas = []string{"有没有懂的", "求推荐", "求购", "求助", "求教", "请教", "请问", "咨询", "询价", "采购",
	"需求", "推荐", "靠谱", "厂家", "供应商", "合作", "帮忙", "问一下", "紧急", "急", "求", "找", "寻", "关于", "问题",
	"的事", "一下", "大家", "各位", "老板", "懂的", "来", "有没有"}

// enTitleFormulas are the English ones.
var enTitleFormulas = []string{"inquiry", "enquiry", "rfq", "rfi", "request", "requests", "quote", "quotation", "urgent",
	"help", "needed", "need", "needs", "looking", "for", "sourcing", "buying", "purchase", "question", "hello", "hi",
	"asap", "please", "a", "an", "the", "new", "supplier", "suppliers", "vendor", "solution", "wanted", "tender"}

// maxLabelRunes is the longest Chinese word (in runes) a title may come down to and still be a
// label: 工单, 设备, 客房部; 冷库温度 is a topic.
const maxLabelRunes = 3

// labelTitle reports whether a normalised title, its request words set aside, is at most one
// short word.
func labelTitle(title []rune) bool {
	s := string(title)
	for _, w := range zhTitleFormulas {
		s = strings.ReplaceAll(s, w, " ")
	}
	latin := 0
	ws, _ := enWords(s, 0)
	for _, w := range ws {
		if !slices.Contains(enTitleFormulas, w.w) {
			latin++
		}
	}
	han := 0
	for _, r := range s {
		if isHan(r) {
			han++
		}
	}
	return han <= maxLabelRunes && (han == 0 && latin <= 1 || latin == 0)
}

// weighLabelTitle brings a label title's terms (occ[0]) from the title weight down to label, when
// the description names a need of its own and does not support the title: it repeats none of
// the title's readings and shares no cluster with them (工单 read as MES above a burst pipe), or
// the title reads nothing of the vocabulary at all (求推荐靠谱厂家).
func weighLabelTitle(v *Vocabulary, fields [2][]rune, occ *[2][]term, title, label float32) {
	if label <= 0 || label >= title || len(occ[0]) == 0 || !labelTitle(fields[0]) {
		return
	}
	named, clusters := readings(v, occ[1], false)
	if len(named) == 0 {
		return
	}
	titled, titleClusters := readings(v, occ[0], true)
	for _, t := range titled {
		if slices.Contains(named, t) {
			return
		}
	}
	for _, c := range titleClusters {
		if slices.Contains(clusters, c) {
			return
		}
	}
	for i := range occ[0] {
		occ[0][i].w *= label / title
	}
}

// readings returns the concepts and scene products a field's terms name, and their clusters;
// bag keeps the scene bag's guesses, which in a description read the title's words too
// (Tuning.BagTitleInBody) and so cannot support it.
func readings(v *Vocabulary, occ []term, bag bool) (names, clusters []string) {
	for _, t := range occ {
		if t.kind != kConcept && t.kind != kExpansion || t.bag && !bag || slices.Contains(names, t.text) {
			continue
		}
		names = append(names, t.text)
		if v == nil {
			continue
		}
		for _, c := range v.conceptClusters[v.byName[strings.TrimPrefix(t.text, "#")]] {
			if !slices.Contains(clusters, c) {
				clusters = append(clusters, c)
			}
		}
	}
	return names, clusters
}
