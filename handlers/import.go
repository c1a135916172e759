package handlers

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/importer"
)

// uploadedFile reads the multipart "file" field of an import, bounded by the body limit the
// app already enforces.
func uploadedFile(c *fiber.Ctx) (string, []byte, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return "", nil, badRequest("file", "required")
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", nil, fmt.Errorf("read upload: %w", err)
	}
	return filepath.Base(fh.Filename), data, nil
}

func (h *Handler) importOptions(c *fiber.Ctx) importer.Options {
	v := strings.ToLower(c.FormValue("dryRun", c.Query("dryRun")))
	return importer.Options{
		MaxRows:  h.deps.Options.ImportMaxRows,
		DryRun:   v == "1" || v == "true" || v == "on",
		Now:      h.now(),
		Location: h.loadZone(""),
	}
}

// runImport imports one uploaded file of kind ("enterprises" or "leads") through its service,
// which keeps the matching index in step and audits it. Problems of the file are in the
// report, not in the error.
func (h *Handler) runImport(c *fiber.Ctx, kind, name string, data []byte) (*importer.Report, error) {
	ctx, a, opt := c.UserContext(), callerOf(c), h.importOptions(c)
	switch kind {
	case "enterprises":
		return h.ents.Import(ctx, a, name, bytes.NewReader(data), opt)
	case "leads":
		return h.leads.Import(ctx, a, name, bytes.NewReader(data), opt)
	}
	return nil, fmt.Errorf("import: unknown kind %q", kind)
}

// apiImport answers an import: 200 with the report when the file was applied (or checked, on a
// dry run), 422 with the same report and an error envelope when it was refused.
func (h *Handler) apiImport(kind string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		name, data, err := uploadedFile(c)
		if err != nil {
			return err
		}
		rep, err := h.runImport(c, kind, name, data)
		if err != nil {
			return err
		}
		if rep.OK() {
			return sendData(c, fiber.StatusOK, rep)
		}
		lang := currentLocale(c)
		return c.Status(fiber.StatusUnprocessableEntity).JSON(fiber.Map{
			"error": fiber.Map{"code": "validation", "message": importSummary(lang, rep),
				"fields": fiber.Map{"file": importSummary(lang, rep)}},
			"report": localizedReport(lang, rep),
		})
	}
}
