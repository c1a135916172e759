package importer

import (
	"context"
	"fmt"

	"duijie/domain"
)

// enterpriseColumns are the columns of CONTRACT.md §Import formats, with the headers of the
// office's Chinese templates as aliases.
var enterpriseColumns = []column{
	{"name", []string{"企业名称", "名称", "enterprise", "company"}},
	{"uscc", []string{"统一社会信用代码", "信用代码", "社会信用代码"}},
	{"clusters", []string{"产业集群", "集群", "所属集群"}},
	{"industry_codes", []string{"行业代码", "国民经济行业代码", "国民经济行业分类"}},
	{"hs_codes", []string{"HS编码", "海关编码", "商品编码"}},
	{"products", []string{"主要产品", "产品"}},
	{"description", []string{"企业简介", "简介", "描述"}},
	{"certifications", []string{"认证", "资质认证", "体系认证"}},
	{"region", []string{"行政区划代码", "行政区划", "所在地区", "区域"}},
	{"tier", []string{"梯队", "企业梯队", "层级"}},
	{"scale", []string{"规模", "企业规模"}},
	{"export_markets", []string{"出口市场", "主要出口市场"}},
	{"contact_name", []string{"联系人"}},
	{"contact_email", []string{"联系邮箱", "邮箱", "电子邮箱"}},
	{"contact_phone", []string{"联系电话", "电话", "手机"}},
}

// enterpriseRequired are the columns without which a row cannot be an enterprise of a cluster.
var enterpriseRequired = []string{"name", "uscc", "clusters"}

// enterpriseFieldColumn maps the domain's field names to the columns they come from.
var enterpriseFieldColumn = map[string]string{
	"name": "name", "uscc": "uscc", "clusters": "clusters", "industryCodes": "industry_codes",
	"hsCodes": "hs_codes", "products": "products", "description": "description",
	"certifications": "certifications", "region": "region", "tier": "tier", "scale": "scale",
	"exportMarkets": "export_markets", "contact.name": "contact_name",
	"contact.email": "contact_email", "contact.phone": "contact_phone",
}

// EnterpriseWriter is what an enterprise import needs of the store: one call that creates new
// USCCs and updates known ones, all-or-nothing where the engine can.
type EnterpriseWriter interface {
	UpsertByUSCC(ctx context.Context, es []domain.Enterprise, progress func(done int)) (created, updated int, err error)
}

// Enterprises imports an enterprise file and returns the stored enterprises (none unless the
// report is OK and it was no dry run). The returned error is for a failing store only; every
// problem of the file is in the report, and then nothing was written.
func Enterprises(ctx context.Context, clusters []domain.Cluster, w EnterpriseWriter, name string, data []byte, opt Options) (*Report, []domain.Enterprise, error) {
	rep := &Report{Kind: "enterprises", File: name, Problems: []Problem{}}
	es, ok := CheckEnterprises(clusters, name, data, opt, rep)
	if !ok || opt.DryRun {
		return rep, nil, nil
	}
	// Only the office imports enterprises, so it vouches for the new ones; known firms keep the
	// verification the queue gave them (the store leaves it alone on update).
	now := opt.now()
	for i := range es {
		es[i].Verification, es[i].VerifiedAt = domain.VerificationVerified, &now
	}
	created, updated, err := w.UpsertByUSCC(ctx, es, func(done int) { opt.progress("write", done, len(es)) })
	if err != nil {
		return rep, nil, fmt.Errorf("import enterprises: %w", err)
	}
	rep.Created, rep.Updated, rep.Applied = created, updated, true
	return rep, es, nil
}

// CheckEnterprises reads and validates a file into enterprises, filling rep; ok is false when
// rep has problems.
func CheckEnterprises(clusters []domain.Cluster, name string, data []byte, opt Options, rep *Report) ([]domain.Enterprise, bool) {
	t, ps := readTable(name, data, opt.MaxRows)
	if len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return nil, false
	}
	rep.Rows = len(t.Rows)
	l, ignored, ps := mapHeader(t.Header, enterpriseColumns, enterpriseRequired, t.HeaderLine)
	rep.Ignored = ignored
	if len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return nil, false
	}
	ci := domain.NewClusterIndex(clusters)
	out := make([]domain.Enterprise, 0, len(t.Rows))
	firstLine := make(map[string]int, len(t.Rows))
	for i, row := range t.Rows {
		if i%progressEvery == 0 {
			opt.progress("check", i, len(t.Rows))
		}
		e := enterpriseFromRow(l, row)
		err := e.Validate(ci) // normalises the USCC even when it refuses the row
		if first, dup := firstLine[e.USCC]; dup && e.USCC != "" {
			rep.add(Problem{Line: row.Line, Column: l.title("uscc"), Key: "import_duplicate_uscc", Args: []any{first}, Value: e.USCC})
			continue
		}
		firstLine[e.USCC] = row.Line
		if err != nil {
			ps, _ := fieldProblems(err, row.Line, l, row, enterpriseFieldColumn)
			rep.Problems = append(rep.Problems, ps...)
			continue
		}
		out = append(out, e)
	}
	opt.progress("check", len(t.Rows), len(t.Rows))
	return out, rep.OK()
}

func enterpriseFromRow(l *layout, row Row) domain.Enterprise {
	c := func(name string) string { return l.cell(row, name) }
	list := func(name string) []string { return domain.SplitList(c(name)) }
	return domain.Enterprise{
		Name:           c("name"),
		USCC:           c("uscc"),
		Clusters:       list("clusters"),
		IndustryCodes:  list("industry_codes"),
		HSCodes:        list("hs_codes"),
		Products:       list("products"),
		Description:    c("description"),
		Certifications: list("certifications"),
		Region:         c("region"),
		Tier:           domain.EnterpriseTier(c("tier")),
		Scale:          domain.Scale(c("scale")),
		ExportMarkets:  list("export_markets"),
		Contact:        domain.Contact{Name: c("contact_name"), Email: c("contact_email"), Phone: c("contact_phone")},
	}
}
