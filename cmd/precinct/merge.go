package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/study"
)

func cmdMerge(args []string, stdout, stderr io.Writer) error {
	c := newCommand("merge", "precinct merge OUT SHARD_DIR...",
		`Merges the shards of a study (written by run, compare or sweep with
--shard) into OUT: manifest.json, runs.csv, daily.csv, cells.csv,
hoods.csv, response.csv and summary.json, byte for byte what one machine
running the whole study writes (only started, finished and workers in
summary.json differ), then, for run and compare, the charts and
report.html. A SHARD_DIR is a shard directory (shard-I-of-N) or a
directory holding them.

Shards run by different builds (version, revision, Go version, GOARCH),
shards of different studies (scenarios, seeds, replicates), a replicate in
two shards, a replicate in none and an unfinished shard are refused, with
exit status 2 and a message naming them.`)
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) < 2 {
		return usagef("merge: want OUT and at least one shard directory, got %d arguments", len(pos))
	}
	out := pos[0]
	sum, err := study.Merge(out, pos[1:])
	if errors.Is(err, study.ErrBadShard) || errors.Is(err, study.ErrExists) || errors.Is(err, fs.ErrNotExist) {
		return usagef("merge: %v", err)
	}
	if err != nil {
		return err
	}
	if err := report.WriteStudy(stdout, sum); err != nil {
		return err
	}
	if sum.Command == "run" || sum.Command == "compare" {
		files, err := report.DrawDir(out, "")
		if err != nil {
			return fmt.Errorf("drawing the charts (the merged results are in %s; 'precinct plot %s' tries again): %w", out, out, err)
		}
		fmt.Fprintf(stderr, "wrote %d charts in %s and %s\n", (len(files)-1)/2, filepath.Join(out, report.PlotsDir), files[len(files)-1])
	}
	fmt.Fprintf(stderr, "wrote %s (files described in docs/OUTPUTS.md)\n", out)
	return nil
}
