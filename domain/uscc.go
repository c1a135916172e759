package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// The GB 32100-2015 alphabet: digits and capitals without I, O, Z, S, V.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeUSCC reads a 统一社会信用代码 as people type or paste it: spaces and dashes grouping
// the characters ("9132 0214 MA1M…"), lower case, and full-width characters from a Chinese input
// method all give the code, which is then checked.
func NormalizeUSCC(s string) string {
	s = width.Narrow.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
	return s
}

// USCCProblem returns "" for a valid code, else the message key of what is wrong with it.
func USCCProblem(code string) string {
	if code == "" {
		return "required"
	}
	if len(code) != 18 {
		return "uscc_length"
	}
	sum := 0
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(usccAlphabet, code[i])
		if v < 0 {
			return "uscc_charset"
		}
		if i < 17 {
			sum += v * usccWeights[i]
		}
	}
	if usccAlphabet[USCCCheck(sum)] != code[17] {
		return "uscc_check"
	}
	return ""
}

// USCCCheck turns the weighted sum of the first 17 characters into the index of the check character.
func USCCCheck(sum int) int {
	c := 31 - sum%31
	if c == 31 {
		return 0
	}
	return c
}

// CompleteUSCC appends the check character to a 17-character prefix; demo data and tests use it
// to make valid codes.
func CompleteUSCC(prefix17 string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(usccAlphabet, prefix17[i]) * usccWeights[i]
	}
	return prefix17 + string(usccAlphabet[USCCCheck(sum)])
}
