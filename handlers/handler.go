package handlers

import (
	"time"

	"duijie/service/accounts"
	"duijie/service/intake"
)

// Handler carries the dependencies every route handler needs; one value serves the whole app.
type Handler struct {
	deps     Deps
	web      *webCore          // middleware state of the web core (app.go): metrics, keys
	accounts *accounts.Service // accounts, passwords, colleagues and sign-in limits
	intake   *intake.Service   // lead intake: analyse, infer clusters, triage (intake.go)
}

func (h *Handler) now() time.Time {
	if h.deps.Now != nil {
		return h.deps.Now()
	}
	return time.Now()
}
