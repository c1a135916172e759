package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/domain/codes"
)

// apiCodes answers a code picker: GET /api/v1/codes/{kind}?q=&limit= (public; the lists are
// public standards).
func (h *Handler) apiCodes(c *fiber.Ctx) error {
	kind := c.Params("kind")
	if !codes.ValidKind(kind) {
		return domain.ErrNotFound
	}
	limit := 20
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			return badRequest("limit", "intake_limit_range")
		}
		limit = n
	}
	if q := c.Query("q"); len([]rune(q)) > codes.MaxQuery {
		return badRequest("q", "too_long", codes.MaxQuery)
	}
	items := codes.Search(kind, c.Query("q"), limit)
	if items == nil {
		items = []codes.Item{}
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return sendData(c, fiber.StatusOK, items)
}
