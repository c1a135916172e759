package handlers

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/service/intake"
	"duijie/store"
)

// A buyer who knows no code posts a lead in its own words: it is accepted, routed to the
// inferred cluster, and marked as inferred until an organiser of that cluster confirms it.
func TestLeadIntakeWithoutCodes(t *testing.T) {
	f := newFixture(t)
	res := f.do(asMember, "POST", "/api/v1/leads", `{"title":"食堂油烟太大，楼上住户老投诉","description":"职工食堂六个灶头，想装一套能达标排放的设备",
		"quantity":1,"deadline":"2030-03-31","deliveryRegion":"DE","status":"open"}`).wantStatus(t, 201)
	l := leadOf(t, res)
	if !l.ClustersInferred || len(l.Clusters) == 0 || l.Clusters[0] != "A3" {
		t.Fatalf("clusters %v inferred %v, want A3 inferred", l.Clusters, l.ClustersInferred)
	}
	if l.DeliveryRegion != "DE" {
		t.Errorf("deliveryRegion %q", l.DeliveryRegion)
	}
	want := time.Date(2030, 3, 31, 23, 59, 59, 0, domain.Beijing)
	if l.Deadline == nil || !l.Deadline.Equal(want) {
		t.Errorf("deadline %v, want the end of the day in Beijing %v", l.Deadline, want)
	}
	// The A3 organiser finds it in the triage queue; the L1 organiser does not.
	a3 := &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"A3"}}
	f.addActor("a3", a3)
	queue := func(as string) []string {
		var out struct{ Data []domain.Lead }
		if err := json.Unmarshal(f.do(as, "GET", "/api/v1/leads?triage=1", "").wantStatus(t, 200).body, &out); err != nil {
			t.Fatal(err)
		}
		ids := []string{}
		for _, l := range out.Data {
			ids = append(ids, l.ID)
		}
		return ids
	}
	if q := queue("a3"); len(q) != 1 || q[0] != l.ID {
		t.Fatalf("A3 triage queue %v, want the lead", q)
	}
	if q := queue(asOrganiser); len(q) != 0 {
		t.Fatalf("L1 triage queue %v, want empty", q)
	}
	// An organiser of another cluster may not route it; the A3 organiser corrects it.
	f.do(asOrganiser, "POST", "/api/v1/leads/"+l.ID+"/clusters", `{"clusters":["L1"]}`).wantStatus(t, 404)
	_, fields := f.do("a3", "POST", "/api/v1/leads/"+l.ID+"/clusters", `{"clusters":[]}`).wantStatus(t, 422).apiError(t)
	if fields["clusters"] == nil {
		t.Fatalf("empty clusters not refused on the field: %v", fields)
	}
	got := leadOf(t, f.do("a3", "POST", "/api/v1/leads/"+l.ID+"/clusters", `{"clusters":["A3","节能环保","L1"]}`).wantStatus(t, 200))
	if got.ClustersInferred || strings.Join(got.Clusters, ",") != "A3,L1" {
		t.Fatalf("after confirm: %v inferred %v", got.Clusters, got.ClustersInferred)
	}
	if q := queue("a3"); len(q) != 0 {
		t.Fatalf("confirmed lead still queued: %v", q)
	}
	// A buyer naming clusters is taken at its word.
	named := leadOf(t, f.do(asMember, "POST", "/api/v1/leads", `{"title":"食堂油烟净化","clusters":["L1"],"quantity":1}`).wantStatus(t, 201))
	if named.ClustersInferred || named.Clusters[0] != "L1" {
		t.Fatalf("named clusters: %v inferred %v", named.Clusters, named.ClustersInferred)
	}
}

// Every refusal of intake names the field, in the caller's language.
func TestLeadIntakeBadInput(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name, body, field string
		status            int
	}{
		{"impossible date", `{"title":"采购传感器","quantity":1,"deadline":"2027-02-30"}`, "deadline", 422},
		{"date in words", `{"title":"采购传感器","quantity":1,"deadline":"next March"}`, "deadline", 422},
		{"date as a number", `{"title":"采购传感器","quantity":1,"deadline":20270331}`, "deadline", 422},
		{"negative quantity", `{"title":"采购传感器","quantity":-3}`, "quantity", 422},
		{"unknown country", `{"title":"采购传感器","quantity":1,"deliveryRegion":"XX"}`, "deliveryRegion", 422},
		{"market as region", `{"title":"采购传感器","quantity":1,"deliveryRegion":"EU"}`, "deliveryRegion", 422},
		{"20000 characters", `{"title":"采购传感器","quantity":1,"description":"` + strings.Repeat("很", 20000) + `"}`, "description", 422},
		{"empty title", `{"title":"","quantity":1}`, "title", 422},
		{"emoji only", `{"title":"😀😀😀","quantity":1}`, "title", 422},
		{"neither Chinese nor English", `{"title":"Привет мир","description":"مرحبا","quantity":1}`, "title", 422},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"zh-CN", "en"} {
				r := f.do(asMember, "POST", "/api/v1/leads", tc.body, acceptLanguage(lang))
				if r.status == 413 && tc.field == "description" {
					continue // a body over the test app's limit is refused before decoding
				}
				r.wantStatus(t, tc.status)
				_, fields := r.apiError(t)
				msg, _ := fields[tc.field].(string)
				if msg == "" {
					t.Fatalf("%s: no message on %s: %s", lang, tc.field, r.body)
				}
				if hasHan := strings.ContainsFunc(msg, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }); hasHan != (lang == "zh-CN") && !strings.Contains(msg, "XX") {
					t.Errorf("%s message %q is not in %s", tc.field, msg, lang)
				}
			}
		})
	}
}

