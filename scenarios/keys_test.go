package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeysAreCaseSensitive checks that a key spelled with other letter
// case than documented is an unknown key with the spelling suggested, in
// a file, a parent and a --set, and never applied: the TOML decoder
// matches fields ignoring case, and a merged tree holding both "Days"
// and "days" decoded them in map order (issue 14, item 1).
func TestKeysAreCaseSensitive(t *testing.T) {
	_, err := Load(filepath.Join(fixtures, "bad", "case.toml"), nil)
	if err == nil {
		t.Fatal("a file with Days, [Staffing] and Dwell loaded")
	}
	if n := len(problems(t, err)); n != 3 {
		t.Errorf("%d problems, want 3:\n%v", n, err)
	}
	for _, w := range []string{
		`case.toml:3: Days: unknown key: keys are case-sensitive, did you mean "days"?`,
		`case.toml:5: Staffing: unknown key: keys are case-sensitive, did you mean "staffing"?`,
		`case.toml:9: patrol.Dwell: unknown key: keys are case-sensitive, did you mean "dwell"?`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q:\n%v", w, err)
		}
	}
	for _, set := range []string{"Days=5", "Staffing.Headcount=60", "staffing.Headcount=60", "calls.types.alarm.Per_Day=3", "Sweep.reps=3"} {
		for range 8 { // the merge order was random: try it more than once
			_, err := Load("baseline", []string{set})
			if err == nil || !strings.Contains(err.Error(), "unknown key") {
				t.Fatalf("--set %s: %v", set, err)
			}
		}
	}
	_, err = Load("baseline", []string{"Staffing.Headcount=60"})
	if want := `--set Staffing.Headcount=60: Staffing: unknown key: keys are case-sensitive, did you mean "staffing"?`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "parent.toml"), "name = \"parent\"\nDays = 5\n")
	write(t, filepath.Join(dir, "child.toml"), "extends = \"parent.toml\"\n")
	if _, err := Load(filepath.Join(dir, "child.toml"), nil); err == nil || !strings.Contains(err.Error(), "parent.toml:2: Days: unknown key") {
		t.Errorf("a parent's Days: %v", err)
	}
	write(t, filepath.Join(dir, "sweep.toml"), "name = \"s\"\n[sweep]\nReps = 3\n[sweep.grid]\nstaffing.Headcount = [60, 80]\n")
	_, err = LoadSweep(filepath.Join(dir, "sweep.toml"), nil)
	for _, w := range []string{`sweep.toml:3: sweep.Reps: unknown key: keys are case-sensitive, did you mean "reps"?`,
		`sweep.toml:5: sweep.grid.staffing.Headcount: unknown key: keys are case-sensitive, did you mean "headcount"?`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("sweep: error does not say %q:\n%v", w, err)
		}
	}
}

