package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"duijie/matchsvc"
)

// indexCollectors are the gauges that show what the matching index holds, so an operator sees
// at once when it holds less than the store (it once held 5,029 of 10^6 imported profiles).
func indexCollectors(m *matchsvc.Service) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "duijie_matching_indexed_profiles",
			Help: "Enterprise profiles held by this instance's matching index.",
		}, func() float64 { p, _ := m.IndexSize(); return float64(p) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "duijie_matching_open_leads",
			Help: "Open leads held by this instance's matching index.",
		}, func() float64 { _, l := m.IndexSize(); return float64(l) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "duijie_matching_index_ready",
			Help: "1 once the first build of the matching index has finished, else 0.",
		}, func() float64 {
			if m.Ready() {
				return 1
			}
			return 0
		}),
	}
}
