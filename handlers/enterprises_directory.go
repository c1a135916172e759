package handlers

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/exports"
	"duijie/store"
)

// directoryFilter reads the directory's query (cluster, q, region, tier); service/enterprises
// scopes it to the caller.
func directoryFilter(c *fiber.Ctx) (store.EnterpriseFilter, error) {
	f := store.EnterpriseFilter{
		Cluster: strings.ToUpper(strings.TrimSpace(c.Query("cluster"))),
		Q:       strings.TrimSpace(c.Query("q")),
		Region:  resolveRegion(c.Query("region")),
	}
	if len([]rune(f.Q)) > 100 {
		return f, badRequest("q", "too_long", 100)
	}
	if f.Region != "" && !codes.ValidRegion(f.Region) {
		// An unknown region would list nothing and look like an empty directory.
		v := &domain.ValidationError{}
		v.Add("region", "region_unknown", f.Region)
		explainAmbiguousRegion(v, "region", f.Region)
		return f, &statusError{status: fiber.StatusBadRequest, key: "errors.bad_request", fields: v}
	}
	if v := c.Query("verification"); v != "" {
		f.Verification = domain.Verification(v)
		if !f.Verification.Valid() {
			return f, badRequest("verification", "one_of", "unverified, pending, verified, rejected")
		}
	}
	if t := c.Query("tier"); t != "" {
		tier, ok := domain.ParseTier(t)
		if !ok {
			return f, badRequest("tier", "tier_unknown", t)
		}
		f.Tier = tier
	}
	return f, nil
}

// apiListEnterprises is the directory for organisers and admins, without contact details.
func (h *Handler) apiListEnterprises(c *fiber.Ctx) error {
	f, err := directoryFilter(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	es, next, total, err := h.ents.Directory(c.UserContext(), callerOf(c), f, page)
	if err != nil {
		return err
	}
	return sendList(c, es, next, total)
}

// enterpriseExportColumns are the enterprise import columns (docs/contract.md), so an export re-imports as is.
var enterpriseExportColumns = []string{"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description",
	"certifications", "region", "tier", "scale", "export_markets", "contact_name", "contact_email", "contact_phone"}

func enterpriseExportRow(e *domain.Enterprise) []string {
	j := func(s []string) string { return strings.Join(s, ",") }
	return []string{e.Name, e.USCC, j(e.Clusters), j(e.IndustryCodes), j(e.HSCodes), strings.Join(e.Products, "、"),
		e.Description, j(e.Certifications), e.Region, string(e.Tier), string(e.Scale), j(e.ExportMarkets),
		e.Contact.Name, e.Contact.Email, e.Contact.Phone}
}

// directoryRows loads the caller's filtered directory for an export in format, audited
// (service/enterprises).
func (h *Handler) directoryRows(c *fiber.Ctx, format string) ([]domain.Enterprise, error) {
	f, err := directoryFilter(c)
	if err != nil {
		return nil, err
	}
	return h.ents.Export(c.UserContext(), callerOf(c), f, format)
}

// apiExportEnterprisesCSV answers the directory as UTF-8 CSV with a BOM, which Excel opens
// correctly, in the import format.
func (h *Handler) apiExportEnterprisesCSV(c *fiber.Ctx) error {
	es, err := h.directoryRows(c, "csv")
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(es)+1)
	rows = append(rows, enterpriseExportColumns)
	for i := range es {
		rows = append(rows, enterpriseExportRow(&es[i]))
	}
	var b bytes.Buffer
	if err := exports.WriteCSV(&b, rows); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="enterprises.csv"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b.Bytes())
}

// apiExportEnterprisesXLSX answers the directory as an Excel workbook in the import format, with
// a second sheet naming regions for people reading it.
func (h *Handler) apiExportEnterprisesXLSX(c *fiber.Ctx) error {
	es, err := h.directoryRows(c, "xlsx")
	if err != nil {
		return err
	}
	x := excelize.NewFile()
	defer x.Close()
	sheet := "enterprises"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	row := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, s := range cells {
			vals[i] = s // always text: a USCC or HS code must not become a number
		}
		ref, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(ref, vals)
	}
	if err := row(1, enterpriseExportColumns); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	for i := range es {
		if err := row(i+2, enterpriseExportRow(&es[i])); err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if _, err := x.NewSheet("regions"); err == nil {
		seen := map[string]bool{}
		n := 1
		_ = x.SetSheetRow("regions", "A1", &[]any{"region", "name"})
		for i := range es {
			if r := es[i].Region; r != "" && !seen[r] {
				seen[r] = true
				n++
				ref, _ := excelize.CoordinatesToCellName(1, n)
				_ = x.SetSheetRow("regions", ref, &[]any{r, codes.RegionPath(r)})
			}
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="enterprises.xlsx"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
