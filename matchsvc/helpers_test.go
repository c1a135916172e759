package matchsvc

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"duijie/domain"
	"duijie/seed"
	"duijie/store"
	"duijie/store/sqlite"
)

// env is a service over a fresh SQLite database with a clock the test moves.
type env struct {
	t   *testing.T
	st  *store.Store
	svc *Service
	now *clock
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	if err := seed.Clusters(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

func newEnv(t *testing.T, cfg Config) *env { t.Helper(); return newEnvOn(t, openStore(t), cfg) }

// newEnvOn is newEnv over a given store.
func newEnvOn(t *testing.T, st *store.Store, cfg Config) *env {
	t.Helper()
	e := &env{t: t, st: st, now: &clock{t: time.Now().UTC().Truncate(time.Millisecond)}}
	cfg.Now = e.now.Now
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	e.svc = New(e.st, cfg)
	if err := e.svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

var usccSerial atomic.Int64

// chipMaker is a supplier of automotive MCUs; fit (1..) adds matching products, so a higher fit
// ranks higher for mcuLead.
func chipMaker(i, fit int) domain.Enterprise {
	products := []string{"车规级MCU"}
	if fit > 1 {
		products = append(products, "电机控制芯片")
	}
	if fit > 2 {
		products = append(products, "GP30KL系列车身控制器")
	}
	return domain.Enterprise{
		Name: fmt.Sprintf("无锡芯片企业%02d有限公司", i), Products: products,
		Description: "专注汽车电子集成电路设计", Clusters: []string{"L2"}, IndustryCodes: []string{"C3973"},
		HSCodes: []string{"854231"}, Certifications: []string{"IATF16949"}, Region: "320214", Tier: domain.TierBackbone,
		Contact: domain.Contact{Name: fmt.Sprintf("芯片联系人%d", i), Email: fmt.Sprintf("chip%d@example.cn", i)},
	}
}

// textileMaker fits nothing about chips.
func textileMaker(i int) domain.Enterprise {
	return domain.Enterprise{
		Name: fmt.Sprintf("无锡纺织企业%02d有限公司", i), Products: []string{"精纺面料", "羊绒衫"},
		Description: "高端纺织服装生产", Clusters: []string{"A2"}, IndustryCodes: []string{"C1713"}, Region: "320281",
	}
}

// addEnterprise stores e through the hook, the way a profile write does.
func (e *env) addEnterprise(ent domain.Enterprise) *domain.Enterprise {
	e.t.Helper()
	e.now.advance(time.Millisecond)
	ent.ID = domain.NewID()
	ent.USCC = domain.CompleteUSCC(fmt.Sprintf("91320214MA%07d", usccSerial.Add(1)))
	ent.Status, ent.CreatedAt, ent.UpdatedAt = domain.EnterpriseActive, e.now.Now(), e.now.Now()
	if ent.Tier == "" {
		ent.Tier = domain.TierOther
	}
	if ent.Verification == "" {
		ent.Verification = domain.VerificationVerified // as the office's registered firms are
	}
	if err := e.st.Enterprises.Create(context.Background(), &ent); err != nil {
		e.t.Fatal(err)
	}
	e.svc.EnterpriseChanged(context.Background(), ent)
	return &ent
}

// mcuLead is an open lead for automotive MCUs bought by buyer.
func (e *env) mcuLead(buyer *domain.Enterprise, status domain.LeadStatus) *domain.Lead {
	e.t.Helper()
	e.now.advance(time.Millisecond)
	now := e.now.Now()
	l := &domain.Lead{
		ID: domain.NewID(), Title: "采购车规级 MCU 芯片", Description: "用于车身控制，需 IATF16949，型号 GP30KL",
		Clusters: []string{"L2"}, HSCodes: []string{"854231"}, RequiredCertifications: []string{"IATF16949"},
		DeliveryRegion: "320200", Currency: "CNY", BudgetMax: 600000, Status: status, BuyerEnterpriseID: buyer.ID,
		BuyerName: buyer.Name, Contact: domain.Contact{Name: "采购王工", Phone: "0510-81234567"},
		CreatedAt: now, UpdatedAt: now,
	}
	if status == domain.LeadOpen {
		l.OpenedAt = &now
	}
	if err := e.st.Leads.Create(context.Background(), l); err != nil {
		e.t.Fatal(err)
	}
	e.svc.LeadChanged(context.Background(), *l)
	return l
}

func (e *env) byLead(leadID string) []domain.Match {
	e.t.Helper()
	ms, err := e.st.Matches.ByLead(context.Background(), leadID)
	if err != nil {
		e.t.Fatal(err)
	}
	return ms
}

func member(ent *domain.Enterprise) *domain.User {
	return &domain.User{ID: "member-of-" + ent.ID, Role: domain.RoleMember, EnterpriseID: ent.ID}
}

func statusCount(ms []domain.Match) map[domain.MatchStatus]int {
	out := map[domain.MatchStatus]int{}
	for _, m := range ms {
		out[m.Status]++
	}
	return out
}
