package study

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// Run is the machine-readable record of one replicate: what produced it,
// the fully resolved scenario (enough to run it again), the seed and
// replicate, and the measured result.
type Run struct {
	Provenance   Provenance          `json:"provenance"`
	ScenarioHash string              `json:"scenario_sha256"` // of ScenarioTOML
	ScenarioTOML string              `json:"scenario_toml"`   // the resolved scenario as TOML
	Scenario     *scenarios.Scenario `json:"scenario"`
	Staffing     []sim.Shift         `json:"staffing"`            // posts per shift as the engine ran them
	Overrides    []string            `json:"overrides,omitempty"` // the --set overrides given, in order
	Seed         uint64              `json:"seed"`
	Replicate    int                 `json:"replicate"`
	Result       *sim.Result         `json:"result"`
}

// NewRun assembles the record of replicate res of scenario s, resolved
// with the given --set overrides.
func NewRun(s *scenarios.Scenario, overrides []string, cfg *sim.Config, res *sim.Result) *Run {
	toml := s.TOML()
	return &Run{
		Provenance:   CurrentProvenance(),
		ScenarioHash: Hash(toml),
		ScenarioTOML: string(toml),
		Scenario:     s,
		Staffing:     cfg.Shifts,
		Overrides:    overrides,
		Seed:         s.Seed,
		Replicate:    res.Replicate,
		Result:       res,
	}
}

// JSON returns the record as indented JSON. The same run always gives the
// same bytes.
func (r *Run) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding run: %w", err)
	}
	return append(b, '\n'), nil
}

// WriteDir writes the record into dir (created if missing) as run.json,
// and the resolved scenario as scenario.toml, both atomically. It returns
// the paths written.
func (r *Run) WriteDir(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	data, err := r.JSON()
	if err != nil {
		return nil, err
	}
	runPath := filepath.Join(dir, "run.json")
	if err := WriteFileAtomic(runPath, data); err != nil {
		return nil, err
	}
	scPath := filepath.Join(dir, "scenario.toml")
	if err := WriteFileAtomic(scPath, []byte(r.ScenarioTOML)); err != nil {
		return []string{runPath}, err
	}
	return []string{runPath, scPath}, nil
}
