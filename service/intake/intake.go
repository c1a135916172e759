// Package intake is the use case of a lead as buyers write it: reading what a text asks for
// (analyse), giving a lead that names no cluster the inferred ones, and letting an organiser
// confirm or correct them (triage). The API, the lead form and the lead import all call it, so
// a lead is understood the same way whichever door it came in by.
package intake

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/locales"
	"duijie/matching"
)

// LeadStore is what triage needs of the lead repository.
type LeadStore interface {
	Get(ctx context.Context, id string) (*domain.Lead, error)
	Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error
}

// LeadHook is told of every lead whose clusters changed, so its matches follow (matchsvc).
type LeadHook interface {
	LeadChanged(ctx context.Context, l domain.Lead)
}

// Service is safe for concurrent use.
type Service struct {
	engine func() *matching.Engine // nil result: matching is off, the vocabulary alone reads
	leads  LeadStore
	hook   LeadHook
	now    func() time.Time
	learn  *lessons // nil: triage is not learned from (WithLessons)
}

// New returns the intake service. engine may return nil (matching off): analysis then reads the
// vocabulary only, without the evidence of neighbouring suppliers.
func New(engine func() *matching.Engine, leads LeadStore, hook LeadHook, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{engine: engine, leads: leads, hook: hook, now: now}
}

var (
	bareOnce sync.Once
	bare     *matching.Engine
)

// eng is the engine to read with: the matching service's, or an empty one over the embedded
// vocabulary.
func (s *Service) eng() *matching.Engine {
	if s != nil && s.engine != nil {
		if e := s.engine(); e != nil {
			return e
		}
	}
	bareOnce.Do(func() { bare = matching.New(matching.DefaultConfig()) })
	return bare
}

// MaxAnalyseRunes bounds the text analysed: the form sends what the buyer typed, and a longer
// text would be refused on save anyway.
const MaxAnalyseRunes = domain.MaxLeadTitle + domain.MaxLeadDescription

// AnalyseInput is the text and the codes a buyer has written so far.
type AnalyseInput struct {
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	HSCodes       []string `json:"hsCodes"`
	IndustryCodes []string `json:"industryCodes"`
}

// Analysis is what the platform understood, named in the caller's language.
type Analysis struct {
	Clusters      []ClusterItem `json:"clusters"`
	IndustryCodes []CodeItem    `json:"industryCodes"`
	HSCodes       []CodeItem    `json:"hsCodes"`
	Products      []string      `json:"products"`
	Scenes        []SceneItem   `json:"scenes"`
	// Named are the products the text names itself, not reached through a scene: what a page
	// shows beside the scenes without repeating them.
	Named          []string `json:"named"`
	Certifications []string `json:"certifications"`
	ExportMarket   string   `json:"exportMarket"`
	Country        string   `json:"country,omitempty"`
	// Learned are the lessons of triage the clusters were read with, each with its reason in
	// the caller's language: "2 次分拣纠正：食堂油烟 → 节能环保".
	Learned []LearnedItem `json:"learned"`
	// Unread is set when the text names nothing but places (江阴, "Dubai") or nothing the
	// platform can read: the form says so, and what to add, instead of showing nothing.
	Unread *Unread `json:"unread,omitempty"`
}

// Unread says that nothing was understood yet and what to add, in the caller's language.
type Unread struct {
	Places  []string `json:"places"`  // the place names read, as written
	Message string   `json:"message"` // "只读到地名「江阴」……", in lang
}

// LearnedItem is one lesson of triage a lead was routed by.
type LearnedItem struct {
	Term        string `json:"term"`
	Cluster     string `json:"cluster"`
	Name        string `json:"name"`
	Corrections int    `json:"corrections"`
	Reason      string `json:"reason"`
}

// ClusterItem is an inferred cluster.
type ClusterItem struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
}

// CodeItem is a code with its name.
type CodeItem struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// SceneItem is a phrase of the buyer's read as a call for products: "食堂油烟 → 油烟净化设备".
type SceneItem struct {
	Phrase   string   `json:"phrase"`
	Products []string `json:"products"`
	// Guessed: read from the words the phrase shares with a need, not from a known phrase.
	Guessed bool `json:"guessed,omitempty"`
}

