package handlers

import (
	"crypto/sha256"
	"duijie/matching"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"duijie/domain"
	"duijie/locales"
	"duijie/static"
)

// templateFuncs are the helpers every template may call. Functions that need the language take
// it first ({{t $.Locale "nav.home"}}): one function set serves all requests concurrently, so
// nothing request-specific can be bound into it.
func (h *Handler) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"t":            locales.T,
		"tOr":          tOr,
		"date":         h.fmtDate,
		"datetime":     h.fmtDateTime,
		"clock":        h.fmtClock,
		"zoneLabel":    h.zoneLabel,
		"zoneIn":       h.zoneLabelIn, // {{zoneIn $.Locale zone}}: 北京时间 on Chinese pages
		"zoneOptions":  h.zoneOptions,
		"num":          formatNumber,
		"clusterName":  clusterName,
		"clusterList":  clusterList,
		"dict":         dict,
		"hasKey":       hasKey,
		"asset":        assetURL,
		"current":      isCurrent,
		"has":          hasString,
		"fieldID":      fieldID,
		"regStatusKey": regStatusKey,
		"cancelReason": cancelReasonText,
		"answerText": func(q domain.Question, lang string, a map[string]any) string {
			return domain.AnswerText(q, lang, a[q.ID])
		},
		"join":   strings.Join,
		"csv":    splitCSV,
		"add":    func(a, b int) int { return a + b },
		"pct":    percent,
		"roleIs": roleIs,
		"money":  campaignMoney, // 万元/亿元, CNY k/m/bn: the campaign's one way to print yuan
		// {{matchedTerms $.Locale .X.MatchedTerms}}: the evidence of a match as its summary names
		// it (concepts in the reader's language, one item per scene phrase)
		"matchedTerms": func(lang string, terms []string) []string { return matching.TermLabels(terms, lang, nil) },
	}
}

// tOr translates key, or prints fallback when the locale files lack it: for labels of open-ended
// sets, such as the counters a job records, where a new name must still read sensibly.
func tOr(lang, key, fallback string) string {
	if locales.Has(lang, key) {
		return locales.T(lang, key)
	}
	return fallback
}

// loadZone resolves an IANA zone name; "" means the installation's default. Zones are cached
// because LoadLocation reads the zone database each time.
func (h *Handler) loadZone(name string) *time.Location {
	if name == "" {
		name = h.deps.Options.DefaultTZ
	}
	if name == "" {
		name = "Asia/Shanghai"
	}
	if l, ok := zoneCache.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		// Without a zone database the programme's own zone is still right for most data.
		l = time.FixedZone(name, 8*3600)
	}
	zoneCache.Store(name, l)
	return l
}

var zoneCache sync.Map

// asTime accepts time.Time and *time.Time so templates can pass optional fields straight in.
func asTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, !t.IsZero()
	case *time.Time:
		if t == nil {
			return time.Time{}, false
		}
		return *t, !t.IsZero()
	}
	return time.Time{}, false
}

var weekdaysZh = [...]string{"日", "一", "二", "三", "四", "五", "六"}

// fmtDate prints the calendar date in zone (optional IANA name, default zone otherwise):
// "2026年3月5日" or "5 Mar 2026".
func (h *Handler) fmtDate(lang string, v any, zone ...string) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	t = t.In(h.loadZone(first(zone)))
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// fmtDateTime prints date and time of day in zone: "2026年3月5日（周四）14:30" or
// "Thu 5 Mar 2026, 14:30".
func (h *Handler) fmtDateTime(lang string, v any, zone ...string) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	t = t.In(h.loadZone(first(zone)))
	if lang == "en" {
		return t.Format("Mon 2 Jan 2006, 15:04")
	}
	return fmt.Sprintf("%d年%d月%d日（周%s）%s", t.Year(), t.Month(), t.Day(), weekdaysZh[t.Weekday()], t.Format("15:04"))
}

// fmtClock prints the time of day in zone: "14:30".
func (h *Handler) fmtClock(lang string, v any, zone ...string) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	return t.In(h.loadZone(first(zone))).Format("15:04")
}

