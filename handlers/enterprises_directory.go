package handlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/exports"
	"duijie/store"
)

// directoryFilter reads the directory's query (cluster, q, region, tier) and scopes it to the
// caller: an organiser sees the firms of its clusters only. ok is false when the organiser has
// no cluster, whose directory is empty.
func directoryFilter(c *fiber.Ctx) (store.EnterpriseFilter, bool, error) {
	u := currentUser(c)
	f := store.EnterpriseFilter{
		Cluster: strings.ToUpper(strings.TrimSpace(c.Query("cluster"))),
		Q:       strings.TrimSpace(c.Query("q")),
		Region:  resolveRegion(c.Query("region")),
	}
	if len([]rune(f.Q)) > 100 {
		return f, false, badRequest("q", "too_long", 100)
	}
	if f.Region != "" && !codes.ValidRegion(f.Region) {
		// An unknown region would list nothing and look like an empty directory.
		v := &domain.ValidationError{}
		v.Add("region", "region_unknown", f.Region)
		explainAmbiguousRegion(v, "region", f.Region)
		return f, false, &statusError{status: fiber.StatusBadRequest, key: "errors.bad_request", fields: v}
	}
	if v := c.Query("verification"); v != "" {
		f.Verification = domain.Verification(v)
		if !f.Verification.Valid() {
			return f, false, badRequest("verification", "one_of", "unverified, pending, verified, rejected")
		}
	}
	if t := c.Query("tier"); t != "" {
		tier, ok := domain.ParseTier(t)
		if !ok {
			return f, false, badRequest("tier", "tier_unknown", t)
		}
		f.Tier = tier
	}
	if u.Role == domain.RoleOrganiser {
		if f.Cluster != "" && !u.CanManageCluster(f.Cluster) {
			return f, false, domain.ErrForbidden
		}
		if len(u.Clusters) == 0 {
			return f, false, nil
		}
		f.Clusters = u.Clusters
	}
	return f, true, nil
}

// apiListEnterprises is the directory for organisers and admins. Listings carry no contact
// details: those are read one firm at a time (audited) or in an audited export.
func (h *Handler) apiListEnterprises(c *fiber.Ctx) error {
	f, ok, err := directoryFilter(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	if !ok {
		return sendList(c, []domain.Enterprise{}, "", 0)
	}
	es, next, total, err := h.deps.Store.Enterprises.List(c.UserContext(), f, page)
	if err != nil {
		return err
	}
	for i := range es {
		es[i] = es[i].WithoutContact()
	}
	return sendList(c, es, next, total)
}

// maxExportRows bounds one export; a larger directory is exported per cluster or region.
const maxExportRows = 100_000

// enterpriseExportColumns are the enterprise import columns (docs/contract.md), so an export re-imports as is.
var enterpriseExportColumns = []string{"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description",
	"certifications", "region", "tier", "scale", "export_markets", "contact_name", "contact_email", "contact_phone"}

func enterpriseExportRow(e *domain.Enterprise) []string {
	j := func(s []string) string { return strings.Join(s, ",") }
	return []string{e.Name, e.USCC, j(e.Clusters), j(e.IndustryCodes), j(e.HSCodes), strings.Join(e.Products, "、"),
		e.Description, j(e.Certifications), e.Region, string(e.Tier), string(e.Scale), j(e.ExportMarkets),
		e.Contact.Name, e.Contact.Email, e.Contact.Phone}
}

// directoryRows loads every enterprise of the caller's filtered directory, up to maxExportRows.
func (h *Handler) directoryRows(c *fiber.Ctx) ([]domain.Enterprise, store.EnterpriseFilter, error) {
	f, ok, err := directoryFilter(c)
	if err != nil || !ok {
		return nil, f, err
	}
	var all []domain.Enterprise
	page := store.Page{Limit: 500}
	for {
		es, next, total, err := h.deps.Store.Enterprises.List(c.UserContext(), f, page)
		if err != nil {
			return nil, f, err
		}
		if total > maxExportRows {
			return nil, f, withMessage(fiber.StatusUnprocessableEntity, "enterprises.export.tooMany", maxExportRows)
		}
		all = append(all, es...)
		if next == "" {
			return all, f, nil
		}
		page.Cursor = next
	}
}

// auditExport records who exported which slice of the directory, contact data included.
func (h *Handler) auditExport(c *fiber.Ctx, format string, f store.EnterpriseFilter, n int) {
	detail, _ := json.Marshal(map[string]any{"format": format, "rows": n, "cluster": f.Cluster, "q": f.Q,
		"region": f.Region, "tier": f.Tier, "scope": f.Clusters})
	h.audit(c.UserContext(), currentUser(c).ID, "enterprise.export", "enterprises", string(detail), clientIP(c))
}

// apiExportEnterprisesCSV answers the directory as UTF-8 CSV with a BOM, which Excel opens
// correctly, in the import format.
func (h *Handler) apiExportEnterprisesCSV(c *fiber.Ctx) error {
	es, f, err := h.directoryRows(c)
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
	h.auditExport(c, "csv", f, len(es))
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="enterprises.csv"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b.Bytes())
}

// apiExportEnterprisesXLSX answers the directory as an Excel workbook in the import format, with
// a second sheet naming regions for people reading it.
func (h *Handler) apiExportEnterprisesXLSX(c *fiber.Ctx) error {
	es, f, err := h.directoryRows(c)
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
	h.auditExport(c, "xlsx", f, len(es))
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="enterprises.xlsx"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
