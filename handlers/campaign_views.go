package handlers

import (
	"duijie/domain"
	"duijie/service/campaign"
)

// campaignCharts is what the charts and the month table of a campaign page read.
type campaignCharts struct {
	ChartAPI    string
	ChartLabels string
	ChartKPIs   []chartKPI
	YoYKeys     []chartKPI
	Months      campaignMonthsTable
}

// campaignDashboardView is the data of campaign/dashboard.
type campaignDashboardView struct {
	Page
	campaignCharts
	R                       *campaignReport
	Tiles, OutcomeTiles     []campaignTile
	Years                   []int
	ClusterOptions          []campaignClusterRow
	ElapsedPct              int
	CanEdit, CanReport      bool
	ReportYear, ReportMonth int // the bulletin the report link opens
	SignedValues            map[string]string
	NoClusters              bool // an organiser with no cluster sees nothing
}

// campaignTargetField is one input of the targets form; Money ones are in 万元.
type campaignTargetField struct {
	Name        string
	Money, Core bool
}

// campaignTargetsView is the data of campaign/targets.
type campaignTargetsView struct {
	Page
	Targets       domain.CampaignTargets
	Fields        []campaignTargetField
	UpdatedByName string
}

// campaignBulletinView is the data of campaign/report, the monthly bulletin.
type campaignBulletinView struct {
	Page
	B            *campaign.Bulletin
	R            *campaignReport
	Overview     []overviewLine
	Ranked       []campaign.ClusterRow
	Money        map[string]string
	TopDeals     []campaign.Deal
	Months       campaignMonthsTable
	ChartAPI     string
	ChartKPIs    []chartKPI
	Labels       string
	ReportQuery  string
	Period       string
	MonthOptions []int
}
