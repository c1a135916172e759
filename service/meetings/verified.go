package meetings

import "duijie/domain"

// verified says whether the platform has checked the enterprise's business licence. Until the
// verification capability (issue 10) lands, no enterprise carries that mark.
func verified(*domain.Enterprise) bool { return false }