// A lead with several bad fields is refused once, naming every one of them (a bad deadline does
// not hide a bad region behind it), in the caller's language; nothing is stored.
func TestLeadIntakeEveryBadField(t *testing.T) {
	f := newFixture(t)
	before := len(leadsOf(t, f.do(asMember, "GET", "/api/v1/leads?mine=1", "").wantStatus(t, 200)))
	for _, lang := range []string{"zh-CN", "en"} {
		r := f.do(asMember, "POST", "/api/v1/leads", `{"title":"采购传感器","quantity":-1,"deadline":"2027-02-30","deliveryRegion":"XX","status":"open"}`,
			acceptLanguage(lang)).wantStatus(t, 422)
		_, fields := r.apiError(t)
		for _, field := range []string{"deadline", "deliveryRegion", "quantity"} {
			if msg, _ := fields[field].(string); msg == "" {
				t.Errorf("%s: %s not named: %s", lang, field, r.body)
			}
		}
	}
	// The same on a change: PATCH reports both at once too.
	l := leadOf(t, f.do(asMember, "POST", "/api/v1/leads", `{"title":"采购温度传感器"}`).wantStatus(t, 201))
	r := f.do(asMember, "PATCH", "/api/v1/leads/"+l.ID, `{"deadline":"next March","deliveryRegion":"XX"}`).wantStatus(t, 422)
	if _, fields := r.apiError(t); fields["deadline"] == nil || fields["deliveryRegion"] == nil {
		t.Errorf("PATCH: %s", r.body)
	}
	if after := len(leadsOf(t, f.do(asMember, "GET", "/api/v1/leads?mine=1", "").wantStatus(t, 200))); after != before+1 {
		t.Errorf("leads %d → %d: a refused lead was stored", before, after)
	}
}

// A quantity is optional: a buyer describing a problem opens a lead without one (0, "not
// stated"), by API and by the form.
func TestLeadWithoutQuantity(t *testing.T) {
	f := newFixture(t)
	l := leadOf(t, f.do(asMember, "POST", "/api/v1/leads", `{"title":"食堂油烟太大，楼上住户老投诉","status":"open"}`).wantStatus(t, 201))
	if l.Quantity != 0 || l.Status != domain.LeadOpen {
		t.Fatalf("lead without quantity: %+v", l)
	}
}

