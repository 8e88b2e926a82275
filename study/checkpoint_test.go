package study

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResumeChecksCheckpoint tampers with the checkpoint and the partial
// files of an interrupted study and checks that Resume refuses each with
// ErrCheckpoint, saying what is wrong, and changes nothing (no padding
// with NUL bytes, no duplicated rows, no panic).
func TestResumeChecksCheckpoint(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(cp map[string]any, state string)
		want string
	}{
		{"negative done", func(cp map[string]any, _ string) { cp["done"] = -3 }, "done: must be between 0 and 12"},
		{"done past the end", func(cp map[string]any, _ string) { cp["done"] = 13 }, "done: must be between 0 and 12"},
		{"done ahead of the rows", func(cp map[string]any, _ string) { cp["done"] = cp["done"].(float64) + 1 }, "n: want"},
		{"null sums", func(cp map[string]any, _ string) { cp["sums"] = []any{nil} }, "sums: want one per scenario (2), got 1"},
		{"null sum", func(cp map[string]any, _ string) { cp["sums"].([]any)[1] = nil }, "sums[1] (scenario headcount=45): missing"},
		{"short histogram", func(cp map[string]any, _ string) {
			cp["sums"].([]any)[0].(map[string]any)["response"] = []any{[]any{1}}
		}, "response: want 3 priorities"},
		{"cells missing", func(cp map[string]any, _ string) { delete(cp["sums"].([]any)[0].(map[string]any), "cells") }, "cells and hoods: want them present"},
		{"runs longer than the file", func(cp map[string]any, _ string) { cp["runs_bytes"] = cp["runs_bytes"].(float64) + 500 }, "the checkpoint says at least"},
		{"runs mid-row", func(cp map[string]any, _ string) { cp["runs_bytes"] = cp["runs_bytes"].(float64) - 3 }, "not whole CSV rows"},
		{"daily mid-row", func(cp map[string]any, _ string) { cp["daily_bytes"] = cp["daily_bytes"].(float64) - 3 }, "does not end a row"},
		{"daily truncated", func(_ map[string]any, state string) {
			os.Truncate(filepath.Join(state, DailyFile+partialSuffix), 300)
		}, "300 bytes, the checkpoint says at least"},
		{"runs row replaced", func(_ map[string]any, state string) {
			p := filepath.Join(state, RunsFile+partialSuffix)
			data, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(data), "headcount=45", "headcount=46", 1)), 0o644)
		}, "row 2 is not replicate 0 of headcount=45"},
		{"unknown field", func(cp map[string]any, _ string) { cp["extra"] = 1 }, `unknown field "extra"`},
		{"bad start", func(cp map[string]any, _ string) { cp["started"] = "yesterday" }, "started: want an RFC 3339 time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := interrupted(t, 6)
			state := filepath.Join(dir, stateDir)
			path := filepath.Join(state, checkpointFile)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var cp map[string]any
			if err := json.Unmarshal(data, &cp); err != nil {
				t.Fatal(err)
			}
			tc.edit(cp, state)
			if data, err = json.Marshal(cp); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			_, _, err = Resume(context.Background(), dir, Options{Workers: 1})
			if !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("resume: %v; want ErrCheckpoint saying %q", err, tc.want)
			}
			after := snapshot(t, dir)
			for name, b := range before {
				if after[name] != b && name != filepath.Join(stateDir, lockFile) {
					t.Errorf("a refused resume changed %s", name)
				}
			}
		})
	}
}

// snapshot returns the content of every file under dir by relative path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := dirFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range files {
		out[k] = string(v)
	}
	return out
}
