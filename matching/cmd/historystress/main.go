// Command historystress measures what a company-history opening costs the engine and what the
// firm-story reading (matching/history.go, Tuning.FirmFacts) wins back: every intake-style
// development lead (the first set's intake leads, both halves as eval -fresh reports them, fresh,
// dev3 … dev7; never a held-out or gate set) is ranked with an opening prepended that tells a
// firm's story in one of four template sets (-set a|b|c|d: a was written before the detector was
// built, b after, both fitted; c and d were each measured once blind, then read), naming a
// product of another cluster than the lead's. Chinese leads get a
// Chinese opening, English ones an English opening. -seed picks template and product; -seed -1
// ranks the leads as written.
//
//	go run ./matching/cmd/historystress -set a -seed 0 [-off]
package main

import (
	"flag"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"duijie/matching"
	"duijie/matching/quality"
)

type prod struct{ zh, en string }

var pool = []prod{
	{"不锈钢阀门", "stainless steel valves"}, {"汽车座椅", "car seats"}, {"休闲食品", "snack foods"},
	{"智能电表", "smart meters"}, {"工业涂料", "industrial coatings"}, {"针织服装", "knitted garments"},
	{"注塑件", "injection molded parts"}, {"锂电池", "lithium batteries"}, {"光伏组件", "solar modules"},
	{"医用敷料", "wound dressings"}, {"印制电路板", "printed circuit boards"}, {"污水处理设备", "wastewater treatment equipment"},
	{"工程机械", "construction machinery"}, {"家用空调", "air conditioners"}, {"电动工具", "power tools"},
	{"化学原料药", "active pharmaceutical ingredients"}, {"纺织面料", "textile fabrics"}, {"五金配件", "hardware fittings"},
}

var firms = []string{"江苏华盛", "无锡宏达", "常州恒力", "苏州新材", "浙江永泰", "江阴三木"}
var firmsEn = []string{"Hansen Industries", "ABC Trading", "Northwind Ltd", "Alpha Group", "Meridian GmbH", "Sunrise Co."}
var places = []string{"Poland", "Texas", "Vietnam", "Turkey", "Brazil", "Ohio"}

var zhT = []string{
	"我公司成立于{Y}年，占地{A}亩，员工{E}余人，主要生产{P}，年产值{V}亿元，通过ISO9001认证，产品远销欧美。",
	"{C}有限公司始建于{Y}年，是一家专业从事{P}研发、生产和销售的高新技术企业，现有员工{E}人。",
	"公司创办于{Y}年，主营{P}，拥有先进生产线{L}条，年销售额{V}亿元，已通过IATF16949认证。",
	"本集团成立于{Y}年，下属{L}家工厂，主导产品为{P}，产品销往全国及东南亚。",
	"我们是{Y}年成立的，一直做{P}，厂房{A}00平方米，工人{E}多个，",
	"您好，我们公司成立于{Y}年，主要生产{P}，",
	"我厂位于无锡惠山区，占地{A}亩，专业生产{P}，年产能{V}00万件，",
	"{C}科技股份有限公司是{P}行业的龙头企业，成立于{Y}年，在全国设有{L}个生产基地。",
}

var enT = []string{
	"Dear Sir, {C} was established in {Y} and is a leading manufacturer of {P} in {PL}, with {E} employees and annual turnover of USD {V}0 million. ",
	"Founded in {Y}, {C} is a family-owned producer of {P} with {L} plants and ISO 9001 certification. Our products are exported to over 30 countries. ",
	"Our company has been making {P} since {Y}. We employ {E} people and are ISO 9001 and ISO 14001 certified. ",
	"{C}, headquartered in {PL}, is one of the largest {P} manufacturers in the region, founded in {Y}. ",
	"Hello, we are a {P} manufacturer established in {Y} with {E} staff. ",
	"With over {V}0 years of experience in {P}, {C} serves customers in 40 countries from its factory in {PL}. ",
}