// analyse reads Chinese, English and mixed text and never fails on odd input.
func TestAnalyseLead(t *testing.T) {
	f := newFixture(t)
	analyse := func(body string) intake.Analysis {
		t.Helper()
		var out struct{ Data intake.Analysis }
		if err := json.Unmarshal(f.do(asMember, "POST", "/api/v1/leads/analyse", body).wantStatus(t, 200).body, &out); err != nil {
			t.Fatal(err)
		}
		return out.Data
	}
	for _, body := range []string{`{"title":""}`, `{"title":"😀😀😀"}`, `{"title":"Привет мир","description":"ここは"}`,
		`{"title":"x","description":"` + strings.Repeat("油烟", 10000) + `"}`} {
		a := analyse(body)
		if a.Clusters == nil || a.Products == nil || a.Certifications == nil || a.HSCodes == nil {
			t.Fatalf("lists must be [] not null: %+v", a)
		}
	}
	if a := analyse(`{"title":""}`); len(a.Clusters)+len(a.Products) != 0 {
		t.Fatalf("empty text understood as %+v", a)
	}
	a := analyse(`{"title":"Need FCC Part 15 and RoHS 2.0 compliant smart meters","description":"deliver to Hamburg, ISO 14001:2015 supplier preferred"}`)
	if a.ExportMarket != "EU" {
		t.Errorf("export market %q, want EU", a.ExportMarket)
	}
	for _, c := range []string{"FCC", "ROHS", "ISO14001"} {
		if !contains(a.Certifications, c) {
			t.Errorf("certifications %v lack %s", a.Certifications, c)
		}
	}
	a = analyse(`{"title":"食堂油烟太大，楼上住户老投诉"}`)
	if len(a.Clusters) == 0 || a.Clusters[0].Code != "A3" || a.Clusters[0].Name == "" {
		t.Errorf("clusters %+v, want 节能环保 first", a.Clusters)
	}
	if len(a.Scenes) == 0 || !contains(a.Products, "油烟净化设备") {
		t.Errorf("scenes %+v products %v, want 油烟净化设备", a.Scenes, a.Products)
	}
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// analyseBodies are the request bodies of the analyse benchmark: the intake set's code-less
// leads and the titles and descriptions of the synthetic leads.
func analyseBodies(b *testing.B, synthetic []domain.Lead) []string {
	data, err := os.ReadFile("../matching/testdata/leads.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	add := func(title, desc string) {
		body, _ := json.Marshal(intake.AnalyseInput{Title: title, Description: desc})
		out = append(out, string(body))
	}
	for _, line := range strings.Split(string(data), "\n") {
		var l domain.Lead
		if json.Unmarshal([]byte(line), &l) == nil && strings.HasPrefix(l.ID, "i") {
			add(l.Title, l.Description)
		}
	}
	for _, l := range synthetic {
		add(l.Title, l.Description)
	}
	return out
}

func TestCodePickerAPI(t *testing.T) {
	f := newFixture(t)
	var out struct {
		Data []struct{ Code, Name, NameEn string }
	}
	res := f.do(asAnonymous, "GET", "/api/v1/codes/industry?q=sensor&limit=5", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &out); err != nil || len(out.Data) == 0 || out.Data[0].Code != "C3983" {
		t.Fatalf("sensor: %s", res.body)
	}
	f.do(asAnonymous, "GET", "/api/v1/codes/planets?q=x", "").wantStatus(t, 404)
	_, fields := f.do(asAnonymous, "GET", "/api/v1/codes/hs?limit=0", "").wantStatus(t, 400).apiError(t)
	if fields["limit"] == nil {
		t.Fatalf("limit 0 not refused on the field: %v", fields)
	}
	res = f.do(asAnonymous, "GET", "/api/v1/codes/region?q=%F0%9F%98%80", "").wantStatus(t, 200)
	if !strings.Contains(string(res.body), `"data":[]`) {
		t.Fatalf("emoji query: %s", res.body)
	}
}

// The triage page lists the inferred lead with what was understood, in both languages, and the
// navigation counts it; confirming from the page routes the lead.
func TestTriagePage(t *testing.T) {
	f := newFixture(t)
	l := leadOf(t, f.do(asMember, "POST", "/api/v1/leads", `{"title":"食堂油烟太大，楼上住户老投诉","quantity":1,"status":"open"}`).wantStatus(t, 201))
	a3 := &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"A3"}}
	f.addActor("a3", a3)
	for _, lang := range []string{"zh-CN", "en"} {
		page := string(f.do("a3", "GET", "/leads/triage", "", acceptLanguage(lang)).wantStatus(t, 200).body)
		for _, want := range []string{l.Title, `class="nav-count"`, "油烟净化设备", `action="/leads/` + l.ID + `/clusters"`} {
			if lang == "en" && want == "油烟净化设备" {
				want = "kitchen fume purifier"
			}
			if !strings.Contains(page, want) {
				t.Errorf("%s triage page lacks %q", lang, want)
			}
		}
	}
	// The lead's own page shows the organiser the same understanding above its triage form; the
	// buyer, who cannot route it, sees the lead without it.
	for _, lang := range []string{"zh-CN", "en"} {
		page := string(f.do("a3", "GET", "/leads/"+l.ID, "", acceptLanguage(lang)).wantStatus(t, 200).body)
		want := map[string]string{"zh-CN": "我们理解为", "en": "What we understood"}[lang]
		if !strings.Contains(page, want) || !strings.Contains(page, `class="chip chip-scene`) {
			t.Errorf("%s lead page of the organiser lacks what was understood", lang)
		}
	}
	if page := string(f.do(asMember, "GET", "/leads/"+l.ID, "").body); strings.Contains(page, "我们理解为") {
		t.Error("the buyer's lead page shows the triage understanding")
	}
	// The address of the queue, GET /leads?triage=1, leads an organiser to the page.
	if r := f.do("a3", "GET", "/leads?triage=1", "").wantStatus(t, 303); r.header.Get("Location") != "/leads/triage" {
		t.Errorf("/leads?triage=1 redirects to %q", r.header.Get("Location"))
	}
	f.do("a3", "POST", "/leads/"+l.ID+"/clusters", "clusters=A3").wantStatus(t, 303)
	got, err := f.store.Leads.Get(t.Context(), l.ID)
	if err != nil || got.ClustersInferred {
		t.Fatalf("after the form: %+v %v", got, err)
	}
	if page := string(f.do("a3", "GET", "/leads/triage", "").body); strings.Contains(page, `class="nav-count"`) {
		t.Error("the nav still counts a confirmed lead")
	}
}

