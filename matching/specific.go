package matching

// A specific reading beats a general one. A buyer whose post says 露营 in passing and 帐篷面料
// 涂层开胶 as its need wants the coating, not outdoor clothing; one who writes 漏油 beside
// 变速箱换挡顿挫 wants the gearbox repaired, not hydraulics. A scene of one or two characters is
// a setting or a symptom shared by many needs; a phrase of three or more in the same field
// names the need. The short scene keeps its products, weighed Tuning.ShortScene: alone in its
// field, or calling for the same product as the longer one, it weighs in full.
//
// Tried beside it and left out (dev sets, 2026-12-06): weighing down a concept named inside a
// longer scene phrase that does not call for it (集成电路 in 芯片样品测不了) cost the third
// development set 0.002 at 0.5 and 0.8 and gained nowhere.

// specificLen is the length in characters from which a scene phrase is the specific reading
// beside a scene of two characters or fewer.
const specificLen = 3

// shortScenes weighs down by f, among the terms out[n0:] of one field, each expansion read
// from a scene phrase of at most two characters when a phrase of the field of specificLen
// characters or more calls for a product the short one does not. Expansions of the scene bag
// count for neither side: they are guesses, not phrases.
func shortScenes(out []term, n0 int, f float32) {
	if f == 1 {
		return
	}
	long := false
	for _, x := range out[n0:] {
		if x.kind == kExpansion && !x.bag && x.end-x.start >= specificLen {
			long = true
			break
		}
	}
	if !long {
		return
	}
	for i := n0; i < len(out); i++ {
		c := &out[i]
		if c.kind != kExpansion || c.bag || c.end-c.start > 2 {
			continue
		}
		for _, x := range out[n0:] {
			if x.kind == kExpansion && !x.bag && x.end-x.start >= specificLen && x.text != c.text {
				c.w *= f
				break
			}
		}
	}
}
