package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

// leadColumns are the lead columns of docs/contract.md, plus buyer_name and contact columns for
// outside buyers met at a fair (who have no USCC here) and an optional status.
var leadColumns = []column{
	{"title", []string{"标题", "需求标题", "采购需求"}},
	{"description", []string{"描述", "需求描述", "详细说明"}},
	{"clusters", []string{"产业集群", "集群"}},
	{"industry_codes", []string{"行业代码", "国民经济行业代码"}},
	{"hs_codes", []string{"HS编码", "海关编码"}},
	{"quantity", []string{"数量", "采购数量"}},
	{"unit", []string{"单位"}},
	{"budget_min", []string{"最低预算", "预算下限"}},
	{"budget_max", []string{"最高预算", "预算上限"}},
	{"currency", []string{"币种", "货币"}},
	{"delivery_region", []string{"交付地区", "交货地"}},
	{"export_market", []string{"出口市场", "目标市场"}},
	{"required_certifications", []string{"资质要求", "认证要求"}},
	{"preferred_tiers", []string{"优先梯队"}},
	{"deadline", []string{"截止日期", "截止时间", "有效期"}},
	{"buyer_uscc", []string{"采购方信用代码", "采购方统一社会信用代码"}},
	{"buyer_name", []string{"采购方", "采购方名称", "买家"}},
	{"contact_name", []string{"联系人"}},
	{"contact_email", []string{"联系邮箱", "邮箱"}},
	{"contact_phone", []string{"联系电话", "电话"}},
	{"status", []string{"状态"}},
	{"ref", []string{"参考号", "需求编号", "采购单号", "询价单号"}},
}

// Codes are not required: buyers do not know them, and the intake service infers the clusters.
// Nor is a quantity: an empty cell or none means "not stated".
var leadRequired = []string{"title"}

var leadFieldColumn = map[string]string{
	"title": "title", "description": "description", "clusters": "clusters",
	"industryCodes": "industry_codes", "hsCodes": "hs_codes", "quantity": "quantity", "unit": "unit",
	"budgetMin": "budget_min", "budgetMax": "budget_max", "currency": "currency",
	"deliveryRegion": "delivery_region", "exportMarket": "export_market",
	"requiredCertifications": "required_certifications", "preferredTiers": "preferred_tiers",
	"deadline": "deadline", "buyerName": "buyer_name", "contact.name": "contact_name",
	"contact.email": "contact_email", "contact.phone": "contact_phone", "status": "status", "ref": "ref",
}

// BuyerLookup finds the buyer enterprise named by a lead row's USCC.
type BuyerLookup interface {
	GetByUSCC(ctx context.Context, uscc string) (*domain.Enterprise, error)
}

// LeadWriter finds leads imported before by (buyer, ref) and stores the leads of one file,
// all-or-nothing where the engine can.
type LeadWriter interface {
	GetByRef(ctx context.Context, key string) (*domain.Lead, error)
	SaveImport(ctx context.Context, creates []domain.Lead, updates []store.LeadChange) error
}

// Leads imports a lead file on behalf of by (an admin, or an organiser whose clusters every row
// must touch) and returns the stored leads, new and updated. A row with a ref (the buyer's own
// reference) updates the lead imported before under the same (buyer, ref) instead of posting it
// again; rows without one are always new leads.
func Leads(ctx context.Context, clusters []domain.Cluster, buyers BuyerLookup, w LeadWriter, by *domain.User, name string, data []byte, opt Options) (*Report, []domain.Lead, error) {
	rep := &Report{Kind: "leads", File: name, Problems: []Problem{}}
	ls, ok, err := CheckLeads(ctx, clusters, buyers, by, name, data, opt, rep)
	if err != nil || !ok {
		return rep, nil, err
	}
	creates, updates, err := planRefs(ctx, w, by, ls, opt.now(), rep)
	if err != nil || !rep.OK() || opt.DryRun {
		return rep, nil, err
	}
	// Leads are written in one call so that an engine with transactions keeps the file whole.
	opt.progress("write", 0, len(ls))
	if err := w.SaveImport(ctx, creates, updates); err != nil {
		return rep, nil, fmt.Errorf("import leads: %w", err)
	}
	opt.progress("write", len(ls), len(ls))
	rep.Created, rep.Updated, rep.Applied = len(creates), len(updates), true
	out := creates
	for _, u := range updates {
		out = append(out, u.Lead)
	}
	return rep, out, nil
}

