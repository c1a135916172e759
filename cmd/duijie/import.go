package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"duijie/importer"
	"duijie/locales"
	entsvc "duijie/service/enterprises"
	"duijie/service/intake"
	leadsvc "duijie/service/leads"
)

func runImport(ctx context.Context, c *cli, args []string) error {
	f := newFlags("import", "enterprises|leads FILE.xlsx|FILE.csv [--dry-run] [--import-max-rows N] [--lang zh-CN|en]",
		"Imports enterprises or order leads from an Excel workbook (first sheet) or a UTF-8 CSV with a\n"+
			"header row, in the columns of docs/contract.md. A file with any bad row changes nothing: the report\n"+
			"lists every problem with its line, column and reason, and the command exits 1. Enterprises\n"+
			"whose USCC exists are updated, so importing the same file again is harmless. Leads are\n"+
			"created as open leads posted by the operator; run 'duijie match --all-open' afterwards to\n"+
			"rank them when no server is running. The row limit is the server's: IMPORT_MAX_ROWS or\n"+
			"--import-max-rows, like every other setting.")
	dryRun := f.Bool("dry-run", false, "check the file and print the report without writing")
	lang := f.String("lang", locales.Default, "language of the report: zh-CN or en")
	f.withConfig()
	pos, err := f.parsePositional(c, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 2:
		return usagef("import", "want a kind (enterprises or leads) and a FILE")
	case pos[0] != "enterprises" && pos[0] != "leads":
		return usagef("import", "unknown kind %q: enterprises or leads", pos[0])
	case *lang != "zh-CN" && *lang != "en":
		return usagef("import", "--lang must be zh-CN or en")
	}
	kind, path := pos[0], pos[1]
	// The file is read in place, twice (check, then write), never loaded whole: an enterprise
	// register of 10^6 rows stays within a few hundred MB.
	file, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	src := io.NewSectionReader(file, 0, info.Size())
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	st, err := openSeeded(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(st, nil)
	bar := newProgressBar(c.stdout)
	opt := importer.Options{MaxRows: cfg.ImportMaxRows, DryRun: *dryRun, Location: cfg.DefaultTZ, Progress: bar.update}
	// The same services as the upload page. This process holds no matching index: a running
	// server's follower takes the rows in within its interval (matchsvc.Follow), and matches
	// the open leads among them. Clusters are inferred from the vocabulary and the lessons of triage.
	name := filepath.Base(path)
	start := time.Now()
	var rep *importer.Report
	if kind == "enterprises" {
		rep, err = entsvc.New(st, nil, nil, nil).Import(ctx, entsvc.Actor{}, name, src, opt)
	} else {
		in := intake.New(nil, nil, nil, nil).WithLessons(st.Triage) // what the cluster office's triage taught
		rep, err = leadsvc.New(st, nil, in, nil, nil).Import(ctx, leadsvc.Actor{}, name, src, opt)
	}
	bar.done()
	if err != nil {
		return err
	}
	printReport(c.stdout, *lang, rep, time.Since(start))
	if !rep.OK() {
		return fmt.Errorf("import refused: %d problems in %d rows, nothing written", len(rep.Problems), rep.BadRows())
	}
	return nil
}

// printReport writes the report for a person: a summary, then one line per problem.
func printReport(w io.Writer, lang string, rep *importer.Report, took time.Duration) {
	switch {
	case !rep.OK():
		fmt.Fprintf(w, "%s: %d rows read, %d problems; nothing was written.\n", rep.File, rep.Rows, len(rep.Problems))
		for _, p := range rep.Problems {
			where := "file"
			if p.Line > 0 {
				where = fmt.Sprintf("line %d", p.Line)
			}
			if p.Column != "" {
				where += ", column " + p.Column
			}
			val := ""
			if p.Value != "" {
				val = fmt.Sprintf(" (%q)", p.Value)
			}
			fmt.Fprintf(w, "  %s: %s%s\n", where, reportMessage(lang, p), val)
		}
	case rep.Applied:
		fmt.Fprintf(w, "%s: %d rows imported in %s: %d created, %d updated.\n", rep.File, rep.Rows,
			took.Round(10*time.Millisecond), rep.Created, rep.Updated)
	default:
		fmt.Fprintf(w, "%s: %d rows checked, no problem found (dry run, nothing written).\n", rep.File, rep.Rows)
	}
	if len(rep.Ignored) > 0 {
		fmt.Fprintf(w, "Ignored columns: %s\n", strings.Join(rep.Ignored, ", "))
	}
}

// reportMessage words a problem as the upload page does.
func reportMessage(lang string, p importer.Problem) string {
	if strings.Contains(p.Key, ".") && locales.Has(lang, p.Key) {
		return locales.T(lang, p.Key, p.Args...)
	}
	if key := "import.problem." + p.Key; locales.Has(lang, key) {
		return locales.T(lang, key, p.Args...)
	}
	if key := "errors.field." + p.Key; locales.Has(lang, key) {
		return locales.T(lang, key, p.Args...)
	}
	return p.Key
}

// progressBar draws "[#####.....] 45% write" on a terminal; elsewhere (a pipe, a log file) it
// stays silent so output stays clean for scripts.
type progressBar struct {
	w     io.Writer
	on    bool
	last  string
	drawn bool
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok {
		return &progressBar{w: w}
	}
	fi, err := f.Stat()
	return &progressBar{w: w, on: err == nil && fi.Mode()&os.ModeCharDevice != 0}
}

func (b *progressBar) update(stage string, done, total int) {
	if !b.on || total <= 0 {
		return
	}
	const width = 30
	filled := done * width / total
	line := fmt.Sprintf("\r[%s%s] %3d%% %-5s %d/%d", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		done*100/total, stage, done, total)
	if line != b.last {
		fmt.Fprint(b.w, line)
		b.last, b.drawn = line, true
	}
}

func (b *progressBar) done() {
	if b.drawn {
		fmt.Fprint(b.w, "\r"+strings.Repeat(" ", len(b.last))+"\r")
	}
}
