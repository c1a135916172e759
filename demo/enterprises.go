package demo

import (
	"fmt"
	"time"

	"duijie/domain"
)

// sample is one fictitious enterprise. Names, people, phone numbers and codes are invented; any
// likeness to a real firm is chance. Mail addresses use the reserved .example domain so that no
// demo message can reach anyone.
type sample struct {
	name     string
	area     string // GB/T 2260 district of Wuxi; also positions 3–8 of the USCC
	clusters []string
	industry []string // GB/T 4754-2017
	hs       []string
	products []string
	desc     string
	certs    []string // as people write them; the profile rules normalise them
	tier     domain.EnterpriseTier
	scale    domain.Scale
	markets  []string
	contact  domain.Contact
	member   bool // the demo member belongs to this one
}

// enterprise builds the record of the i-th sample with a valid USCC: 9 (market regulation),
// 1 (enterprise), the district, a made-up organisation code, the GB 32100-2015 check character.
func (s sample) enterprise(i int, now time.Time) *domain.Enterprise {
	return &domain.Enterprise{
		ID:             domain.NewID(),
		Name:           s.name,
		USCC:           domain.CompleteUSCC(fmt.Sprintf("91%sMADJ%05d", s.area, i+1)),
		Clusters:       append([]string{}, s.clusters...),
		IndustryCodes:  append([]string{}, s.industry...),
		HSCodes:        append([]string{}, s.hs...),
		Products:       append([]string{}, s.products...),
		Description:    s.desc,
		Certifications: append([]string{}, s.certs...),
		Region:         s.area,
		Tier:           s.tier,
		Scale:          s.scale,
		ExportMarkets:  append([]string{}, s.markets...),
		Contact:        s.contact,
		Status:         domain.EnterpriseActive,
		// The office seeded these firms, so it vouches for them (contacts flow after mutual interest).
		Verification: domain.VerificationVerified,
		VerifiedAt:   &now,
		CreatedAt:    now,
		UpdatedAt:    now,
	}
}

// Wuxi districts used below.
const (
	xishan   = "320205" // 锡山区
	huishan  = "320206" // 惠山区
	binhu    = "320211" // 滨湖区
	liangxi  = "320213" // 梁溪区
	xinwu    = "320214" // 新吴区
	jiangyin = "320281" // 江阴市
	yixing   = "320282" // 宜兴市
)

