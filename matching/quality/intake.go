package quality

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"duijie/domain"
	"duijie/matching"
)

// IntakeLead is the metadata of one lead of the intake set (testdata/intake.tsv): leads
// written without codes, the way buyers write them.
type IntakeLead struct {
	ID       string
	Category string   // colloquial, overseas, tradename
	HeldOut  bool     // no vocabulary entry is written against it
	Clusters []string // the clusters a person would route it to
}

// LoadIntake reads intake.tsv from dir.
func LoadIntake(dir string) ([]IntakeLead, error) {
	f, err := os.Open(filepath.Join(dir, "intake.tsv"))
	if err != nil {
		return nil, fmt.Errorf("quality: %w", err)
	}
	defer f.Close()
	var out []IntakeLead
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 4 || (p[2] != "dev" && p[2] != "heldout") {
			return nil, fmt.Errorf("quality: intake.tsv:%d: want lead<TAB>category<TAB>dev|heldout<TAB>clusters", n)
		}
		out = append(out, IntakeLead{ID: p[0], Category: p[1], HeldOut: p[2] == "heldout", Clusters: strings.Split(p[3], ",")})
	}
	return out, sc.Err()
}

// IntakeMetrics are the figures of one group of intake leads under one configuration.
type IntakeMetrics struct {
	Leads          int
	NDCG10         float64
	ClusterFirst   float64 // share whose first inferred cluster is one a person would choose
	CertViolations int     // top-10 suppliers lacking a certification the lead requires
	Refused        int     // leads the domain refuses for a missing code
	// NoEligible counts leads whose graded suppliers all lack a certification the lead requires
	// (or are not active): no supplier may be offered, so nDCG is undefined and the lead is left
	// out of it. The graders judged relevance only; the hard filter is the engine's duty.
	NoEligible int
}

// IntakeRow is one line of the intake report.
type IntakeRow struct {
	Group            string
	Engine, Baseline IntakeMetrics
}

// EvaluateIntake ranks every intake lead as production does — clusters inferred by the intake
// reading of the text, then the engine's ranking — and with plain BM25, without fair exposure
// (each lead alone), and groups the figures by half and category.
func EvaluateIntake(s *Set, meta []IntakeLead) ([]IntakeRow, error) {
	return EvaluateIntakeWith(s, meta, matching.DefaultConfig())
}

// EvaluateIntakeWith is EvaluateIntake with the engine set up by cfg: an older vocabulary, or
// a part of the engine turned off, to measure what a change adds.
func EvaluateIntakeWith(s *Set, meta []IntakeLead, cfg matching.Config) ([]IntakeRow, error) {
	eng := matching.New(cfg)
	eng.UpsertMany(s.Enterprises)
	base := matching.New(matching.BaselineConfig())
	base.UpsertMany(s.Enterprises)
	certs, active := s.supplierFacts(eng.Vocabulary())
	byID := map[string]domain.Lead{}
	for _, l := range s.Leads {
		byID[l.ID] = l
	}
	type one struct {
		meta       IntakeLead
		eng, bm    float64
		first      bool
		viol       int
		refused    bool
		noEligible bool
	}
	var all []one
	for _, m := range meta {
		l, ok := byID[m.ID]
		if !ok {
			return nil, fmt.Errorf("quality: intake lead %s is not in leads.jsonl", m.ID)
		}
		routed, inferred := Route(eng, l)
		o := one{meta: m, first: len(inferred) > 0 && slices.Contains(m.Clusters, inferred[0])}
		o.refused = refusedForCodes(l)
		rs, err := eng.SuppliersFor(routed, 20, matching.Options{NoExposure: true})
		if err != nil {
			return nil, fmt.Errorf("quality: lead %s: %w", l.ID, err)
		}
		grades := eligibleGrades(s.Grades[l.ID], l.RequiredCertifications, certs, active, eng.Vocabulary())
		o.noEligible = len(grades) == 0
		o.eng = NDCG(ids(rs), grades, 10)
		for _, r := range rs[:min(10, len(rs))] {
			for _, want := range l.RequiredCertifications {
				if !slices.Contains(certs[r.ID], eng.Vocabulary().Cert(want)) {
					o.viol++
				}
			}
		}
		bs, err := base.SuppliersFor(l, 20, matching.Options{NoExposure: true})
		if err != nil {
			return nil, fmt.Errorf("quality: baseline lead %s: %w", l.ID, err)
		}
		o.bm = NDCG(ids(bs), grades, 10)
		all = append(all, o)
	}
	type group struct {
		name string
		keep func(IntakeLead) bool
	}
	var groups []group
	for _, half := range []struct {
		name    string
		heldOut bool
	}{{"held-out", true}, {"dev", false}} {
		groups = append(groups, group{half.name + ", all", func(m IntakeLead) bool { return m.HeldOut == half.heldOut }})
		for _, c := range []struct{ name, category string }{
			{"colloquial", "colloquial"}, {"overseas/mixed", "overseas"}, {"trade names", "tradename"},
		} {
			groups = append(groups, group{half.name + ", " + c.name, func(m IntakeLead) bool {
				return m.HeldOut == half.heldOut && m.Category == c.category
			}})
		}
	}
	groups = append(groups, group{"all", func(IntakeLead) bool { return true }})
	var out []IntakeRow
	for _, g := range groups {
		row := IntakeRow{Group: g.name}
		for _, o := range all {
			if !g.keep(o.meta) {
				continue
			}
			row.Engine.Leads++
			if o.noEligible {
				row.Engine.NoEligible++
			} else {
				row.Engine.NDCG10 += o.eng
				row.Baseline.NDCG10 += o.bm
			}
			if o.first {
				row.Engine.ClusterFirst++
			}
			row.Engine.CertViolations += o.viol
			if o.refused {
				row.Engine.Refused++
			}
		}
		if row.Engine.Leads == 0 {
			continue
		}
		n := float64(row.Engine.Leads)
		if ranked := n - float64(row.Engine.NoEligible); ranked > 0 {
			row.Engine.NDCG10 /= ranked
			row.Baseline.NDCG10 /= ranked
		}
		row.Engine.ClusterFirst /= n
		row.Baseline.Leads = row.Engine.Leads
		out = append(out, row)
	}
	return out, nil
}

