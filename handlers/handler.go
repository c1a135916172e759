package handlers

import (
	"sync"
	"time"

	"duijie/service/accounts"
	entsvc "duijie/service/enterprises"
	evsvc "duijie/service/events"
	"duijie/service/intake"
	leadsvc "duijie/service/leads"
	meetsvc "duijie/service/meetings"
)

// Handler carries the dependencies every route handler needs; one value serves the whole app.
type Handler struct {
	deps     Deps
	web      *webCore          // middleware state of the web core (app.go): metrics, keys
	accounts *accounts.Service // accounts, passwords, colleagues and sign-in limits
	intake   *intake.Service   // lead intake: analyse, infer clusters, triage (intake.go)
	leads    *leadsvc.Service  // lead writes, imports and expiry, with the matching index in step
	ents     *entsvc.Service   // enterprise profiles, records and imports, with the index in step
	events   *evsvc.Service    // events, agendas and registrations (events.go, registrations.go)

	meetOnce sync.Once
	meet     *meetsvc.Service

	apiDocState // the OpenAPI document, built on first use (openapi.go)
}

// meetings is the 1:1 meetings service over the app's store and clock.
func (h *Handler) meetings() *meetsvc.Service {
	h.meetOnce.Do(func() { h.meet = meetsvc.New(h.deps.Store, h.now, h.deps.Logger) })
	return h.meet
}

// newServices builds the lead and enterprise services over the app's store, and makes the
// accounts and intake services write leads and enterprises through them, so the matching
// index follows every write without a handler calling it.
func (h *Handler) newServices() {
	h.leads = leadsvc.New(h.deps.Store, h.leadIndex, nil, h.deps.Logger, h.now)
	h.intake = newIntake(h) // writes through h.leads
	h.leads.Intake = h.intake
	h.ents = entsvc.New(h.deps.Store, h.enterpriseIndex, h.deps.Logger, h.now)
	if h.accounts != nil {
		recs := h.ents.Records()
		h.accounts.Verifier, h.accounts.Records, h.accounts.Registrar = recs, recs, recs
		if h.deps.Notify != nil {
			h.accounts.Welcomer = h.deps.Notify
		}
	}
}

// leadIndex and enterpriseIndex are the matching service, looked up on every write: tests
// attach matching after building the app. nil (not a nil pointer) when matching is off.
func (h *Handler) leadIndex() leadsvc.Index {
	if h.deps.Matches == nil {
		return nil
	}
	return h.deps.Matches
}

func (h *Handler) enterpriseIndex() entsvc.Index {
	if h.deps.Matches == nil {
		return nil
	}
	return h.deps.Matches
}

func (h *Handler) now() time.Time {
	if h.deps.Now != nil {
		return h.deps.Now()
	}
	return time.Now()
}