var enterprises = []sample{
	// 物联网 (L1)
	{
		name: "无锡感联物联网科技有限公司", area: xinwu, clusters: []string{"L1"},
		industry: []string{"C3983", "I6532"}, hs: []string{"9025.19", "8517.62"},
		products: []string{"无线温湿度传感器", "NB-IoT数据采集终端", "LoRa网关", "冷链监测云平台"},
		desc:     "专注冷链与仓储环境监测，提供温湿度传感器、NB-IoT/LoRa 采集终端和云平台，已为医药冷库、生鲜物流中心完成 300 余个改造项目。",
		certs:    []string{"ISO 9001:2015", "CE", "高新技术企业"},
		tier:     domain.TierBackbone, scale: domain.ScaleSmall, markets: []string{"ASEAN", "ME"},
		contact: domain.Contact{Name: "张敏", Email: "zhangmin@ganlian-iot.example", Phone: "0510-8523 0101"},
		member:  true,
	},
	{
		name: "无锡汇智传感技术股份有限公司", area: xinwu, clusters: []string{"L1", "A6"},
		industry: []string{"C3983"}, hs: []string{"9026.20", "9032.89"},
		products: []string{"MEMS压力传感器", "车规级压力传感器", "胎压监测模组"},
		desc:     "MEMS 压力与温度传感器研发制造企业，车规级产品通过 AEC-Q100 考核，批量供应新能源汽车热管理和制动系统。",
		certs:    []string{"IATF 16949", "ISO 9001", "AEC-Q100"},
		tier:     domain.TierQuasiLeader, scale: domain.ScaleMedium, markets: []string{"JP", "KR", "EU"},
		contact: domain.Contact{Name: "陈晓峰", Email: "sales@huizhi-sensor.example", Phone: "0510-8112 6620"},
	},
	{
		name: "无锡锡联通信设备有限公司", area: xinwu, clusters: []string{"L1"},
		industry: []string{"C3921"}, hs: []string{"8517.62"},
		products: []string{"5G工业网关", "工业路由器", "边缘计算盒"},
		desc:     "为工厂、能源站点提供 5G/4G 工业网关和边缘计算设备，支持 Modbus、OPC UA 等协议接入。",
		certs:    []string{"ISO 9001", "CCC", "CE"},
		tier:     domain.TierBackbone, scale: domain.ScaleSmall, markets: []string{"ME", "AF", "LATAM"},
		contact: domain.Contact{Name: "刘洋", Email: "liuyang@xilian-comm.example", Phone: "0510-8520 3318"},
	},
	{
		name: "无锡慧识安防科技有限公司", area: binhu, clusters: []string{"L1", "F1"},
		industry: []string{"C3990", "I6531"}, hs: []string{"8525.89", "8471.90"},
		products: []string{"人脸识别门禁", "人脸识别闸机", "访客管理系统", "车牌识别道闸"},
		desc:     "工厂和园区出入口智能化方案商，人脸识别门禁和闸机联动员工考勤与访客预约，已为 300 多家工厂、写字楼和学校改造出入口。",
		certs:    []string{"ISO 9001", "CCC", "高新技术企业"},
		tier:     domain.TierBackbone, scale: domain.ScaleSmall, markets: []string{"ASEAN"},
		contact: domain.Contact{Name: "顾晓东", Email: "guxd@huishi-security.example", Phone: "0510-8507 2360"},
	},
	// 集成电路 (L2)
	{
		name: "无锡芯湖半导体有限公司", area: xinwu, clusters: []string{"L2"},
		industry: []string{"I6520"}, hs: []string{"8542.31", "8542.39"},
		products: []string{"32位MCU", "车规级MCU", "电源管理芯片PMIC"},
		desc:     "Fabless 芯片设计公司，产品覆盖通用与车规级 32 位 MCU、电源管理芯片，年出货超过 2 亿颗。",
		certs:    []string{"ISO 9001", "AEC-Q100", "高新技术企业"},
		tier:     domain.TierQuasiLeader, scale: domain.ScaleMedium, markets: []string{"KR", "JP"},
		contact: domain.Contact{Name: "周静", Email: "zhoujing@xinhu-semi.example", Phone: "0510-8186 2200"},
	},
	{
		name: "无锡华锡微电子封测有限公司", area: xinwu, clusters: []string{"L2"},
		industry: []string{"C3973"}, hs: []string{"8542.39"},
		products: []string{"QFN封装", "SiP系统级封装", "晶圆测试", "成品测试"},
		desc:     "集成电路封装测试企业，具备 QFN、BGA、SiP 等封装能力和晶圆级测试产线，服务国内外设计公司。",
		certs:    []string{"ISO 9001", "IATF 16949", "ISO 14001"},
		tier:     domain.TierChainLeader, scale: domain.ScaleLarge, markets: []string{"US", "EU", "ASEAN"},
		contact: domain.Contact{Name: "王建国", Email: "bd@huaxi-micro.example", Phone: "0510-8528 8000"},
	},
	{
		name: "无锡晶测半导体设备有限公司", area: xishan, clusters: []string{"L2"},
		industry: []string{"C3562"}, hs: []string{"8486.20", "9030.82"},
		products: []string{"晶圆探针台", "半导体测试分选机"},
		desc:     "研发制造晶圆探针台和测试分选设备，关键部件国产化，为封测厂提供整线设备与维保服务。",
		certs:    []string{"ISO 9001", "CE", "专精特新小巨人"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"ASEAN"},
		contact: domain.Contact{Name: "赵磊", Email: "zhaolei@jingce-equip.example", Phone: "0510-8879 1026"},
	},
	{
		name: "无锡精板电子电路有限公司", area: huishan, clusters: []string{"L1", "L2"},
		industry: []string{"C3982"}, hs: []string{"8534.00"},
		products: []string{"多层PCB", "HDI板", "PCBA贴片加工"},
		desc:     "印制电路板与 PCBA 一站式制造，4–20 层板和 HDI 板月产能 8 万平方米，支持小批量快速打样。",
		certs:    []string{"ISO 9001", "IATF 16949", "UL", "ISO 14001"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"EU", "US", "JP"},
		contact: domain.Contact{Name: "孙丽", Email: "sunli@jingban-pcb.example", Phone: "0510-8321 5566"},
	},
	// 生物医药 (L3)
	{
		name: "无锡太湖湾生物制药有限公司", area: binhu, clusters: []string{"L3"},
		industry: []string{"C2761"}, hs: []string{"3002.15"},
		products: []string{"单克隆抗体", "抗体药物CDMO", "细胞培养工艺开发"},
		desc:     "生物药研发与生产一体化平台，提供抗体药物从细胞株构建到商业化生产的 CDMO 服务。",
		certs:    []string{"GMP", "EU GMP", "ISO 14001"},
		tier:     domain.TierChainLeader, scale: domain.ScaleLarge, markets: []string{"US", "EU"},
		contact: domain.Contact{Name: "吴昊", Email: "bd@taihuwan-bio.example", Phone: "0510-8558 7000"},
	},
	{
		name: "无锡康锡医疗器械有限公司", area: huishan, clusters: []string{"L3"},
		industry: []string{"C3584"}, hs: []string{"9018.31", "9018.32"},
		products: []string{"一次性使用无菌注射器", "输液器", "留置针"},
		desc:     "一次性无菌医疗器械生产企业，拥有十万级洁净车间，产品出口欧洲、拉美和非洲 40 多个国家。",
		certs:    []string{"ISO 13485", "CE", "医疗器械生产许可证"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"EU", "LATAM", "AF"},
		contact: domain.Contact{Name: "郑红", Email: "export@kangxi-med.example", Phone: "0510-8362 1180"},
	},
	{
		name: "无锡蠡园原料药有限公司", area: yixing, clusters: []string{"L3"},
		industry: []string{"C2710"}, hs: []string{"2941.90", "2933.59"},
		products: []string{"原料药", "医药中间体", "头孢类原料药"},
		desc:     "化学原料药和医药中间体生产企业，多个品种完成美国 DMF 备案，配套合规的三废处理设施。",
		certs:    []string{"GMP", "ISO 14001", "ISO 45001"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"IN", "EU"},
		contact: domain.Contact{Name: "钱伟", Email: "qianwei@liyuan-api.example", Phone: "0510-8790 2233"},
	},
	{
		name: "无锡精准诊断科技有限公司", area: binhu, clusters: []string{"L3"},
		industry: []string{"C3581"}, hs: []string{"3822.19", "9027.80"},
		products: []string{"体外诊断试剂", "POCT免疫分析仪", "化学发光试剂盒"},
		desc:     "体外诊断（IVD）企业，提供化学发光试剂和即时检验（POCT）分析仪，服务基层医疗机构。",
		certs:    []string{"ISO 13485", "CE-IVD"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"ASEAN", "ME"},
		contact: domain.Contact{Name: "冯雪", Email: "fengxue@jingzhun-dx.example", Phone: "0510-8505 6677"},
	},
	// 软件与信息技术服务 (L4)
	{
		name: "无锡梁溪数智软件有限公司", area: liangxi, clusters: []string{"L4", "L1"},
		industry: []string{"I6513", "I6531"},
		products: []string{"MES制造执行系统", "工业互联网平台", "设备数字孪生"},
		desc:     "面向离散制造的 MES 与工业互联网平台供应商，已在汽车零部件、电子和纺织行业上线 200 多家工厂。",
		certs:    []string{"CMMI 5", "ISO 27001", "ISO 9001", "高新技术企业"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"ASEAN"},
		contact: domain.Contact{Name: "黄涛", Email: "huangtao@liangxi-soft.example", Phone: "0510-8268 9900"},
	},
	{
		name: "无锡云湖信息技术有限公司", area: binhu, clusters: []string{"L4"},
		industry: []string{"I6550", "I6540"},
		products: []string{"私有云建设", "数据中心运维", "等保合规咨询"},
		desc:     "为政府和制造企业提供私有云建设、机房运维和网络安全等级保护测评整改服务。",
		certs:    []string{"ISO 27001", "ISO 20000", "等保三级"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall,
		contact: domain.Contact{Name: "何军", Email: "hejun@yunhu-it.example", Phone: "0510-8599 1212"},
	},
	// 高端装备 (A1)
	{
		name: "无锡惠山精工机械有限公司", area: huishan, clusters: []string{"A1"},
		industry: []string{"C3421"}, hs: []string{"8457.10"},
		products: []string{"立式加工中心", "五轴数控机床", "精密零件加工"},
		desc:     "数控机床整机制造企业，主营立式加工中心与五轴机床，兼做航空、汽车精密零件的来图加工。",
		certs:    []string{"ISO 9001", "CE"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"ASEAN", "IN", "LATAM"},
		contact: domain.Contact{Name: "许刚", Email: "xugang@huishan-jg.example", Phone: "0510-8378 4455"},
	},
	{
		name: "无锡锡动机器人有限公司", area: xishan, clusters: []string{"A1", "F1"},
		industry: []string{"C3491"}, hs: []string{"8479.50"},
		products: []string{"焊接机器人", "协作机器人", "机器人焊接工作站"},
		desc:     "工业机器人及自动化工作站供应商，焊接机器人在汽车零部件和钢结构行业批量应用。",
		certs:    []string{"CE", "ISO 9001", "专精特新小巨人"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"EU", "KR"},
		contact: domain.Contact{Name: "邓超", Email: "dengchao@xidong-robot.example", Phone: "0510-8870 3030"},
	},
	{
		name: "江阴澄东阀门有限公司", area: jiangyin, clusters: []string{"A1"},
		industry: []string{"C3443"}, hs: []string{"8481.80"},
		products: []string{"球阀", "闸阀", "石化用高压阀门"},
		desc:     "石油化工与 LNG 用阀门制造商，产品通过 API 6D 认证，为中东和非洲炼化项目长期供货。",
		certs:    []string{"API 6D", "ISO 9001", "CE"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"ME", "AF"},
		contact: domain.Contact{Name: "蒋斌", Email: "jiangbin@chengdong-valve.example", Phone: "0510-8683 7788"},
	},
	{
		name: "无锡锡运智能物流装备有限公司", area: xinwu, clusters: []string{"A1"},
		industry: []string{"C3491", "C3434"}, hs: []string{"8427.10", "8428.90"},
		products: []string{"AGV搬运机器人", "AMR自主移动机器人", "无人叉车", "自动化立体仓库"},
		desc:     "仓储物流自动化集成商，潜伏式 AGV、无人叉车和 AMR 已在电机、纺织、汽车零部件和电商仓库落地 150 余个项目，从仓库规划、设备到调度系统交钥匙。",
		certs:    []string{"ISO 9001", "CE", "高新技术企业"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"ASEAN", "KR"},
		contact: domain.Contact{Name: "俞晨", Email: "yuchen@xiyun-logistics.example", Phone: "0510-8533 7180"},
	},
	// 高端纺织服装 (A2)
	{
		name: "江阴澄江纺织服装有限公司", area: jiangyin, clusters: []string{"A2"},
		industry: []string{"C1819", "C1713"}, hs: []string{"6203.11", "6205.20"},
		products: []string{"男士西服", "商务衬衫", "职业装定制"},
		desc:     "从面料染整到成衣的一体化服装企业，为欧洲和日本品牌做西服、衬衫 OEM/ODM，年产成衣 600 万件。",
		certs:    []string{"OEKO-TEX Standard 100", "ISO 9001"},
		tier:     domain.TierBackbone, scale: domain.ScaleLarge, markets: []string{"EU", "JP", "US"},
		contact: domain.Contact{Name: "沈佳", Email: "shenjia@chengjiang-tex.example", Phone: "0510-8655 1010"},
	},
	{
		name: "无锡锡山新纤科技有限公司", area: xishan, clusters: []string{"A2", "A4"},
		industry: []string{"C2822"}, hs: []string{"5402.33", "5503.20"},
		products: []string{"再生涤纶长丝", "涤纶短纤", "功能性纤维"},
		desc:     "以回收瓶片为原料生产再生涤纶长丝和短纤，全流程可追溯，供应运动服装和家纺品牌。",
		certs:    []string{"GRS", "OEKO-TEX Standard 100", "ISO 14001"},
		tier:     domain.TierQuasiLeader, scale: domain.ScaleLarge, markets: []string{"ASEAN", "KR", "TR"},
		contact: domain.Contact{Name: "韩梅", Email: "hanmei@xishan-fiber.example", Phone: "0510-8832 6060"},
	},
	// 节能环保 (A3)
	{
		name: "宜兴环科水处理设备有限公司", area: yixing, clusters: []string{"A3"},
		industry: []string{"C3591", "N7721"}, hs: []string{"8421.21"},
		products: []string{"MBR膜生物反应器", "一体化污水处理设备", "工业废水零排放系统"},
		desc:     "水处理设备制造与工程服务企业，为工业园区和乡镇污水厂提供 MBR 工艺设备和运维。",
		certs:    []string{"ISO 9001", "ISO 14001"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"ASEAN", "AF", "ME"},
		contact: domain.Contact{Name: "曹勇", Email: "caoyong@yixing-env.example", Phone: "0510-8709 5151"},
	},
	{
		name: "无锡节能热力科技有限公司", area: liangxi, clusters: []string{"A3"},
		industry: []string{"C3411", "M7514"}, hs: []string{"8402.19", "8419.50"},
		products: []string{"余热回收锅炉", "板式换热器", "合同能源管理"},
		desc:     "工业余热回收与节能改造服务商，提供余热锅炉、换热器和合同能源管理（EMC）整体方案。",
		certs:    []string{"ISO 9001", "特种设备制造许可证"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"ASEAN", "IN"},
		contact: domain.Contact{Name: "彭飞", Email: "pengfei@jieneng-heat.example", Phone: "0510-8276 4343"},
	},
	{
		name: "宜兴清源环保设备有限公司", area: yixing, clusters: []string{"A3"},
		industry: []string{"C3591"}, hs: []string{"8421.39"},
		products: []string{"静电油烟净化器", "餐饮油烟在线监测仪", "厨房排烟系统", "工业油雾净化器"},
		desc:     "餐饮和食堂油烟治理专业厂家，静电油烟净化器为学校、工厂食堂和连锁餐厅安装 2,000 多套，整机出口中东并派工程师指导安装。",
		certs:    []string{"ISO 9001", "ISO 14001", "CE"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"ME", "ASEAN"},
		contact: domain.Contact{Name: "储建华", Email: "chujh@qingyuan-env.example", Phone: "0510-8716 3929"},
	},
	// 特色新材料 (A4)
	{
		name: "江阴华澄新材料股份有限公司", area: jiangyin, clusters: []string{"A4", "A5"},
		industry: []string{"C3252"}, hs: []string{"7607.11", "7606.12"},
		products: []string{"电池铝箔", "动力电池壳体铝带", "涂碳铝箔"},
		desc:     "铝板带箔深加工企业，电池铝箔供应国内外头部电芯厂，配套涂碳铝箔产线。",
		certs:    []string{"IATF 16949", "ISO 9001", "ISO 14001"},
		tier:     domain.TierChainLeader, scale: domain.ScaleLarge, markets: []string{"KR", "JP", "EU"},
		contact: domain.Contact{Name: "袁志强", Email: "yuanzq@huacheng-mat.example", Phone: "0510-8612 9000"},
	},
	{
		name: "无锡固邦防水工程有限公司", area: huishan, clusters: []string{"A4"},
		industry: []string{"E5010", "C3033"}, hs: []string{"6807.10", "3920.99"},
		products: []string{"屋面防水工程", "TPO防水卷材", "彩钢瓦屋面翻新", "渗漏维修"},
		desc:     "建筑防水专业承包企业，自产 TPO 和 SBS 改性沥青防水卷材，专做工业厂房彩钢瓦屋面和混凝土屋面的防水翻新与渗漏维修，质保十年。",
		certs:    []string{"ISO 9001", "ISO 14001"},
		tier:     domain.TierBackbone, scale: domain.ScaleSmall,
		contact: domain.Contact{Name: "浦国强", Email: "pugq@gubang-waterproof.example", Phone: "0510-8320 6615"},
	},
	// 新能源 (A5)
	{
		name: "无锡光合新能源科技有限公司", area: xinwu, clusters: []string{"A5"},
		industry: []string{"C3825"}, hs: []string{"8541.43"},
		products: []string{"TOPCon光伏组件", "双面双玻组件", "分布式光伏系统"},
		desc:     "高效光伏组件制造商，TOPCon 组件产能 10GW，提供工商业分布式光伏系统设计与 EPC。",
		certs:    []string{"IEC 61215", "IEC 61730", "UL", "CE", "TUV"},
		tier:     domain.TierChainLeader, scale: domain.ScaleLarge, markets: []string{"EU", "AU", "ME", "LATAM"},
		contact: domain.Contact{Name: "唐宁", Email: "tangning@guanghe-solar.example", Phone: "0510-8115 8888"},
	},
	{
		name: "无锡锡能储能电池有限公司", area: huishan, clusters: []string{"A5", "F4"},
		industry: []string{"C3841"}, hs: []string{"8507.60"},
		products: []string{"磷酸铁锂电芯", "储能电池柜", "工商业储能系统"},
		desc:     "磷酸铁锂储能电芯与系统集成企业，产品用于工商业储能和光储充一体化电站。",
		certs:    []string{"UN 38.3", "IEC 62619", "UL 9540A", "CE"},
		tier:     domain.TierQuasiLeader, scale: domain.ScaleMedium, markets: []string{"EU", "US", "AU"},
		contact: domain.Contact{Name: "罗静", Email: "luojing@xineng-ess.example", Phone: "0510-8398 2626"},
	},
	{
		name: "无锡澄辉光伏材料有限公司", area: jiangyin, clusters: []string{"A5", "A4"},
		industry: []string{"C2921", "C2929"}, hs: []string{"3920.10", "3920.99"},
		products: []string{"光伏EVA胶膜", "POE胶膜", "光伏背板"},
		desc:     "光伏封装材料企业，EVA 和 POE 胶膜年产能 3 亿平方米，通过 TÜV 认证，长期供应国内外组件厂。",
		certs:    []string{"ISO 9001", "TUV", "ISO 14001"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"ASEAN", "IN", "TR"},
		contact: domain.Contact{Name: "季芳", Email: "jifang@chenghui-pv.example", Phone: "0510-8607 5132"},
	},
	// 汽车及零部件 (A6)
	{
		name: "无锡惠驰汽车零部件有限公司", area: huishan, clusters: []string{"A6"},
		industry: []string{"C3660"}, hs: []string{"8708.30"},
		products: []string{"制动卡钳", "电子驻车制动EPB", "制动盘"},
		desc:     "汽车制动系统零部件供应商，为国内主机厂和新能源车企配套制动卡钳与 EPB 总成。",
		certs:    []string{"IATF 16949", "ISO 14001"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"EU", "LATAM"},
		contact: domain.Contact{Name: "贺强", Email: "heqiang@huichi-auto.example", Phone: "0510-8363 7070"},
	},
	{
		name: "无锡锡驰电驱动系统有限公司", area: xishan, clusters: []string{"A6", "A5"},
		industry: []string{"C3660", "C3812"}, hs: []string{"8501.52", "8708.40"},
		products: []string{"三合一电驱总成", "驱动电机", "电机控制器"},
		desc:     "新能源汽车电驱动系统企业，三合一电驱总成配套乘用车和轻型商用车。",
		certs:    []string{"IATF 16949", "ISO 26262"},
		tier:     domain.TierQuasiLeader, scale: domain.ScaleMedium, markets: []string{"EU", "KR"},
		contact: domain.Contact{Name: "雷鸣", Email: "leiming@xichi-edrive.example", Phone: "0510-8851 3939"},
	},
	// 人工智能和元宇宙 (F1)
	{
		name: "无锡元湖智能科技有限公司", area: binhu, clusters: []string{"F1", "L4"},
		industry: []string{"I6513"}, hs: []string{"9031.80"},
		products: []string{"AI视觉质检系统", "缺陷检测算法", "工业相机模组"},
		desc:     "机器视觉与 AI 质检方案商，为 PCB、光伏组件和纺织面料产线提供缺陷检测系统。",
		certs:    []string{"ISO 9001", "高新技术企业"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall,
		contact: domain.Contact{Name: "林晨", Email: "linchen@yuanhu-ai.example", Phone: "0510-8590 6161"},
	},
	// 第三代半导体 (F3)
	{
		name: "无锡宽禁半导体科技有限公司", area: xinwu, clusters: []string{"F3", "L2"},
		industry: []string{"C3972"}, hs: []string{"8541.29"},
		products: []string{"SiC MOSFET", "碳化硅功率模块", "车规级IGBT模块", "GaN功率器件"},
		desc:     "功率半导体企业，车规级 IGBT 模块和 SiC 功率模块用于电驱控制器、主驱逆变器和车载充电机，兼供工业变频器用功率模块。",
		certs:    []string{"AEC-Q101", "IATF 16949", "ISO 9001"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"EU", "JP"},
		contact: domain.Contact{Name: "梁爽", Email: "liangshuang@kuanjin-semi.example", Phone: "0510-8516 2828"},
	},
	// 氢能和储能 (F4)
	{
		name: "无锡氢源动力科技有限公司", area: huishan, clusters: []string{"F4"},
		industry: []string{"C3849"}, hs: []string{"8543.30"},
		products: []string{"PEM电解槽", "燃料电池电堆", "制氢系统集成"},
		desc:     "质子交换膜（PEM）电解水制氢设备和燃料电池电堆研发企业，提供兆瓦级制氢系统。",
		certs:    []string{"ISO 9001", "CE"},
		tier:     domain.TierEmerging, scale: domain.ScaleSmall, markets: []string{"EU", "ME"},
		contact: domain.Contact{Name: "田野", Email: "tianye@qingyuan-h2.example", Phone: "0510-8371 5050"},
	},
	// 深海装备 (F5)
	{
		name: "江阴长海海工装备有限公司", area: jiangyin, clusters: []string{"F5", "A1"},
		industry: []string{"C3737", "C3734"}, hs: []string{"8425.31", "8426.49"},
		products: []string{"深海绞车", "海工起重机", "ROV收放系统"},
		desc:     "海洋工程甲板机械制造商，深海绞车和 ROV 收放系统获船级社认可，配套科考船与海上风电安装船。",
		certs:    []string{"CCS", "DNV", "ISO 9001"},
		tier:     domain.TierBackbone, scale: domain.ScaleMedium, markets: []string{"ASEAN", "ME", "NO"},
		contact: domain.Contact{Name: "马骏", Email: "majun@changhai-marine.example", Phone: "0510-8699 4141"},
	},
}
