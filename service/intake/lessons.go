package intake

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"duijie/domain"
	"duijie/matching"
	"duijie/store"
)

// The platform learns from the cluster office: every correction of inferred clusters is kept
// with what the engine read from the lead (LessonStore), domain.LearnLinks turns the corrections
// into term → cluster links, and the engine reads new leads, and again the open leads still
// waiting in triage, with those links as an overlay (matching.Lessons).

// LessonStore is what learning from triage needs of the store (store.TriageRepo).
type LessonStore interface {
	AddCorrection(ctx context.Context, c *domain.TriageCorrection) error
	Corrections(ctx context.Context, limit int) ([]domain.TriageCorrection, error)
	SwitchOff(ctx context.Context, o *domain.LessonOff) error
	SwitchOn(ctx context.Context, term, cluster string) (bool, error)
	Off(ctx context.Context) ([]domain.LessonOff, error)
}

// LeadLister lists the leads waiting in triage, to read them again when a link is learned or
// switched (service/leads Records).
type LeadLister interface {
	List(ctx context.Context, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error)
}

// lessonsTTL is how long one instance reads with the links it loaded before loading them
// again: a correction made on this instance is read at once, one made on another within this.
const lessonsTTL = 30 * time.Second

// maxReinfer bounds the open leads read again after a link changes, so that one click does
// not rank a whole backlog; the rest keep their clusters until edited or triaged.
const maxReinfer = 2000

// lessons is the cache of the learned links of one service.
type lessons struct {
	st     LessonStore
	mu     sync.Mutex
	links  []domain.LearnedLink
	lay    *matching.Lessons
	loaded time.Time
}

// WithLessons makes s record the corrections of triage in st and read leads with what they
// teach. Without it, triage is forgotten and inference is the engine's alone.
func (s *Service) WithLessons(st LessonStore) *Service {
	if st != nil {
		s.learn = &lessons{st: st}
	}
	return s
}

// Links returns every learned link (those switched off too, marked), strongest first.
func (s *Service) Links(ctx context.Context) ([]domain.LearnedLink, error) {
	if s.learn == nil {
		return []domain.LearnedLink{}, nil
	}
	links, _, err := s.learn.load(ctx, s.now(), false)
	return links, err
}

// LinksFor returns the learned links u may see: an organiser those of its clusters, an admin
// all; a member none.
func (s *Service) LinksFor(ctx context.Context, u *domain.User) ([]domain.LearnedLink, error) {
	if u == nil || (u.Role != domain.RoleOrganiser && u.Role != domain.RoleAdmin) {
		return nil, domain.ErrForbidden
	}
	all, err := s.Links(ctx)
	if err != nil {
		return nil, err
	}
	out := []domain.LearnedLink{}
	for _, l := range all {
		if domain.CanSeeLesson(u, l.Cluster) {
			out = append(out, l)
		}
	}
	return out, nil
}

// overlay is the lessons to read leads with; nil (the engine's reading alone) when there are
// none or they cannot be loaded, which is logged: a lead is still routed, as before.
func (s *Service) overlay(ctx context.Context) *matching.Lessons {
	if s == nil || s.learn == nil {
		return nil
	}
	_, lay, err := s.learn.load(ctx, s.now(), false)
	if err != nil {
		slog.Default().Warn("triage lessons: load", "err", err)
		return nil
	}
	return lay
}

// background is the context of reads whose callers pass none (Analyse, Infer): the links are
// usually cached, and a slow store must not hold up a buyer's form for long.
func background() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 2*time.Second)
}

func (c *lessons) load(ctx context.Context, now time.Time, force bool) ([]domain.LearnedLink, *matching.Lessons, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !force && !c.loaded.IsZero() && now.Sub(c.loaded) < lessonsTTL && now.Sub(c.loaded) >= 0 {
		return c.links, c.lay, nil
	}
	cs, err := c.st.Corrections(ctx, domain.MaxCorrections)
	if err != nil {
		return nil, nil, fmt.Errorf("triage corrections: %w", err)
	}
	off, err := c.st.Off(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("triage lessons off: %w", err)
	}
	links := domain.LearnLinks(cs, off)
	if links == nil {
		links = []domain.LearnedLink{}
	}
	c.links, c.lay, c.loaded = links, matching.NewLessons(links), now
	return c.links, c.lay, nil
}

// usedKeys are the links an overlay routes by, to tell whether a change taught anything.
func usedKeys(links []domain.LearnedLink) []string {
	var out []string
	for _, l := range links {
		if !l.Off {
			out = append(out, l.Cluster+":"+domain.LessonKey(l.Term))
		}
	}
	slices.Sort(out)
	return out
}

// record keeps the correction an organiser made of l's inferred clusters (before), with what
// the engine reads from the lead. A failure is logged: the lead is routed already, and one
// lost correction only teaches later.
func (s *Service) record(ctx context.Context, u *domain.User, l *domain.Lead, inferred bool, before []string) {
	if s.learn == nil {
		return
	}
	removed, added, ok := domain.CorrectionOf(inferred, before, l.Clusters)
	if !ok {
		return
	}
	read := s.eng().Understand(l.Title, l.Description, l.HSCodes, l.IndustryCodes)
	c := &domain.TriageCorrection{ID: domain.NewID(), LeadID: l.ID, Terms: read.Terms(), Clusters: append([]string{}, l.Clusters...),
		Removed: removed, Added: added, By: u.ID, ByName: nameOf(u), At: s.now()}
	if err := s.learn.st.AddCorrection(ctx, c); err != nil {
		slog.Default().Error("triage lessons: record a correction", "lead", l.ID, "err", err)
	}
}

