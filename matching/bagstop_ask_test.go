package matching

import (
	"testing"

	"duijie/domain"
)

// 采购, 替代, 询价 and "purchase", "replacement" are how a buyer asks, not what it needs: a post
// made of them and everyday words gets no scene bag guess (光伏电池片 for 采购, 光刻胶 for 替代,
// 供应链系统 for 询价), in the ranking's reading or in what the buyer is shown.
func TestSceneBagIgnoresHowBuyersAsk(t *testing.T) {
	e := New(DefaultConfig())
	for _, text := range []string{"采购", "替代", "询价", "想找替代的，麻烦询价", "采购询价",
		"purchase replacement inquiry", "We want to purchase a replacement, please send an inquiry reply"} {
		if u := e.Understand(text, "", nil, nil); len(u.Products) > 0 {
			t.Errorf("%q is understood as %v", text, u.Products)
		}
		lt := e.analyzeLead(&domain.Lead{Title: text, Description: text}, false)
		for f := range lt.occ {
			for _, o := range lt.occ[f] {
				if o.bag {
					t.Errorf("%q: the scene bag guesses %s", text, o.text)
				}
			}
		}
	}
}
