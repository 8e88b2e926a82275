package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"unicode/utf8"
)

// MaxFileBytes is the largest scenario file Load reads (4 MiB; the
// largest library scenario is a few KB). Only regular files are read,
// following symbolic links: a device, a named pipe or a directory is
// refused before anything is read from it, and so is a file, the parent
// of an extends chain included, that is larger.
const MaxFileBytes = 4 << 20

// errNotRegular and errTooLarge are the reasons readScenarioFile refuses
// a file.
var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = fmt.Errorf("larger than 4 MiB (%d bytes)", MaxFileBytes)
)

// readScenarioFile reads the scenario file at path: a regular file of at
// most MaxFileBytes. It never blocks on a named pipe and never reads past
// the limit, whatever the file says its size is.
func readScenarioFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	// O_NONBLOCK: a file swapped for a named pipe after the Stat must not
	// block the open; the Stat of the open file then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// regular refuses what is not a regular file of at most MaxFileBytes.
func regular(fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsDir():
		return fmt.Errorf("%w: a directory", errNotRegular)
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%w: a named pipe", errNotRegular)
	case m&fs.ModeSocket != 0:
		return fmt.Errorf("%w: a socket", errNotRegular)
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("%w: a device", errNotRegular)
	case !m.IsRegular():
		return errNotRegular
	case fi.Size() > MaxFileBytes:
		return errTooLarge
	}
	return nil
}

// notText returns a problem when data is not UTF-8 text without NUL
// bytes: not a scenario, and not to be quoted in a message (it may be
// anything, /proc/self/environ for one).
func notText(file string, data []byte) *Problem {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return &Problem{File: file, Msg: "is not a scenario: a scenario is a TOML text file (UTF-8), and this file holds binary data"}
	}
	return nil
}

// The bounds on what a study may need, by the estimate of Estimate. Each
// key has its range, but their product does not: 1000 neighborhoods of
// 1e6 residents, or 200 shifts of 100,000 officers, pass every range and
// would not fit in memory. A scenario or a study beyond a bound is refused
// before it starts, with the estimate in the message.
const (
	// MaxReplicateBytes bounds the memory of one replicate: the grid,
	// the residents and their ties, the officers and the daily records.
	MaxReplicateBytes = 2 << 30
	// MaxStudyBytes bounds the memory of a study: what it holds for each
	// scenario or sweep point for the whole study (HeldBytes: the
	// scenario and its running sums, mostly per cell), plus a replicate
	// per worker.
	MaxStudyBytes = 4 << 30
	// MaxStudyWork bounds the work of a study, in work units (about one
	// simulated event each; about 10 million a second on one core of a
	// 2024 laptop): 1e12 units is a day or more of one core.
	MaxStudyWork = 1e12
)

// Cost is an estimate of what running needs.
type Cost struct {
	Bytes float64 // memory, bytes
	Work  float64 // work units, about one simulated event each
}

// Size is what a scenario's cost is made of, for messages.
type Size struct {
	Cells, Residents, Ties int
	Officers               int     // officers and teams on the roster, every shift
	OnDuty                 float64 // officers and teams on duty at a time, on average
	CallsPerDay            float64 // calls for service and offenses a day
	Days                   int     // simulated days, the warm-up included
}

// size measures s, which must have passed Validate's other checks.
func (s *Scenario) size() Size {
	z := Size{Cells: s.World.Width * s.World.Height, Ties: s.Residents.Ties, Days: s.Days + s.WarmupDays}
	for _, n := range s.World.Neighborhoods {
		z.Residents += n.Population
	}
	p := s.plan()
	posts := p.staffing.posts()
	for i, sh := range p.staffing.shiftSpecs() {
		if i < len(posts) {
			z.Officers += posts[i]
			z.OnDuty += float64(posts[i]) * sh.Length.Hours() / 24
		}
	}
	for i, sh := range s.CoResponders.Shifts {
		if i < len(p.teams) {
			z.Officers += p.teams[i]
			z.OnDuty += float64(p.teams[i]) * sh.Length.Hours() / 24
		}
	}
	extra := 0 // the largest roster an event brings
	for _, ev := range s.Events {
		n := ev.Headcount + ev.Units*len(p.staffing.shiftSpecs())
		for _, o := range ev.OfficersPerShift {
			n += o
		}
		extra = max(extra, n)
	}
	z.Officers += extra
	z.OnDuty += float64(extra) / 2
	for _, t := range s.Calls.Types {
		z.CallsPerDay += t.PerDay
	}
	z.CallsPerDay += s.Crime.PerDay
	return z
}

