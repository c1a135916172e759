// Package synth generates fictitious but plausible enterprise profiles and leads at any scale,
// for benchmarks: the matching engine at 10^6 profiles, the HTTP API at 10^5. The same seed
// always gives the same data.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"duijie/domain"
)

type product struct {
	name     string
	industry string
	hs       string
}

type cluster struct {
	code     string
	products []product
	apps     []string
}

// catalogue is a compact picture of the 465 clusters: what their firms make and where it is used.
var catalogue = []cluster{
	{"L1", []product{{"温度传感器", "C3983", "902519"}, {"压力传感器", "C3983", "902620"}, {"物联网网关", "C3921", "851762"}, {"NB-IoT模组", "C3922", "851762"},
		{"RFID电子标签", "C3989", "852352"}, {"智能电表", "C4012", "902830"}, {"工业相机", "C4090", "852589"}, {"温湿度记录仪", "C4019", "902580"}, {"智能水表", "C4016", "902810"}},
		[]string{"冷链物流", "智慧园区", "智能家居", "工业设备远程监控", "仓储管理", "智慧城市"}},
	{"L2", []product{{"车规级MCU", "I6520", "854231"}, {"IGBT模块", "C3972", "854129"}, {"MOSFET", "C3972", "854129"}, {"电源管理芯片", "I6520", "854239"},
		{"芯片封装测试", "C3973", "854239"}, {"多层PCB", "C3982", "853400"}, {"PCBA加工", "C3982", ""}, {"光刻胶", "C3985", "370790"}, {"MLCC电容", "C3981", "853224"}},
		[]string{"新能源汽车", "消费电子", "工业控制", "通信基站", "光伏逆变器", "数据中心"}},
	{"L3", []product{{"原料药", "C2710", "294200"}, {"医药中间体", "C2614", "293399"}, {"一次性注射器", "C3584", "901831"}, {"医用敷料", "C2770", "300590"},
		{"体外诊断试剂", "C2761", "382200"}, {"监护仪", "C3581", "901819"}, {"药用辅料", "C2780", "391290"}, {"片剂胶囊", "C2720", "300490"}},
		[]string{"医院", "药品生产", "疾控中心", "体检中心", "出口欧洲", "临床研究"}},
	{"L4", []product{{"MES系统", "I6513", ""}, {"ERP实施", "I6513", ""}, {"工业互联网平台", "I6450", ""}, {"网络安全服务", "I6560", ""}, {"小程序开发", "I6513", ""}, {"数据中心服务", "I6550", ""}},
		[]string{"制造企业", "政务系统", "电商平台", "汽车零部件工厂", "医院信息化"}},
	{"A1", []product{{"数控机床", "C3421", "845710"}, {"工业机器人", "C3491", "847950"}, {"精密轴承", "C3451", "848210"}, {"减速机", "C3453", "848340"},
		{"液压缸", "C3444", "841221"}, {"离心泵", "C3441", "841370"}, {"球阀", "C3443", "848180"}, {"注塑模具", "C3525", "848071"}, {"钣金加工", "C3399", "732690"}, {"非标自动化设备", "C3599", "847989"}},
		[]string{"汽车零部件", "工程机械", "石油化工", "电力", "3C电子", "模具加工"}},
	{"A2", []product{{"精梳棉纱", "C1711", "520512"}, {"涤纶长丝", "C2822", "540233"}, {"功能性面料", "C1751", "590320"}, {"羽绒服", "C1819", "620193"},
		{"工作服", "C1819", "620342"}, {"针织T恤", "C1821", "610910"}, {"熔喷布", "C1781", "560313"}, {"床上用品", "C1771", "630231"}},
		[]string{"户外运动", "出口欧洲", "医疗卫生", "企业制服", "电商品牌", "家纺"}},
	{"A3", []product{{"污水处理设备", "C3591", "842121"}, {"除尘器", "C3591", "842139"}, {"VOCs废气处理设备", "C3591", "841989"}, {"余热锅炉", "C3411", "840290"},
		{"反渗透膜", "C3591", "842129"}, {"在线监测仪", "C4021", "902780"}, {"离心风机", "C3462", "841459"}},
		[]string{"电镀", "印染", "化工园区", "市政污水", "钢铁", "垃圾焚烧"}},
	{"A4", []product{{"特种钢", "C3130", "722830"}, {"不锈钢板", "C3130", "721934"}, {"铝型材", "C3252", "760429"}, {"锂电铜箔", "C3251", "741011"},
		{"碳纤维复合材料", "C3091", "681510"}, {"改性塑料", "C2651", "390810"}, {"钕铁硼磁钢", "C3240", "850511"}, {"导热结构胶", "C2669", "350699"}, {"防腐涂料", "C2641", "320890"}},
		[]string{"新能源汽车", "风力发电", "航空航天", "电子电器", "轨道交通", "建筑"}},
	{"A5", []product{{"光伏组件", "C3825", "854143"}, {"光伏电池片", "C3825", "854142"}, {"光伏逆变器", "C3824", "850440"}, {"磷酸铁锂电芯", "C3841", "850760"},
		{"储能系统", "C3849", "850760"}, {"BMS电池管理系统", "C3829", "853710"}, {"直流充电桩", "C3829", "850440"}, {"锂电隔膜", "C2921", "392099"}, {"正极材料", "C2613", "284290"}},
		[]string{"分布式光伏", "工商业储能", "新能源汽车", "电动两轮车", "户用储能", "光伏电站"}},
	{"A6", []product{{"铝合金压铸件", "C3670", "870899"}, {"汽车线束", "C3670", "854430"}, {"驱动电机", "C3812", "850153"}, {"汽车座椅", "C3670", "940120"},
		{"刹车片", "C3670", "870830"}, {"LED车灯", "C3670", "851220"}, {"汽车冲压件", "C3670", "870829"}, {"热管理系统", "C3670", "841950"}, {"车身控制器", "C3670", "853710"}},
		[]string{"乘用车", "商用车", "新能源汽车", "售后市场", "出口北美"}},
	{"F3", []product{{"碳化硅MOSFET", "C3972", "854129"}, {"氮化镓器件", "C3972", "854129"}, {"碳化硅衬底", "C3985", "381800"}},
		[]string{"新能源汽车主驱", "快充", "光伏逆变器", "充电桩"}},
	{"F4", []product{{"燃料电池电堆", "C3849", ""}, {"碱性电解槽", "C3599", "854330"}, {"储氢瓶", "C3399", "731100"}, {"储能变流器", "C3824", "850440"}},
		[]string{"氢能重卡", "绿氢项目", "加氢站", "储能电站"}},
	{"F5", []product{{"水下机器人", "C3737", ""}, {"海底电缆", "C3831", "854460"}, {"海洋监测浮标", "C4023", "901580"}},
		[]string{"海上风电", "海洋牧场", "港口", "海洋科考"}},
}