var zhB = []string{
	"本公司系国有控股企业，注册资本1.2亿元，下设{L}个事业部，产品以{P}为主，",
	"公司于{Y}年在无锡新区注册，现有职工{E}名，其中技术人员{L}0名，{P}年产量居全国前列。",
	"我们厂九几年就开了，做了快三十年的{P}，现在三百来号人，",
	"{C}股份（股票代码：600{E}）是{P}领域的上市公司，",
	"我们是一个老厂，八十年代建的，现在{E}来号人，主要做{P}，",
	"各位老板好，我们这边是一家做{P}的企业，有{L}个生产车间，工人{E}个左右，",
	"我公司占地面积{A}亩，建筑面积{A}000平方米，固定资产{V}亿元，{P}产品获评省名牌产品。",
	"本企业拥有{P}生产线{L}条，先后通过ISO14001环境管理体系和OHSAS18001认证，",
}

var zhC = []string{
	"{C}集团创立于{Y}年 旗下有{L}家工厂 做{P}出身 ",
	"我们单位属于市属国企，{P}是我们的拳头产品，去年营收{V}个亿，",
	"小厂一个，开了{L}0年了，专门给大厂配套{P}，十几个工人，",
	"{C}有限公司，{P}专业制造商，国家级专精特新小巨人企业，产品出口{L}0多个国家和地区。",
	"本人是{C}公司采购部的，我们公司做{P}已经{L}0多年，在行业里算前几名，",
	"我司为{P}生产企业，建于{Y}年，厂区面积{A}亩，具有ISO9001、ISO14001证书，",
}

var enC = []string{
	"Greetings from {PL}! {C} is a {P} company with roots going back to {Y} and a workforce of {E}. ",
	"I am the purchasing manager at {C}, a mid-sized maker of {P} ({E} employees, ISO 9001:2015). ",
	"About us: {C}, est. {Y}, {P}, {L} production sites, turnover EUR {V}0m. ",
	"Our firm has supplied {P} to retailers across Europe for three decades. ",
	"{C} operates {L} factories in {PL} producing {P} for export, and holds BSCI and SEDEX certifications. ",
}

var zhD = []string{
	"{C}位于太湖之滨，交通便利，是集{P}研发、生产、销售于一体的现代化企业。",
	"本厂系{P}定点生产单位，现有在岗职工{E}人，各类设备{L}00余台（套）。",
	"我们家是做{P}的，三代人干这个，厂不大，",
	"我们是一家外资独资企业，母公司在德国，在华主要生产{P}，",
	"经过{L}0多年发展，公司已成为{P}行业的标杆企业，",
	"公司现有{P}自动化生产线{L}条，月产能{V}0万件，",
}

var enD = []string{
	"To introduce ourselves: {C} is a privately held {P} specialist, run by the founding family since {Y}. ",
	"{C} started as a small workshop in {Y} and today ships {P} to over {L}0 markets. ",
	"We are proud to be among the top three {P} brands in {PL}, with a network of {E} dealers. ",
	"Our business was founded by my grandfather and has produced {P} for three generations. ",
	"{C} is an award-winning, ISO 9001 registered {P} producer based in {PL}. ",
}

var enB = []string{
	"Since our inception in {Y}, we have grown into one of the main suppliers of {P} in {PL}. ",
	"Our group comprises {L} subsidiaries with combined sales of USD {V} billion, focused on {P}. ",
	"{C} (NASDAQ: ABC) is a global provider of {P}, serving customers in more than 60 countries. ",
	"We are a third-generation family business producing {P} since {Y}. ",
	"Our {E}-strong team designs and builds {P} at our site in {PL}. ",
	"{C} has been a trusted name in {P} for more than {V}0 years. ",
}

