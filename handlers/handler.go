package handlers

import (
	"time"

	"duijie/service/accounts"
)

// Handler carries the dependencies every route handler needs; one value serves the whole app.
type Handler struct {
	deps     Deps
	web      *webCore          // middleware state of the web core (app.go): metrics, keys
	accounts *accounts.Service // accounts, passwords, colleagues and sign-in limits
}

func (h *Handler) now() time.Time {
	if h.deps.Now != nil {
		return h.deps.Now()
	}
	return time.Now()
}