// TestTypeErrors checks that every value of the wrong type is reported,
// each with its line, in the user's terms (issue 13, item 17).
func TestTypeErrors(t *testing.T) {
	_, err := Load(filepath.Join(fixtures, "bad", "types.toml"), nil)
	if err == nil {
		t.Fatal("loaded")
	}
	want := []string{
		`types.toml:3: days: expected a whole number, got the string "30"`,
		`types.toml:4: warmup_days: expected a whole number, got the number 1.5`,
		`types.toml:5: seed: must be between 0 and 9223372036854775807, got -1`,
		`types.toml:8: staffing.headcount: expected a whole number, got the string "ninety"`,
		`types.toml:9: staffing.pattern: expected a string in quotes, got the whole number 8`,
		`types.toml:12: travel.turnout: expected a duration in quotes, like "12m" or "1h30m", got the whole number 5`,
		`types.toml:13: travel.speed_kmh: expected a number, got the string "fast"`,
		`types.toml:16: dispatch.preempt: expected true or false, got the string "yes"`,
		`types.toml:19: world.station: expected a list of 2 whole numbers, got a list of 3`,
	}
	if n := len(problems(t, err)); n != len(want) {
		t.Errorf("%d problems, want %d:\n%v", n, len(want), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q:\n%v", w, err)
		}
	}
	for _, tc := range []struct{ set, want string }{
		{`days="30"`, `--set days="30": days: expected a whole number, got the string "30"`},
		{"seed=-1", "--set seed=-1: seed: must be between 0 and 9223372036854775807, got -1"},
		{"seed=18446744073709551615", "--set seed=18446744073709551615: seed: must be between 0 and 9223372036854775807, got 18446744073709551615"},
		{"days=99999999999999999999", "--set days=99999999999999999999: days: must be a whole number between -9223372036854775808 and 9223372036854775807, got 99999999999999999999"},
		{"patrol.dwell=9999999h", `--set patrol.dwell=9999999h: patrol.dwell: invalid duration "9999999h": too long, a duration is at most "2562047h"`},
		{"staffing.officers_per_shift=[5, \"x\", 2.5]", "staffing.officers_per_shift[1]: expected a whole number, got the string \"x\"\n" +
			"--set staffing.officers_per_shift=[5, \"x\", 2.5]: staffing.officers_per_shift[2]: expected a whole number, got the number 2.5"},
	} {
		_, err := Load("baseline", []string{tc.set})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("--set %s: got %v, want %s", tc.set, err, tc.want)
		}
	}
	file := filepath.Join(t.TempDir(), "seed.toml")
	write(t, file, "name = \"s\"\nseed = 18446744073709551615\n")
	if _, err := Load(file, nil); err == nil || !strings.Contains(err.Error(), "seed.toml:2:8: seed: must be between 0 and 9223372036854775807, got 18446744073709551615") {
		t.Errorf("the largest uint64 seed in a file: %v", err)
	}
}

// write writes a test file.
func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNames checks the alphabet and length of names (issue 14, item 9):
// a 300-character name passed validation and then failed with "file name
// too long" after creating part of a study folder; an empty call-type
// name showed as " (P3)"; a name with a newline was accepted.
func TestNames(t *testing.T) {
	_, err := Load(filepath.Join(fixtures, "bad", "names.toml"), nil)
	if err == nil {
		t.Fatal("loaded")
	}
	want := []string{
		`names.toml:2: name: must be 1 to 64 characters: ASCII letters, digits and - _ . + = , starting with a letter or a digit, got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... (300 characters)`,
		`names.toml: calls.types: type names must be 1 to 32 characters: ASCII letters, digits, _ and -, starting with a letter, got ""`,
		`calls.types: type names must be 1 to 32 characters: ASCII letters, digits, _ and -, starting with a letter, got "bad\nname"`,
		`names.toml:18: residents.groups[1]: must be 1 to 40 characters: letters, digits, spaces and - _ . , ' & ( ), neither starting nor ending with a space, got " minority"`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q:\n%v", w, err)
		}
	}
	for _, tc := range []struct{ set, want string }{
		{`name="a\nb"`, `name: must be 1 to 64`},
		{`name=.hidden`, `name: must be 1 to 64`},
		{`name=a/b`, `name: must be 1 to 64`},
		{"world.neighborhoods=[{name = \"\", cells = [0, 0, 64, 64], call_weight = 1, population = 10, trust = 0.5, group_shares = [0.5, 0.5]}]", "world.neighborhoods[0].name: must be 1 to 40"},
		{"staffing.pattern=custom", ""},
	} {
		sets := []string{tc.set}
		if tc.want == "" {
			sets = append(sets, `staffing.shifts=[{name = "day shift\n", start = "00:00", length = "24h"}]`)
			tc.want = "staffing.shifts[0].name: must be 1 to 40"
		}
		if _, err := Load("baseline", sets); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: got %v, want %s", sets, err, tc.want)
		}
	}
	for _, ok := range []string{"name=roster-sweep_headcount=60_pattern=12x2", "name=2026", "residents.groups=[\"São Paulo\", \"Kreuzberg (Ost)\"]"} {
		sets := []string{ok}
		if strings.HasPrefix(ok, "residents") {
			sets = nil // groups must match the neighborhoods' shares; check the label alone
			c := &checker{}
			if !c.label("g", "São Paulo") || !c.label("g", "Kreuzberg (Ost)") || !c.label("g", "St. John's & Mary") {
				t.Errorf("good labels refused: %v", join(c.probs))
			}
			continue
		}
		if _, err := Load("baseline", sets); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}
