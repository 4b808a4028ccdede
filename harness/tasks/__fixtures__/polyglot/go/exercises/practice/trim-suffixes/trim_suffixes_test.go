package trimsuffixes

import "testing"

func TestTrim(t *testing.T) {
	for _, tc := range testCases {
		if got := Trim(tc.name, tc.suffixes); got != tc.want {
			t.Errorf("Trim(%q, %q) = %q, want %q", tc.name, tc.suffixes, got, tc.want)
		}
	}
}
