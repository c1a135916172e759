package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Jobs are the settings of scheduled jobs and of mail sending.
type Jobs struct {
	// Specs maps a job name (digest-daily, outbox, …) to its cron spec, evaluated in
	// Asia/Shanghai unless the spec starts with CRON_TZ=.
	Specs           map[string]string
	MailRate        float64       // messages per second handed to SMTP; 0 = no limit
	MailConcurrency int           // SMTP connections in use at once
	SMTPTimeout     time.Duration // per SMTP step; a hung server fails the send after this
}

// cronParser accepts what the scheduler accepts: five fields or a descriptor, optional CRON_TZ.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// jobSpecs lists the schedulable jobs: env name, job name, default spec.
var jobSpecs = []struct{ env, job, def string }{
	{"JOBS_DIGEST_DAILY", "digest-daily", "30 8 * * *"},
	{"JOBS_DIGEST_WEEKLY", "digest-weekly", "30 8 * * 1"},
	{"JOBS_EVENT_REMINDERS", "event-reminders", "*/10 * * * *"},
	{"JOBS_EVENT_CHANGES", "event-changes", "*/5 * * * *"},
	{"JOBS_WAITLIST_OFFERS", "waitlist-offers", "*/5 * * * *"},
	{"JOBS_LEAD_EXPIRY", "lead-expiry", "*/15 * * * *"},
	{"JOBS_MATCHING_RESYNC", "matching-resync", "*/5 * * * *"},
	{"JOBS_OUTBOX", "outbox", "* * * * *"},
	{"JOBS_SESSION_CLEANUP", "session-cleanup", "17 * * * *"},
}

func init() {
	for _, js := range jobSpecs {
		options = append(options, option{env: js.env, def: js.def,
			help: "cron spec of the " + js.job + " job (Asia/Shanghai)",
			parse: func(c *Config, v string) error {
				if _, err := cronParser.Parse(v); err != nil {
					return fmt.Errorf("want a cron spec such as \"30 8 * * *\": %v", err)
				}
				if c.Jobs.Specs == nil {
					c.Jobs.Specs = map[string]string{}
				}
				c.Jobs.Specs[js.job] = v
				return nil
			}})
	}
	options = append(options,
		option{env: "MAIL_RATE", def: "0", help: "messages per second handed to SMTP, 0 = no limit",
			parse: func(c *Config, v string) error {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || f < 0 || f > 100000 {
					return errors.New("want a number of messages per second from 0 (no limit) to 100000")
				}
				c.Jobs.MailRate = f
				return nil
			}},
		option{env: "MAIL_CONCURRENCY", def: "4", help: "SMTP connections used at once",
			parse: func(c *Config, v string) error {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || n < 1 || n > 64 {
					return errors.New("want a whole number from 1 to 64")
				}
				c.Jobs.MailConcurrency = n
				return nil
			}},
		option{env: "SMTP_TIMEOUT", def: "30s", help: "timeout of each SMTP step (connect, send)",
			parse: func(c *Config, v string) (err error) {
				c.Jobs.SMTPTimeout, err = parseDuration(v, time.Second, 10*time.Minute)
				return err
			}},
	)
}
