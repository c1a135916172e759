package matchsvc

import (
	"context"
	"fmt"
	"testing"
	"time"

	"duijie/domain"
)

// bulkProfiles are n profiles as one import writes them: one updatedAt for all.
func bulkProfiles(n int, at time.Time, profile func(i int) domain.Enterprise) []domain.Enterprise {
	es := make([]domain.Enterprise, n)
	for i := range es {
		es[i] = profile(i)
		es[i].USCC = domain.CompleteUSCC(fmt.Sprintf("91320214MC%07d", usccSerial.Add(1)))
		es[i].UpdatedAt = at
	}
	return es
}

// An import of more profiles than a store page, all with one updatedAt, is indexed whole at
// start: the index once held only the first 5,029 of them.
func TestStartIndexesAWholeImport(t *testing.T) {
	st := openStore(t)
	const n = 12_000
	at := time.Now().UTC().Truncate(time.Millisecond).Add(-time.Hour)
	if _, _, err := st.Enterprises.UpsertByUSCC(context.Background(), bulkProfiles(n, at, textileMaker), nil); err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, st, Config{})
	if got, _ := e.svc.IndexSize(); got != n {
		t.Fatalf("index holds %d profiles, the store %d", got, n)
	}
	if !e.svc.Ready() {
		t.Fatal("not ready after Start")
	}
}

// An import written beside a running server (the CLI, another instance) reaches the index at
// the next re-sync and is offered to the open leads it fits.
func TestResyncIndexesAndOffersAnOutsideImport(t *testing.T) {
	e := newEnv(t, Config{Keep: 5, Send: 5})
	buyer := e.addEnterprise(textileMaker(0))
	l := e.mcuLead(buyer, domain.LeadOpen)
	if got := len(e.byLead(l.ID)); got != 0 {
		t.Fatalf("%d matches before any supplier", got)
	}
	e.now.advance(time.Minute)
	const n = 7_000
	es := bulkProfiles(n, e.now.Now(), func(i int) domain.Enterprise {
		if i%1000 == 0 {
			return chipMaker(i, 3)
		}
		return textileMaker(i)
	})
	if _, _, err := e.st.Enterprises.UpsertByUSCC(context.Background(), es, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Resync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.IndexSize(); got != n+1 {
		t.Fatalf("index holds %d profiles after the re-sync, want %d", got, n+1)
	}
	e.svc.WaitBulk()
	ms := e.byLead(l.ID)
	if len(ms) < 5 {
		t.Fatalf("the open lead has %d matches after the import, want the best 5 of the 7 chip makers among 7,000", len(ms))
	}
	for _, m := range ms {
		if m.Score <= 0 || m.EnterpriseName == "" || m.EnterpriseName[:len("无锡芯片")] != "无锡芯片" {
			t.Errorf("matched %q, not a chip maker", m.EnterpriseName)
		}
	}
	// A second re-sync reads the settle window again but applies nothing new.
	if n, err := e.svc.Resync(context.Background()); err != nil || n != 0 {
		t.Fatalf("second re-sync applied %d (%v)", n, err)
	}
}

// A write stamped before a later write was read, but committed after it, is still picked up:
// the settle window reads the recent past again.
func TestResyncCatchesALateCommit(t *testing.T) {
	e := newEnv(t, Config{})
	e.addEnterprise(textileMaker(1))
	stamped := e.now.Now().Add(time.Millisecond)
	e.now.advance(time.Second)
	e.addEnterprise(textileMaker(2)) // hook-indexed, stamped later
	outside := func(at time.Time) {
		t.Helper()
		ent := textileMaker(3)
		ent.ID, ent.USCC = domain.NewID(), domain.CompleteUSCC("91320214MD0000001")
		ent.Status, ent.CreatedAt, ent.UpdatedAt = domain.EnterpriseActive, at, at
		if err := e.st.Enterprises.Create(context.Background(), &ent); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.svc.Resync(context.Background()); err != nil {
		t.Fatal(err)
	}
	outside(stamped) // commits now, with the earlier stamp
	if _, err := e.svc.Resync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.IndexSize(); got != 3 {
		t.Fatalf("index holds %d profiles, want 3: the late commit was missed", got)
	}
}
