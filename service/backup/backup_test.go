package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store/sqlite"
)

func addUser(ctx context.Context, t *testing.T, st interface {
	Create(context.Context, *domain.User) error
}, i int) error {
	now := time.Now()
	return st.Create(ctx, &domain.User{ID: fmt.Sprintf("u%05d", i), Email: fmt.Sprintf("u%05d@example.org", i),
		Name: "U", PasswordHash: "x", Role: domain.RoleMember, CreatedAt: now, UpdatedAt: now})
}

// TestBackupWhileWritingThenRestore takes a backup while another goroutine keeps writing, checks
// the copy is intact and holds a prefix of the writes, restores it into an empty data directory
// and refuses to restore over a database.
func TestBackupWhileWritingThenRestore(t *testing.T) {
	ctx := context.Background()
	live := filepath.Join(t.TempDir(), "duijie.db")
	st, err := sqlite.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Health.Close()
	for i := 0; i < 50; i++ {
		if err := addUser(ctx, t, st.Users, i); err != nil {
			t.Fatal(err)
		}
	}
	var written atomic.Int64
	written.Store(50)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 50; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := addUser(ctx, t, st.Users, i); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	time.Sleep(20 * time.Millisecond)
	dst := filepath.Join(t.TempDir(), "backup.db")
	before := written.Load()
	info, err := Backup(ctx, live, dst)
	after := written.Load()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if int64(info.Users) < before || int64(info.Users) > after+1 {
		t.Errorf("backup holds %d users; %d were written before it began, %d after it ended", info.Users, before, after)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	if _, err := Backup(ctx, live, dst); err == nil {
		t.Error("a backup overwrote an existing file")
	}

	dataDir := filepath.Join(t.TempDir(), "restored")
	restored := filepath.Join(dataDir, "duijie.db")
	if _, err := Restore(ctx, dst, restored); err != nil {
		t.Fatal(err)
	}
	st2, err := sqlite.Open(restored)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st2.Users.Count(ctx)
	st2.Health.Close()
	if err != nil || n != info.Users {
		t.Errorf("restored database has %d users (%v), the backup %d", n, err, info.Users)
	}
	if _, err := Restore(ctx, dst, restored); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("restore over a database: %v, want ErrNotEmpty", err)
	}
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("not a database at all, just some text that is long enough"), 0o600)
	if _, err := Restore(ctx, junk, filepath.Join(t.TempDir(), "duijie.db")); err == nil {
		t.Error("a file that is no database was restored")
	}
}
