package matching

import (
	"strconv"
	"strings"

	"duijie/domain"
)

// Structured evidence is indexed as key terms beside the text terms: a profile with industry
// code C3973 carries the keys C39, C397 and C3973, so prefix depth is counted by the same
// postings walk as text. Keys start with a byte no text term can contain.
const (
	keyCluster  = "\x01c"
	keyIndustry = "\x01i"
	keyHS       = "\x01h"
)

func isKey(t string) bool { return len(t) > 0 && t[0] == '\x01' }

// broadKey reports whether a key names a broad group: a cluster, an HS chapter (2 digits) or a
// GB/T 4754 division (letter and 2 digits). Hundreds of thousands of profiles share one at city
// scale, so they add evidence to candidates but do not make a profile a candidate.
func broadKey(k string) bool {
	code := k[len(keyCluster):]
	switch k[:len(keyCluster)] {
	case keyCluster:
		return true
	case keyHS:
		return len(code) == 2
	case keyIndustry:
		return len(code) == 3
	}
	return false
}

// normIndustry returns a GB/T 4754 code in canonical form (C3973) or "" when s is not one:
// a section letter A–T and two to four digits.
func normIndustry(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 3 || len(s) > 5 || s[0] < 'A' || s[0] > 'T' || !allDigits(s[1:]) {
		return ""
	}
	return s
}

// normHS keeps the digits of an HS code ("8542.31" → 854231), cut to the six international
// digits; "" when fewer than two remain. China's 8- and 10-digit national codes match on their
// first six.
func normHS(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	if len(b) < 2 {
		return ""
	}
	if len(b) > 6 {
		b = b[:6]
	}
	if len(b)%2 == 1 { // a half-written level counts as the level above it
		b = b[:len(b)-1]
	}
	return string(b)
}

// prefixes returns the matching levels of a code: industry C3973 → C39, C397, C3973 (division,
// group, class); HS 854231 → 85, 8542, 854231 (chapter, heading, subheading).
func industryPrefixes(c string) []string {
	var out []string
	for n := 3; n <= len(c); n++ {
		out = append(out, c[:n])
	}
	return out
}

func hsPrefixes(c string) []string {
	var out []string
	for n := 2; n <= len(c); n += 2 {
		out = append(out, c[:n])
	}
	return out
}

func normCluster(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// profileKeys lists the key terms of an enterprise, without duplicates.
func profileKeys(e *domain.Enterprise) []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, c := range e.Clusters {
		if c = normCluster(c); c != "" {
			add(keyCluster + c)
		}
	}
	for _, c := range e.IndustryCodes {
		if c = normIndustry(c); c != "" {
			for _, p := range industryPrefixes(c) {
				add(keyIndustry + p)
			}
		}
	}
	for _, c := range e.HSCodes {
		if c = normHS(c); c != "" {
			for _, p := range hsPrefixes(c) {
				add(keyHS + p)
			}
		}
	}
	return out
}

// leadKeys lists the key terms of a lead with their weights. Each code earns its full weight
// when a profile matches it as deeply as the lead wrote it (a lead asking for division C39 is
// fully met by C3973); shallower matches earn the weight of their depth. Several codes sharing a
// prefix share its key at the highest weight any of them gives it. shares, when not nil, are
// the inferred scores of the lead's clusters (Tuning.InferredShare).
func leadKeys(l *domain.Lead, w Weights, shares map[string]float64) []weighted {
	ws := map[string]float32{}
	put := func(k string, v float64) {
		if float32(v) > ws[k] {
			ws[k] = float32(v)
		}
	}
	cw := w.Cluster
	if l.ClustersInferred && w.InferredCluster > 0 {
		cw *= w.InferredCluster
	}
	for _, c := range l.Clusters {
		if c = normCluster(c); c != "" {
			if shares != nil {
				put(keyCluster+c, cw*shares[c]/inferredShareUnit)
				continue
			}
			put(keyCluster+c, cw)
		}
	}
	for _, c := range l.IndustryCodes {
		if c = normIndustry(c); c != "" {
			ps := industryPrefixes(c)
			depth := w.Industry[:]
			prev := 0.0
			for i, p := range ps {
				v := depth[i] - prev
				if i == len(ps)-1 {
					v = depth[len(depth)-1] - prev
				}
				put(keyIndustry+p, v)
				prev = depth[i]
			}
		}
	}
	for _, c := range l.HSCodes {
		if c = normHS(c); c != "" {
			ps := hsPrefixes(c)
			depth := w.HS[:]
			prev := 0.0
			for i, p := range ps {
				v := depth[i] - prev
				if i == len(ps)-1 {
					v = depth[len(depth)-1] - prev
				}
				put(keyHS+p, v)
				prev = depth[i]
			}
		}
	}
	out := make([]weighted, 0, len(ws))
	for k, v := range ws {
		out = append(out, weighted{text: k, w: v})
	}
	sortWeighted(out)
	return out
}

// parseRegion reads a six-digit GB/T 2260 code; 0 when s is not one.
func parseRegion(s string) uint32 {
	s = strings.TrimSpace(s)
	if len(s) != 6 || !allDigits(s) || s == "000000" {
		return 0
	}
	n, _ := strconv.Atoi(s)
	return uint32(n)
}

// regionLevel is how precisely a code names a place: 1 province, 2 city, 3 district.
func regionLevel(c uint32) int {
	switch {
	case c%10000 == 0:
		return 1
	case c%100 == 0:
		return 2
	}
	return 3
}

