package study

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"runtime/debug"
)

// Provenance says which program produced an output, so that a number can
// be traced to the code, toolchain and platform that computed it. It holds
// no times or host names: the same run gives the same provenance.
type Provenance struct {
	Program   string `json:"program"`
	Module    string `json:"module"`
	Version   string `json:"version"`            // module version, "(devel)" for a source build
	Revision  string `json:"revision"`           // VCS revision, or NoRevision when the build recorded none
	Modified  bool   `json:"modified,omitempty"` // the build had uncommitted changes
	GoVersion string `json:"go_version"`
	GOOS      string `json:"goos"`
	GOARCH    string `json:"goarch"` // results are bit-identical only on the same architecture
	Seeding   string `json:"seeding"`
}

// Seeding describes how random streams derive from the seed.
const Seeding = "math/rand/v2 PCG per (scenario seed, replicate, stream), state words mixed with SplitMix64"

// NoRevision is the Revision of a build that recorded no VCS revision:
// `go run`, `go test`, a build outside a Git checkout or with
// -buildvcs=false. `go build ./cmd/precinct` in a checkout records it.
const NoRevision = "unknown (no VCS info in this build)"

// CurrentProvenance describes the running program.
func CurrentProvenance() Provenance {
	return provenanceOf(debug.ReadBuildInfo())
}

// provenanceOf describes the program of build info bi (ok false: none).
func provenanceOf(bi *debug.BuildInfo, ok bool) Provenance {
	p := Provenance{Program: "precinct", Version: "(unknown)", Revision: NoRevision, GoVersion: runtime.Version(),
		GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Seeding: Seeding}
	if ok {
		p.Module, p.Version = bi.Main.Path, bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if s.Value != "" {
					p.Revision = s.Value
				}
			case "vcs.modified":
				p.Modified = s.Value == "true"
			}
		}
	}
	return p
}

// Hash returns the hex SHA-256 of data: a short, stable name for a
// resolved scenario.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
