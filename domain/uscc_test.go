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

func TestNormalizeUSCC(t *testing.T) {
	want := "91350100M000100Y43"
	for _, in := range []string{
		"91350100M000100Y43",
		"  91350100m000100y43 ",
		"9135 0100 M000 100Y 43",
		"9135-0100-M000-100Y-43",
		"９１３５０１００Ｍ０００１００Ｙ４３",       // full width, from a Chinese input method
		"91350100M000100Y43\u3000", // ideographic space
		"\t91350100M000100Y43\n",
	} {
		got := NormalizeUSCC(in)
		if got != want {
			t.Errorf("NormalizeUSCC(%q) = %q, want %q", in, got, want)
		}
		if p := USCCProblem(got); p != "" {
			t.Errorf("%q normalised is refused: %s", in, p)
		}
	}
}