// regionCommon counts the levels two codes share.
func regionCommon(a, b uint32) int {
	switch {
	case a == 0 || b == 0 || a/10000 != b/10000:
		return 0
	case a/100 != b/100:
		return 1
	case a != b:
		return 2
	}
	return 3
}

// regionWithin reports whether have lies inside the area want names (320200 contains 320214).
func regionWithin(want, have uint32) bool {
	return want != 0 && regionCommon(want, have) >= regionLevel(want)
}

// formatHS writes an HS prefix the way people read it: 854231 → 8542.31.
func formatHS(c string) string {
	if len(c) > 4 {
		return c[:4] + "." + c[4:]
	}
	return c
}

// Roles of a firm in a goods deal: manufacturers make the goods; traders and service firms
// (testing labs, consultancies, logistics) do not.
const (
	roleUnknown uint8 = iota
	roleMaker
	roleTrader
	roleService
)

// roleNames are the factor details of the roles.
var roleNames = [...]string{"", "manufacturer", "trader", "service"}

func sectionRole(code string) uint8 {
	if strings.HasPrefix(code, "I652") { // IC design: classed as a service, but fabless firms sell chips
		return roleMaker
	}
	switch code[0] {
	case 'B', 'C', 'D':
		return roleMaker
	case 'F':
		return roleTrader
	case 'A':
		return roleUnknown
	}
	return roleService
}

// Cue words used when a profile carries no industry code. Kept short and unambiguous on purpose.
var (
	makerCues   = []string{"制造", "生产基地", "工厂", "生产线", "厂房", "产能", "年产"}
	traderCues  = []string{"贸易", "商贸", "进出口", "经销", "代理商", "分销"}
	serviceCues = []string{"咨询", "检测服务", "第三方检测", "技术服务", "认证服务", "设计服务", "物流", "外包服务", "软件开发", "信息技术服务"}
)

// supplierRole infers the enterprise's role from its industry codes, else from its name and
// description.
func supplierRole(e *domain.Enterprise) uint8 {
	best := roleUnknown
	for _, c := range e.IndustryCodes {
		if c = normIndustry(c); c == "" {
			continue
		}
		r := sectionRole(c)
		if r == roleMaker {
			return roleMaker
		}
		if r != roleUnknown && (best == roleUnknown || r == roleTrader) {
			best = r
		}
	}
	if best != roleUnknown {
		return best
	}
	text := e.Name + " " + e.Description
	switch {
	case containsAny(text, makerCues):
		return roleMaker
	case containsAny(text, traderCues):
		return roleTrader
	case containsAny(text, serviceCues):
		return roleService
	}
	return roleUnknown
}

// Kinds of demand: goods (a product to buy) or a service.
const (
	demandUnknown uint8 = iota
	demandGoods
	demandService
)

// goodsUnits are units of physical goods; a quantity in one of them is a goods demand.
var goodsUnits = map[string]bool{
	"件": true, "台": true, "套": true, "个": true, "只": true, "颗": true, "片": true, "吨": true, "千克": true, "公斤": true,
	"kg": true, "t": true, "米": true, "平方米": true, "卷": true, "箱": true, "盒": true, "支": true, "根": true, "块": true, "瓶": true,
	"pcs": true, "pc": true, "piece": true, "pieces": true, "set": true, "sets": true, "unit": true, "units": true, "ton": true,
	"tons": true, "tonnes": true, "kw": true, "mw": true, "mwh": true, "kwh": true, "gwh": true, "条": true, "张": true, "双": true,
}

var serviceDemandCues = []string{"服务", "外包", "咨询", "检测", "认证", "运维", "实施", "培训", "物流", "运输", "开发", "定制开发", "设计", "service", "consulting", "development", "testing", "maintenance"}

// demandKind infers whether a lead asks for goods or a service.
func demandKind(l *domain.Lead) uint8 {
	if len(l.HSCodes) > 0 {
		for _, c := range l.HSCodes {
			if normHS(c) != "" {
				return demandGoods
			}
		}
	}
	svc := false
	for _, c := range l.IndustryCodes {
		if c = normIndustry(c); c == "" {
			continue
		}
		switch sectionRole(c) {
		case roleMaker:
			return demandGoods
		case roleService:
			svc = true
		}
	}
	if svc {
		return demandService
	}
	if containsAny(strings.ToLower(l.Title), serviceDemandCues) {
		return demandService
	}
	if l.Quantity > 0 && goodsUnits[strings.ToLower(strings.TrimSpace(l.Unit))] {
		return demandGoods
	}
	return demandUnknown
}

// goodsByCode reports whether the lead's own codes make it a goods demand: a valid HS code or
// the industry code of a maker.
func goodsByCode(l *domain.Lead) bool {
	for _, c := range l.HSCodes {
		if normHS(c) != "" {
			return true
		}
	}
	for _, c := range l.IndustryCodes {
		if c = normIndustry(c); c != "" && sectionRole(c) == roleMaker {
			return true
		}
	}
	return false
}

func containsAny(s string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// tierIndex maps a tier to its bit in a preferred-tier mask; 0 when unknown.
func tierBit(t domain.EnterpriseTier) uint8 {
	for i, x := range domain.EnterpriseTiers {
		if x == t {
			return 1 << i
		}
	}
	return 0
}
