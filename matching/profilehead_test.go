package matching

import (
	"testing"

	"duijie/domain"
)

// A profile that names only 储能变流器 (a converter for storage) counts 储能系统 as one product
// mention at most; the integrator that names 储能系统 itself keeps all of its mentions, and the
// head of a longer name (传感器 in 温度传感器) is no modifier.
func TestProfileModifierCountsOnce(t *testing.T) {
	pcs := domain.Enterprise{ID: "pcs", Name: "无锡储能变流器有限公司", Products: []string{"储能变流器PCS", "双向变流器"},
		Description: "生产储能变流器PCS，功率50kW-1725kW。"}
	ess := domain.Enterprise{ID: "ess", Name: "无锡储能系统集成有限公司", Products: []string{"工商业储能柜", "储能系统集成"},
		Description: "提供工商业储能柜和储能集装箱系统集成。"}
	sensor := domain.Enterprise{ID: "ts", Name: "无锡温度传感器有限公司", Products: []string{"温度传感器"}}
	tf := func(heads bool, ent domain.Enterprise, term string) uint32 {
		cfg := DefaultConfig()
		cfg.Tuning.ProfileHeads = heads
		for _, x := range New(cfg).prepare(&ent).terms {
			if x.text == term {
				return x.tf
			}
		}
		return 0
	}
	if off, on := tf(false, pcs, "#储能系统"), tf(true, pcs, "#储能系统"); off <= modifierTF || on != modifierTF {
		t.Errorf("the converter maker's 储能系统 counts %d, %d without the rule: want %d with it, more without", on, off, modifierTF)
	}
	if off, on := tf(false, pcs, "#储能变流器"), tf(true, pcs, "#储能变流器"); on != off || on == 0 {
		t.Errorf("储能变流器 counts %d, %d without the rule: want it unchanged", on, off)
	}
	if off, on := tf(false, ess, "#储能系统"), tf(true, ess, "#储能系统"); on != off || on <= modifierTF {
		t.Errorf("the integrator's 储能系统 counts %d, %d without the rule: want it unchanged", on, off)
	}
	if off, on := tf(false, sensor, "#传感器"), tf(true, sensor, "#传感器"); on != off || on == 0 {
		t.Errorf("the head 传感器 counts %d, %d without the rule: want it unchanged", on, off)
	}
}
