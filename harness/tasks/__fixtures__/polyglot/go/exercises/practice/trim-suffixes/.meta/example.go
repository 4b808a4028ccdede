package trimsuffixes

import "strings"

func Trim(name string, suffixes []string) string {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) {
			return strings.TrimSuffix(name, s)
		}
	}
	return name
}
