package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SecretFile is the file under DATA_DIR that keeps the generated session secret, so sign-ins and
// half-filled forms survive a restart when SESSION_SECRET is unset (Grafana keeps its key alike).
const SecretFile = "session_secret"

// StoredSecret returns the session secret kept in dir, creating it (mode 0600, the directory if
// need be) on first use. created reports a new file. An existing file that is too short or
// readable by others is refused rather than trusted, so a secret copied around carelessly is noticed.
func StoredSecret(dir string) (secret string, created bool, err error) {
	path := filepath.Join(dir, SecretFile)
	if b, err := os.ReadFile(path); err == nil {
		fi, err := os.Stat(path)
		if err != nil {
			return "", false, err
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return "", false, fmt.Errorf("%s is readable by others (mode %o): chmod 600 it", path, fi.Mode().Perm())
		}
		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return "", false, fmt.Errorf("%s holds fewer than 32 characters", path)
		}
		return s, false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", false, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", false, err
	}
	s := randomSecret()
	// O_EXCL: two processes starting at once must not each write their own secret.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return StoredSecret(dir)
	}
	if err != nil {
		return "", false, err
	}
	if _, err := f.WriteString(s + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return "", false, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", false, err
	}
	return s, true, nil
}