// Estimate returns the estimated memory and work of one replicate of s.
// The coefficients are measured on the engine (docs/ARCHITECTURE.md,
// "Bounds"): about 64 bytes and 0.1 unit a day per cell, 64 bytes plus 8
// per tie and 1/50 unit a day per tie for each resident, 256 bytes per
// officer, one unit per patrol leg (an officer on duty moves every
// patrol.dwell, at least every minute), about 20 units per call plus the
// dispatcher's search over the units on duty, and a term for the
// crowding of many units.
func (s *Scenario) Estimate() Cost {
	z := s.size()
	dwell := max(s.Patrol.Dwell.Minutes(), 1)
	perDay := z.OnDuty*24*60/dwell + z.CallsPerDay*(20+z.OnDuty/16) + z.OnDuty*z.OnDuty/64 +
		float64(z.Residents)*float64(z.Ties)/50 + float64(z.Cells)/10
	bytes := 16e6 + float64(z.Cells)*(64+24*float64(len(s.Crime.Types))) +
		float64(z.Residents)*float64(64+8*z.Ties) + float64(z.Officers)*256 +
		float64(z.Days)*float64(len(s.World.Neighborhoods))*64
	return Cost{Bytes: bytes, Work: perDay * float64(z.Days)}
}

// HeldBytes estimates what a study holds for s for the whole study, as
// one of its scenarios or sweep points: the resolved scenario and its
// TOML (about 24 KB, plus about 1 KB per neighborhood, call type and
// offense type), and the running sums behind the aggregate files (three
// counts and an exact sum of a few partials per cell, 112 bytes; the
// response-time histograms are in the constant). A study holds no
// point's sim.Config: each job builds its own (study.Job), so the grid's
// per-cell configuration is held by the replicates running, which
// Estimate counts, and not per point.
func (s *Scenario) HeldBytes() float64 {
	types := len(s.World.Neighborhoods) + len(s.Calls.Types) + len(s.Crime.Types)
	return 24e3 + float64(s.World.Width*s.World.Height)*112 + float64(types)*1024
}

// checkSize adds a problem when one replicate of s is beyond the bounds,
// blamed on the key that contributes most.
func checkSize(c *checker, s *Scenario) {
	cost := s.Estimate()
	z := s.size()
	if cost.Bytes > MaxReplicateBytes {
		key := "world.neighborhoods"
		switch residents, cells, officers := float64(z.Residents)*float64(64+8*z.Ties), float64(z.Cells)*64, float64(z.Officers)*256; {
		case officers >= residents && officers >= cells:
			key = "staffing"
		case cells > residents:
			key = "world.width"
		}
		c.add(key, "the scenario needs about %s of memory for one replicate by the estimate (%s), at most %s allowed", fmtBytes(cost.Bytes), z, fmtBytes(MaxReplicateBytes))
	}
	if cost.Work > MaxStudyWork {
		c.add("days", "the scenario needs about %.2g work units for one replicate by the estimate (%s), at most %.0e allowed (about a day of one core)", cost.Work, z, float64(MaxStudyWork))
	}
}

// String describes a size for a message.
func (z Size) String() string {
	return fmt.Sprintf("%d cells, %d residents with %d ties each, %d officers and teams, %.0f on duty at a time, %.0f calls and offenses a day, %d days",
		z.Cells, z.Residents, z.Ties, z.Officers, z.OnDuty, z.CallsPerDay, z.Days)
}

// CheckStudy returns a *Problem when a study of scens, each run reps
// times on workers goroutines, is beyond MaxStudyBytes or MaxStudyWork
// by the estimate, saying the estimate; nil otherwise.
func CheckStudy(scens []*Scenario, reps, workers int) error {
	var held, replicate, work float64
	for _, s := range scens {
		c := s.Estimate()
		held += s.HeldBytes()
		replicate = max(replicate, c.Bytes)
		work += c.Work * float64(reps)
	}
	jobs := float64(len(scens)) * float64(reps)
	bytes := held + replicate*min(float64(max(workers, 1)), jobs)
	var msgs []string
	if bytes > MaxStudyBytes {
		msgs = append(msgs, fmt.Sprintf("needs about %s of memory by the estimate (%d scenarios or points held at %s each, %s per replicate on %d workers), at most %s allowed",
			fmtBytes(bytes), len(scens), fmtBytes(held/float64(len(scens))), fmtBytes(replicate), max(workers, 1), fmtBytes(MaxStudyBytes)))
	}
	if work > MaxStudyWork {
		msgs = append(msgs, fmt.Sprintf("needs about %.2g work units by the estimate (%d scenarios or points x %d replicates), at most %.0e allowed (about a day of one core): run fewer replicates, points or days",
			work, len(scens), reps, float64(MaxStudyWork)))
	}
	if len(msgs) == 0 {
		return nil
	}
	probs := make([]*Problem, len(msgs))
	for i, m := range msgs {
		probs[i] = &Problem{File: "study", Msg: m}
	}
	return join(probs)
}

// fmtBytes writes a size in bytes for people: "3.2 GiB".
func fmtBytes(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f KiB", b/(1<<10))
}
