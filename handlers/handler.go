package handlers

import (
	"sync"
	"time"

	"duijie/service/accounts"
	evsvc "duijie/service/events"
	"duijie/service/intake"
	meetsvc "duijie/service/meetings"
)

// Handler carries the dependencies every route handler needs; one value serves the whole app.
type Handler struct {
	deps     Deps
	web      *webCore          // middleware state of the web core (app.go): metrics, keys
	accounts *accounts.Service // accounts, passwords, colleagues and sign-in limits
	intake   *intake.Service   // lead intake: analyse, infer clusters, triage (intake.go)
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

func (h *Handler) now() time.Time {
	if h.deps.Now != nil {
		return h.deps.Now()
	}
	return time.Now()
}