// Analyse reads in and names what it found in lang; clusters are those of the list given
// (unknown codes are dropped). Empty text gives empty lists, never an error.
func (s *Service) Analyse(in AnalyseInput, clusters []domain.Cluster, lang string) Analysis {
	title, desc := clip(in.Title, domain.MaxLeadTitle), clip(in.Description, domain.MaxLeadDescription)
	e := s.eng()
	hs := make([]string, 0, len(in.HSCodes))
	for _, h := range in.HSCodes {
		if n := domain.NormalizeHS(h); domain.HSProblem(n) == "" {
			hs = append(hs, n)
		}
	}
	ind := make([]string, 0, len(in.IndustryCodes))
	for _, c := range in.IndustryCodes {
		if n := codes.NormalizeIndustry(c); codes.IndustryProblem(n) == "" {
			ind = append(ind, n)
		}
	}
	ctx, cancel := background()
	defer cancel()
	u := e.UnderstandWith(title, desc, hs, ind, s.overlay(ctx))
	a := present(u, e.Vocabulary(), clusters, lang)
	if strings.TrimSpace(title+desc) != "" && nothingUnderstood(a) {
		places, unread := e.Unread(domain.Lead{Title: title, Description: desc, HSCodes: hs, IndustryCodes: ind})
		if unread {
			a.Unread = &Unread{Places: places, Message: UnreadMessage(places, lang)}
		}
	}
	return a
}

// nothingUnderstood reports whether an analysis shows the buyer nothing it read.
func nothingUnderstood(a Analysis) bool {
	return len(a.Clusters)+len(a.IndustryCodes)+len(a.HSCodes)+len(a.Products)+len(a.Scenes)+len(a.Certifications) == 0
}

// UnreadMessage says, in lang, that nothing but the places was understood and what to add.
func UnreadMessage(places []string, lang string) string {
	if len(places) == 0 {
		return locales.T(lang, "understood.unread.nothing")
	}
	return locales.T(lang, "understood.unread.places", strings.Join(places, locales.T(lang, "understood.unread.sep")))
}

func present(u matching.Understanding, v *matching.Vocabulary, clusters []domain.Cluster, lang string) Analysis {
	byCode := map[string]domain.Cluster{}
	for _, c := range clusters {
		byCode[c.Code] = c
	}
	a := Analysis{Clusters: []ClusterItem{}, IndustryCodes: []CodeItem{}, HSCodes: []CodeItem{}, Products: []string{},
		Scenes: []SceneItem{}, Certifications: []string{}, ExportMarket: u.ExportMarket, Country: u.Country}
	for _, c := range u.Clusters {
		if cl, ok := byCode[c.Code]; ok {
			a.Clusters = append(a.Clusters, ClusterItem{Code: c.Code, Name: cl.Name(lang), Score: c.Score})
		}
	}
	for _, c := range u.IndustryCodes {
		a.IndustryCodes = append(a.IndustryCodes, CodeItem{Code: c, Name: codes.IndustryName(c, lang)})
	}
	for _, c := range u.HSCodes {
		a.HSCodes = append(a.HSCodes, CodeItem{Code: c, Name: codes.HSName(c, lang)})
	}
	for _, p := range u.Products {
		a.Products = append(a.Products, v.ConceptLabel(p, lang))
	}
	// Phrases read as the same products are one scene: "off-peak / charge at night → …".
	byProducts := map[string]int{}
	for _, sc := range u.Scenes {
		var ps []string
		for _, p := range sc.Products {
			ps = append(ps, v.ConceptLabel(p, lang))
		}
		key := strings.Join(ps, "\x00")
		if i, ok := byProducts[key]; ok {
			a.Scenes[i].Phrase += " / " + sc.Phrase
			continue
		}
		byProducts[key] = len(a.Scenes)
		a.Scenes = append(a.Scenes, SceneItem{Phrase: sc.Phrase, Products: ps, Guessed: sc.Guessed})
	}
	inScene := map[string]bool{}
	for _, sc := range a.Scenes {
		for _, p := range sc.Products {
			inScene[p] = true
		}
	}
	a.Named = []string{}
	for _, p := range a.Products {
		if !inScene[p] {
			a.Named = append(a.Named, p)
		}
	}
	a.Certifications = append(a.Certifications, u.Certifications...)
	a.Learned = []LearnedItem{}
	for _, l := range u.Learned {
		name := l.Cluster
		if cl, ok := byCode[l.Cluster]; ok {
			name = cl.Name(lang)
		}
		a.Learned = append(a.Learned, LearnedItem{Term: l.Term, Cluster: l.Cluster, Name: name, Corrections: l.Corrections,
			Reason: locales.T(lang, "lessons.reason", l.Corrections, l.Term, name)})
	}
	return a
}

