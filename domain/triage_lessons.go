package domain

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// TriageCorrection is an organiser's correction of the clusters the platform inferred for a
// lead, kept with what the engine read from the lead (its product and scene terms), so that the
// next lead written the same way can be routed as the cluster office routed this one.
type TriageCorrection struct {
	ID     string `json:"id"`
	LeadID string `json:"leadId"`
	// Terms are the products and scene phrases the engine read from the lead
	// (matching.Understanding: products, then scene phrases), as it reported them.
	Terms []string `json:"terms"`
	// Clusters are the organiser's answer; Removed the inferred clusters it took away, Added
	// those it put in.
	Clusters []string  `json:"clusters"`
	Removed  []string  `json:"removed"`
	Added    []string  `json:"added"`
	By       string    `json:"by"`     // user ID
	ByName   string    `json:"byName"` // the user's name when correcting: the page says who
	At       time.Time `json:"at"`
}

// MaxCorrections bounds the corrections read to learn from: the latest ones teach, and a
// year of a busy office's triage fits (20 a working day).
const MaxCorrections = 5000

// MaxCorrectionTerms bounds the terms kept of one lead: a long lead reads many products, and
// a correction teaches through the few it names first.
const MaxCorrectionTerms = 16

// LessonOff is a learned link an organiser or admin switched off: the platform no longer routes
// by it, whatever the corrections say, until it is switched on again.
type LessonOff struct {
	Term    string    `json:"term"`
	Cluster string    `json:"cluster"`
	By      string    `json:"by"`
	ByName  string    `json:"byName"`
	At      time.Time `json:"at"`
}

// LearnedLink is what the corrections taught about one term and one cluster.
type LearnedLink struct {
	Term    string `json:"term"`
	Cluster string `json:"cluster"`
	// Toward counts the leads corrected towards the cluster while reading the term, Away those
	// corrected away from it; Net = Toward − Away.
	Toward int `json:"toward"`
	Away   int `json:"away"`
	Net    int `json:"net"`
	// Last is the latest correction towards the cluster, and who made it.
	Last       time.Time `json:"last"`
	LastBy     string    `json:"lastBy"`
	LastByName string    `json:"lastByName"`
	// Off is set when someone switched the link off (OffBy, OffAt); it is then listed but not
	// used.
	Off   bool       `json:"off"`
	OffBy string     `json:"offBy,omitempty"`
	OffAt *time.Time `json:"offAt,omitempty"`
}

// MinLessonCorrections is how many corrections, net of those away, teach a link: one mistake
// (or one unusual lead) does not route the next buyer.
const MinLessonCorrections = 2

// LessonKey is how a term is compared: case and surrounding space do not make a new term.
func LessonKey(term string) string { return strings.ToLower(strings.TrimSpace(term)) }

// LearnLinks returns the links the corrections teach: a term read in leads corrected towards a
// cluster at least MinLessonCorrections times more often than away from it. A correction goes
// towards every cluster of the organiser's answer (Clusters; Added when it has none): a lead
// read as 高端装备 and 物联网 and kept in 物联网 alone was routed to 物联网 by the office, as
// much as one moved there. Only the latest
// correction of each lead counts (an organiser changing its mind teaches once), and a term
// counts once per correction. Links switched off are returned marked Off. The order is the
// strongest first, then by term and cluster.
func LearnLinks(cs []TriageCorrection, off []LessonOff) []LearnedLink {
	latest := map[string]int{}
	for i, c := range cs {
		if j, ok := latest[c.LeadID]; !ok || c.At.After(cs[j].At) || (c.At.Equal(cs[j].At) && c.ID > cs[j].ID) {
			latest[c.LeadID] = i
		}
	}
	type key struct{ term, cluster string }
	links := map[key]*LearnedLink{}
	get := func(term, cluster string) *LearnedLink {
		k := key{LessonKey(term), cluster}
		l := links[k]
		if l == nil {
			l = &LearnedLink{Term: strings.TrimSpace(term), Cluster: cluster}
			links[k] = l
		}
		return l
	}
	order := make([]int, 0, len(latest))
	for _, i := range latest {
		order = append(order, i)
	}
	// Oldest first: a term is named as first written, whatever the map's order.
	sort.Slice(order, func(a, b int) bool {
		x, y := cs[order[a]], cs[order[b]]
		if !x.At.Equal(y.At) {
			return x.At.Before(y.At)
		}
		return x.ID < y.ID
	})
	for _, i := range order {
		c := cs[i]
		var seen []string
		for _, t := range c.Terms {
			tk := LessonKey(t)
			if tk == "" || slices.Contains(seen, tk) {
				continue
			}
			seen = append(seen, tk)
			toward := c.Clusters
			if len(toward) == 0 {
				toward = c.Added
			}
			for _, cl := range uniqueStrings(toward) {
				l := get(t, cl)
				l.Toward++
				if c.At.After(l.Last) {
					l.Last, l.LastBy, l.LastByName = c.At, c.By, c.ByName
				}
			}
			for _, cl := range uniqueStrings(c.Removed) {
				get(t, cl).Away++
			}
		}
	}
	offs := map[key]LessonOff{}
	for _, o := range off {
		offs[key{LessonKey(o.Term), o.Cluster}] = o
	}
	var out []LearnedLink
	for k, l := range links {
		l.Net = l.Toward - l.Away
		if l.Net < MinLessonCorrections {
			continue
		}
		if o, ok := offs[k]; ok {
			at := o.At
			l.Off, l.OffBy, l.OffAt = true, o.ByName, &at
		}
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Net != b.Net {
			return a.Net > b.Net
		}
		if a.Term != b.Term {
			return a.Term < b.Term
		}
		return a.Cluster < b.Cluster
	})
	return out
}

// CanSeeLesson reports whether u may see and switch a link to cluster: admins every link,
// organisers those of their clusters.
func CanSeeLesson(u *User, cluster string) bool {
	if u == nil || u.Disabled {
		return false
	}
	return u.Role == RoleAdmin || u.Role == RoleOrganiser && u.CanManageCluster(cluster)
}

// CorrectionOf is the correction an organiser made when the inferred clusters of a lead become
// confirmed: what it removed and added. ok is false when the lead's clusters were not inferred
// or nothing changed (a confirmation teaches nothing new).
func CorrectionOf(inferred bool, before, after []string) (removed, added []string, ok bool) {
	if !inferred {
		return nil, nil, false
	}
	for _, c := range uniqueStrings(before) {
		if !slices.Contains(after, c) {
			removed = append(removed, c)
		}
	}
	for _, c := range uniqueStrings(after) {
		if !slices.Contains(before, c) {
			added = append(added, c)
		}
	}
	return removed, added, len(removed)+len(added) > 0
}

func uniqueStrings(in []string) []string {
	var out []string
	for _, s := range in {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
