package matching

import (
	"testing"

	"duijie/domain"
)

// A title that comes down to one short word once its request words are set aside is a label.
func TestLabelTitle(t *testing.T) {
	a := analyzer{maxRunes: 200}
	for _, c := range []struct {
		title string
		want  bool
	}{
		{"工单", true}, {"急！", true}, {"求推荐靠谱厂家", true}, {"设备", true}, {"客房部问题求助", true},
		{"Inquiry", true}, {"Buying Request", true}, {"PCB quote", true}, {"采购RTO", true},
		{"冷库温度老出事", false}, {"食堂油烟邻居投诉", false}, {"FR fabric for workwear", false},
		{"SiC MOSFET 1200V", false}, {"求购RV减速机", false}, {"Factory roof leaking in the rainy season", false},
	} {
		if got := labelTitle(a.normalize(c.title)); got != c.want {
			t.Errorf("%s: label %v, want %v", c.title, got, c.want)
		}
	}
}

// A label title the description contradicts (工单 read as MES above a burst pipe) weighs as a
// description phrase; one the description repeats (PCB quote … HDI PCB) keeps the title's weight.
func TestLabelTitleWeighsAsDescription(t *testing.T) {
	titleWeight := func(label float64, title, desc string) float32 {
		cfg := DefaultConfig()
		cfg.Tuning.TitleLabel = label
		e := New(cfg)
		lt := e.analyzeLead(&domain.Lead{Title: title, Description: desc}, false)
		var w float32
		for _, tm := range lt.occ[0] {
			w = max(w, tm.w)
		}
		return w
	}
	const pipe = "小区3号楼地下室水管爆了，水漫到配电房，需要尽快派人来维修水管，再检查一下配电柜有没有受潮"
	if on, off := titleWeight(1, "工单", pipe), titleWeight(0, "工单", pipe); off == 0 || on >= off {
		t.Errorf("工单 above a burst pipe weighs %v, %v with the rule off: want it lower", on, off)
	}
	const pcb = "Need quote for 6 layer HDI PCB, ENIG, 5000 pcs. Gerber attached."
	if on, off := titleWeight(1, "PCB quote", pcb), titleWeight(0, "PCB quote", pcb); on != off {
		t.Errorf("PCB quote above a PCB spec weighs %v, %v with the rule off: want it unchanged", on, off)
	}
}
