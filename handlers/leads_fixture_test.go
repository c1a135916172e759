package handlers

import (
	"strings"

	"duijie/domain"
)

// fillLeads replaces the lead placeholders of the route table: {{newDraftLead}} and
// {{newOpenLead}} are fresh leads of the member's enterprise in L1, one per request, so that
// one caller opening or closing a lead leaves the next caller a lead to act on.
func (f *fixture) fillLeads(s string) string {
	repl := func(ph string, status domain.LeadStatus) {
		for strings.Contains(s, ph) {
			s = strings.Replace(s, ph, f.newLead(f.enterprise, "L1", status).ID, 1)
		}
	}
	repl("{{newDraftLead}}", domain.LeadDraft)
	repl("{{newOpenLead}}", domain.LeadOpen)
	return s
}
