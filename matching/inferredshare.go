package matching

import "duijie/domain"

// inferredShareUnit is the inferred score that earns an inferred cluster today's flat bonus
// when Tuning.InferredShare scales the bonus by the score.
const inferredShareUnit = 0.5

// inferredShares returns, for a lead whose clusters were inferred, each cluster's inferred score
// (Understanding.Clusters) when Tuning.InferredShare is set; nil otherwise. A lead stores its
// clusters, not their scores, so they are read again from its text.
func (e *Engine) inferredShares(l *domain.Lead) map[string]float64 {
	if !e.cfg.Tuning.InferredShare || !l.ClustersInferred || len(l.Clusters) == 0 {
		return nil
	}
	u := e.Understand(l.Title, l.Description, l.HSCodes, l.IndustryCodes)
	out := make(map[string]float64, len(u.Clusters))
	for _, c := range u.Clusters {
		out[normCluster(c.Code)] = c.Score
	}
	return out
}
