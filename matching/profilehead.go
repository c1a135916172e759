package matching

// A Chinese product name puts its head last: 储能变流器 is a converter (变流器) for storage, 光伏
// 逆变器 an inverter. dropStraddling already reads no concept strictly inside a longer one (电机
// in 发电机组); a concept that opens a longer concept's surface without ending it is its
// modifier. A profile that names only 储能变流器 makes converters for storage systems: related
// to a buyer's 储能系统 (a person grades it a partial answer), not the integrator that builds
// them. Counted like the integrator's own 储能系统 (products weigh twice, in name and
// description again), the converter maker ranked beside it. On the profile side
// (Tuning.ProfileHeads) a concept read only as a modifier counts at most modifierTF, once named in
// the products; the head (传感器 in 温度传感器) and a concept also written on its own count as
// before, and a lead's reading is unchanged. Dropping the modifier altogether lost more than it
// won: a person grades the converter maker a partial answer to a storage need, the solar inverter
// maker a full one to "solar + battery".

// modifierTF is the most a concept read only as a modifier counts in a profile: one mention in
// the products (weight 2). 1 lost on the seventh development set, 3 changed almost nothing.
const modifierTF = 2

// markModifiers marks, among out[n0:], a concept found at the start of a longer concept's
// surface that ends before it.
func markModifiers(out []term, n0 int) {
	for i := n0; i < len(out); i++ {
		c := &out[i]
		if c.kind != kConcept {
			continue
		}
		for j := n0; j < len(out); j++ {
			if x := &out[j]; j != i && x.kind == kConcept && x.text != c.text && x.start == c.start && c.end < x.end {
				c.modifier = true
				break
			}
		}
	}
}
