package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"duijie/store"
)

// Page sizes of API lists.
const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// pageParams reads ?limit= and ?cursor= of a list request.
func pageParams(c *fiber.Ctx) (store.Page, error) {
	p := store.Page{Cursor: c.Query("cursor")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return p, badRequest("limit", "positive_integer")
		}
		p.Limit = n
	}
	return p.Clamp(defaultPageSize, maxPageSize), nil
}
