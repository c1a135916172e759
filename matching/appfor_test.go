package matching

import (
	"math"
	"reflect"
	"testing"

	"duijie/domain"
)

// What a product is for follows "for" after a product the lead reads, up to a preposition, a
// conjunction or a pause; "looking for", "quote for" and "a partner for" introduce the need.
func TestApplicationSpans(t *testing.T) {
	e := New(DefaultConfig())
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Need 1200V SiC MOSFETs for EV traction inverters, 5k pcs.", []string{"ev traction inverters"}},
		{"Hydraulic cylinders for tipper trucks in Lagos.", []string{"tipper trucks"}},
		{"Looking for EV traction inverters.", nil},
		{"Please send a quote for EV traction inverters.", nil},
		{"We need a partner for drone frames.", nil},
	} {
		l := domain.Lead{Description: c.text}
		lt := e.analyzeLead(&l, false)
		var got []string
		for _, s := range applicationSpans(lt.fields[1], lt.occ[1]) {
			got = append(got, string(lt.fields[1][s[0]:s[1]]))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: applications %q, want %q", c.text, got, c.want)
		}
	}
}

// A product read only in what another product is for weighs Tuning.ForPhrase; one the lead
// asks for outside every application keeps its weight.
func TestApplicationWeighsWhatTheProductIsFor(t *testing.T) {
	on := New(DefaultConfig())
	off := tuned(func(t *Tuning) { t.ForPhrase = 0 })
	factor := float32(DefaultTuning().ForPhrase)
	for _, c := range []struct {
		text, concept string
		want          float32
	}{
		{"Need 1200V SiC MOSFETs for EV traction inverters, 5k pcs.", "#逆变器", factor},
		{"Carbon fiber sheets for drone frames, 2 mm.", "#无人机", factor},
		{"Looking for EV traction inverters and SiC MOSFETs for them.", "#逆变器", 1},
	} {
		w0 := occWeight(off, "", c.text, 1, kConcept, c.concept)
		w1 := occWeight(on, "", c.text, 1, kConcept, c.concept)
		if w0 == 0 || math.Abs(float64(w1/w0-c.want)) > 1e-5 {
			t.Errorf("%s: %s weighs %v off, %v on: want ×%v", c.text, c.concept, w0, w1, c.want)
		}
	}
}
