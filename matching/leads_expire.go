package matching

import "time"

// ExpireLeads takes out of "leads for you" every indexed lead whose deadline is at or before
// now, as the lead-expiry step does in the store (which stamps them expired in one update and
// does not say which); it returns how many left.
func (e *Engine) ExpireLeads(now time.Time) int {
	e.lmu.Lock()
	defer e.lmu.Unlock()
	var due []string
	for id, slot := range e.leads.byID {
		if d := e.leads.docs[slot].lead.Deadline; d != nil && !d.After(now) {
			due = append(due, id)
		}
	}
	for _, id := range due {
		e.leads.remove(id)
	}
	return len(due)
}