func nameOf(u *domain.User) string {
	if n := strings.TrimSpace(u.Name); n != "" {
		return n
	}
	return u.Email
}

// relearn loads the links again after a change and, when the links in use changed, reads the
// open leads still waiting in triage again with them. It returns how many leads moved.
func (s *Service) relearn(ctx context.Context, before []string, prev *matching.Lessons, all []domain.Cluster) (int, error) {
	links, lay, err := s.learn.load(ctx, s.now(), true)
	if err != nil {
		return 0, err
	}
	if slices.Equal(before, usedKeys(links)) {
		return 0, nil
	}
	return s.reinfer(ctx, all, prev, lay)
}

// reinfer reads again the open leads whose clusters are still the platform's guess, and routes
// those a lesson reads (now, with lay, or before, with prev) and whose guess changed; their
// matches follow through the lead store's writes. A lead no lesson reads keeps its clusters:
// the engine's own reading of it is not redone. It reads at most maxReinfer leads.
func (s *Service) reinfer(ctx context.Context, all []domain.Cluster, prev, lay *matching.Lessons) (int, error) {
	lister, ok := s.leads.(LeadLister)
	if !ok || s.leads == nil {
		return 0, nil
	}
	page, moved, read := store.Page{Limit: 100}, 0, 0
	for read < maxReinfer {
		ls, next, _, err := lister.List(ctx, store.LeadFilter{Triage: true}, page)
		if err != nil {
			return moved, fmt.Errorf("reinfer: list triage: %w", err)
		}
		for i := range ls {
			l := &ls[i]
			read++
			guess := *l
			guess.Clusters = nil
			u := s.inferWith(&guess, all, lay)
			if len(u.Learned) == 0 && !s.readsLesson(l, prev) {
				continue
			}
			if len(guess.Clusters) == 0 || slices.Equal(guess.Clusters, l.Clusters) {
				continue
			}
			l.Clusters, l.UpdatedAt = guess.Clusters, s.now()
			if err := s.leads.Update(ctx, l, domain.LeadOpen); err != nil {
				// Edited or closed meanwhile: its own write decided.
				slog.Default().Warn("reinfer: route a lead again", "lead", l.ID, "err", err)
				continue
			}
			moved++
		}
		if next == "" {
			break
		}
		page.Cursor = next
	}
	return moved, nil
}

// readsLesson tells whether the lessons ls route l.
func (s *Service) readsLesson(l *domain.Lead, ls *matching.Lessons) bool {
	if ls == nil {
		return false
	}
	return len(s.eng().UnderstandWith(l.Title, l.Description, l.HSCodes, l.IndustryCodes, ls).Learned) > 0
}

// Switch turns a learned link off (the platform no longer routes by it) or on again, for an
// organiser of its cluster or an admin, and reads the open leads in triage again. Refusals: an
// empty term or an unknown cluster (validation), a link not learned (not found), a cluster of
// someone else (forbidden).
func (s *Service) Switch(ctx context.Context, u *domain.User, term, cluster string, off bool, all []domain.Cluster) (*domain.LearnedLink, error) {
	if u == nil || (u.Role != domain.RoleOrganiser && u.Role != domain.RoleAdmin) {
		return nil, domain.ErrForbidden
	}
	term, cluster = strings.TrimSpace(term), strings.ToUpper(strings.TrimSpace(cluster))
	v := &domain.ValidationError{}
	if term == "" {
		v.Add("term", "required")
	}
	if cluster == "" {
		v.Add("cluster", "required")
	} else if !slices.ContainsFunc(all, func(c domain.Cluster) bool { return c.Code == cluster }) {
		v.Add("cluster", "lessons_cluster_unknown", cluster)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if !domain.CanSeeLesson(u, cluster) {
		return nil, domain.ErrForbidden
	}
	links, err := s.Links(ctx)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(links, func(l domain.LearnedLink) bool {
		return l.Cluster == cluster && domain.LessonKey(l.Term) == domain.LessonKey(term)
	})
	if i < 0 {
		return nil, domain.ErrNotFound
	}
	before, prev := usedKeys(links), s.overlay(ctx)
	if off {
		err = s.learn.st.SwitchOff(ctx, &domain.LessonOff{Term: links[i].Term, Cluster: cluster, By: u.ID, ByName: nameOf(u), At: s.now()})
	} else {
		_, err = s.learn.st.SwitchOn(ctx, links[i].Term, cluster)
	}
	if err != nil {
		return nil, err
	}
	if _, err := s.relearn(ctx, before, prev, all); err != nil {
		return nil, err
	}
	after, err := s.Links(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range after {
		if l.Cluster == cluster && domain.LessonKey(l.Term) == domain.LessonKey(term) {
			return &l, nil
		}
	}
	return nil, domain.ErrNotFound
}
