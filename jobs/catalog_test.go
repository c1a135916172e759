package jobs

import (
	"slices"
	"testing"

	"duijie/jobs/catalog"
	"duijie/locales"
	"duijie/mail"
)

// TestBuildRegistersTheTable: with every part given, the scheduler runs exactly the jobs of
// the one job table, each on its default spec unless config overrode it.
func TestBuildRegistersTheTable(t *testing.T) {
	rn, _ := Build(Setup{
		Store: openStore(t), Renderer: renderer(t), Dispatcher: &mail.Dispatcher{}, Holder: "test",
		Specs: map[string]string{JobOutbox: "@every 30s"},
	})
	var got, want []string
	for _, j := range rn.Jobs() {
		got = append(got, j.Name)
		spec := DefaultSpecs[j.Name]
		if j.Name == JobOutbox {
			spec = "@every 30s"
		}
		if j.Spec != spec {
			t.Errorf("%s runs on %q, want %q", j.Name, j.Spec, spec)
		}
	}
	for _, j := range catalog.Jobs {
		want = append(want, j.Name)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("scheduled jobs %v, the table lists %v", got, want)
	}
}

// TestEveryJobHasAName: the admin Jobs page and run history name each job of the table in the
// reader's language; a job added without one showed its raw message key.
func TestEveryJobHasAName(t *testing.T) {
	for _, j := range catalog.Jobs {
		for _, lang := range []string{"zh-CN", "en"} {
			if !locales.Has(lang, "admin.jobs.name."+j.Name) {
				t.Errorf("job %s has no name in %s (admin.jobs.name.%s)", j.Name, lang, j.Name)
			}
		}
	}
}
