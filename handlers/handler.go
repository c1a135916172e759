package handlers

import "time"

// Handler carries the dependencies every route handler needs; one value serves the whole app.
type Handler struct {
	deps Deps
}

func (h *Handler) now() time.Time {
	if h.deps.Now != nil {
		return h.deps.Now()
	}
	return time.Now()
}
