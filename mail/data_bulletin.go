package mail

// TemplateBulletin is the monthly campaign bulletin.
const TemplateBulletin = "bulletin"

// BulletinData is what the bulletin mail shows, every figure already formatted the way the
// bulletin page prints it.
type BulletinData struct {
	Year, Month int
	Scope       string
	Overview    []BulletinLine
	Clusters    []BulletinCluster
	TopDeals    []string
	Events      []string
	Behind      []string
	PageURL     string
	XLSXName    string // the attached workbook
}

// BulletinLine is one figure of the overview.
type BulletinLine struct {
	Key                   string // campaign.kpi.<Key>
	Target, Month, ToDate string
	Percent               string // "" without a target
	Status                string // campaign.status.<Status>
}

// BulletinCluster is one cluster in the ranking.
type BulletinCluster struct {
	Rank                      int
	Name                      string
	Flagship, Sessions        string
	Enterprises, Leads        string
	SignedValue, Contribution string
	Behind                    bool
}
