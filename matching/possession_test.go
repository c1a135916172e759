package matching

import (
	"testing"

	"duijie/domain"
)

// leadWeight is a product's weight in a lead's merged reading, as the ranking weighs it.
func leadWeight(e *Engine, title, description, product string) float32 {
	lt := e.analyzeLead(&domain.Lead{Title: title, Description: description}, false)
	for _, t := range lt.text {
		if t.text == product {
			return t.w
		}
	}
	return 0
}

func settingsOff(t *Tuning) { t.Possession, t.Application = 1, 1 }

// What the buyer has and what the product goes into are the need's setting: the reefer trucks
// of a fleet that wants to see its cargo's temperature, the water meters an NB-IoT module goes
// into. They weigh less than what the need calls for, wherever the lead names them; read without
// the discount they outweighed it.
func TestPossessionAndApplicationAreTheSetting(t *testing.T) {
	def, off := New(DefaultConfig()), tuned(settingsOff)
	for _, c := range []struct {
		name, title, descr, setting, need string
	}{
		{"counted possession", "冷藏车车厢温度", "我们物流公司有十二辆冷藏车，想在手机上随时看到每辆车厢里的温度，超了就报警",
			"#专用车", "#冷链监测"},
		{"possession run into the need", "", "我们有20辆冷藏车需要装车厢温度监控", "#专用车", "#冷链监测"},
		{"application", "采购模组", "采购NB-IoT模组，用于智能水表，年用量20万", "#远传水表", "#无线模组"},
		{"English application", "NB-IoT modules", "Need NB-IoT modules for use in smart water meters, 200k pcs a year.",
			"#远传水表", "#无线模组"},
		{"existing system", "MES系统实施", "汽车零部件工厂，需要生产追溯、质量管理模块，与现有ERP对接。", "#企业资源计划", "#制造执行系统"},
	} {
		s0, s1 := leadWeight(off, c.title, c.descr, c.setting), leadWeight(def, c.title, c.descr, c.setting)
		n0, n1 := leadWeight(off, c.title, c.descr, c.need), leadWeight(def, c.title, c.descr, c.need)
		if s0 == 0 || n0 == 0 {
			t.Fatalf("%s: the lead reads %s %v and %s %v, want both", c.name, c.setting, s0, c.need, n0)
		}
		if s1 >= 0.6*s0 || n1 != n0 {
			t.Errorf("%s: %s weighs %v (without the discount %v), %s %v (%v): want the setting weighed down alone",
				c.name, c.setting, s1, s0, c.need, n1, n0)
		}
		if s1 >= n1 {
			t.Errorf("%s: the setting %s weighs %v, the need %s %v", c.name, c.setting, s1, c.need, n1)
		}
	}
}

// Three readings keep a possession whole: the need replaces it (the possession names what is
// bought), a need clause asks for more of it, and nothing else is named.
func TestPossessionKeptWhenItIsTheNeed(t *testing.T) {
	def, off := New(DefaultConfig()), tuned(settingsOff)
	for _, c := range []struct {
		name, title, descr, product string
	}{
		{"replaced", "冷藏车要换", "我们有十二辆冷藏车，开了八年了，想换一批新的", "#专用车"},
		{"asked for", "冷库", "公司有3座冷库，需要再建一座冷库，另外要装温度探头", "#冷库"},
		{"alone", "", "我们有两台空压机", "#空压机"},
	} {
		w0, w1 := leadWeight(off, c.title, c.descr, c.product), leadWeight(def, c.title, c.descr, c.product)
		if w0 == 0 || w1 != w0 {
			t.Errorf("%s: %s weighs %v, %v without the discount: want it whole", c.name, c.product, w1, w0)
		}
	}
}

