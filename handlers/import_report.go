package handlers

import (
	"duijie/domain"
	"duijie/importer"
	"duijie/locales"
)

// problemView is one report line with its reason in words.
type problemView struct {
	importer.Problem
	Message string `json:"message"`
}

// reportView is an import report whose problems read in the caller's language.
type reportView struct {
	*importer.Report
	BadRows  int           `json:"badRows"`
	Problems []problemView `json:"problems"`
}

// problemMessage words a problem: file-level keys live under "import.problem.", cell-level
// reasons are the same field messages forms show.
func problemMessage(lang string, p importer.Problem) string {
	if key := "import.problem." + p.Key; locales.Has(lang, key) {
		return locales.T(lang, key, p.Args...)
	}
	return fieldMessage(lang, domain.FieldProblem{Key: p.Key, Args: p.Args})
}

func localizedReport(lang string, r *importer.Report) *reportView {
	ps := make([]problemView, len(r.Problems))
	for i, p := range r.Problems {
		ps[i] = problemView{Problem: p, Message: problemMessage(lang, p)}
	}
	return &reportView{Report: r, BadRows: r.BadRows(), Problems: ps}
}

// importSummary is the one sentence above a refused file's report.
func importSummary(lang string, r *importer.Report) string {
	if r.BadRows() == 0 {
		return locales.T(lang, "import.refusedFile")
	}
	return locales.T(lang, "import.refusedRows", r.BadRows(), len(r.Problems))
}