func clip(s string, n int) string {
	if len(s) <= n { // bytes ≥ runes: short strings need no count
		return s
	}
	rs := []rune(s)
	if len(rs) > n {
		rs = rs[:n]
	}
	return string(rs)
}

// Infer gives l the inferred clusters when the buyer named none, and marks them inferred; a
// lead that names clusters keeps them and is not marked. It also proposes the export market of
// a named destination when the buyer gave none. It does not validate. The lessons of triage
// (WithLessons) take part.
func (s *Service) Infer(l *domain.Lead, clusters []domain.Cluster) {
	if len(nonBlank(l.Clusters)) > 0 {
		l.ClustersInferred = false
		return
	}
	ctx, cancel := background()
	defer cancel()
	s.inferWith(l, clusters, s.overlay(ctx))
}

// inferWith is Infer with the lessons given, and returns what it read.
func (s *Service) inferWith(l *domain.Lead, clusters []domain.Cluster, lay *matching.Lessons) matching.Understanding {
	if len(nonBlank(l.Clusters)) > 0 {
		l.ClustersInferred = false
		return matching.Understanding{}
	}
	e := s.eng()
	u := e.UnderstandWith(l.Title, l.Description, l.HSCodes, l.IndustryCodes, lay)
	known := map[string]bool{}
	for _, c := range clusters {
		known[c.Code] = true
	}
	var cs []string
	for _, c := range u.InferClusters() {
		if known[c] {
			cs = append(cs, c)
		}
	}
	l.Clusters, l.ClustersInferred = cs, len(cs) > 0
	if strings.TrimSpace(l.ExportMarket) == "" && u.ExportMarket != "" {
		l.ExportMarket = u.ExportMarket
	}
	return u
}

func nonBlank(in []string) []string {
	var out []string
	for _, s := range in {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// ConfirmClusters is an organiser's answer in the triage queue: the lead's clusters become
// those given, no longer inferred, and its matches follow.
func (s *Service) ConfirmClusters(ctx context.Context, u *domain.User, id string, clusters []string, all []domain.Cluster) (*domain.Lead, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	l, err := s.leads.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !domain.CanViewLead(u, l) {
		return nil, domain.ErrNotFound
	}
	if !domain.CanTriageLead(u, l) {
		return nil, domain.ErrForbidden
	}
	prev, inferred, before := l.Status, l.ClustersInferred, append([]string{}, l.Clusters...)
	if err := l.ConfirmClusters(clusters, domain.NewClusterIndex(all)); err != nil {
		return nil, err
	}
	l.UpdatedAt = s.now()
	if err := s.leads.Update(ctx, l, prev); err != nil {
		return nil, fmt.Errorf("confirm clusters: %w", err)
	}
	if s.hook != nil {
		s.hook.LeadChanged(ctx, *l)
	}
	if s.learn != nil {
		links, lay, err := s.learn.load(ctx, s.now(), false)
		if err != nil {
			slog.Default().Warn("triage lessons: load", "err", err)
		}
		s.record(ctx, u, l, inferred, before)
		if _, err := s.relearn(ctx, usedKeys(links), lay, all); err != nil {
			slog.Default().Warn("triage lessons: read open leads again", "err", err)
		}
	}
	return l, nil
}
