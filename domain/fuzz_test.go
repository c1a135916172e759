package domain

import (
	"strings"
	"testing"
)

// FuzzUSCC feeds the credit code rules what users type and files carry: normalising never
// panics, is idempotent, and a code accepted has 18 characters whose check character the
// GB 32100-2015 rule reproduces.
func FuzzUSCC(f *testing.F) {
	for _, s := range []string{"91320214MA0000001R", " 91320214ma0000001r ", "９１３２０２１４", "", "I0Z", strings.Repeat("9", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeUSCC(s)
		if NormalizeUSCC(n) != n {
			t.Fatalf("NormalizeUSCC not idempotent: %q → %q → %q", s, n, NormalizeUSCC(n))
		}
		if USCCProblem(n) != "" {
			return
		}
		if len(n) != 18 {
			t.Fatalf("accepted %q of length %d", n, len(n))
		}
		if CompleteUSCC(n[:17]) != n {
			t.Fatalf("accepted %q whose check character is not %q", n, CompleteUSCC(n[:17]))
		}
	})
}

// FuzzLicenceType: any upload is judged without panicking, and only the three types pass.
func FuzzLicenceType(f *testing.F) {
	f.Add([]byte("%PDF-1.7"))
	f.Add([]byte{0xFF, 0xD8, 0xFF})
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		switch LicenceType(b) {
		case "", "application/pdf", "image/jpeg", "image/png":
		default:
			t.Fatal("unexpected type")
		}
	})
}
