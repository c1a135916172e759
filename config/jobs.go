package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"duijie/jobs/catalog"
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

func init() {
	for _, js := range catalog.Jobs {
		options = append(options, option{env: js.Env(), def: js.Spec,
			help: "cron spec of the " + js.Name + " job, which " + js.Does + " (Asia/Shanghai)",
			parse: func(c *Config, v string) error {
				if _, err := catalog.Parse(v); err != nil {
					return fmt.Errorf("want a cron spec such as \"30 8 * * *\": %v", err)
				}
				if c.Jobs.Specs == nil {
					c.Jobs.Specs = map[string]string{}
				}
				c.Jobs.Specs[js.Name] = v
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
