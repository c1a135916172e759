package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newCLI returns a cli reading env (DATA_DIR defaults to a fresh temporary directory) and
// writing to buffers.
func newCLI(t *testing.T, env map[string]string) (*cli, *syncBuffer, *syncBuffer) {
	t.Helper()
	if _, ok := env["DATA_DIR"]; !ok {
		if env == nil {
			env = map[string]string{}
		}
		env["DATA_DIR"] = t.TempDir()
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	return &cli{stdout: stdout, stderr: stderr, getenv: func(k string) string { return env[k] }}, stdout, stderr
}

// run runs the command line in-process and returns its exit code and output.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	c, stdout, stderr := newCLI(t, env)
	code := c.main(context.Background(), args)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr
	}{
		{"no command", nil, nil, 2, "", "Commands:"},
		{"help", nil, []string{"--help"}, 0, "serve", ""},
		{"help word", nil, []string{"help"}, 0, "migrate", ""},
		{"help of a command", nil, []string{"help", "serve"}, 0, "--demo", ""},
		{"help config", nil, []string{"help", "config"}, 0, "SESSION_SECRET", ""},
		{"unknown help topic", nil, []string{"help", "nothing"}, 2, "", `unknown help topic "nothing"`},
		{"unknown command", nil, []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"version", nil, []string{"version"}, 0, "duijie ", ""},
		{"version extra", nil, []string{"version", "now"}, 2, "", "unexpected argument"},

		{"serve help", nil, []string{"serve", "--help"}, 0, "--demo", ""},
		{"serve unknown flag", nil, []string{"serve", "--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{"serve stray argument", nil, []string{"serve", "now"}, 2, "", `unexpected argument "now"`},
		{"serve bad ADDR", map[string]string{"ADDR": "abc"}, []string{"serve"}, 1, "", `config: ADDR="abc": want host:port`},
		{"serve bad --addr", nil, []string{"serve", "--addr", "abc"}, 1, "", `config: --addr="abc"`},
		{"serve bad TZ", map[string]string{"TZ_DEFAULT": "Mars/Olympus"}, []string{"serve"}, 1, "", "TZ_DEFAULT"},
		{"serve bad SMTP", map[string]string{"SMTP_URL": "http://mail"}, []string{"serve"}, 1, "", "SMTP_URL"},
		{"serve bad LOG_FORMAT", map[string]string{"LOG_FORMAT": "xml"}, []string{"serve"}, 1, "", "LOG_FORMAT"},

		{"user without subcommand", nil, []string{"user"}, 2, "", "missing subcommand"},
		{"user unknown subcommand", nil, []string{"user", "remove"}, 2, "", `unknown subcommand "remove"`},
		{"user help", nil, []string{"user", "--help"}, 0, "add", ""},
		{"user add help", nil, []string{"user", "add", "--help"}, 0, "--clusters", ""},
		{"user add no flags", nil, []string{"user", "add"}, 2, "", "--email is required"},
		{"user add bad email", nil, []string{"user", "add", "--email", "nobody", "--password", "long-enough-pw", "--role", "admin"}, 2, "", "--email"},
		{"user add short password", nil, []string{"user", "add", "--email", "a@example.org", "--password", "short", "--role", "admin"}, 2, "", "at least 10"},
		{"user add bad role", nil, []string{"user", "add", "--email", "a@example.org", "--password", "long-enough-pw", "--role", "boss"}, 2, "", "--role"},
		{"organiser without clusters", nil, []string{"user", "add", "--email", "a@example.org", "--password", "long-enough-pw", "--role", "organiser"}, 2, "", "--clusters is required"},
		{"member without enterprise", nil, []string{"user", "add", "--email", "a@example.org", "--password", "long-enough-pw", "--role", "member"}, 2, "", "--enterprise is required"},
		{"admin with clusters", nil, []string{"user", "add", "--email", "a@example.org", "--password", "long-enough-pw", "--role", "admin", "--clusters", "L1"}, 2, "", "organisers only"},
		{"member with bad enterprise ID", nil, []string{"user", "add", "--email", "a@example.org", "--password", "long-enough-pw", "--role", "member", "--enterprise", "42"}, 2, "", "24 hex digits"},
		{"user add bad env", map[string]string{"BODY_LIMIT": "lots"}, []string{"user", "add", "--email", "a@example.org", "--password", "long-enough-pw", "--role", "admin"}, 1, "", "BODY_LIMIT"},

		{"migrate wrong engines", nil, []string{"migrate", "--from", "mysql", "--to", "mongodb"}, 2, "", "only --from sqlite --to mongodb"},
		{"migrate without destination", nil, []string{"migrate", "--from", "sqlite", "--to", "mongodb"}, 1, "", "MONGODB_URI"},
		{"migrate bad MONGODB_URI", map[string]string{"MONGODB_URI": "redis://x"}, []string{"migrate", "--from", "sqlite", "--to", "mongodb"}, 1, "", "MONGODB_URI"},
		{"migrate without source", map[string]string{"MONGODB_URI": "mongodb://127.0.0.1:1"}, []string{"migrate", "--from", "sqlite", "--to", "mongodb"}, 1, "", "no embedded database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.env, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, stdout)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr)
			}
			// A failure is one clear line; bad usage adds the hint line.
			lines := strings.Count(stderr, "\n")
			if code == exitFailure && lines != 1 {
				t.Errorf("failure printed %d lines on stderr, want 1:\n%s", lines, stderr)
			}
			if code == exitUsage && tc.args != nil && lines != 2 {
				t.Errorf("usage error printed %d lines on stderr, want 2:\n%s", lines, stderr)
			}
		})
	}
}
