package handlers

import (
	"slices"
	"strings"

	"duijie/domain/codes"
	"duijie/locales"
)

// Time zones as people read them: Chinese pages say 北京时间 rather than "Asia/Shanghai
// (UTC+08:00)", and the event form offers a list with Beijing time first.

// deliveryRegionHint is the hint under a lead's delivery region: the place a value names, or
// how to write a Chinese region or a foreign country.
func deliveryRegionHint(lang, value string) string {
	if path := codes.RegionPathIn(resolveRegion(value), lang); path != "" {
		return locales.T(lang, "profiles.hint.regionNow", path)
	}
	if c := codes.NormalizeDeliveryRegion(value); codes.IsCountry(c) {
		return locales.T(lang, "profiles.hint.regionNow", codes.MarketName(c, lang))
	}
	return locales.T(lang, "intake.form.regionHint")
}

// beijingZones are the IANA names that mean Beijing time on a Chinese page.
var beijingZones = []string{"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC"}

// eventZones are the zones the event form offers, Beijing first, then where the clusters' fairs
// and buyers are.
var eventZones = []string{"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Tokyo", "Asia/Seoul",
	"Asia/Singapore", "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Jakarta", "Asia/Kolkata", "Asia/Dubai",
	"Europe/Moscow", "Europe/Istanbul", "Europe/Berlin", "Europe/Paris", "Europe/London", "Africa/Lagos",
	"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Australia/Sydney", "UTC"}

// zoneNames are the city names of the listed zones, [zh, en]: a Chinese page says 东京时间, not
// "Asia/Tokyo". Zones outside the list keep their IANA name.
var zoneNames = map[string][2]string{
	"Asia/Hong_Kong": {"香港", "Hong Kong"}, "Asia/Taipei": {"台北", "Taipei"}, "Asia/Tokyo": {"东京", "Tokyo"},
	"Asia/Seoul": {"首尔", "Seoul"}, "Asia/Singapore": {"新加坡", "Singapore"}, "Asia/Bangkok": {"曼谷", "Bangkok"},
	"Asia/Ho_Chi_Minh": {"胡志明市", "Ho Chi Minh City"}, "Asia/Jakarta": {"雅加达", "Jakarta"},
	"Asia/Kolkata": {"印度", "India"}, "Asia/Dubai": {"迪拜", "Dubai"}, "Europe/Moscow": {"莫斯科", "Moscow"},
	"Europe/Istanbul": {"伊斯坦布尔", "Istanbul"}, "Europe/Berlin": {"柏林", "Berlin"}, "Europe/Paris": {"巴黎", "Paris"},
	"Europe/London": {"伦敦", "London"}, "Africa/Lagos": {"拉各斯", "Lagos"}, "America/New_York": {"纽约", "New York"},
	"America/Chicago": {"芝加哥", "Chicago"}, "America/Los_Angeles": {"洛杉矶", "Los Angeles"},
	"America/Sao_Paulo": {"圣保罗", "São Paulo"}, "Australia/Sydney": {"悉尼", "Sydney"}, "UTC": {"协调世界时", "UTC"},
}

// zoneLabelIn names a zone in lang: 北京时间 / "Beijing time (UTC+08:00)" for Beijing, a listed
// zone by its city (东京时间（UTC+09:00）, "Tokyo (UTC+09:00)"), else the IANA name with its
// current offset.
func (h *Handler) zoneLabelIn(lang, zone string) string {
	loc := h.loadZone(zone)
	offset := "UTC" + h.now().In(loc).Format("-07:00")
	if slices.Contains(beijingZones, loc.String()) {
		if strings.HasPrefix(lang, "en") {
			return locales.T(lang, "intake.zone.beijing") + " (" + offset + ")"
		}
		return locales.T(lang, "intake.zone.beijing")
	}
	name, zh := loc.String(), strings.HasPrefix(lang, "zh")
	if n, ok := zoneNames[name]; ok {
		if name == "UTC" {
			return n[map[bool]int{true: 0, false: 1}[zh]]
		}
		if zh {
			return n[0] + "时间（" + offset + "）"
		}
		return n[1] + " (" + offset + ")"
	}
	if zh {
		return name + "（" + offset + "）"
	}
	return name + " (" + offset + ")"
}

// zoneOption is one entry of the event form's time zone list.
type zoneOption struct {
	Zone, Label string
	Selected    bool
}

// zoneOptions lists the event form's zones in lang with current selected; a current zone not
// in the list is kept at the top, so editing an event never changes its zone.
func (h *Handler) zoneOptions(lang, current string) []zoneOption {
	if current == "" {
		current = eventZones[0]
	}
	zones := eventZones
	if !slices.Contains(zones, current) {
		zones = append([]string{current}, zones...)
	}
	out := make([]zoneOption, len(zones))
	for i, z := range zones {
		out[i] = zoneOption{Zone: z, Label: h.zoneLabelIn(lang, z), Selected: z == current}
	}
	return out
}
