package domain

// TakeContent copies what a lead's author writes — everything but the buyer, the status and
// the record's own fields — from src. A new content field is added here once, and the API,
// the form, the service and the importer all carry it.
func (l *Lead) TakeContent(src *Lead) {
	l.Title, l.Description, l.Clusters, l.IndustryCodes = src.Title, src.Description, src.Clusters, src.IndustryCodes
	l.HSCodes, l.Quantity, l.Unit, l.BudgetMin, l.BudgetMax = src.HSCodes, src.Quantity, src.Unit, src.BudgetMin, src.BudgetMax
	l.Currency, l.DeliveryRegion, l.ExportMarket = src.Currency, src.DeliveryRegion, src.ExportMarket
	l.RequiredCertifications, l.PreferredTiers, l.Deadline = src.RequiredCertifications, src.PreferredTiers, src.Deadline
	l.Contact = src.Contact
}