// Chinese pages say 北京时间; the event form lists time zones with Beijing time first.
func TestBeijingTimeLabels(t *testing.T) {
	f := newFixture(t)
	if got := f.h.zoneLabelIn("zh-CN", "Asia/Shanghai"); got != "北京时间" {
		t.Errorf("zh label %q", got)
	}
	if got := f.h.zoneLabelIn("en", "Asia/Shanghai"); got != "Beijing time (UTC+08:00)" {
		t.Errorf("en label %q", got)
	}
	if got := f.h.zoneLabelIn("en", "Asia/Tokyo"); got != "Tokyo (UTC+09:00)" {
		t.Errorf("Tokyo in en: %q", got)
	}
	if got := f.h.zoneLabelIn("zh-CN", "Europe/Berlin"); !strings.HasPrefix(got, "柏林时间（UTC+0") {
		t.Errorf("zh Berlin %q", got)
	}
	opts := f.h.zoneOptions("zh-CN", "")
	if opts[0].Zone != "Asia/Shanghai" || opts[0].Label != "北京时间" || !opts[0].Selected {
		t.Errorf("first option %+v", opts[0])
	}
	if opts := f.h.zoneOptions("en", "America/Denver"); opts[0].Zone != "America/Denver" || !opts[0].Selected {
		t.Errorf("an event's own zone is kept: %+v", opts[0])
	}
	page := string(f.do(asOrganiser, "GET", "/events/new", "").wantStatus(t, 200).body)
	if !strings.Contains(page, `<option value="Asia/Shanghai" selected>北京时间</option>`) {
		t.Error("the event form does not offer 北京时间 first")
	}
}

// A lead file without clusters or codes imports: each row is routed by inference; a country
// and a date are read as such.
func TestImportLeadsWithoutCodes(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.BodyLimit = 8 << 20 })
	data := "title,description,quantity,delivery_region,deadline,buyer_name\n" +
		"食堂油烟太大，楼上住户老投诉,六个灶头,1,320214,2030-06-30,无锡某机关食堂\n" +
		"Kitchen fumes bother our neighbours,12 restaurants,12,AE,2030-06-30,Dubai Dining LLC\n"
	body, ct := upload(t, "fair.csv", []byte(data))
	f.do(asAdmin, "POST", "/api/v1/leads/import", body, ct).wantStatus(t, 200)
	ls, _, _, err := f.store.Leads.List(t.Context(), store.LeadFilter{Triage: true}, store.Page{Limit: 10})
	if err != nil || len(ls) != 2 {
		t.Fatalf("triage after import: %d leads (%v)", len(ls), err)
	}
	for _, l := range ls {
		if l.Clusters[0] != "A3" || !l.ClustersInferred || l.Deadline == nil {
			t.Errorf("%q: clusters %v inferred %v deadline %v", l.Title, l.Clusters, l.ClustersInferred, l.Deadline)
		}
	}
}

// Editing an inferred lead's text infers again; naming clusters takes the buyer at its word.
func TestPatchReinfers(t *testing.T) {
	f := newFixture(t)
	l := leadOf(t, f.do(asMember, "POST", "/api/v1/leads", `{"title":"食堂油烟太大","quantity":1}`).wantStatus(t, 201))
	if l.Clusters[0] != "A3" || !l.ClustersInferred {
		t.Fatalf("created %v %v", l.Clusters, l.ClustersInferred)
	}
	got := leadOf(t, f.do(asMember, "PATCH", "/api/v1/leads/"+l.ID, `{"title":"冷库温度远程监测，超温报警"}`).wantStatus(t, 200))
	if got.Clusters[0] != "L1" || !got.ClustersInferred {
		t.Fatalf("after a new text: %v %v", got.Clusters, got.ClustersInferred)
	}
	got = leadOf(t, f.do(asMember, "PATCH", "/api/v1/leads/"+l.ID, `{"clusters":["A1"]}`).wantStatus(t, 200))
	if got.Clusters[0] != "A1" || got.ClustersInferred {
		t.Fatalf("named: %v %v", got.Clusters, got.ClustersInferred)
	}
}

func leadsOf(t *testing.T, r *response) []domain.Lead {
	t.Helper()
	var out struct{ Data []domain.Lead }
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Data
}
