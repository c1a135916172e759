package importer

import (
	"errors"
	"time"

	"duijie/domain"
)

// Options tune one import.
type Options struct {
	// MaxRows refuses larger files up front; 0 means DefaultMaxRows.
	MaxRows int
	// DryRun checks the file and reports without writing.
	DryRun bool
	// Now is the clock deadlines are checked against; zero means time.Now.
	Now time.Time
	// Location is where dates without a zone are read; nil means Asia/Shanghai.
	Location *time.Location
	// Progress, when set, is told how far each stage ("check", "write") has got.
	Progress func(stage string, done, total int)
	// InferClusters, when set, gives a lead row that names no cluster the clusters its text
	// points to (service/intake); without it such a row is stored without clusters.
	InferClusters func(*domain.Lead)
}

func (o *Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func (o *Options) location() *time.Location {
	if o.Location != nil {
		return o.Location
	}
	if loc, err := time.LoadLocation(domain.DefaultTimezone); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

func (o *Options) progress(stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(stage, done, total)
	}
}

// progressEvery is how many rows pass between progress calls while checking.
const progressEvery = 1000

// fieldProblems turns a validation error of one row into report lines, naming each field by
// the file's column. Errors that are not validation errors are returned as they are.
func fieldProblems(err error, line int, l *layout, row Row, columnOf map[string]string) ([]Problem, error) {
	var v *domain.ValidationError
	if !errors.As(err, &v) {
		return nil, err
	}
	ps := make([]Problem, 0, len(v.Fields))
	for field, p := range v.Fields {
		col := columnOf[field]
		if col == "" {
			col = field
		}
		ps = append(ps, Problem{Line: line, Column: l.title(col), Key: p.Key, Args: p.Args, Value: clip(l.cell(row, col), 80)})
	}
	sortProblems(ps)
	return ps, nil
}

// sortProblems orders the problems of one row by column, so reports read left to right and
// compare equal between runs.
func sortProblems(ps []Problem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Column < ps[j-1].Column; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