// Route opens a code-less lead the way the platform does: the clusters it infers (flagged as
// inferred) and the export market it reads from the destination. It returns the routed lead
// and the inferred clusters, best first.
func Route(eng *matching.Engine, l domain.Lead) (domain.Lead, []string) {
	u := eng.Understand(l.Title, l.Description, l.HSCodes, l.IndustryCodes)
	inferred := u.InferClusters()
	l.Clusters, l.ClustersInferred = inferred, len(inferred) > 0
	if l.ExportMarket == "" {
		l.ExportMarket = u.ExportMarket
	}
	return l, inferred
}

// supplierFacts returns each supplier's certifications (normalised by v) and whether it is
// active: what decides which graded suppliers the engine may offer.
func (s *Set) supplierFacts(v *matching.Vocabulary) (certs map[string][]string, active map[string]bool) {
	certs, active = map[string][]string{}, map[string]bool{}
	for _, e := range s.Enterprises {
		active[e.ID] = e.Status == "" || e.Status == domain.EnterpriseActive
		for _, c := range e.Certifications {
			certs[e.ID] = append(certs[e.ID], v.Cert(c))
		}
	}
	return certs, active
}

// EligibleGrades is what a lead's nDCG is measured against: its graded suppliers that are
// active and hold every certification it requires.
func (s *Set) EligibleGrades(l domain.Lead, v *matching.Vocabulary) map[string]int {
	certs, active := s.supplierFacts(v)
	return eligibleGrades(s.Grades[l.ID], l.RequiredCertifications, certs, active, v)
}

// eligibleGrades keeps the graded suppliers the engine may offer for a lead: active, and holding
// every certification the lead requires.
func eligibleGrades(grades map[string]int, required []string, certs map[string][]string, active map[string]bool,
	v *matching.Vocabulary) map[string]int {
	out := map[string]int{}
	for id, g := range grades {
		ok := g > 0 && active[id]
		for _, want := range required {
			ok = ok && slices.Contains(certs[id], v.Cert(want))
		}
		if ok {
			out[id] = g
		}
	}
	return out
}

func ids(rs []matching.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// refusedForCodes reports whether the lead rules refuse l, as a buyer would post it, for a
// missing or unknown code (clusters, industry or HS codes).
func refusedForCodes(l domain.Lead) bool {
	l.BuyerName, l.Status, l.Quantity = "buyer", domain.LeadDraft, max(l.Quantity, 1)
	err := l.Validate(domain.NewClusterIndex(nil), l.CreatedAt, false)
	v, ok := err.(*domain.ValidationError)
	return ok && (v.Has("clusters") || v.Has("industryCodes") || v.Has("hsCodes"))
}

// ReportIntake prints the intake table.
func ReportIntake(w io.Writer, rows []IntakeRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "leads\tn\tnDCG@10 engine\tnDCG@10 BM25\tcluster first\tcert violations\trefused\tno eligible supplier\t\n")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.0f%%\t%d\t%d\t%d\t\n", r.Group, r.Engine.Leads, r.Engine.NDCG10,
			r.Baseline.NDCG10, 100*r.Engine.ClusterFirst, r.Engine.CertViolations, r.Engine.Refused, r.Engine.NoEligible)
	}
	return tw.Flush()
}
