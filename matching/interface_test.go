package matching

import (
	"math"
	"reflect"
	"testing"
)

// The systems a need must connect to are found after an English interface phrase and around
// 对接 (对接X, 与X对接), up to punctuation; "compatible with" names the part itself and opens none.
func TestInterfaceSpans(t *testing.T) {
	a := analyzer{maxRunes: 4000}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Management want screens on shopfloor, connect to our existing ERP. Local support?", []string{"our existing erp"}},
		{"Need something to sync with Shopify and Amazon for the warehouse.", []string{"shopify and amazon"}},
		{"需要生产追溯、质量管理模块，与现有ERP对接。", []string{"现有erp"}},
		{"注塑车间数据采集，对接 金蝶 K3 Cloud，含 SPC 与追溯。", []string{"金蝶 k3 cloud"}},
		{"找实施服务商 二开 与MES对接 制造业200人", []string{"mes"}},
		{"IGBT modules compatible with Infineon FF300R12KE3.", nil},
		{"We need an MES for 60 machines.", nil},
	} {
		rs := a.normalize(c.text)
		var got []string
		for _, s := range interfaceSpans(rs) {
			got = append(got, string(rs[s[0]:s[1]]))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: interfaces %q, want %q", c.text, got, c.want)
		}
	}
}

// A product named only as a system to connect to weighs Tuning.Interface; one the lead also asks
// for outside every interface keeps its weight.
func TestInterfaceWeighsTheInstalledSystem(t *testing.T) {
	on := New(DefaultConfig())
	off := tuned(func(t *Tuning) { t.Interface = 0 })
	factor := float32(DefaultTuning().Interface)
	for _, c := range []struct {
		text, concept string
		want          float32
	}{
		{"We record production on paper. Need a production tracking system, connect to our existing ERP.", "#企业资源计划", factor},
		{"汽车零部件工厂，需要生产追溯、质量管理模块，与现有ERP对接。", "#企业资源计划", factor},
		{"ERP二开，要和现有MES对接，需要ERP实施服务商。", "#企业资源计划", 1},
	} {
		w0 := occWeight(off, "", c.text, 1, kConcept, c.concept)
		w1 := occWeight(on, "", c.text, 1, kConcept, c.concept)
		if w0 == 0 || math.Abs(float64(w1/w0-c.want)) > 1e-5 {
			t.Errorf("%s: %s weighs %v off, %v on: want ×%v", c.text, c.concept, w0, w1, c.want)
		}
	}
}
