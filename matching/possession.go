package matching

import (
	"slices"
	"strings"
)

// Real posts name the things around the need as well as the need: what the buyer already has
// ("我们有20辆冷藏车，想在手机上实时看车厢温度", "公司在江阴、宜兴、惠山有五个冷库", "we operate 300 reefer
// containers") and what the product goes into ("NB-IoT 模组 … 用于 智能水表 燃气表", "IPM 用于变频空调压
// 缩机驱动"). Both are the setting of the need, not what is bought: the temperature-monitoring
// firm answers the reefer fleet, not another reefer-truck builder; the module maker answers the
// water-meter project, not the meter maker. Named as a possession and again in the title
// ("冷藏车实时温度查看"), or as a heavier concept than the product, the setting outranked the need.
// So a product named as something the buyer has (有 + a count and a measure word, 现有, 原有, "we
// have", "our existing") counts at Tuning.Possession, and one named as what the product is for
// (用于, 应用于, "for use in", "used in") at Tuning.Application, wherever the lead names it. The
// words of a possession count with it (冷藏车 written out is the truck builder's word); the words
// of an application keep their weight: suppliers describe a product by its use ("用于车身控制的
// MCU", "适用于智能水表的NB-IoT模组"), so they are the product maker's words as much as the
// application maker's, while the application's product concept is the other firm's. Three
// readings keep a product whole: a need clause asks for it outside its setting (需要再加两台冷库);
// the need replaces a possession (有四十台送货的小货车…想换掉: the possession names what is bought,
// as in needfocus.go); and it is the only product the lead names (then it is the best clue).

// possessHave is what, written right before a count, makes the counted thing the buyer's: 有 in
// 我们有、公司有、共有、拥有、还有.
const possessHave = '有'

// notPossessBefore are the characters that, written right before 有, make it something other
// than a possession: 没有 (has not), 要有, 需有, 须有, 得有, 应有, 能有 (a requirement), 所有, 只有, 具有.
const notPossessBefore = "没要需须得应能所只具"

// zhNumeral are the characters a Chinese count is written with (digits are folded to ASCII).
const zhNumeral = "0123456789一二三四五六七八九十两几百千万多余来半"

// zhClassifier are the measure words that end a count of things a buyer has.
const zhClassifier = "辆台个套条根座间栋只头艘部处片块亩架组家"

// zhExisting and enPossess open a possession without a count: 现有的空压机, "our existing ERP".
var zhExisting = []string{"现有", "原有", "已有", "现用", "现在用的"}
var enPossess = []string{"we have", "we operate", "we run", "we own", "we manage", "our fleet of", "our existing",
	"our current", "our old"}

// enNotPossessAfter are the words that, right after "we have", make it no possession: "we have
// been looking", "we have to replace", "we have no …".
var enNotPossessAfter = []string{"been", "to", "had", "no", "not", "got to"}

// zhApplication and enApplication open what the product is for. Words of likeness (适配, 兼容,
// "compatible with", "to fit") are left out: what follows them is the product's equal, a part
// number the need must match, not where it goes.
var zhApplication = []string{"用于", "应用于", "适用于", "装在"}
var enApplication = []string{"for use in", "used in", "used for", "to be used in", "for installation in"}

// zhSettingFirst are the first characters of zhExisting and zhApplication: the markers are
// tried only at them.
const zhSettingFirst = "现原已用应适装"

// maxSetting and maxSettingLatin are the longest noun phrase, in runes, read as a possession or
// an application, written in Chinese and in English.
const (
	maxSetting      = 14
	maxSettingLatin = 40
)

