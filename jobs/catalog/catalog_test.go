package catalog

import "testing"

func TestTable(t *testing.T) {
	names, envs := map[string]bool{}, map[string]bool{}
	for _, j := range Jobs {
		if names[j.Name] || envs[j.Env()] {
			t.Errorf("%s: name or variable %s twice", j.Name, j.Env())
		}
		names[j.Name], envs[j.Env()] = true, true
		if _, err := Parse(j.Spec); err != nil {
			t.Errorf("%s: default spec %q: %v", j.Name, j.Spec, err)
		}
		if j.Does == "" || j.DoesZh == "" {
			t.Errorf("%s: says not what it does in both languages", j.Name)
		}
		if got, ok := Lookup(j.Name); !ok || got.Spec != j.Spec {
			t.Errorf("Lookup(%s) = %+v, %v", j.Name, got, ok)
		}
	}
	if j := (Job{Name: "digest-daily"}); j.Env() != "JOBS_DIGEST_DAILY" {
		t.Errorf("Env = %s", j.Env())
	}
	if _, ok := Lookup("no-such-job"); ok {
		t.Error("Lookup found a job not in the table")
	}
}

func TestParse(t *testing.T) {
	for spec, ok := range map[string]bool{
		"30 8 * * *": true, "@every 30s": true, "CRON_TZ=Asia/Shanghai 0 9 * * 1": true,
		"": false, "  ": false, "30 8 * *": false, "30 25 * * *": false, "every day": false,
	} {
		if _, err := Parse(spec); (err == nil) != ok {
			t.Errorf("Parse(%q) = %v, want ok %v", spec, err, ok)
		}
	}
}
