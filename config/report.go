package config

import (
	"fmt"
	"net/mail"
	"strings"

	"duijie/domain"
)

// maxReportRecipients bounds the bulletin's list: it is a leadership office's few addresses,
// not a mailing list.
const maxReportRecipients = 50

func init() {
	options = append(options, option{env: "REPORT_RECIPIENTS", def: "",
		help: "comma-separated addresses that receive the monthly 十百千万 bulletin on the 1st at 09:00 Beijing time",
		parse: func(c *Config, v string) error {
			c.ReportRecipients = nil
			seen := map[string]bool{}
			for _, part := range strings.Split(v, ",") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				a, err := mail.ParseAddress(part)
				if err != nil || domain.EmailProblem(a.Address) != "" {
					return fmt.Errorf("%q is not a mail address; want addresses separated by commas", part)
				}
				addr := strings.ToLower(a.Address)
				if !seen[addr] {
					seen[addr] = true
					c.ReportRecipients = append(c.ReportRecipients, addr)
				}
			}
			if len(c.ReportRecipients) > maxReportRecipients {
				return fmt.Errorf("at most %d addresses", maxReportRecipients)
			}
			return nil
		}})
}
