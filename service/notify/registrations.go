package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	qrcode "github.com/skip2/go-qrcode"

	"duijie/domain"
	"duijie/mail"
)

// Registration mail statuses beyond the registration's own.
const (
	regOfferExpiring = "offer_expiring"
	regOfferExpired  = "offer_expired"
)

// OfferWarning is how long before an offer lapses its holder is reminded to confirm.
const OfferWarning = 12 * time.Hour

// regMailStatus says which registration mail a registration in its current state calls for;
// "" means none (cancelled by the member or the organiser: they know).
func regMailStatus(r *domain.Registration) string {
	switch r.Status {
	case domain.RegConfirmed, domain.RegWaitlisted, domain.RegOffered:
		return string(r.Status)
	case domain.RegCancelled:
		if r.CancelReason == domain.CancelOfferExpired {
			return regOfferExpired
		}
	}
	return ""
}

// regKey is the dedup key of a registration mail before the recipient is appended: one per
// registration and status, and for offers per offer (a registration can be offered a seat
// again after an earlier offer lapsed … and was re-registered).
func regKey(status string, r *domain.Registration) string {
	k := "reg:" + status + ":" + r.ID
	switch {
	case r.OfferExpiresAt != nil && (status == string(domain.RegOffered) || status == regOfferExpiring):
		k += ":" + strconv.FormatInt(r.OfferExpiresAt.UnixMilli(), 10)
	case status == regOfferExpired && r.CancelledAt != nil:
		k += ":" + strconv.FormatInt(r.CancelledAt.UnixMilli(), 10)
	case status == string(domain.RegConfirmed) || status == string(domain.RegWaitlisted):
		// Re-registering after a cancellation is a new registration for the person: the
		// creation time of the reopened record tells it apart.
		k += ":" + strconv.FormatInt(r.CreatedAt.UnixMilli(), 10)
	}
	return k
}

// Registration queues the mail r's current state calls for, to the member who registered and
// to every listed attendee with an address, each once. Confirmed and waitlisted mails carry the
// event's .ics. It returns how many mails were newly queued.
func (s *Service) Registration(ctx context.Context, r *domain.Registration, e *domain.Event) (int, error) {
	if s == nil {
		return 0, nil
	}
	return s.registrationMail(ctx, r, e, regMailStatus(r))
}

func (s *Service) registrationMail(ctx context.Context, r *domain.Registration, e *domain.Event, status string) (int, error) {
	if status == "" || e == nil {
		return 0, nil
	}
	// A past event needs no confirmation; a lapsed offer of one is not news either.
	if !e.EndsAt.IsZero() && e.EndsAt.Before(s.now()) {
		return 0, nil
	}
	people, err := s.registrationPeople(ctx, r)
	if err != nil {
		return 0, err
	}
	var attach []domain.MailAttachment
	if status == string(domain.RegConfirmed) || status == string(domain.RegWaitlisted) {
		attach = []domain.MailAttachment{{Name: "event.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH",
			Data: []byte(EventICS(e, s.r.Link("/events/"+e.ID)))}}
	}
	names := make([]string, 0, len(r.Attendees))
	for _, a := range r.Attendees {
		names = append(names, a.Name)
	}
	n := 0
	for _, p := range people {
		d := &mail.RegistrationData{Status: status, Event: e.DisplayTitle(p.lang), When: when(e, e.StartsAt),
			Venue: e.Venue, Address: e.Address, Position: r.Position, Attendees: names, Code: r.CheckinCode,
			Calendar: attach != nil, Link: s.r.Link("/events/" + e.ID)}
		if p.code != "" {
			d.Code = p.code // each attendee is admitted by its own code
		}
		if status != string(domain.RegConfirmed) {
			d.Code = "" // a code only admits a confirmed registration
		}
		switch status {
		case string(domain.RegWaitlisted), string(domain.RegOffered), regOfferExpiring:
			d.Link = s.r.Link("/me/registrations")
		}
		if r.OfferExpiresAt != nil && (status == string(domain.RegOffered) || status == regOfferExpiring) {
			d.OfferExpires = when(e, *r.OfferExpiresAt)
		}
		files := attach
		if d.Code != "" && p.code != "" {
			// An attendee's own code, as the QR the door's camera reads.
			if png, err := qrcode.Encode(p.code, qrcode.Medium, 320); err == nil {
				files = append(append([]domain.MailAttachment{}, attach...), domain.MailAttachment{
					Name: "checkin-" + p.code + ".png", ContentType: "image/png", Data: png})
				d.QR = true
			}
		}
		created, err := s.send(ctx, domain.MailRegistration, mail.TemplateRegistration, p, d, regKey(status, r), files)
		if err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}

// registrationPeople is who hears about a registration: the member who made it and every
// attendee with an address, once per address. Attendees read the mail in the member's locale.
func (s *Service) registrationPeople(ctx context.Context, r *domain.Registration) ([]person, error) {
	var out []person
	seen := map[string]bool{}
	lang := "zh-CN"
	if r.CreatedBy != "" {
		u, err := s.users.Get(ctx, r.CreatedBy)
		switch {
		case errors.Is(err, domain.ErrNotFound):
		case err != nil:
			return nil, fmt.Errorf("registrant of %s: %w", r.ID, err)
		case u.EnterpriseID != r.EnterpriseID:
			// Staff who registered a walk-in (or the demo's sample firms) are not the firm:
			// its attendees are told, the organiser needs no confirmation of its own entry.
		case !u.Disabled && u.Email != "":
			p, err := s.userPerson(ctx, u)
			if err != nil {
				return nil, err
			}
			lang = p.lang
			seen[strings.ToLower(u.Email)] = true
			out = append(out, p)
		}
	}
	for _, a := range r.Attendees {
		addr := strings.TrimSpace(a.Email)
		if addr == "" {
			continue
		}
		if seen[strings.ToLower(addr)] {
			// The member is also an attendee: its mail shows its own code.
			for i := range out {
				if strings.EqualFold(out[i].email, addr) && out[i].code == "" {
					out[i].code = a.CheckinCode
				}
			}
			continue
		}
		seen[strings.ToLower(addr)] = true
		out = append(out, person{email: addr, name: a.Name, lang: lang, code: a.CheckinCode})
	}
	return out, nil
}

// EventICS is a one-event calendar in UTC, with the UID the public feed uses, so a calendar
// that imports both keeps one entry.
func EventICS(e *domain.Event, link string) string {
	cal := ics.NewCalendarFor("Duijie")
	cal.SetProductId("-//Duijie//Events//ZH")
	cal.SetMethod(ics.MethodPublish)
	v := cal.AddEvent("event-" + e.ID + "@duijie")
	v.SetDtStampTime(e.UpdatedAt)
	v.SetStartAt(e.StartsAt)
	v.SetEndAt(e.EndsAt)
	v.SetSummary(e.Title)
	v.SetLocation(strings.TrimSpace(e.Venue + " " + e.Address))
	v.SetDescription(e.Description)
	v.SetURL(link)
	if e.Status == domain.EventCancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	} else {
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
	return cal.Serialize()
}
