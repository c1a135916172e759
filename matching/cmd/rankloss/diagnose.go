package main

import (
	"sort"

	"duijie/matching"
	"duijie/matching/quality"
)

// Causes of a lead's loss. A "reading" cause is the understanding's; a "ranking" cause is the
// ordering of suppliers the engine had understood.
const (
	causeReading       = "reading: no understood graded supplier is out of place"
	causeReadingWeight = "reading: the lead weighs the other supplier's product higher"
	causeCodes         = "ranking: shared codes and clusters decide"
	causeWordsOnly     = "ranking: words without any product of the lead"
	causeBreadth       = "ranking: several minor products beat the main one"
	causeSameProduct   = "ranking: same main product, higher frequency or shorter profile"
	causeOtherProduct  = "ranking: another product of equal weight scores higher"
	causePreferences   = "ranking: preferences (region, export, tier, role)"
	causeWords         = "ranking: words beat the product"
)

// understoodShare is the least share of the lead's strongest product weight a supplier's best
// shared product needs for the supplier to count as understood (-share).
var understoodShare = 0.5

// minRankingLoss is the least gain from reordering that makes a lead's loss a ranking one.
const minRankingLoss = 0.02

// verdict is the diagnosis of one lead.
type verdict struct {
	Loss        float64 // 1 − nDCG@10
	RankingLoss float64 // what putting the understood graded suppliers first would gain
	Cause       string
	X, Y        string // the first pair out of order: X above the understood Y of a higher grade
}

// diagnose splits a lead's loss. ranked is the engine's top 20, grades the lead's eligible grades,
// reading and bs what matching.Engine.Breakdowns says of the lead and of every ranked or graded
// supplier.
func diagnose(ranked []string, grades map[string]int, reading matching.QueryReading, bs map[string]matching.Breakdown) verdict {
	nd := quality.NDCG(ranked, grades, 10)
	v := verdict{Loss: 1 - nd, Cause: causeReading}
	strongest := 0.0
	for _, w := range reading.Products {
		strongest = max(strongest, w)
	}
	// main is the heaviest product (in the lead's reading) a supplier shares with the lead.
	main := func(id string) (float64, string) {
		w, name := 0.0, ""
		for p := range bs[id].Products {
			if x := reading.Products[p]; x > w || x == w && p < name {
				w, name = x, p
			}
		}
		return w, name
	}
	var understood []string
	for id, g := range grades {
		if w, _ := main(id); g > 0 && strongest > 0 && w >= understoodShare*strongest {
			understood = append(understood, id)
		}
	}
	sort.Slice(understood, func(i, j int) bool {
		a, b := understood[i], understood[j]
		return grades[a] > grades[b] || grades[a] == grades[b] && a < b
	})
	reordered := append([]string(nil), understood...)
	for _, id := range ranked {
		if !contains(understood, id) {
			reordered = append(reordered, id)
		}
	}
	v.RankingLoss = max(0, quality.NDCG(reordered, grades, 10)-nd)
	if v.RankingLoss < minRankingLoss {
		v.RankingLoss = 0
		return v
	}
	rank := map[string]int{}
	for i, id := range ranked {
		rank[id] = i + 1
	}
	for i, x := range ranked {
		for _, y := range understood {
			if grades[y] <= grades[x] || rank[y] != 0 && rank[y] < i+1 {
				continue
			}
			v.X, v.Y = x, y
			v.Cause = cause(bs[x], bs[y], main)
			if v.Cause == causeReadingWeight {
				v.RankingLoss = 0 // the ordering follows the reading's weights
			}
			return v
		}
	}
	return v
}

// cause names why x ranks above the understood y.
func cause(x, y matching.Breakdown, main func(string) (float64, string)) string {
	mx, nx := main(x.ID)
	my, ny := main(y.ID)
	px, bestX := sumMax(x.Products)
	py, bestY := sumMax(y.Products)
	relX, relY := px+x.Words+x.Codes, py+y.Words+y.Codes
	switch {
	case mx > 1.1*my:
		return causeReadingWeight
	case x.Codes > y.Codes && x.Codes-y.Codes > 0.5*(relX-relY):
		return causeCodes
	case px == 0:
		return causeWordsOnly
	case px >= py && bestX < bestY:
		return causeBreadth
	case px >= py && nx == ny:
		return causeSameProduct
	case px >= py:
		return causeOtherProduct
	case x.Factor > y.Factor:
		return causePreferences
	}
	return causeWords
}

func sumMax(ps map[string]float64) (sum, best float64) {
	for _, c := range ps {
		sum += c
		best = max(best, c)
	}
	return sum, best
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
