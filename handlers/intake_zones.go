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
	if path := codes.RegionPath(resolveRegion(value)); path != "" {
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

// zoneLabelIn names a zone in lang: 北京时间 / "Beijing time (UTC+08:00)" for Beijing, else the
// IANA name with its current offset.
func (h *Handler) zoneLabelIn(lang, zone string) string {
	loc := h.loadZone(zone)
	offset := "UTC" + h.now().In(loc).Format("-07:00")
	if slices.Contains(beijingZones, loc.String()) {
		if strings.HasPrefix(lang, "en") {
			return locales.T(lang, "intake.zone.beijing") + " (" + offset + ")"
		}
		return locales.T(lang, "intake.zone.beijing")
	}
	if strings.HasPrefix(lang, "zh") {
		return loc.String() + "（" + offset + "）"
	}
	return loc.String() + " (" + offset + ")"
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