// planRefs splits checked leads into new ones and updates of leads stored under the same
// (buyer, ref). Two rows of one file with the same (buyer, ref) are refused, as is updating a
// lead of clusters an organiser does not run.
func planRefs(ctx context.Context, w LeadWriter, by *domain.User, ls []domain.Lead, now time.Time, rep *Report) ([]domain.Lead, []store.LeadChange, error) {
	creates := make([]domain.Lead, 0, len(ls))
	var updates []store.LeadChange
	firstLine := map[string]int{}
	for i := range ls {
		key := ls[i].RefKey()
		if key == "" {
			creates = append(creates, ls[i])
			continue
		}
		line := rep.lineOf(i)
		if prev, dup := firstLine[key]; dup {
			rep.Problems = append(rep.Problems, Problem{Line: line, Column: rep.refColumn, Key: "ops.problem.duplicate_ref", Args: []any{prev}, Value: ls[i].Ref})
			continue
		}
		firstLine[key] = line
		stored, err := w.GetByRef(ctx, key)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			creates = append(creates, ls[i])
		case err != nil:
			return nil, nil, fmt.Errorf("look up lead ref %s: %w", ls[i].Ref, err)
		case by != nil && by.Role == domain.RoleOrganiser && !managesAny(by, stored.Clusters):
			rep.Problems = append(rep.Problems, Problem{Line: line, Column: rep.refColumn, Key: "ops.problem.ref_not_yours", Value: ls[i].Ref})
		default:
			updates = append(updates, store.LeadChange{Lead: domain.Reimport(*stored, ls[i], now), Expect: stored.Status})
		}
	}
	return creates, updates, nil
}

// CheckLeads reads and validates a lead file, filling rep; ok is false when rep has problems.
// The error is for a failing buyer lookup only.
func CheckLeads(ctx context.Context, clusters []domain.Cluster, buyers BuyerLookup, by *domain.User, name string, data []byte, opt Options, rep *Report) ([]domain.Lead, bool, error) {
	t, ps := readTable(name, data, opt.MaxRows)
	if len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return nil, false, nil
	}
	rep.Rows = len(t.Rows)
	l, ignored, ps := mapHeader(t.Header, leadColumns, leadRequired, t.HeaderLine)
	rep.Ignored = ignored
	rep.refColumn = l.title("ref")
	if !l.has("buyer_uscc") && !l.has("buyer_name") {
		ps = append(ps, Problem{Line: t.HeaderLine, Column: "buyer_uscc", Key: "import_missing_column", Args: []any{"buyer_uscc / buyer_name"}})
	}
	if len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return nil, false, nil
	}
	ci := domain.NewClusterIndex(clusters)
	now, loc := opt.now(), opt.location()
	buyerCache := map[string]*domain.Enterprise{}
	out := make([]domain.Lead, 0, len(t.Rows))
	for i, row := range t.Rows {
		if i%progressEvery == 0 {
			opt.progress("check", i, len(t.Rows))
		}
		ld, rowPs := leadFromRow(l, row, loc)
		if u := l.cell(row, "buyer_uscc"); u != "" {
			b, p, err := lookupBuyer(ctx, buyers, buyerCache, u)
			if err != nil {
				return nil, false, err
			}
			if p == "" && by != nil && !domain.CanNameBuyer(by, b) {
				// An organiser imports leads only for firms of its clusters (as when posting one).
				p = "trust.import.buyer_scope"
			}
			if p != "" {
				rowPs = append(rowPs, Problem{Line: row.Line, Column: l.title("buyer_uscc"), Key: p, Value: u})
				ld.BuyerName = u // the row is refused already; spare it a second "buyer missing" line
			} else {
				ld.BuyerEnterpriseID = b.ID
				if ld.BuyerName == "" {
					ld.BuyerName = b.Name
				}
				if ld.Contact == (domain.Contact{}) {
					ld.Contact = b.Contact
				}
			}
		}
		if by != nil {
			ld.PostedBy = by.ID
		}
		ld.CreatedAt, ld.UpdatedAt = now, now
		if opt.InferClusters != nil {
			opt.InferClusters(&ld)
		}
		wantOpen := ld.Status == domain.LeadOpen
		ld.Status = domain.LeadDraft
		if err := ld.Validate(ci, now, true); err != nil {
			fps, _ := fieldProblems(err, row.Line, l, row, leadFieldColumn)
			rowPs = append(rowPs, fps...)
		} else if by != nil && by.Role == domain.RoleOrganiser && !ld.ClustersInferred && len(ld.Clusters) > 0 && !managesAny(by, ld.Clusters) {
			rowPs = append(rowPs, Problem{Line: row.Line, Column: l.title("clusters"), Key: "import_cluster_scope", Value: l.cell(row, "clusters")})
		}
		if len(rowPs) > 0 {
			rep.Problems = append(rep.Problems, dedupeColumns(rowPs)...)
			continue
		}
		if wantOpen {
			if err := ld.Open(now); err != nil {
				fps, _ := fieldProblems(err, row.Line, l, row, leadFieldColumn)
				rep.Problems = append(rep.Problems, fps...)
				continue
			}
		}
		ld.ID = domain.NewID()
		out = append(out, ld)
		rep.lines = append(rep.lines, row.Line)
	}
	opt.progress("check", len(t.Rows), len(t.Rows))
	return out, rep.OK(), nil
}

