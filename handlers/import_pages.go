package handlers

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/exports"
	"duijie/locales"
)

// pageImport is the upload page: admins import enterprises and leads, organisers the leads
// their fairs collected.
func (h *Handler) pageImport(c *fiber.Ctx) error {
	return h.renderImport(c, fiber.StatusOK, nil)
}

// renderImport renders the upload page with v's report or problems (v may be nil).
func (h *Handler) renderImport(c *fiber.Ctx, status int, v *importView) error {
	if v == nil {
		v = &importView{}
	}
	c.Path("/admin/import") // a report is shown at the upload's address, which has no page of its own
	v.CanEnterprises, v.MaxRows = currentUser(c).Role == domain.RoleAdmin, h.importMaxRows()
	if v.Title == "" {
		v.Title = locales.T(currentLocale(c), "import.title")
	}
	return h.render(c, status, "enterprises/import", v)
}

func (h *Handler) importMaxRows() int {
	if n := h.deps.Options.ImportMaxRows; n > 0 {
		return n
	}
	return 100_000
}

// formImport runs an upload and renders its report on the same page: 200 when applied or
// checked, 422 when the file was refused (nothing was written).
func (h *Handler) formImport(kind string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		lang := currentLocale(c)
		name, data, err := uploadedFile(c)
		if err != nil {
			return h.renderImport(c, fiber.StatusBadRequest, &importView{
				Kind: kind, Page: Page{Errors: map[string]string{kind + ".file": fieldMessage(lang, domain.FieldProblem{Key: "required"})}},
			})
		}
		rep, err := h.runImport(c, kind, name, data)
		if err != nil {
			return err
		}
		status := fiber.StatusOK
		if !rep.OK() {
			status = fiber.StatusUnprocessableEntity
		}
		return h.renderImport(c, status, &importView{
			Kind: kind, Report: localizedReport(lang, rep), Summary: importSummary(lang, rep),
		})
	}
}

// importTemplates are the header rows offered for download, in the docs/contract.md column order.
var importTemplates = map[string][]string{
	"enterprises": {"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description", "certifications",
		"region", "tier", "scale", "export_markets", "contact_name", "contact_email", "contact_phone"},
	"leads": {"title", "description", "clusters", "industry_codes", "hs_codes", "quantity", "unit", "budget_min",
		"budget_max", "currency", "delivery_region", "export_market", "required_certifications", "preferred_tiers",
		"deadline", "buyer_uscc", "buyer_name", "contact_name", "contact_email", "contact_phone", "status", "ref"},
}

// importTemplate answers an empty CSV with the header row of kind, with a BOM for Excel.
func (h *Handler) importTemplate(c *fiber.Ctx) error {
	kind := c.Params("kind")
	cols, ok := importTemplates[kind]
	if !ok {
		return domain.ErrNotFound
	}
	var b bytes.Buffer
	if err := exports.WriteCSV(&b, [][]string{cols}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+kind+`-template.csv"`)
	return c.Send(b.Bytes())
}