func h(s string, seed int) uint32 {
	f := fnv.New32a()
	fmt.Fprintf(f, "%s/%d", s, seed)
	return f.Sum32()
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

func opening(eng *matching.Engine, id string, gold []string, zh bool, seed int) string {
	x := h(id, seed)
	var p prod
	for k := 0; k < len(pool); k++ {
		p = pool[(int(x)+k)%len(pool)]
		name := p.en
		if zh {
			name = p.zh
		}
		u := eng.Understand("", name, nil, nil)
		inf := u.InferClusters()
		if len(inf) > 0 && !slices.ContainsFunc(inf, func(c string) bool { return slices.Contains(gold, c) }) {
			break
		}
	}
	ts := enT
	name := p.en
	if zh {
		ts, name = zhT, p.zh
	}
	if tplD {
		ts = enD
		if zh {
			ts = zhD
		}
	}
	if tplC {
		ts = enC
		if zh {
			ts = zhC
		}
	}
	if tplB {
		ts = enB
		if zh {
			ts = zhB
		}
	}
	t := ts[(x/7)%uint32(len(ts))]
	r := strings.NewReplacer("{Y}", fmt.Sprint(1980+x%40), "{A}", fmt.Sprint(30+x%200), "{E}", fmt.Sprint(100+x%900),
		"{V}", fmt.Sprint(2+x%9), "{L}", fmt.Sprint(2+x%6), "{C}", map[bool][]string{true: firms, false: firmsEn}[zh][x%6],
		"{PL}", places[(x/3)%6], "{P}", name)
	return r.Replace(t)
}

var tplB, tplC, tplD bool

func main() {
	root := flag.String("dir", "matching/testdata", "directory of the labelled sets")
	seed := flag.Int("seed", 0, "picks each lead's template and product; -1 ranks the leads as written")
	off := flag.Bool("off", false, "Tuning.FirmFacts off")
	show := flag.Bool("show", false, "print the first leads of each set as ranked")
	set := flag.String("set", "a", "template set: a, b, c or d")
	flag.Parse()
	tplB, tplC, tplD = *set == "b", *set == "c", *set == "d"
	cfg := matching.DefaultConfig()
	cfg.Tuning.FirmFacts = !*off
	probe := matching.New(cfg)
	tot := map[string][3]float64{}
	for _, d := range []string{".", "fresh", "dev3", "dev4", "dev5", "dev6", "dev7"} {
		dir := filepath.Join(*root, d)
		s, err := quality.LoadOn(*root, dir)
		if err != nil {
			panic(err)
		}
		meta, err := quality.LoadIntake(dir)
		if err != nil {
			panic(err)
		}
		gold := map[string][]string{}
		cat := map[string]string{}
		for _, m := range meta {
			gold[m.ID] = m.Clusters
			cat[m.ID] = m.Category
		}
		if *seed >= 0 {
			for i, l := range s.Leads {
				if _, ok := gold[l.ID]; !ok {
					continue
				}
				zh := hasHan(l.Description) || hasHan(l.Title)
				o := opening(probe, l.ID, gold[l.ID], zh, *seed)
				if *show && i < 3 {
					fmt.Println(o + l.Description)
				}
				s.Leads[i].Description = o + l.Description
			}
		}
		rows, err := quality.EvaluateIntakeWith(s, meta, cfg)
		if err != nil {
			panic(err)
		}
		for _, r := range rows {
			if r.Group != "all" && !strings.HasSuffix(r.Group, "colloquial") {
				continue
			}
			g := r.Group
			if g != "all" {
				g = "colloquial"
			}
			t := tot[g]
			n := float64(r.Engine.Leads - r.Engine.NoEligible)
			t[0] += n
			t[1] += r.Engine.NDCG10 * n
			t[2] += r.Engine.ClusterFirst * float64(r.Engine.Leads)
			tot[g] = t
			if g == "all" {
				fmt.Printf("%-6s nDCG %.3f first %.0f/%d\n", d, r.Engine.NDCG10, r.Engine.ClusterFirst*float64(r.Engine.Leads), r.Engine.Leads)
			}
		}
	}
	for _, g := range []string{"all", "colloquial"} {
		t := tot[g]
		fmt.Printf("TOTAL %-10s nDCG %.4f first %.0f (ranked %.0f)\n", g, t[1]/t[0], t[2], t[0])
	}
}
