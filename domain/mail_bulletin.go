package domain

// MailBulletin is the monthly campaign bulletin mailed to REPORT_RECIPIENTS. Its recipients are
// configured addresses, not members, so it is not among the kinds a member may opt out of.
const MailBulletin MailKind = "bulletin"

// BulletinDedupKey makes the bulletin of one month go to one address once, however often the
// job runs (the outbox keeps the first message of a key).
func BulletinDedupKey(year, month int, email string) string {
	return "bulletin:" + CampaignMonthLabel(year, month-1) + ":" + email
}
