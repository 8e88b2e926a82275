// Package browsertest finds the headless browser and the artifact folder
// for the project's browser tests (report.html in report, the workbench
// in cmd/precinct). Only tests import it.
//
// A browser test is skipped where no Chromium is installed, unless the
// environment variable CI or PRECINCT_REQUIRE_BROWSER is set (as .ci/run
// does): then a missing browser fails it. PRECINCT_CHROMIUM names the
// browser binary (default: chromium, chromium-browser or google-chrome on
// PATH). Screenshots go to $PRECINCT_ARTIFACTS if set, else to the test's
// artifact directory (kept with go test -artifacts, under -outputdir).
package browsertest

import (
	"os"
	"os/exec"
	"testing"
)

// Chromium returns the browser to run, skipping the test when there is
// none, or failing it when CI or PRECINCT_REQUIRE_BROWSER is set.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("PRECINCT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" || os.Getenv("PRECINCT_REQUIRE_BROWSER") != "" {
		t.Fatal("no chromium on PATH, and CI or PRECINCT_REQUIRE_BROWSER is set: install it (apt-get install -y chromium) or set PRECINCT_CHROMIUM")
	}
	t.Skip("no chromium on PATH (install it, or set PRECINCT_CHROMIUM); CI never skips this test")
	return ""
}

// ArtifactDir returns the folder screenshots go to: $PRECINCT_ARTIFACTS,
// created if needed, or the test's artifact directory.
func ArtifactDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("PRECINCT_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.ArtifactDir()
}
