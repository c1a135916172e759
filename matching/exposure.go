package matching

// SetExposure replaces every supplier's recent-exposure count (for instance the leads each
// received in the last seven days, recounted by a job from the match records). Suppliers not in
// counts go back to zero.
func (e *Engine) SetExposure(counts map[string]int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for s, id := range e.ix.ids {
		if id != "" {
			e.ix.meta[s].exposure = clampCount(counts[id])
		}
	}
}

// AddExposure adds n to a supplier's recent-exposure count (n may be negative); call it when a
// lead is sent to the supplier.
func (e *Engine) AddExposure(id string, n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := e.ix.byID[id]; ok {
		e.ix.meta[s].exposure = clampCount(int(e.ix.meta[s].exposure) + n)
	}
}

// Exposure returns a supplier's recent-exposure count.
func (e *Engine) Exposure(id string) int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if s, ok := e.ix.byID[id]; ok {
		return int(e.ix.meta[s].exposure)
	}
	return 0
}

func clampCount(n int) uint16 {
	if n < 0 {
		return 0
	}
	return uint16(min(n, maxExposure))
}

// Coverage is the share of active suppliers that appear in at least one of the rankings: how
// widely leads spread. active is the number of suppliers that could have appeared
// (Engine.ActiveSuppliers); 0 gives 0.
func Coverage(rankings [][]Result, active int) float64 {
	if active <= 0 {
		return 0
	}
	seen := map[string]bool{}
	for _, r := range rankings {
		for _, x := range r {
			seen[x.ID] = true
		}
	}
	return float64(len(seen)) / float64(active)
}
