package intake

import (
	"strings"
	"testing"
)

// A text that names only a place is answered plainly, in the caller's language: nothing was
// understood yet, the place was read, and what to add. A text with a need has no such answer.
func TestAnalyseSaysWhatToAddToAPlace(t *testing.T) {
	s := New(nil, nil, nil, nil)
	for _, c := range []struct{ title, lang, place, want string }{
		{"江阴", "zh-CN", "江阴", "产品或服务"},
		{"Dubai", "en", "Dubai", "product or service"},
		{"Deliver to Dubai", "zh-CN", "Dubai", "还没读懂"},
	} {
		a := s.Analyse(AnalyseInput{Title: c.title}, clusters, c.lang)
		if a.Unread == nil {
			t.Errorf("%q: no unread answer: %+v", c.title, a)
			continue
		}
		if len(a.Unread.Places) != 1 || a.Unread.Places[0] != c.place || !strings.Contains(a.Unread.Message, c.place) ||
			!strings.Contains(a.Unread.Message, c.want) {
			t.Errorf("%q in %s: %+v, want the place %q and %q", c.title, c.lang, a.Unread, c.place, c.want)
		}
	}
	for _, title := range []string{"", "食堂油烟太大", "Dubai: need LED street lights"} {
		if a := s.Analyse(AnalyseInput{Title: title}, clusters, "en"); a.Unread != nil {
			t.Errorf("%q: unread %+v", title, a.Unread)
		}
	}
}
