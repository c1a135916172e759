package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"testing"

	"duijie/domain"
)

// TestRegistrationMailCarriesEachQR registers two colleagues: each one's confirmation carries
// the QR of that person's own check-in code as a PNG beside the event's .ics.
func TestRegistrationMailCarriesEachQR(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	body, _ := json.Marshal(map[string]any{"attendees": attendees(800, 2)})
	var r domain.Registration
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", string(body)).wantStatus(t, 201).data(t, &r)
	for _, a := range r.Attendees {
		ms := f.outboxTo(a.Email)
		if len(ms) != 1 {
			t.Fatalf("%s: %d mails", a.Email, len(ms))
		}
		full, err := f.store.Outbox.Get(context.Background(), ms[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var qr *domain.MailAttachment
		for i := range full.Attachments {
			if full.Attachments[i].Name == "checkin-"+a.CheckinCode+".png" {
				qr = &full.Attachments[i]
			}
		}
		if qr == nil || qr.ContentType != "image/png" {
			t.Fatalf("%s: attachments %v, want the QR of %s", a.Email, names(full.Attachments), a.CheckinCode)
		}
		if img, err := png.Decode(bytes.NewReader(qr.Data)); err != nil || img.Bounds().Dx() < 200 {
			t.Fatalf("%s: the QR is not a PNG of at least 200 px: %v", a.Email, err)
		}
		if !bytes.Contains([]byte(full.Text), []byte(a.CheckinCode)) {
			t.Fatalf("%s: the mail does not name the code", a.Email)
		}
	}
}

func names(as []domain.MailAttachment) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}
