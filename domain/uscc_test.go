package domain

import "testing"

func TestUSCCProblem(t *testing.T) {
	valid := CompleteUSCC("91320214MA1MXXXX1")
	for _, tc := range []struct {
		code, want string
	}{
		{"91350100M000100Y43", ""}, // a published example code
		{valid, ""},
		{"", "required"},
		{"91350100M000100Y4", "uscc_length"},
		{"91350100M000100Y44", "uscc_check"},
		{"91350100M0001O0Y43", "uscc_charset"},
	} {
		if got := USCCProblem(tc.code); got != tc.want {
			t.Errorf("USCCProblem(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
}
