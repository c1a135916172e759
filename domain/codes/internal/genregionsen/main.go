// Command genregionsen writes regions_en.json, the English (Hanyu Pinyin) names of the GB/T 2260
// regions in regions.json, as English-language maps and the Chinese government's own English
// pages write them: "新吴区" → "Xinwu District", "无锡市" → "Wuxi", "江苏省" → "Jiangsu". Run
// it from domain/codes after regions.json changes:
//
//	go run ./internal/genregionsen < regions.json > regions_en.json
//
// Readings of characters with several come from go-pinyin's most common one, corrected for
// place names below; provinces are spelled as the government spells them (Shaanxi, Tibet,
// Inner Mongolia).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"

	"duijie/domain/codes/internal/codejson"
)

func main() {
	var names map[string]string
	if err := json.NewDecoder(os.Stdin).Decode(&names); err != nil {
		fmt.Fprintln(os.Stderr, "genregionsen:", err)
		os.Exit(1)
	}
	en := make(map[string]string, len(names))
	for code, zh := range names {
		en[code] = English(zh)
	}
	if err := codejson.Write(os.Stdout, en); err != nil {
		fmt.Fprintln(os.Stderr, "genregionsen:", err)
		os.Exit(1)
	}
}

// provinces are spelled as the State Council's English pages spell them.
var provinces = map[string]string{
	"北京市": "Beijing", "天津市": "Tianjin", "河北省": "Hebei", "山西省": "Shanxi", "内蒙古自治区": "Inner Mongolia",
	"辽宁省": "Liaoning", "吉林省": "Jilin", "黑龙江省": "Heilongjiang", "上海市": "Shanghai", "江苏省": "Jiangsu",
	"浙江省": "Zhejiang", "安徽省": "Anhui", "福建省": "Fujian", "江西省": "Jiangxi", "山东省": "Shandong",
	"河南省": "Henan", "湖北省": "Hubei", "湖南省": "Hunan", "广东省": "Guangdong", "广西壮族自治区": "Guangxi",
	"海南省": "Hainan", "重庆市": "Chongqing", "四川省": "Sichuan", "贵州省": "Guizhou", "云南省": "Yunnan",
	"西藏自治区": "Tibet", "陕西省": "Shaanxi", "甘肃省": "Gansu", "青海省": "Qinghai", "宁夏回族自治区": "Ningxia",
	"新疆维吾尔自治区": "Xinjiang", "台湾省": "Taiwan", "香港特别行政区": "Hong Kong", "澳门特别行政区": "Macao",
}

// whole names read otherwise than their characters' common readings.
var words = map[string]string{
	"六安": "Lu'an", "六合": "Luhe", "蔚": "Yu", "铅山": "Yanshan", "洪洞": "Hongtong", "单": "Shan", "乐清": "Yueqing",
	"乐亭": "Laoting", "番禺": "Panyu", "长子": "Zhangzi", "尉氏": "Weishi", "莘": "Shen", "盱眙": "Xuyi",
	"荥经": "Yingjing", "涡阳": "Guoyang", "东阿": "Dong'e", "曾都": "Zengdu", "黄陂": "Huangpi", "柞水": "Zhashui",
	"枞阳": "Zongyang", "蚌埠": "Bengbu", "厦门": "Xiamen", "浚": "Xun", "犍为": "Qianwei", "筠连": "Junlian",
	"牟平": "Muping", "中牟": "Zhongmou", "郫都": "Pidu", "重庆": "Chongqing", "长汀": "Changting", "乐都": "Ledu",
	"大足": "Dazu", "北碚": "Beibei", "綦江": "Qijiang", "邛崃": "Qionglai", "番": "Fan", "阿克苏": "Aksu",
	"乌鲁木齐": "Urumqi", "喀什": "Kashgar", "呼和浩特": "Hohhot", "拉萨": "Lhasa", "日喀则": "Shigatse",
	"西沙群岛": "Xisha Islands", "南沙群岛": "Nansha Islands", "中沙群岛的岛礁及其海域": "Zhongsha Islands",
}

// chars reads a character as place names read it where its most common reading differs.
var chars = map[rune]string{
	'都': "du", '藏': "zang", '厦': "xia", '蚌': "beng", '枞': "zong", '陂': "pi", '柞': "zha", '什': "shi",
	'乐': "le", '长': "chang", '重': "zhong", '会': "hui", '行': "xing", '朝': "chao", '宿': "su", '沈': "shen",
	'莞': "guan", '曾': "zeng", '解': "jie", '省': "sheng", '石': "shi", '大': "da", '和': "he", '查': "cha",
	'莎': "sha", '奇': "qi", '泊': "bo", '合': "he", '蕃': "fan", '冲': "chong", '单': "dan", '六': "liu",
}

// suffixes of administrative units, longest first, with the English that follows the name.
var suffixes = []struct{ zh, en string }{
	{"自治州", " Autonomous Prefecture"}, {"自治县", " Autonomous County"}, {"自治旗", " Autonomous Banner"},
	{"林区", " Forestry District"}, {"新区", " New Area"}, {"地区", " Prefecture"}, {"特区", " Special District"},
	{"区", " District"}, {"县", " County"}, {"旗", " Banner"}, {"盟", " League"}, {"市", ""},
}

// ethnic names end the place name proper in the names of autonomous units ("恩施土家族苗族自治州").
var ethnic = strings.Fields(`蒙古 回族 藏族 维吾尔 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克
	傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜 土族 达斡尔 仫佬族 羌族 布朗族 撒拉族 毛南族
	仡佬族 锡伯族 阿昌族 普米族 塔吉克 怒族 乌孜别克 俄罗斯族 鄂温克 德昂族 保安族 裕固族 京族 塔塔尔 独龙族 鄂伦春
	赫哲族 门巴族 珞巴族 基诺族 各族`)

// English names one region.
func English(zh string) string {
	if en, ok := provinces[zh]; ok {
		return en
	}
	if en, ok := words[zh]; ok {
		return en
	}
	if prov, _, ok := strings.Cut(zh, "-"); ok { // "河南省-省直辖县级行政区划"
		return "County-level divisions under " + English(prov)
	}
	stem, unit := zh, ""
	for _, s := range suffixes {
		if strings.HasSuffix(zh, s.zh) && len(zh) > len(s.zh) {
			stem, unit = strings.TrimSuffix(zh, s.zh), s.en
			break
		}
	}
	if strings.Contains(unit, "Autonomous") {
		stem = beforeEthnic(stem)
	}
	return Pinyin(stem) + unit
}

func beforeEthnic(stem string) string {
	cut := len(stem)
	for _, e := range ethnic {
		if i := strings.Index(stem, e); i > 0 && i < cut {
			cut = i
		}
	}
	return stem[:cut]
}

var args = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	return a
}()

// Pinyin spells a place name in Hanyu Pinyin as one capitalised word, with an apostrophe where a
// syllable starting with a, e or o would otherwise run into the one before ("Xi'an").
func Pinyin(zh string) string {
	if en, ok := words[zh]; ok {
		return en
	}
	var b strings.Builder
	for _, r := range zh {
		syl := chars[r]
		if syl == "" {
			if ps := pinyin.SinglePinyin(r, args); len(ps) > 0 {
				syl = ps[0]
			}
		}
		if syl == "" {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
			continue
		}
		if b.Len() > 0 && strings.ContainsRune("aeo", rune(syl[0])) {
			b.WriteByte('\'')
		}
		b.WriteString(syl)
	}
	s := b.String()
	if s == "" {
		return zh
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
