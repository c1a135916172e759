package handlers

import (
	"io/fs"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/static"
)

// staticFile serves the embedded CSS, JavaScript and images. Versioned URLs ({{asset}} adds
// ?v=<content hash>) may be cached for a year, since a change of the file changes the URL.
func (h *Handler) staticFile(c *fiber.Ctx) error {
	name := c.Params("*")
	if name == "" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") {
		return domain.ErrNotFound
	}
	b, err := fs.ReadFile(static.FS, name)
	if err != nil || path.Ext(name) == ".go" {
		return domain.ErrNotFound
	}
	if v := c.Query("v"); v != "" && v == assetVersions[name] {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	}
	c.Type(strings.TrimPrefix(path.Ext(name), "."), "utf-8")
	return c.Send(b)
}
