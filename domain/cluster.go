package domain

import (
	"regexp"
	"strings"
	"time"
)

// ClusterTier is the band of the "465" system a cluster belongs to.
type ClusterTier string

// The three tiers of the 465 system.
const (
	TierLandmark  ClusterTier = "landmark"
	TierAdvantage ClusterTier = "advantage"
	TierFuture    ClusterTier = "future"
)

// Cluster is one industrial cluster. Clusters are data, not an enum: the future tier is changing.
type Cluster struct {
	Code          string      `json:"code"`
	Tier          ClusterTier `json:"tier"`
	NameZh        string      `json:"nameZh"`
	NameEn        string      `json:"nameEn"`
	IndustryCodes []string    `json:"industryCodes"`
	SortOrder     int         `json:"sortOrder"`
	UpdatedAt     time.Time   `json:"updatedAt"`
}

// Name returns the cluster's name in the locale, falling back to Chinese.
func (c Cluster) Name(locale string) string {
	if strings.HasPrefix(locale, "en") && c.NameEn != "" {
		return c.NameEn
	}
	return c.NameZh
}

var clusterCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,7}$`)

// Validate checks a cluster before it is stored.
func (c *Cluster) Validate() error {
	v := &ValidationError{}
	c.Code = strings.ToUpper(strings.TrimSpace(c.Code))
	c.NameZh = strings.TrimSpace(c.NameZh)
	c.NameEn = strings.TrimSpace(c.NameEn)
	if c.Code == "" {
		v.Add("code", "required")
	} else if !clusterCodeRE.MatchString(c.Code) {
		v.Add("code", "cluster_code_format")
	}
	switch c.Tier {
	case TierLandmark, TierAdvantage, TierFuture:
	case "":
		v.Add("tier", "required")
	default:
		v.Add("tier", "one_of", "landmark, advantage, future")
	}
	if c.NameZh == "" {
		v.Add("nameZh", "required")
	} else if len([]rune(c.NameZh)) > 60 {
		v.Add("nameZh", "too_long", 60)
	}
	if len([]rune(c.NameEn)) > 120 {
		v.Add("nameEn", "too_long", 120)
	}
	return v.Err()
}
