package handlers

import "duijie/domain"

// quoteTotal is one currency's line under the quote comparison.
type quoteTotal struct {
	Currency        string
	Count           int
	Lowest, Highest string
}

// quoteSort is one sortable column header of the quote comparison.
type quoteSort struct {
	Key, URL     string
	Active, Desc bool
}

// quotesView is the data of deals/quotes, a lead's quotes side by side.
type quotesView struct {
	Page
	Lead         *domain.Lead
	Rows         []quoteRow
	Totals       []quoteTotal
	Sorts        []quoteSort
	Sort         string
	Desc         bool
	CanShortlist bool
}

// quoteFormView is the data of deals/quote, the supplier's quote form.
type quoteFormView struct {
	Page
	Match    *domain.Match
	Lead     domain.Lead // as the supplier may see it
	CanQuote bool
}
