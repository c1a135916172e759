package config

import (
	"errors"
	"strings"
	"testing"
	"time"

	"duijie/jobs/catalog"
)

func TestJobDefaults(t *testing.T) {
	c, err := Load(nil, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Jobs.Specs["digest-daily"] != "30 8 * * *" || c.Jobs.Specs["outbox"] != "* * * * *" || len(c.Jobs.Specs) != len(catalog.Jobs) {
		t.Errorf("specs %v", c.Jobs.Specs)
	}
	if c.Jobs.MailRate != 0 || c.Jobs.MailConcurrency != 4 || c.Jobs.SMTPTimeout != 30*time.Second {
		t.Errorf("mail settings %+v", c.Jobs)
	}
}

func TestJobOptions(t *testing.T) {
	for _, tc := range []struct {
		env, value string
		ok         bool
	}{
		{"JOBS_DIGEST_DAILY", "0 9 * * *", true},
		{"JOBS_DIGEST_DAILY", "CRON_TZ=Asia/Shanghai 30 8 * * *", true},
		{"JOBS_OUTBOX", "@every 30s", true},
		{"JOBS_DIGEST_DAILY", "30 8 * *", false},
		{"JOBS_DIGEST_WEEKLY", "30 25 * * 1", false},
		{"JOBS_EVENT_REMINDERS", "every ten minutes", false},
		{"JOBS_SESSION_CLEANUP", "CRON_TZ=Nowhere/Land 0 * * * *", false},
		{"MAIL_RATE", "12.5", true},
		{"MAIL_RATE", "-1", false},
		{"MAIL_RATE", "fast", false},
		{"MAIL_CONCURRENCY", "8", true},
		{"MAIL_CONCURRENCY", "0", false},
		{"SMTP_TIMEOUT", "5s", true},
		{"SMTP_TIMEOUT", "1ms", false},
	} {
		t.Run(tc.env+"="+tc.value, func(t *testing.T) {
			c, err := Load(nil, envOf(map[string]string{tc.env: tc.value}))
			if tc.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if strings.HasPrefix(tc.env, "JOBS_") {
					found := false
					for _, v := range c.Jobs.Specs {
						found = found || v == tc.value
					}
					if !found {
						t.Errorf("spec not in %v", c.Jobs.Specs)
					}
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.Option != tc.env || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want a one-line *config.Error naming %s", err, tc.env)
			}
		})
	}
}
