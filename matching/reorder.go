package matching

import "slices"

// Buyers also write a scene's two parts the other way round. A scene phrase split into a first
// part A and a second part B, each of minRevPart characters or more, also matches, within one
// clause, B written before A when Chinese joins them so:
//   - a relative clause: "B…的A", up to maxRevGap characters between the parts, the last of
//     them 的 (漏水的屋顶 for 屋顶漏水, 油烟太大的食堂 for 食堂油烟);
//   - a place after 在: "B在A" (摔倒在卫生间 for 卫生间摔倒);
//   - topic and comment, when one part is a predicate (a negation or 了 in it): "BA" with up to
//     maxTopicGap characters between (钥匙丢了 for 丢了钥匙, 没人回消息 for 消息没人回).
//
// Two parts merely written near each other in the other order say something else as often as
// not (驱动电机 is a motor, 电机驱动 a drive), so no other order counts. Weaker than a long gap
// (Tuning.Reversed).
const (
	minRevPart  = 2
	maxRevPart  = 6
	maxRevGap   = 6
	maxTopicGap = 2
)

// predicate reports whether a part reads as a predicate: a negation or a completed action.
func predicate(rs []rune) bool {
	return slices.ContainsFunc(rs, predicateRune)
}

func predicateRune(r rune) bool { return r == '不' || r == '没' || r == '了' }

// reversedScenes calls emit for every scene phrase met in run (one clause) with its two parts
// the other way round.
func (v *Vocabulary) reversedScenes(run []rune, emit func(app int32, start, end int, k gapKind)) {
	t := v.hanApps
	// second steps B = run[b:e], for every end e in [eLo, eHi], on from node n (A = run[k:aEnd]
	// matched) and emits the phrases that end with it; a topic-comment reading needs a
	// predicate in A (predicateA) or in B. One walk per start b serves every end.
	second := func(n int32, eLo, eHi, aEnd int, topic, predicateA bool) {
		for b := max(0, eLo-maxRevPart); b <= eHi-minRevPart; b++ {
			c, pb := n, false
			for j := b; j < eHi && j-b < maxRevPart; j++ {
				var ok bool
				if c, ok = t.step(c, run[j]); !ok {
					break
				}
				pb = pb || predicateRune(run[j])
				e := j + 1
				if e < eLo || e-b < minRevPart || t.pay[c] == 0 || topic && !predicateA && !pb {
					continue
				}
				for _, id := range t.lists[t.pay[c]-1] {
					emit(id, b, aEnd, gapReversed)
				}
			}
		}
	}
	// pred[i] counts the predicate characters in run[:i]: a topic-comment reading needs one in
	// A or in B, and most positions have none near them.
	var pred []int
	for k := minRevPart; k+minRevPart <= len(run); k++ {
		joint := run[k-1] == '的' || run[k-1] == '在'
		if !joint {
			if pred == nil {
				pred = make([]int, len(run)+1)
				for i, r := range run {
					pred[i+1] = pred[i]
					if predicateRune(r) {
						pred[i+1]++
					}
				}
			}
			lo, hi := max(0, k-maxTopicGap-maxRevPart), min(len(run), k+maxRevPart)
			if pred[hi] == pred[lo] {
				continue
			}
		}
		// A = run[k:aEnd], the phrase's first part, written after B.
		n := int32(0)
		for aEnd := k; aEnd < len(run) && aEnd-k < maxRevPart; aEnd++ {
			var ok bool
			if n, ok = t.step(n, run[aEnd]); !ok {
				break
			}
			if aEnd+1-k < minRevPart {
				continue
			}
			switch run[k-1] {
			case '的':
				second(n, max(minRevPart, k-maxRevGap), k-1, aEnd+1, false, false)
			case '在':
				second(n, k-1, k-1, aEnd+1, false, false)
			}
			second(n, max(minRevPart, k-maxTopicGap), k, aEnd+1, true, predicate(run[k:aEnd+1]))
		}
	}
}

// looseSceneApps returns the scenes a phrase of the buyer's was read as by a reading anchored in
// the sentence (a one-character pain closing its clause, parts joined by 的, 在 or a predicate),
// over the whole of it: such a scene votes for its cluster as an exact one does. Short and long
// gaps, unanchored, do not: when they voted, their stretches flipped correct clusters (冷库里的
// 货老坏 read as 冷库…坏 voted for refrigeration).
func (v *Vocabulary) looseSceneApps(phrase []rune) []int32 {
	var out []int32
	v.looseScenes(phrase, func(app int32, s, e int, k gapKind) {
		if k >= gapLongOne && s == 0 && e == len(phrase) && !slices.Contains(out, app) {
			out = append(out, app)
		}
	})
	return out
}

// foundOver reports whether the application's first concept was already added over a span that
// overlaps [s, e).
func (a *analyzer) foundOver(ts []term, app int32, s, e int32) bool {
	cs := a.v.apps[app]
	if len(cs) == 0 {
		return true
	}
	name := a.v.concepts[cs[0]].term
	for _, t := range ts {
		if t.text == name && t.start < e && s < t.end {
			return true
		}
	}
	return false
}
