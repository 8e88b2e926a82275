package study

import (
	"runtime/debug"
	"testing"
)

func TestProvenance(t *testing.T) {
	p := CurrentProvenance()
	if p.Program != "precinct" || p.GoVersion == "" || p.GOARCH == "" || p.Seeding == "" || p.Revision == "" {
		t.Errorf("incomplete provenance: %+v", p)
	}
	if Hash([]byte("a")) == Hash([]byte("b")) || len(Hash(nil)) != 64 {
		t.Error("Hash is not a SHA-256 hex digest")
	}
}

// TestProvenanceRevision: the VCS revision and its modified flag are
// recorded when the build has them, and a build without them says so
// instead of leaving the revision out.
func TestProvenanceRevision(t *testing.T) {
	main := debug.Module{Path: "github.com/precinct-sim/precinct", Version: "(devel)"}
	for _, tc := range []struct {
		name     string
		bi       *debug.BuildInfo
		ok       bool
		revision string
		modified bool
	}{
		{"stamped", &debug.BuildInfo{Main: main, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "7c9d3a43f4839ce99609668b242070dc4c6452d4"}, {Key: "vcs.modified", Value: "true"}}},
			true, "7c9d3a43f4839ce99609668b242070dc4c6452d4", true},
		{"clean", &debug.BuildInfo{Main: main, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}},
			true, "abc", false},
		{"go run", &debug.BuildInfo{Main: main}, true, NoRevision, false},
		{"no build info", nil, false, NoRevision, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := provenanceOf(tc.bi, tc.ok)
			if p.Revision != tc.revision || p.Modified != tc.modified {
				t.Errorf("revision %q, modified %v; want %q, %v", p.Revision, p.Modified, tc.revision, tc.modified)
			}
		})
	}
}