// settingSpans returns the rune spans of a normalised field that name what the buyer has and
// what the product is for: from after the count's measure word (or the marker) to the end of
// the clause, at most maxSetting runes.
func settingSpans(rs []rune) (have, app [][2]int32) {
	span := func(out [][2]int32, from int) [][2]int32 {
		for from < len(rs) && rs[from] == ' ' {
			from++
		}
		end, most := from, maxSetting
		if from < len(rs) && isAlnum(rs[from]) {
			most = maxSettingLatin
		}
		for end < len(rs) && end-from < most && rs[end] != ',' && !clauseEnd(rs, end) {
			end++
		}
		if end > from {
			out = append(out, [2]int32{int32(from), int32(end)})
		}
		return out
	}
	for i, r := range rs {
		switch {
		case r == possessHave && (i == 0 || !strings.ContainsRune(notPossessBefore, rs[i-1])):
			j := i + 1
			for j < len(rs) && strings.ContainsRune(zhNumeral, rs[j]) {
				j++
			}
			if j > i+1 && j < len(rs) && strings.ContainsRune(zhClassifier, rs[j]) {
				have = span(have, j+1)
			}
		case strings.ContainsRune(zhSettingFirst, r):
			if n := markerAt(rs, i, zhExisting); n > 0 {
				have = span(have, i+n)
			} else if n := markerAt(rs, i, zhApplication); n > 0 {
				app = span(app, i+n)
			}
		case isAlnum(r) && (i == 0 || !isAlnum(rs[i-1])):
			if n := markerAt(rs, i, enPossess); n > 0 {
				if markerAt(rs, i+n+1, enNotPossessAfter) == 0 {
					have = span(have, i+n)
				}
			} else if n := markerAt(rs, i, enApplication); n > 0 {
				app = span(app, i+n)
			}
		}
	}
	return have, app
}

// markerAt returns the length in runes of the first of markers written at rs[i], 0 if none; an
// English marker must end a word.
func markerAt(rs []rune, i int, markers []string) int {
	for _, m := range markers {
		n := 0
		for _, r := range m {
			if i+n >= len(rs) || rs[i+n] != r {
				n = -1
				break
			}
			n++
		}
		if n > 0 && (!isAlnum(rs[i+n-1]) || i+n == len(rs) || !isAlnum(rs[i+n])) {
			return n
		}
	}
	return 0
}

// discountSettingsNamed weighs, in a lead's fields, the products named as the buyer's possessions
// at possession and those named as the product's application at application, wherever the lead
// names them, and the words of the possessions with them (see above). 1 leaves a kind whole.
func discountSettingsNamed(fields [2][]rune, occ *[2][]term, possession, application float32) {
	if possession == 1 && application == 1 {
		return
	}
	var have, app, need [2][][2]int32
	found := false
	for f := range fields {
		have[f], app[f] = settingSpans(fields[f])
		found = found || len(have[f])+len(app[f]) > 0
	}
	if !found {
		return
	}
	for f := range fields {
		need[f] = needSpans(fields[f])
		// A phone post runs the possession into the need (我们有20辆冷藏车需要装温度监控): the
		// possession ends where a need clause begins.
		clipAt(have[f], need[f])
		clipAt(app[f], need[f])
	}
	if possession != 1 && replacing(fields, need) {
		possession = 1 // the need replaces what the buyer has: the possession names what is bought
	}
	named := func(t term) bool { return (t.kind == kConcept || t.kind == kExpansion) && !t.own && !t.bag }
	var owned, used, asked []string // few: slices are cheaper than maps
	for f := range occ {
		for _, t := range occ[f] {
			switch {
			case !named(t):
			case possession != 1 && within(have[f], t):
				owned = appendNew(owned, t.text)
			case application != 1 && within(app[f], t):
				used = appendNew(used, t.text)
			case within(need[f], t):
				asked = appendNew(asked, t.text)
			}
		}
	}
	asks := func(p string) bool { return slices.Contains(asked, p) }
	owned = slices.DeleteFunc(owned, asks)
	used = slices.DeleteFunc(used, asks)
	if len(owned)+len(used) == 0 {
		return
	}
	other := false
	for f := range occ {
		for _, t := range occ[f] {
			other = other || named(t) && !slices.Contains(owned, t.text) && !slices.Contains(used, t.text)
		}
	}
	if !other {
		return
	}
	for f := range occ {
		for i := range occ[f] {
			t := &occ[f][i]
			switch {
			case t.own:
			case t.kind == kConcept || t.kind == kExpansion:
				if slices.Contains(owned, t.text) {
					t.w *= possession
				} else if slices.Contains(used, t.text) {
					t.w *= application
				}
			case possession != 1 && within(have[f], *t):
				t.w *= possession
			}
		}
	}
}

// clipAt ends each span of spans where a span of need begins inside it.
func clipAt(spans, need [][2]int32) {
	for i := range spans {
		for _, n := range need {
			if spans[i][0] < n[0] && n[0] < spans[i][1] {
				spans[i][1] = n[0]
			}
		}
	}
}

func appendNew(s []string, x string) []string {
	if slices.Contains(s, x) {
		return s
	}
	return append(s, x)
}