// zoneLabel names a zone with its current offset, "Asia/Shanghai (UTC+08:00)", so agendas say
// which clock they mean.
func (h *Handler) zoneLabel(zone string) string {
	loc := h.loadZone(zone)
	return loc.String() + " (UTC" + h.now().In(loc).Format("-07:00") + ")"
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// formatNumber groups digits by thousands: 10000 → "10,000"; a fraction keeps its decimals
// (a lead for 0.5 吨 must not read "0 吨").
func formatNumber(v any) string {
	var s string
	switch x := v.(type) {
	case int:
		s = strconv.Itoa(x)
	case int32:
		s = strconv.FormatInt(int64(x), 10)
	case int64:
		s = strconv.FormatInt(x, 10)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// percent is part/whole in whole percent, capped at 100, for progress bars.
func percent(part, whole int) int {
	if whole <= 0 {
		return 0
	}
	p := part * 100 / whole
	if p > 100 {
		return 100
	}
	return p
}

// clusterName names a cluster code in the page's language: {{clusterName $ "L1"}}. root is the
// page's data; an unknown code prints as itself.
func clusterName(root any, code string) string {
	ci, lang := rootClusters(root)
	if ci == nil {
		return code
	}
	c, ok := ci.get(code)
	if !ok {
		return code
	}
	return c.Name(lang)
}

// clusterList returns all clusters, for pickers: {{range clusterList $}}.
func clusterList(root any) []domain.Cluster {
	ci, _ := rootClusters(root)
	if ci == nil {
		return nil
	}
	return ci.clusters()
}

// rootClusters is the cluster index and the language of a page's data.
func rootClusters(root any) (*clusterIndex, string) {
	if r, ok := root.(pageView); ok {
		p := r.page()
		return p.clusters, p.Locale
	}
	return nil, ""
}

// dict builds a map from key/value pairs, to pass several values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// hasKey reports whether m has key k, even with an empty value: a partial can then tell "no
// value given" from "the value is empty".
func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

// isCurrent reports whether the page at path belongs to the navigation section prefix.
func isCurrent(path, prefix string) bool {
	if prefix == "/" {
		return path == "/"
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// hasString reports whether list contains s.
func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// fieldID turns a form field name ("enterprise.uscc") into an element id ("f-enterprise-uscc").
func fieldID(name string) string {
	return "f-" + strings.NewReplacer(".", "-", "[", "-", "]", "").Replace(name)
}

// splitCSV splits a comma-separated form value back into its items.
func splitCSV(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// roleIs reports whether the user has one of the roles: {{if roleIs .User "admin" "organiser"}}.
func roleIs(u *domain.User, roles ...string) bool {
	if u == nil {
		return false
	}
	for _, r := range roles {
		if string(u.Role) == r {
			return true
		}
	}
	return false
}

// assetVersions maps each static file to a short content hash, so asset URLs change when the
// file does and browsers may cache them for a long time.
var assetVersions = func() map[string]string {
	out := map[string]string{}
	_ = fs.WalkDir(static.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static.FS, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[path] = hex.EncodeToString(sum[:4])
		return nil
	})
	return out
}()

// assetURL is the versioned URL of a static file: {{asset "app.css"}}.
func assetURL(name string) string {
	if v, ok := assetVersions[name]; ok {
		return "/static/" + name + "?v=" + v
	}
	return "/static/" + name
}

// regStatusKey is the message key of a registration status: the statuses of approval events
// are named in the eventday locale files.
func regStatusKey(s string) string {
	switch s {
	case "pending", "rejected":
		return "eventday.reg.status." + s
	}
	return "events.reg.status." + s
}

// cancelReasonText shows why a registration ended: the code of who cancelled, translated, or
// the organiser's own words.
func cancelReasonText(lang, reason string) string {
	switch reason {
	case domain.CancelByMember, domain.CancelByOrganiser, domain.CancelOfferExpired:
		return locales.T(lang, "eventday.cancelReason."+reason)
	}
	return reason
}
