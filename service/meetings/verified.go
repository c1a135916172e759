package meetings

import "duijie/domain"

// verified says whether the office has checked the enterprise's business licence:
// the directory marks such firms.
func verified(e *domain.Enterprise) bool { return e.IsVerified() }
