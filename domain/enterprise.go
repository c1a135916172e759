package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// EnterpriseTier is the firm's place in the chain-leader matrix (链主 + 骨干 + 新锐).
type EnterpriseTier string

// The enterprise tiers of docs/field.md.
const (
	TierChainLeader EnterpriseTier = "chain_leader"
	TierQuasiLeader EnterpriseTier = "quasi_leader"
	TierBackbone    EnterpriseTier = "backbone"
	TierEmerging    EnterpriseTier = "emerging"
	TierOther       EnterpriseTier = "other"
)

// EnterpriseTiers lists the tiers in display order.
var EnterpriseTiers = []EnterpriseTier{TierChainLeader, TierQuasiLeader, TierBackbone, TierEmerging, TierOther}

// Scale is the statistical size class (统计上大中小微型企业划分办法).
type Scale string

// The size classes.
const (
	ScaleLarge  Scale = "large"
	ScaleMedium Scale = "medium"
	ScaleSmall  Scale = "small"
	ScaleMicro  Scale = "micro"
)

// Scales lists the size classes in display order.
var Scales = []Scale{ScaleLarge, ScaleMedium, ScaleSmall, ScaleMicro}

// Contact is the person a counterpart reaches; shown only to those allowed to see it.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// EnterpriseStatus says whether an enterprise takes part in matching.
type EnterpriseStatus string

// Enterprise statuses; blocked firms are kept for the record but receive nothing.
const (
	EnterpriseActive  EnterpriseStatus = "active"
	EnterpriseBlocked EnterpriseStatus = "blocked"
)

// Enterprise is a firm: a potential supplier and a potential buyer at once.
type Enterprise struct {
	ID             string           `json:"id"`
	Name           string           `json:"name"`
	USCC           string           `json:"uscc"`
	Clusters       []string         `json:"clusters"`
	IndustryCodes  []string         `json:"industryCodes"`
	HSCodes        []string         `json:"hsCodes"`
	Products       []string         `json:"products"`
	Description    string           `json:"description"`
	Certifications []string         `json:"certifications"`
	Region         string           `json:"region"`
	Tier           EnterpriseTier   `json:"tier"`
	Scale          Scale            `json:"scale"`
	ExportMarkets  []string         `json:"exportMarkets"`
	Contact        Contact          `json:"contact"`
	Status         EnterpriseStatus `json:"status"`
	// Verification is the office's check of the business licence (verification.go); the note is
	// the reason of a rejection, shown to the enterprise. Only SetVerification changes them.
	Verification     Verification `json:"verification"`
	VerificationNote string       `json:"verificationNote,omitempty"`
	VerifiedAt       *time.Time   `json:"verifiedAt,omitempty"`
	CreatedAt        time.Time    `json:"createdAt"`
	UpdatedAt        time.Time    `json:"updatedAt"`
}

// MaxNameLength bounds names of enterprises and people.
const MaxNameLength = 100

// ValidateCore checks the fields every enterprise needs (name and USCC), normalising them first.
// The richer profile rules live with the profile code.
func (e *Enterprise) ValidateCore(prefix string) *ValidationError {
	v := &ValidationError{}
	e.Name = strings.TrimSpace(e.Name)
	e.USCC = NormalizeUSCC(e.USCC)
	if e.Name == "" {
		v.Add(prefix+"name", "required")
	} else if utf8.RuneCountInString(e.Name) > MaxNameLength {
		v.Add(prefix+"name", "too_long", MaxNameLength)
	}
	if p := USCCProblem(e.USCC); p != "" {
		v.Add(prefix+"uscc", p)
	}
	if e.Status == "" {
		e.Status = EnterpriseActive
	}
	if e.Tier == "" {
		e.Tier = TierOther
	}
	return v
}
