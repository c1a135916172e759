package handlers

import (
	"html/template"
	"sort"
	"strconv"
	"time"
)

// The desktop programme is a time grid (as Indico draws timetables): one column per track,
// one row per moment a session starts or ends, a session spanning the rows it lasts, so that
// sessions held at the same time stand level. It is an HTML table with rowspans: it needs no
// inline styles (the CSP forbids them) and reads in order without CSS. A track whose sessions
// overlap (two rooms of one track) gets a column per lane under one heading.

// gridView is one day's time grid.
type gridView struct {
	Heads []gridHead
	Rows  []gridRow
}

// gridHead is one track's heading over its lanes; Name "" is the main programme.
type gridHead struct {
	Name string
	Span int
}

// gridRow is the rows' moment and its cells, left to right; cells covered by a session that
// started above are left out, as a table with rowspans wants.
type gridRow struct {
	Time  string
	Cells []gridCell
}

// gridCell is an empty slot (Session nil) or the start of a session spanning Span rows and
// Cols columns; Attrs are its cell's attributes, written once here.
type gridCell struct {
	Span, Cols int
	Session    *agendaRowView
	Attrs      template.HTMLAttr
}

// cell is the grid cell of session s spanning rows and cols.
func cell(s *agendaRowView, rows, cols int) gridCell {
	a := `class="agenda-cell agenda-` + template.HTMLEscapeString(s.Kind) + `"`
	if rows > 1 {
		a += ` rowspan="` + strconv.Itoa(rows) + `"`
	}
	if cols > 1 {
		a += ` colspan="` + strconv.Itoa(cols) + `"`
	}
	return gridCell{Span: rows, Cols: cols, Session: s, Attrs: template.HTMLAttr(a)} // #nosec G203 -- escaped above
}

// buildGrid lays out a day's tracks (each in time order) on its time grid. A session of the
// main programme (track "") that no other track's session overlaps, an opening plenary or a
// lunch break, spans every column; the main programme keeps a column of its own only for its
// sessions held alongside the tracks.
func buildGrid(tracks []agendaTrackView, loc *time.Location) gridView {
	var g gridView
	type placed struct {
		row  *agendaRowView
		col  int
		wide bool
	}
	var all []placed
	wide := map[*agendaRowView]bool{}
	if len(tracks) > 1 {
		for ti := range tracks {
			if tracks[ti].Name != "" {
				continue
			}
			for ri := range tracks[ti].Rows {
				r := &tracks[ti].Rows[ri]
				alone := true
				for tj := range tracks {
					for _, o := range tracks[tj].Rows {
						if tj != ti && o.start.Before(r.end) && r.start.Before(o.end) {
							alone = false
						}
					}
				}
				wide[r] = alone
			}
		}
	}
	col := 0
	for ti := range tracks {
		var laneEnds []time.Time // when each lane of this track is free again
		for ri := range tracks[ti].Rows {
			r := &tracks[ti].Rows[ri]
			if wide[r] {
				all = append(all, placed{row: r, wide: true})
				continue
			}
			lane := -1
			for l, end := range laneEnds {
				if !r.start.Before(end) {
					lane = l
					break
				}
			}
			if lane < 0 {
				lane = len(laneEnds)
				laneEnds = append(laneEnds, time.Time{})
			}
			laneEnds[lane] = r.end
			all = append(all, placed{row: r, col: col + lane})
		}
		if len(laneEnds) == 0 && tracks[ti].Name == "" && len(tracks) > 1 {
			continue // the main programme spans the tracks: no column of its own
		}
		span := max(1, len(laneEnds))
		g.Heads = append(g.Heads, gridHead{Name: tracks[ti].Name, Span: span})
		col += span
	}
	// The moments: every start and end, in order.
	var moments []time.Time
	seen := map[int64]bool{}
	for _, p := range all {
		for _, t := range []time.Time{p.row.start, p.row.end} {
			if k := t.UnixNano(); !seen[k] {
				seen[k] = true
				moments = append(moments, t)
			}
		}
	}
	sort.Slice(moments, func(a, b int) bool { return moments[a].Before(moments[b]) })
	index := make(map[int64]int, len(moments))
	for i, t := range moments {
		index[t.UnixNano()] = i
	}
	n := max(0, len(moments)-1)
	starts := make([][]*agendaRowView, n) // starts[row][col]
	covered := make([][]bool, n)
	for i := range n {
		starts[i], covered[i] = make([]*agendaRowView, col), make([]bool, col)
	}
	wideAt := make([]*agendaRowView, n)
	for _, p := range all {
		from, to := index[p.row.start.UnixNano()], index[p.row.end.UnixNano()]
		if p.wide {
			wideAt[from] = p.row
			for i := from; i < to; i++ {
				for c := range col {
					covered[i][c] = true
				}
			}
			continue
		}
		starts[from][p.col] = p.row
		for i := from + 1; i < to; i++ {
			covered[i][p.col] = true
		}
	}
	for i := range n {
		row := gridRow{Time: moments[i].In(loc).Format("15:04")}
		if w := wideAt[i]; w != nil {
			row.Cells = append(row.Cells, cell(w, index[w.end.UnixNano()]-i, col))
		}
		for c := range col {
			switch s := starts[i][c]; {
			case s != nil:
				row.Cells = append(row.Cells, cell(s, index[s.end.UnixNano()]-i, 1))
			case !covered[i][c]:
				row.Cells = append(row.Cells, gridCell{Span: 1, Cols: 1})
			}
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}
