package domain

import "unicode"

// Readable reports whether s has something the platform can read and match: at least one Han
// character or one Latin letter or digit. Text only in emoji, symbols or another script
// (Cyrillic, Arabic …) gives suppliers nothing to go on, so a lead must say what it wants in
// Chinese or English, if only a model number.
func Readable(s string) bool {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			return true
		case r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r)): // Latin, with accents
			return true
		case r >= 0xFF10 && r <= 0xFF5A && (unicode.IsLetter(r) || unicode.IsDigit(r)): // full-width
			return true
		}
	}
	return false
}
