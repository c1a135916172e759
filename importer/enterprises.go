package importer

import (
	"bytes"
	"context"
	"fmt"

	"duijie/domain"
)

// enterpriseColumns are the columns of docs/contract.md §Import formats, with the headers of the
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
// USCCs and updates known ones from a stream of batches, all-or-nothing where the engine can.
type EnterpriseWriter interface {
	UpsertBatches(ctx context.Context, next func() ([]domain.Enterprise, error), progress func(done int)) (created, updated int, err error)
}

// writeBatch is how many rows are built and handed to the store at a time.
const writeBatch = 1000

// KeepImported is the largest import whose stored enterprises Enterprises returns, for the
// caller to offer to matching one by one; a larger one returns none, and the caller lets the
// matching re-sync read it from the store, so no import is ever held whole in memory.
const KeepImported = 1000

// Enterprises imports an enterprise file in two streaming passes: the first checks every row
// (nothing is written when any row is bad), the second builds the rows again batch by batch
// and writes them. It returns the stored enterprises when there are at most KeepImported (none
// unless the report is OK and it was no dry run). The returned error is for a failing store
// only; every problem of the file is in the report, and then nothing was written.
func Enterprises(ctx context.Context, clusters []domain.Cluster, w EnterpriseWriter, name string, src Source, opt Options) (*Report, []domain.Enterprise, error) {
	rep := &Report{Kind: "enterprises", File: name, Problems: []Problem{}}
	ci := domain.NewClusterIndex(clusters)
	if !checkEnterprises(ci, name, src, opt, rep) || opt.DryRun {
		return rep, nil, nil
	}
	s, ps := openStream(name, src, opt.MaxRows)
	if len(ps) > 0 {
		return rep, nil, fmt.Errorf("import enterprises: the file changed between check and write: %v", ps)
	}
	defer s.Close()
	l, _, _ := mapHeader(s.Header, enterpriseColumns, enterpriseRequired, s.HeaderLine)
	// The batches are kept by reference: the store fills in each row's ID, status and creation
	// time in place, and the caller hands the rows as stored to the matching index. (Copies
	// taken before the write carried no ID, and the index skipped them.)
	var batches [][]domain.Enterprise
	rows := 0
	now := opt.now()
	next := func() ([]domain.Enterprise, error) {
		batch := make([]domain.Enterprise, 0, writeBatch)
		for len(batch) < writeBatch {
			row, ok := s.Next()
			if !ok {
				break
			}
			e := enterpriseFromRow(l, row)
			if err := e.Validate(ci); err != nil {
				return nil, fmt.Errorf("import enterprises: line %d changed between check and write: %w", row.Line, err)
			}
			// Only the office imports enterprises, so it vouches for the new ones; known firms
			// keep the verification the queue gave them (the store leaves it alone on update).
			e.Verification, e.VerifiedAt = domain.VerificationVerified, &now
			batch = append(batch, e)
		}
		if rows += len(batch); rows <= KeepImported {
			batches = append(batches, batch)
		}
		return batch, nil
	}
	created, updated, err := w.UpsertBatches(ctx, next, func(done int) { opt.progress("write", done, rep.Rows) })
	if err != nil {
		return rep, nil, fmt.Errorf("import enterprises: %w", err)
	}
	var kept []domain.Enterprise
	if rows <= KeepImported && created+updated <= KeepImported {
		kept = make([]domain.Enterprise, 0, rows)
		for _, b := range batches {
			kept = append(kept, b...)
		}
	}
	rep.Created, rep.Updated, rep.Applied = created, updated, true
	return rep, kept, nil
}

// CheckEnterprises reads and validates a whole file into enterprises, filling rep; ok is false
// when rep has problems. It holds every row: for files of a bounded size (tests, previews).
func CheckEnterprises(clusters []domain.Cluster, name string, data []byte, opt Options, rep *Report) ([]domain.Enterprise, bool) {
	var out []domain.Enterprise
	ok := eachEnterprise(domain.NewClusterIndex(clusters), name, bytes.NewReader(data), opt, rep, func(e domain.Enterprise) { out = append(out, e) })
	if !ok {
		return nil, false
	}
	return out, true
}

// checkEnterprises is the checking pass: every row validated, duplicate USCCs found, nothing
// kept but the USCCs seen.
func checkEnterprises(ci domain.ClusterIndex, name string, src Source, opt Options, rep *Report) bool {
	return eachEnterprise(ci, name, src, opt, rep, nil)
}

// eachEnterprise streams the rows of a file, validates each into an enterprise and hands the
// good ones to keep (may be nil); problems go to rep.
func eachEnterprise(ci domain.ClusterIndex, name string, src Source, opt Options, rep *Report, keep func(domain.Enterprise)) bool {
	s, ps := openStream(name, src, opt.MaxRows)
	if len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return false
	}
	defer s.Close()
	l, ignored, ps := mapHeader(s.Header, enterpriseColumns, enterpriseRequired, s.HeaderLine)
	rep.Ignored = ignored
	if len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return false
	}
	total := estimateRows(src, s)
	firstLine := map[string]int{}
	for {
		row, ok := s.Next()
		if !ok {
			break
		}
		if rep.Rows%progressEvery == 0 {
			opt.progress("check", rep.Rows, total)
		}
		rep.Rows++
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
		if keep != nil {
			keep(e)
		}
	}
	if ps := s.Problems(); len(ps) > 0 {
		rep.Problems = append(rep.Problems, ps...)
		return false
	}
	opt.progress("check", rep.Rows, max(total, rep.Rows))
	return rep.OK()
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
