package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/matching"
	"duijie/service/intake"
	"duijie/store"
)

// newIntake wires the intake service to the matching engine (when matching is on) and the lead
// service. The engine is looked up on every call: matching may be attached after the handler
// is built.
func newIntake(h *Handler) *intake.Service {
	eng := func() *matching.Engine {
		if h.deps.Matches == nil {
			return nil
		}
		return h.deps.Matches.Engine()
	}
	// Triage writes through the lead service, which keeps the matching index in step: no hook.
	var leads intake.LeadStore
	if h.leads != nil {
		leads = h.leads.Records()
	} else if h.deps.Store != nil {
		leads = h.deps.Store.Leads
	}
	in := intake.New(eng, leads, nil, h.now)
	if h.deps.Store != nil && h.deps.Store.Triage != nil {
		in.WithLessons(h.deps.Store.Triage) // the platform learns from the office's corrections
	}
	return in
}

// intakeSvc returns the handler's intake service; handlers built by hand in tests get one too.
func (h *Handler) intakeSvc() *intake.Service {
	if h.intake == nil {
		h.intake = newIntake(h)
	}
	return h.intake
}

// apiAnalyseLead answers what the platform understood of a lead's text as typed so far.
func (h *Handler) apiAnalyseLead(c *fiber.Ctx) error {
	var in intake.AnalyseInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	_, cls, err := h.clusterIndex(c.UserContext())
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, h.intakeSvc().Analyse(in, cls, currentLocale(c)))
}

// apiConfirmLeadClusters is an organiser's answer in the triage queue: {clusters: [...]}.
func (h *Handler) apiConfirmLeadClusters(c *fiber.Ctx) error {
	var in struct {
		Clusters []string `json:"clusters"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	l, err := h.confirmClusters(c, in.Clusters)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, l)
}

func (h *Handler) confirmClusters(c *fiber.Ctx, clusters []string) (*domain.Lead, error) {
	return h.leads.ConfirmClusters(c.UserContext(), callerOf(c), c.Params("id"), clusters)
}

// triageCount is how many open leads with inferred clusters wait for the caller (organisers
// and admins; 0 for members), for the count in the navigation.
func (h *Handler) triageCount(c *fiber.Ctx) int {
	u := currentUser(c)
	if u == nil || (u.Role != domain.RoleOrganiser && u.Role != domain.RoleAdmin) {
		return 0
	}
	f := store.LeadFilter{Triage: true, Scope: triageScope(u)}
	_, _, total, err := h.deps.Store.Leads.List(c.UserContext(), f, store.Page{Limit: 1})
	if err != nil {
		h.web.log.Warn("triage count", "err", err)
		return 0
	}
	return total
}

// triageScope is the part of the queue one user answers for: an organiser its clusters, an
// admin everything.
func triageScope(u *domain.User) store.LeadScope {
	if u.Role == domain.RoleAdmin {
		return store.LeadScope{}
	}
	cs := u.Clusters
	if len(cs) == 0 {
		cs = []string{"-"} // an organiser of no cluster triages nothing
	}
	return store.LeadScope{Clusters: cs}
}

// analyseInputOf is what the intake service reads of a stored lead.
func analyseInputOf(l *domain.Lead) intake.AnalyseInput {
	return intake.AnalyseInput{Title: l.Title, Description: l.Description, HSCodes: l.HSCodes, IndustryCodes: l.IndustryCodes}
}
