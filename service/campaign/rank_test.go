package campaign

import (
	"testing"

	"duijie/domain"
)

func TestRanking(t *testing.T) {
	row := func(code string, contribution float64, signed int64, leads int) ClusterRow {
		return ClusterRow{Cluster: domain.Cluster{Code: code}, Contribution: contribution,
			Actuals: domain.CampaignActuals{SignedValue: signed, Leads: leads}}
	}
	rows := []ClusterRow{row("A1", 0, 0, 0), row("L1", 0, 500, 1), row("L2", 2.5, 0, 3), row("A5", 0, 0, 4)}
	codes := func(rs []ClusterRow) string {
		s := ""
		for _, r := range rs {
			s += r.Cluster.Code + " "
		}
		return s
	}
	if got := codes(RankByContribution(rows)); got != "L2 L1 A5 A1 " {
		t.Errorf("by contribution: %s", got)
	}
	if got := codes(RankBySignedValue(rows)); got != "L1 L2 A5 A1 " {
		t.Errorf("by signed value: %s", got)
	}
	if rows[0].Cluster.Code != "A1" {
		t.Errorf("the input was reordered")
	}
}
