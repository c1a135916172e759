package domain

import "testing"

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in   string
		unit int64
		want int64
		ok   bool
	}{
		{"120000", Yuan, 120000, true},
		{"120,000", Yuan, 120000, true},
		{"¥120,000", Yuan, 120000, true},
		{"120000元", Yuan, 120000, true},
		{"12万", Yuan, 120000, true},
		{"12万元", Yuan, 120000, true},
		{"1.2万", Yuan, 12000, true},
		{"0.5亿", Yuan, 50_000_000, true},
		{"１２万", Yuan, 120000, true},
		{" 12 万 ", Yuan, 120000, true},
		{"500", WanYuan, 5_000_000, true},
		{"1.5", WanYuan, 15000, true},
		{"5000000元", WanYuan, 5_000_000, true},
		{"500万", WanYuan, 5_000_000, true},
		{"0.00001", WanYuan, 0, false}, // a tenth of a yuan
		{"12.5", Yuan, 0, false},
		{"-5", Yuan, 0, false},
		{"1e6", Yuan, 0, false},
		{"12,34", Yuan, 0, false},
		{"abc", Yuan, 0, false},
		{"万", Yuan, 0, false},
		{"", Yuan, 0, false},
	} {
		got, ok := ParseMoney(tc.in, tc.unit)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("ParseMoney(%q, %d) = %d, %v; want %d, %v", tc.in, tc.unit, got, ok, tc.want, tc.ok)
		}
	}
}