var (
	brands    = strings.Split("华 恒 瑞 兴 安 宏 新 达 源 泰 联 创 盛 精 科 锐 博 德 嘉 诚 华 鑫 凯 远 旭 信 和 正 天 明 锦 晶 芯 智 汇 昌 永 隆 丰 通", " ")
	kinds     = []string{"科技", "电子", "机械", "材料", "新能源", "智能", "精密", "实业", "环保", "医疗", "自动化", "传感", "电气"}
	modifiers = []string{"高精度", "高性能", "工业级", "车规级", "防爆", "耐高温", "低功耗", "大功率", "定制化", "高可靠", "智能", "节能"}
	certs     = []string{"ISO9001", "ISO14001", "IATF16949", "ISO13485", "GMP", "CE", "UL", "ISO45001"}
	markets   = []string{"EU", "US", "JP", "KR", "ASEAN", "ME", "AF", "LATAM", "AU", "IN"}
	regions   = []string{"320205", "320206", "320211", "320213", "320214", "320281", "320282", "320505", "320411", "310115", "330106", "440305"}
	tiers     = []domain.EnterpriseTier{domain.TierBackbone, domain.TierEmerging, domain.TierOther, domain.TierOther, domain.TierOther, domain.TierQuasiLeader, domain.TierChainLeader}
	units     = []string{"件", "台", "套", "吨", "颗", "片"}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// model returns a model number such as "HX3021A" or "GP-450".
func model(r *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 2; i++ {
		b.WriteByte(byte('A' + r.IntN(26)))
	}
	if r.IntN(3) == 0 {
		b.WriteByte('-')
	}
	fmt.Fprintf(&b, "%d", 10+r.IntN(9990))
	if r.IntN(2) == 0 {
		b.WriteByte(byte('A' + r.IntN(26)))
	}
	return b.String()
}

// Enterprise returns the i-th enterprise of the stream seeded by seed.
func Enterprise(seed uint64, i int) domain.Enterprise {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	c := catalogue[r.IntN(len(catalogue))]
	n := 1 + r.IntN(3)
	var prods []product
	for len(prods) < n {
		p := pick(r, c.products)
		dup := false
		for _, q := range prods {
			dup = dup || q.name == p.name
		}
		if !dup {
			prods = append(prods, p)
		}
	}
	e := domain.Enterprise{
		ID:     fmt.Sprintf("%024x", uint64(i)+1),
		Name:   "无锡" + pick(r, brands) + pick(r, brands) + pick(r, kinds) + "有限公司",
		Region: pick(r, regions),
		Tier:   pick(r, tiers),
		Scale:  pick(r, []domain.Scale{domain.ScaleSmall, domain.ScaleMedium, domain.ScaleMicro, domain.ScaleLarge}),
		Status: domain.EnterpriseActive,
	}
	e.Clusters = []string{c.code}
	if r.IntN(5) == 0 {
		e.Clusters = append(e.Clusters, pick(r, catalogue).code)
	}
	m := model(r)
	var names []string
	for _, p := range prods {
		name := p.name
		if r.IntN(2) == 0 {
			name = pick(r, modifiers) + name
		}
		e.Products = append(e.Products, name)
		names = append(names, p.name)
		e.IndustryCodes = appendNew(e.IndustryCodes, p.industry)
		if p.hs != "" {
			e.HSCodes = appendNew(e.HSCodes, p.hs)
		}
	}
	for k := r.IntN(3); k > 0; k-- {
		e.Certifications = appendNew(e.Certifications, pick(r, certs))
	}
	for k := r.IntN(3); k > 0; k-- {
		e.ExportMarkets = appendNew(e.ExportMarkets, pick(r, markets))
	}
	var d strings.Builder
	fmt.Fprintf(&d, "专业从事%s的研发与生产，产品广泛应用于%s和%s等领域。", strings.Join(names, "、"), pick(r, c.apps), pick(r, c.apps))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&d, "公司拥有%d条%s生产线，年产%s%d万%s。", 2+r.IntN(20), pick(r, modifiers), names[0], 1+r.IntN(500), pick(r, units))
	}
	fmt.Fprintf(&d, "主要型号%s系列", m)
	if r.IntN(2) == 0 {
		fmt.Fprintf(&d, "和%s系列", model(r))
	}
	d.WriteString("。")
	if len(e.Certifications) > 0 {
		fmt.Fprintf(&d, "通过%s认证。", strings.Join(e.Certifications, "、"))
	}
	if r.IntN(3) == 0 {
		fmt.Fprintf(&d, "可为%s客户提供%s定制开发和技术支持。", pick(r, c.apps), pick(r, names))
	}
	e.Description = d.String()
	e.UpdatedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	return e
}

