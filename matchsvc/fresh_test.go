package matchsvc

import (
	"context"
	"testing"
	"time"
)

// Fresh asks the running follower for a pass and returns once it is done: the digest reads an
// index that holds what another instance wrote a moment ago, without a re-sync of its own.
// Without a follower (the CLI) it runs the same pass itself.
func TestFreshAsksTheFollower(t *testing.T) {
	e := newEnv(t, Config{})
	other := New(e.st, Config{Now: e.now.Now, Logger: e.svc.log})
	if err := other.Fresh(context.Background()); err != nil { // no follower yet: the pass runs here
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { other.Follow(ctx, time.Hour); close(done) }() // no tick during the test
	for !other.following.Load() {
		time.Sleep(time.Millisecond)
	}
	chip := e.addEnterprise(chipMaker(1, 2)) // written by the first instance
	if other.Engine().Has(chip.ID) {
		t.Fatal("indexed before any pass")
	}
	fctx, fcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer fcancel()
	if err := other.Fresh(fctx); err != nil {
		t.Fatal(err)
	}
	if !other.Engine().Has(chip.ID) {
		t.Fatal("Fresh returned before the follower's pass took the new profile in")
	}
	cancel()
	<-done
	if other.following.Load() {
		t.Error("the follower still counts as running after it stopped")
	}
}
