package notify

import (
	"context"
	"fmt"

	"duijie/domain"
	"duijie/locales"
)

// Answered tells the buyer's members that the supplier of m answered interested on lead l.
func (s *Service) Answered(ctx context.Context, m *domain.Match, l *domain.Lead) (int, error) {
	if s == nil || m.Status != domain.MatchInterested {
		return 0, nil
	}
	return s.Deal(ctx, l.BuyerEnterpriseID, domain.Notice{Key: "answer:" + m.ID, Kind: domain.NoticeAnswer,
		Title: l.Title, Link: "/leads/" + l.ID + "/matches"},
		func(lang string) string { return locales.T(lang, "notify.instant.detail.answer", m.EnterpriseName) })
}

// Contacted tells the supplier's members that the buyer recorded contact on m.
func (s *Service) Contacted(ctx context.Context, m *domain.Match, l *domain.Lead) (int, error) {
	if s == nil || m.Status != domain.MatchContacted {
		return 0, nil
	}
	buyer := l.BuyerName
	return s.Deal(ctx, m.EnterpriseID, domain.Notice{Key: "contact:" + m.ID, Kind: domain.NoticeContact,
		Title: l.Title, Link: "/me/matches"},
		func(lang string) string { return locales.T(lang, "notify.instant.detail.contact", buyer) })
}

// Invited tells the supplier's members that the buyer of l invited them to quote on m. The
// key is the match's, so the scan of sent matches does not announce it a second time.
func (s *Service) Invited(ctx context.Context, m *domain.Match, l *domain.Lead) (int, error) {
	if s == nil {
		return 0, nil
	}
	buyer := l.BuyerName
	return s.Deal(ctx, m.EnterpriseID, domain.Notice{Key: "match:" + m.ID, Kind: domain.NoticeInvite,
		Title: l.Title, Link: "/me/matches"},
		func(lang string) string { return locales.T(lang, "notify.instant.detail.invite", buyer) })
}

// Quoted tells the buyer's members that a supplier quoted on their lead; a revised quote is
// news again.
func (s *Service) Quoted(ctx context.Context, q *domain.Quote, l *domain.Lead) (int, error) {
	if s == nil {
		return 0, nil
	}
	return s.Deal(ctx, l.BuyerEnterpriseID, domain.Notice{Key: fmt.Sprintf("quote:%s:%d", q.ID, q.Revision),
		Kind: domain.NoticeQuote, Title: l.Title, Link: "/leads/" + l.ID + "/quotes"},
		func(lang string) string {
			return locales.T(lang, "notify.instant.detail.quote", q.SupplierName, q.Currency,
				money(domain.MajorUnits(q.UnitPrice)), q.Currency+" "+money(domain.MajorUnits(q.Total())))
		})
}

// money writes an amount with two decimals and thousands separators.
func money(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := fmt.Sprintf("%.2f", v)
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	out := ""
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out += ","
		}
		out += string(c)
	}
	if neg {
		out = "-" + out
	}
	return out + frac
}
