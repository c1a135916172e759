package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"duijie/domain"
	"duijie/service/checkin"
)

// BenchmarkOfflineBatch is the issue's offline sync: a phone that scanned 2,000 badges
// (1,000 firms of two) without network sends them in one POST /events/{id}/checkins/batch. Each
// iteration uses a fresh event, so every scan checks someone in; the aim is ≤ 2 s per batch.
func BenchmarkOfflineBatch(b *testing.B) {
	s := newBenchServer(b)
	s.h.deps.Options.CheckinOpensBefore = 60 * 24 * time.Hour // the bench event starts in a month
	ctx := context.Background()
	secret, _, err := s.h.issueToken(ctx, s.admin, "bench")
	if err != nil {
		b.Fatal(err)
	}
	const firms = 1000
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := s.event(b, 2*firms, 0)
		now := time.Now()
		scans := make([]checkin.Scan, 0, 2*firms)
		for k := range firms {
			r := &domain.Registration{EventID: e.ID, EnterpriseID: fmt.Sprintf("%024x", k+1),
				EnterpriseName: fmt.Sprintf("无锡压测企业%05d", k), Attendees: attendees(k*2, 2), CreatedBy: "bench"}
			got, _, err := s.st.Registrations.Register(ctx, r, now)
			if err != nil {
				b.Fatal(err)
			}
			for j, a := range got.Attendees {
				at := now.Add(-time.Duration(2*k+j) * time.Second)
				scans = append(scans, checkin.Scan{Code: a.CheckinCode, ScannedAt: &at, Device: "手机B"})
			}
		}
		body, _ := json.Marshal(batchInput{Scans: scans})
		req, _ := http.NewRequest("POST", s.base+"/api/v1/events/"+e.ID+"/checkins/batch", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		b.StartTimer()
		start := time.Now()
		res, err := s.http.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var out struct {
			Data []checkin.Result `json:"data"`
		}
		err = json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		took := time.Since(start)
		b.StopTimer()
		total += took
		if err != nil || res.StatusCode != 200 || len(out.Data) != 2*firms {
			b.Fatalf("status %d, %d results, %v", res.StatusCode, len(out.Data), err)
		}
		for _, r := range out.Data {
			if r.Result != checkin.ResultCheckedIn {
				b.Fatalf("scan %+v", r)
			}
		}
		c, err := s.st.Registrations.Counts(ctx, e.ID)
		if err != nil || c.PeopleCheckedIn != 2*firms || c.CheckedIn != firms {
			b.Fatalf("counts %+v %v", c, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/batch")
}
