// Command precinct runs policing-strategy scenarios on a simulated precinct
// and reports what they do to response times and officer workload.
//
// Usage:
//
//	precinct run [NAME|FILE] [--days N] [--seed S] [--set key=value ...] [--out DIR]
//	precinct run [NAME|FILE] --reps N [--workers W] [--out DIR] [--quiet] [scenario flags]
//	precinct run --resume DIR
//	precinct compare A B [C ...] [--reps N] [--workers W] [--out DIR] [scenario flags]
//	precinct compare A --vary key=v1,v2,... [flags]
//	precinct sweep FILE [--reps N] [--workers W] [--out DIR] [scenario flags]
//	precinct run|compare|sweep ... --reps N --out DIR --shard I/N|auto|auto/N
//	precinct merge OUT SHARD_DIR...
//	precinct slurm --tasks N [sbatch flags] run|compare|sweep ... --out OUT
//	precinct staff [NAME|FILE] --target 'METRIC<=VALUE' [--target ...] [--by shift|block] [--reps N] [--out DIR]
//	precinct validate NAME|FILE [--set key=value ...]
//	precinct import FILE.csv --profile NAME|PROFILE.toml [--beats BEATS.geojson] --out SCENARIO.toml
//	precinct extract PROFILE [NAME|FILE] --out FILE.csv [--beats-out BEATS.geojson]
//	precinct plot DIR [--metric KEY]
//	precinct serve [--addr 127.0.0.1:8080] [--data DIR]
//	precinct scenarios list
//	precinct scenarios show NAME
//	precinct scenarios export NAME FILE [--force]
//	precinct version
//
// Every command takes --help. Exit status: 0 success, 2 bad input (a
// scenario problem, an unknown command or flag), 1 any other failure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal stops the run cleanly; a second one, with the
	// default handling restored, ends the process at once.
	context.AfterFunc(ctx, stop)
	os.Exit(runRecovered(ctx, os.Args[1:]))
}

// runRecovered runs the program and returns its exit status; a panic (a
// bug, never bad input) is reported with its stack and exits 1, not with
// the Go runtime's status 2, which means bad input here. The replicates'
// worker goroutines turn their panics into errors (study.Panic), which
// exit 1 too.
func runRecovered(ctx context.Context, args []string) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(os.Stderr, "precinct: internal error (a bug; please report it with the command that caused it): panic: %v\n%s", v, debug.Stack())
			code = 1
		}
	}()
	return exitStatus(run(ctx, args, os.Stdin, os.Stdout, os.Stderr), os.Stderr)
}

// usageError is bad input that is not a scenario problem: an unknown
// command or flag, a missing argument.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// exitStatus prints err to stderr and returns the exit status: 0 for no error,
// 2 for bad input, 1 for anything else.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	var p *scenarios.Problem
	switch {
	case badDir(err):
		fmt.Fprintf(stderr, "precinct: %v\n", err)
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "precinct: %v\nRun 'precinct help' for usage.\n", err)
		return 2
	case errors.As(err, &p):
		lines := strings.Split(err.Error(), "\n")
		if len(lines) == 1 {
			fmt.Fprintf(stderr, "precinct: %s\n", lines[0])
		} else {
			fmt.Fprintf(stderr, "precinct: %d problems:\n", len(lines))
			for _, l := range lines {
				fmt.Fprintf(stderr, "  %s\n", l)
			}
		}
		return 2
	default:
		fmt.Fprintf(stderr, "precinct: %v\n", err)
		return 1
	}
}

// badDir reports whether err is bad input about a file or directory the
// user named: an --out that holds a study or other files, or that another
// process is writing; a study with nothing to resume or a checkpoint that
// does not match it; a destination that is not a regular file.
func badDir(err error) bool {
	for _, target := range []error{study.ErrExists, study.ErrNotStudy, study.ErrNoStudy, study.ErrLocked, study.ErrComplete, study.ErrCheckpoint, study.ErrNotRegular} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

const mainUsage = `precinct: an agent-based policing-strategy simulator.

Usage:
  precinct run [NAME|FILE] [flags]     run a scenario (default: baseline) and print a summary
  precinct compare A B [C ...] [flags] run scenarios over the same replicates, paired differences
  precinct sweep FILE [flags]          run every point of a scenario file's [sweep] table
  precinct merge OUT SHARD_DIR...      merge the shards of a study (--shard) into one output
  precinct slurm --tasks N COMMAND ... write (and --submit) a Slurm job array and its merge job
  precinct staff [NAME|FILE] --target T the fewest officers per shift that meet the targets
  precinct validate NAME|FILE [flags]  check a scenario and list every problem
  precinct import FILE.csv [flags]     turn a calls-for-service extract into a scenario
  precinct extract PROFILE [flags]     write a test extract in a published CAD layout
  precinct compare-observed DIR OBS    put a study's results beside an extract's observed.csv
  precinct plot DIR                    redraw the charts and report.html of an output directory
  precinct serve [--addr A] [--data D] the workbench in the browser: levers, runs, a day on the map
  precinct scenarios list              list the built-in scenario library by group
  precinct scenarios show NAME         print a library scenario's briefing and every resolved key
  precinct scenarios export NAME FILE  write a library scenario's file, to edit
  precinct version                     print the program's version and build
  precinct help                        print this help

Run 'precinct COMMAND --help' for a command's flags.
Exit status: 0 success, 2 bad input, 1 other failure.
`

// run is the whole program, minus process concerns, so that tests can
// call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return usagef("no command given")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "run":
		return cmdRun(ctx, rest, stdout, stderr)
	case "compare":
		return cmdCompare(ctx, rest, stdout, stderr)
	case "sweep":
		return cmdSweep(ctx, rest, stdout, stderr)
	case "merge":
		return cmdMerge(rest, stdout, stderr)
	case "slurm":
		return cmdSlurm(ctx, rest, stdout, stderr)
	case "staff":
		return cmdStaff(ctx, rest, stdout, stderr)
	case "validate":
		return cmdValidate(rest, stdout)
	case "import":
		return cmdImport(rest, stdout)
	case "extract":
		return cmdExtract(rest, stdout)
	case "compare-observed":
		return cmdCompareObserved(rest, stdout)
	case "scenarios":
		return cmdScenarios(rest, stdout, stderr)
	case "plot":
		return cmdPlot(rest, stdout, stderr)
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr)
	case "version":
		return cmdVersion(rest, stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, mainUsage)
		return nil
	default:
		return usagef("unknown command %q", cmd)
	}
}

// command is one subcommand's flag set and help text.
type command struct {
	fs       *flag.FlagSet
	synopsis string // the usage line
	about    string // what it does, a few lines
}

func newCommand(name, synopsis, about string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &command{fs: fs, synopsis: synopsis, about: about}
}

// parse parses args, allowing flags before, between and after the
// positional arguments, which it returns. --help prints the help text to
// stdout and returns flag.ErrHelp.
func (c *command) parse(args []string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		err := c.fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.help(stdout)
			return nil, err
		}
		if err != nil {
			return nil, usagef("%s: %v (see 'precinct %s --help')", c.fs.Name(), err, c.fs.Name())
		}
		args = c.fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (c *command) help(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.synopsis, c.about)
	n := 0
	c.fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nFlags:")
		c.fs.SetOutput(w)
		c.fs.PrintDefaults()
		c.fs.SetOutput(io.Discard)
	}
}

// setFlags collects repeated --set key=value flags.
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, " ") }

func (s *setFlags) Set(v string) error {
	*s = append(*s, v)
	return nil
}