func appendNew(s []string, x string) []string {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

// Enterprises streams n enterprises in batches of size batch, calling fn with each batch (the
// slice is reused: copy what you keep).
func Enterprises(n, batch int, seed uint64, fn func([]domain.Enterprise)) {
	buf := make([]domain.Enterprise, 0, batch)
	for i := 0; i < n; i++ {
		buf = append(buf, Enterprise(seed, i))
		if len(buf) == batch || i == n-1 {
			fn(buf)
			buf = buf[:0]
		}
	}
}

// Lead returns the i-th lead of the stream seeded by seed: a buyer asking for one product.
func Lead(seed uint64, i int) domain.Lead {
	r := rand.New(rand.NewPCG(seed^0x5eed, uint64(i)))
	c := catalogue[r.IntN(len(catalogue))]
	p := pick(r, c.products)
	l := domain.Lead{
		ID:       fmt.Sprintf("%024x", uint64(i)+1<<40),
		Title:    "采购" + pick(r, modifiers) + p.name,
		Clusters: []string{c.code},
		Quantity: float64(1 + r.IntN(10000)),
		Unit:     pick(r, units),
		Currency: "CNY",
		Status:   domain.LeadOpen,
	}
	l.Description = fmt.Sprintf("用于%s项目，需求%s，%s，长期合作。", pick(r, c.apps), p.name, pick(r, modifiers))
	if r.IntN(2) == 0 && p.hs != "" {
		l.HSCodes = []string{p.hs}
	}
	if r.IntN(3) == 0 {
		l.IndustryCodes = []string{p.industry}
	}
	if r.IntN(2) == 0 {
		l.DeliveryRegion = pick(r, regions[:7])
	}
	if r.IntN(5) == 0 {
		l.RequiredCertifications = []string{pick(r, certs[:3])}
	}
	if r.IntN(6) == 0 {
		l.ExportMarket = pick(r, markets)
	}
	if r.IntN(8) == 0 {
		l.PreferredTiers = []domain.EnterpriseTier{domain.TierBackbone, domain.TierQuasiLeader}
	}
	l.UpdatedAt = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	return l
}