// The words of an application keep their weight: a supplier of the product describes it by its
// use (用于车身控制的MCU), so they are evidence for the product's maker; the words of a possession
// count with it.
func TestApplicationWordsKeepTheirWeight(t *testing.T) {
	def, off := New(DefaultConfig()), tuned(settingsOff)
	const title, descr = "采购车规级 MCU 芯片", "用于车身控制，需 IATF16949，型号 GP30KL"
	if w0, w1 := leadWeight(off, title, descr, "车身"), leadWeight(def, title, descr, "车身"); w0 == 0 || w1 != w0 {
		t.Errorf("车身 of the application weighs %v, %v without the discount: want it whole", w1, w0)
	}
	const fleet, need = "车厢温度", "我们有十二辆冷藏车，想在手机上随时看到车厢里的温度"
	if w0, w1 := leadWeight(off, fleet, need, "藏车"), leadWeight(def, fleet, need, "藏车"); w0 == 0 || w1 >= w0 {
		t.Errorf("藏车 of the possession weighs %v, %v without the discount: want it lower", w1, w0)
	}
}

func TestSettingSpans(t *testing.T) {
	for _, c := range []struct {
		text      string
		have, app []string
	}{
		{"我们有20辆冷藏车,想在手机上看温度", []string{"冷藏车"}, nil},
		{"公司在江阴有五个冷库,晚上没人值班", []string{"冷库"}, nil},
		{"我们在海上有三十多个养殖网箱 养大黄鱼", []string{"养殖网箱"}, nil},
		{"要与现有erp对接", []string{"erp对接"}, nil},
		{"we operate 300 reefer containers. need a monitoring system", []string{"300 reefer containers"}, nil},
		{"模组,用于 智能水表 燃气表,年用量50万", nil, []string{"智能水表"}}, // a space between Han ends a phone post's clause
		{"ipm modules for use in welding machines, 2000 pcs", nil, []string{"welding machines"}},
		// Not possessions: a requirement, a negation, an uncounted 有, a likeness.
		{"需要有2台备用泵", nil, nil},
		{"我们没有3台叉车那么多", nil, nil},
		{"有没有做过这块的老板", nil, nil},
		{"compatible with infineon ff300r12ke3", nil, nil},
		{"we have been looking for a supplier", nil, nil},
		{"we have to replace the pumps", nil, nil},
	} {
		rs := []rune(c.text)
		have, app := settingSpans(rs)
		if got := spanTexts(rs, have); !equalStrings(got, c.have) {
			t.Errorf("%s: possessions %q, want %q", c.text, got, c.have)
		}
		if got := spanTexts(rs, app); !equalStrings(got, c.app) {
			t.Errorf("%s: applications %q, want %q", c.text, got, c.app)
		}
	}
}

func spanTexts(rs []rune, spans [][2]int32) []string {
	var out []string
	for _, s := range spans {
		out = append(out, string(rs[s[0]:s[1]]))
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkAnalysePossession reads whole leads (both fields, every step of the reading) with the
// possession and application discount off and on: what the discount costs a lead's analysis.
func BenchmarkAnalysePossession(b *testing.B) {
	leads := []domain.Lead{
		{Title: "冷藏车车厢温度", Description: "我们物流公司有十二辆冷藏车，想在手机上随时看到每辆车厢里的温度，超了就报警"},
		{Title: "采购模组", Description: "采购NB-IoT模组，用于智能水表，年用量20万，需要对接现有平台"},
		{Title: "NB-IoT modules", Description: "We operate 300 reefer containers. Need NB-IoT modules for use in smart water meters, 200k pcs a year."},
	}
	for _, tc := range []struct {
		name string
		set  func(*Tuning)
	}{{"off", settingsOff}, {"on", func(*Tuning) {}}} {
		e := tuned(tc.set)
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				e.analyzeLead(&leads[i%len(leads)], false)
			}
		})
	}
}

// BenchmarkDiscountSettingsNamed times the discount step alone on an analysed lead (its fields'
// occurrences copied back each time): next to BenchmarkAnalysePossession, what it adds is read
// without the noise of the whole analysis.
func BenchmarkDiscountSettingsNamed(b *testing.B) {
	e := tuned(settingsOff)
	lt := e.analyzeLead(&domain.Lead{Title: "冷藏车车厢温度", Description: "我们物流公司有十二辆冷藏车，想在手机上随时看到每辆车厢里的温度，超了就报警。另外现有的GPS也要能对接。"}, false)
	var occ [2][]term
	for b.Loop() {
		for f := range occ {
			occ[f] = append(occ[f][:0], lt.occ[f]...)
		}
		discountSettingsNamed(lt.fields, &occ, 0.35, 0.35)
	}
}
