package matching

// A buyer who describes a pain often names the thing it happens to: 空压机房吵 (the compressor
// room is loud), 充电桩模块太烫 (the charger's power module runs hot), 冷库结霜. The product named
// inside the pain is the buyer's setting, not what they need: the noise-control firm, the SiC
// maker and the refrigeration service answer them, not another compressor maker. So a concept
// named within the span of a scene phrase that does not itself call for it counts at
// settingWeight of its weight (Tuning.Setting), and the scene's products lead.

// discountSettings lowers, in one field's occurrences, the concepts named inside a scene
// expansion's span that the scene does not call for.
func discountSettings(occ []term, settingWeight float32) {
	var settings [][2]int32
	for i := range occ {
		c := &occ[i]
		if c.kind != kConcept {
			continue
		}
		inside, calls := false, false
		for j := range occ {
			x := &occ[j]
			// A bag match spans the buyer's whole clause: it says what the clause is about,
			// not which word in it is the setting.
			if x.kind != kExpansion || x.bag {
				continue
			}
			// The thing the pain happens to, written right before it (钢结构锈得厉害, 电池包胶开裂)
			// is the setting as much as a thing named inside it.
			// A scene that calls for the concept written right before it (大模型私有化部署) makes
			// it the need, not the setting: that is found below, as calls.
			before := c.end == x.start
			if !before && (x.start > c.start || x.end < c.end || x.end-x.start <= c.end-c.start) {
				continue
			}
			inside = true
			if x.text == c.text {
				calls = true
				break
			}
		}
		if inside && !calls {
			c.w *= settingWeight
			settings = append(settings, [2]int32{c.start, c.end})
		}
	}
	// The words of a setting count no more than its concept: 钢结构 in 钢结构锈得厉害 must not
	// rank the steel-structure builder first through its bigrams.
	for i := range occ {
		t := &occ[i]
		if t.kind == kConcept || t.kind == kExpansion {
			continue
		}
		for _, s := range settings {
			if s[0] <= t.start && t.end <= s[1] {
				t.w *= settingWeight
				break
			}
		}
	}
}
