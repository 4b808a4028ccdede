package trimsuffixes

var testCases = []struct {
	name     string
	suffixes []string
	want     string
}{
	{"report.tar.gz", []string{".gz", ".tar"}, "report.tar"},
	{"report.tar", []string{".gz", ".tar"}, "report"},
	{"notes", []string{".txt"}, "notes"},
	{"a.txt.txt", []string{".txt"}, "a.txt"},
}
