package matching

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Buyers name the same place and the same pain in many words: 仓库漏水, 库房渗水, 货仓漏雨. The
// scenario files write a need with the words someone thought of; a scene phrase holding one word
// of a family below also matches with its siblings, so 仓库漏水 written once reaches 库房渗水 too.
// Families are tight (words a buyer uses for the same thing in a complaint), never a broader or a
// narrower word: 车间 and 厂房 stand for one another, 工厂 (a whole firm) does not.
var wordFamilies = [][]string{
	// places
	{"仓库", "库房", "货仓"},
	{"车间", "厂房"},
	{"食堂", "饭堂"},
	{"厨房", "后厨"},
	{"宿舍", "寝室"},
	{"屋顶", "屋面", "楼顶", "房顶"},
	{"地下室", "地库", "地下车库"},
	{"配电房", "配电室", "配电间"},
	{"冷库", "冻库", "冷藏库"},
	{"大棚", "温室"},
	{"鱼塘", "养殖池"},
	{"猪场", "养猪场"},
	{"货车", "卡车"},
	{"外墙", "墙面"},
	{"水管", "管子"},
	{"停车场", "车库"},
	{"病房", "病区"},
	{"教室", "课室"},
	{"养老院", "敬老院", "老人院"},
	{"菜市场", "农贸市场", "菜场"},
	{"商场", "购物中心"},
	{"酒店", "宾馆"},
	{"饭店", "餐馆", "饭馆", "餐厅"},
	{"工地", "施工现场"},
	{"码头", "港口"},
	{"冷柜", "冰柜", "冷藏柜", "保鲜柜"},
	{"储能柜", "储能舱", "储能集装箱", "电池柜"},
	{"影像科", "放射科"},
	{"生产线", "产线", "流水线"},
	// pains
	{"漏水", "渗水", "滴水", "漏雨"},
	{"发霉", "长霉", "霉变"},
	{"生锈", "锈蚀"},
	{"噪音", "噪声"},
	{"臭味", "异味"},
	{"开裂", "裂开"},
	{"堵塞", "堵住"},
	{"停电", "断电"},
	{"被偷", "被盗", "失窃"},
	{"费电", "耗电"},
	{"招不到人", "招工难", "人手不够", "缺人手"},
	{"找不到", "找不着"},
	{"泄漏", "泄露"},
	{"着火", "起火", "失火"},
	{"宕机", "死机"},
	{"掉线", "断连"},
	{"通讯", "通信"},
	{"次品", "不良品", "残次品"},
	{"粉尘", "灰尘"},
	{"油污", "油渍"},
	{"发热", "发烫"},
	{"结垢", "水垢"},
	{"人工成本", "用工成本"},
}

// familyWord is one word of a family.
type familyWord struct {
	word string
	fam  []string
}

// familyWords lists every family word, longest first, so 地下车库 is read before a shorter word
// inside it could be.
var familyWords = func() []familyWord {
	var out []familyWord
	for _, fam := range wordFamilies {
		for _, w := range fam {
			out = append(out, familyWord{w, fam})
		}
	}
	slices.SortStableFunc(out, func(a, b familyWord) int {
		return utf8.RuneCountInString(b.word) - utf8.RuneCountInString(a.word)
	})
	return out
}()

// maxFamilySiblings bounds the siblings of one phrase (two families of four give 16 at most).
const maxFamilySiblings = 24

// familySiblings returns the forms of a Han scene phrase with each family word (at most one
// occurrence each) replaced by its siblings, combined across families, without the phrase
// itself.
func familySiblings(f string) []string {
	forms := []string{f}
	used := map[string]bool{}
	for _, fw := range familyWords {
		if used[fw.fam[0]] || strings.Count(f, fw.word) != 1 || coveredByLonger(f, fw.word) {
			continue
		}
		used[fw.fam[0]] = true
		n := len(forms)
		for i := 0; i < n; i++ {
			if !strings.Contains(forms[i], fw.word) {
				continue
			}
			for _, other := range fw.fam {
				if other != fw.word && len(forms) < maxFamilySiblings+1 {
					forms = append(forms, strings.Replace(forms[i], fw.word, other, 1))
				}
			}
		}
	}
	return forms[1:]
}

// coveredByLonger reports whether word occurs in f only inside a longer family word (地库 in
// 地下车库 is not a word of its own there).
func coveredByLonger(f, word string) bool {
	for _, fw := range familyWords {
		if len(fw.word) > len(word) && strings.Contains(fw.word, word) && strings.Contains(f, fw.word) {
			return true
		}
	}
	return false
}

type pendingForms struct {
	app   int32
	forms []string
}

func (v *Vocabulary) noteWritten(app int32, form string) {
	if v.written == nil {
		v.written = map[string]bool{}
	}
	form = strings.TrimSpace(form)
	v.written[form] = true
	if n := len(v.pending); n > 0 && v.pending[n-1].app == app {
		v.pending[n-1].forms = append(v.pending[n-1].forms, form)
		return
	}
	v.pending = append(v.pending, pendingForms{app, []string{form}})
}

// addFamilySiblings adds the word-family siblings of every written Han form. A sibling that some
// line writes itself is left to that line: what a person wrote wins over what a family implies.
func (v *Vocabulary) addFamilySiblings() error {
	for _, p := range v.pending {
		seen := map[string]bool{}
		for _, f := range p.forms {
			for _, g := range familySiblings(f) {
				if v.written[g] || seen[g] {
					continue
				}
				seen[g] = true
				sf, err := v.parseSurface(g, true)
				if err != nil {
					return err
				}
				if sf.han != nil {
					v.hanApps.add(sf.han, p.app)
					v.dict.add(sf.han, 0)
					v.familyForms++
				}
			}
		}
	}
	v.written, v.pending = nil, nil
	return nil
}
