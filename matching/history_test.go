package matching

import (
	"slices"
	"strings"
	"testing"

	"duijie/domain"
)

// A company profile told before the need is the buyer's own story, read by the shape of its
// clauses (a fact about a firm, nothing asked, the firm as the subject or left out in a run of
// such clauses); a requirement, a pain, a need and a product's specification are not.
func TestFirmStoryClauses(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"我公司成立于1998年，占地120亩，员工600余人，年产值5亿元，通过ISO9001认证，主要生产不锈钢阀门，产品远销欧美。现因扩产需要，采购数控车床10台。",
			[]string{"我公司成立于1998年", "占地120亩", "员工600余人", "年产值5亿元", "通过iso9001认证", "主要生产不锈钢阀门", "产品远销欧美"}},
		{"无锡某印染有限公司始建于1985年，是一家集纺纱、织造、印染于一体的大型纺织企业。因环保要求提高，现需对污水处理站提标改造。",
			[]string{"无锡某印染有限公司始建于1985年", "是一家集纺纱、织造、印染于一体的大型纺织企业"}},
		// A phone post without punctuation; a clause of the story that states no fact goes on
		// with it (产品有薯片、饼干等) without being read as it.
		{"公司成立于2006年 主营汽车线束 员工三百多人 现在仓库找货全靠人记 想上一套仓库管理系统",
			[]string{"公司成立于2006年", "主营汽车线束", "员工三百多人"}},
		{"我们公司成立于2003年，主要生产休闲食品，产品有薯片、饼干等，通过了ISO22000认证。想上一条自动包装线。",
			[]string{"我们公司成立于2003年", "主要生产休闲食品", "通过了iso22000认证"}},
		{"Dear Sir, ABC Trading was established in 2003 and is a leading importer of garden furniture in the UK. We now need pallet wrapping machines.",
			[]string{"abc trading was established in 2003 and is a leading importer of garden furniture in the uk"}},
		{"Founded in 1987, Textilwerk GmbH is a family-owned dyeing mill with 450 employees, certified to ISO 14001. We are looking for a wastewater treatment upgrade.",
			[]string{"founded in 1987, textilwerk gmbh is a family-owned dyeing mill with 450 employees, certified to iso 14001"}},
		{"Our company has been manufacturing kitchen cabinets since 1992. We require an RFID asset tracking system.",
			[]string{"our company has been manufacturing kitchen cabinets since 1992"}},
		{"我们厂九几年就开了，做了快三十年的不锈钢阀门，现在三百来号人，想采购数控车床。",
			[]string{"我们厂九几年就开了", "做了快三十年的不锈钢阀门", "现在三百来号人"}},
		{"我司为汽车座椅生产企业，建于1990年，具有ISO9001证书，现需要采购数控车床。",
			[]string{"我司为汽车座椅生产企业", "建于1990年", "具有iso9001证书"}},
		{"Alpha Group operates 3 factories in Texas producing car seats, and holds BSCI certification. We need CNC lathes.",
			[]string{"alpha group operates 3 factories in texas producing car seats, and holds bsci certification"}},
		// What the buyer asks of a supplier, its pains and its needs.
		{"十几个工人每天推车拉料，想上AGV。", nil},
		{"Fashion retail chain in Spain rolling out item-level RFID in 300 stores.", nil},
		{"需提供ISO9001认证，设备要求精度0.005mm，采购数控车床5台。", nil},
		{"我们新成立了一个电镀车间，排出的废水镍超标，需要一套电镀废水处理设备。", nil},
		{"厂房屋顶约2万平方米，想装光伏。", nil},
		{"We need 5 CNC lathes. Supplier must have ISO 9001 and CE certification.", nil},
		{"22 kW AC chargers, 40 units, CE certified, for a public car park in Oslo.", nil},
		{"The chargers are CE certified and we need 40 of them.", nil},
		{"We run 12 restaurants in Dubai and the grease smoke from our kitchens bothers the neighbours.", nil},
		{"Town of 8000 people near old mines, the well water has arsenic.", nil},
	} {
		rs := a.normalize(c.text)
		var got []string
		for _, s := range firmFactSpans(rs) {
			got = append(got, strings.TrimSpace(string(rs[s[0]:s[1]])))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// understandWith reads a lead with an engine of the default configuration and FirmFacts as on.
func understandWith(on bool, title, description string) Understanding {
	c := DefaultConfig()
	c.Tuning.FirmFacts = on
	return New(c).Understand(title, description, nil, nil)
}

// A certificate the buyer's profile says it holds is not asked of a supplier (the lead form fills
// requiredCertifications with what Understand reads); one the buyer asks for still is.
func TestFirmStoryCertificatesAreHeld(t *testing.T) {
	for _, c := range []struct {
		description string
		held, asked []string
	}{
		{"我公司成立于1998年，员工600余人，通过ISO9001认证，主要生产不锈钢阀门。现因扩产需要，采购数控车床10台，供应商须具备CE认证。",
			[]string{"ISO9001"}, []string{"CE"}},
		{"Founded in 1987, Textilwerk GmbH is a dyeing mill with 450 employees, certified to ISO 14001. We need a wastewater treatment upgrade; the contractor must hold ISO 9001.",
			[]string{"ISO14001"}, []string{"ISO9001"}},
		{"We are an ISO 22000 certified dairy founded in 1960. We need IoT temperature sensors for our cold chain.", []string{"ISO22000"}, nil},
	} {
		off, on := understandWith(false, "询价", c.description), understandWith(true, "询价", c.description)
		for _, h := range c.held {
			if !slices.Contains(off.Certifications, h) {
				t.Fatalf("%s: %s not read at all (%v)", c.description, h, off.Certifications)
			}
			if slices.Contains(on.Certifications, h) {
				t.Errorf("%s: %s, held by the buyer, read as asked for (%v)", c.description, h, on.Certifications)
			}
		}
		for _, w := range c.asked {
			if !slices.Contains(on.Certifications, w) {
				t.Errorf("%s: %s, asked of the supplier, not read (%v)", c.description, w, on.Certifications)
			}
		}
	}
}

// What the profile says the buyer makes is its own trade: the need names the cluster, and the
// buyer's products are shown after the needed ones.
func TestFirmStoryVotesBelowTheNeed(t *testing.T) {
	for _, c := range []struct{ description, need, own, ownProduct, needProduct string }{
		{"本公司成立于2001年，注册资本5000万元，专业生产汽车座椅骨架，已通过IATF16949质量体系认证，年产能100万套。为提高焊接质量，现拟采购焊接机器人工作站6套。",
			"A1", "A6", "汽车座椅", "焊接机器人"},
		{"Dear Sir, Hansen Industries was established in 1994 and is a leading manufacturer of car seats in Poland, with 800 employees. We need welding robots for our production line.",
			"A1", "A6", "汽车座椅", "焊接机器人"},
	} {
		off, on := understandWith(false, "询价", c.description), understandWith(true, "询价", c.description)
		if len(on.Clusters) == 0 || on.Clusters[0].Code != c.need {
			t.Errorf("%s: clusters %v, want %s first (without the reading: %v)", c.description, on.Clusters, c.need, off.Clusters)
		}
		if i, j := slices.Index(on.Products, c.ownProduct), slices.Index(on.Products, c.needProduct); j < 0 || i >= 0 && i < j {
			t.Errorf("%s: the buyer's own %s shown before the needed %s: %v", c.description, c.ownProduct, c.needProduct, on.Products)
		}
	}
}

// BenchmarkFirmStory times the reading of a post's clauses for the firm's story, which every
// lead's ranking and Understand do once more: posts with a profile and posts without.
//
//	go test ./matching/ -run '^$' -bench FirmStory -benchtime 20000x
func BenchmarkFirmStory(b *testing.B) {
	a := analyzer{maxRunes: 4000}
	var fields [][]rune
	for _, s := range []string{
		"我公司成立于1998年，占地120亩，员工600余人，年产值5亿元，通过ISO9001认证，主要生产不锈钢阀门，产品远销欧美。现因扩产需要，采购数控车床10台。",
		"兄弟们问一下 我们是做五金电镀的 厂后面那条河 昨天环保局来取样 说我们排出去的水镍超标 颜色也不对 罚单已经下来了 下个月还要复查",
		"Dear Sir, ABC Trading was established in 2003 and is a leading importer of garden furniture in the UK, with annual turnover of GBP 20 million. We now need automated pallet wrapping machines for our warehouse.",
		"We need 5 CNC lathes. Supplier must have ISO 9001 and CE certification. Delivery to Hamburg.",
		"食堂油烟太大，楼上住户老投诉",
	} {
		fields = append(fields, a.normalize(s))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		firmFactSpans(fields[i%len(fields)])
	}
}

// A firm whose profile says it makes charging piles has the pile maker as its peer; one whose
// profile says it deals in them buys them, so the pile maker is no peer (peer.go).
func TestFirmStoryPeers(t *testing.T) {
	on, off := peerEngine(t, 0.5), peerEngine(t, 1)
	maker := domain.Lead{ID: "L1", Title: "找碳化硅器件", Status: domain.LeadOpen,
		Description: "无锡某新能源有限公司成立于2010年，主要生产直流充电桩，年产值2亿元。现需要碳化硅功率器件。"}
	son, soff := scores(t, on, maker), scores(t, off, maker)
	if soff["pile"] == 0 || son["pile"] >= soff["pile"] {
		t.Errorf("a pile maker's profile: the pile maker is its peer, score %v, want below %v", son["pile"], soff["pile"])
	}
	dealer := maker
	dealer.Description = "无锡某新能源有限公司成立于2010年，是一家充电桩经销商，年销售额2亿元。现需要碳化硅功率器件。"
	if son, soff := scores(t, on, dealer), scores(t, off, dealer); son["pile"] != soff["pile"] {
		t.Errorf("a pile dealer's profile: the pile maker is no peer, score %v, want %v", son["pile"], soff["pile"])
	}
}