// leadFromRow builds a lead from a row; cells of the wrong type (a quantity that is not a
// number, a date that is not a date) are reported here, since the domain sees only typed values.
func leadFromRow(l *layout, row Row, loc *time.Location) (domain.Lead, []Problem) {
	c := func(name string) string { return l.cell(row, name) }
	list := func(name string) []string { return domain.SplitList(c(name)) }
	var ps []Problem
	bad := func(col, key string) {
		ps = append(ps, Problem{Line: row.Line, Column: l.title(col), Key: key, Value: clip(c(col), 80)})
	}
	ld := domain.Lead{
		Title:                  c("title"),
		Description:            c("description"),
		Clusters:               list("clusters"),
		IndustryCodes:          list("industry_codes"),
		HSCodes:                list("hs_codes"),
		Unit:                   c("unit"),
		Currency:               c("currency"),
		DeliveryRegion:         c("delivery_region"),
		ExportMarket:           c("export_market"),
		RequiredCertifications: list("required_certifications"),
		BuyerName:              c("buyer_name"),
		Ref:                    c("ref"),
		Contact:                domain.Contact{Name: c("contact_name"), Email: c("contact_email"), Phone: c("contact_phone")},
		Status:                 domain.LeadOpen,
	}
	for _, t := range list("preferred_tiers") {
		ld.PreferredTiers = append(ld.PreferredTiers, domain.EnterpriseTier(t))
	}
	if q := c("quantity"); q != "" {
		if f, ok := parseNumber(q); ok {
			ld.Quantity = f
		} else {
			bad("quantity", "number_format")
		}
	}
	for _, b := range []struct {
		col string
		dst *int64
	}{{"budget_min", &ld.BudgetMin}, {"budget_max", &ld.BudgetMax}} {
		if v := c(b.col); v != "" {
			if n, ok := parseYuan(v); ok {
				*b.dst = n
			} else {
				bad(b.col, "number_format")
			}
		}
	}
	if v := c("deadline"); v != "" {
		if d, ok := parseDeadline(v, loc); ok {
			ld.Deadline = d
		} else {
			bad("deadline", "date_format")
		}
	}
	switch s := strings.ToLower(c("status")); s {
	case "", "open", "发布", "开放":
	case "draft", "草稿":
		ld.Status = domain.LeadDraft
	default:
		bad("status", "import_lead_status")
	}
	return ld, ps
}

func lookupBuyer(ctx context.Context, buyers BuyerLookup, cache map[string]*domain.Enterprise, raw string) (*domain.Enterprise, string, error) {
	u := domain.NormalizeUSCC(raw)
	if p := domain.USCCProblem(u); p != "" {
		return nil, p, nil
	}
	if b, ok := cache[u]; ok {
		if b == nil {
			return nil, "import_buyer_unknown", nil
		}
		return b, "", nil
	}
	b, err := buyers.GetByUSCC(ctx, u)
	if errors.Is(err, domain.ErrNotFound) {
		cache[u] = nil
		return nil, "import_buyer_unknown", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("look up buyer %s: %w", u, err)
	}
	cache[u] = b
	return b, "", nil
}

func managesAny(u *domain.User, clusters []string) bool {
	for _, c := range clusters {
		if u.CanManageCluster(c) {
			return true
		}
	}
	return false
}

// dedupeColumns keeps the first problem of each column: a cell that is not a number need not
// also be reported as "must be positive".
func dedupeColumns(ps []Problem) []Problem {
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p.Column] {
			seen[p.Column] = true
			out = append(out, p)
		}
	}
	return out
}
