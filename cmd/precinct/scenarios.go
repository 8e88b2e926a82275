package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// groupHeadings introduce the groups of 'precinct scenarios list'.
var groupHeadings = map[string]string{
	"training": "training: to learn the model and its trade-offs in a classroom",
	"staffing": "staffing: rosters and headcount, for commanders",
	"policy":   "policy: programmes and strategies, for researchers and policy makers",
	"":         "other",
}

func cmdScenarios(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return cmdScenariosList(args[1:], stdout)
		case "show":
			return cmdScenariosShow(args[1:], stdout)
		case "export":
			return cmdScenariosExport(args[1:], stdout, stderr)
		}
	}
	c := newCommand("scenarios", "precinct scenarios list | show NAME | export NAME FILE",
		`Works with the built-in scenario library:

  list                 the scenarios by group, each with its summary
  show NAME            the briefing, then the scenario fully resolved
  export NAME FILE     write the scenario's file, to edit and run

Run 'precinct scenarios SUBCOMMAND --help' for more.`)
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) == 0 {
		return usagef("scenarios: want 'list', 'show NAME' or 'export NAME FILE'")
	}
	return usagef("scenarios: unknown subcommand %q (want list, show or export)", pos[0])
}

func cmdScenariosList(args []string, stdout io.Writer) error {
	c := newCommand("scenarios list", "precinct scenarios list",
		`Lists the built-in scenarios by group (training, staffing, policy), each
scenario before those that extend it.`)
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 0 {
		return usagef("scenarios list: takes no arguments")
	}
	lib, err := scenarios.Library()
	if err != nil {
		return err
	}
	width := 0
	for _, e := range lib {
		width = max(width, len(e.Name))
	}
	for i, e := range lib {
		if i == 0 || lib[i-1].Group != e.Group {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprintln(stdout, groupHeadings[e.Group])
		}
		fmt.Fprintf(stdout, "  %-*s  %s\n", width, e.Name, e.Summary)
	}
	return nil
}

// libraryEntry returns the library entry called name, or a usage error
// that lists the library.
func libraryEntry(cmd, name string) (scenarios.Entry, error) {
	lib, err := scenarios.Library()
	if err != nil {
		return scenarios.Entry{}, err
	}
	for _, e := range lib {
		if e.Name == name {
			return e, nil
		}
	}
	return scenarios.Entry{}, usagef("%s: no library scenario %q (library: %s)", cmd, name, strings.Join(scenarios.Names(), ", "))
}

func cmdScenariosShow(args []string, stdout io.Writer) error {
	c := newCommand("scenarios show", "precinct scenarios show NAME",
		`Prints a library scenario's briefing (the situation, the decision to
make, what its claim rests on, the levers it changes, what to watch, questions for a class), then
the scenario fully resolved: every key, defaults included. The whole
output is a TOML file: saved, it runs as is and does not depend on the
library ('precinct scenarios export' writes the short file instead).`)
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		return usagef("scenarios show: want one library scenario name")
	}
	e, err := libraryEntry("scenarios show", pos[0])
	if err != nil {
		return err
	}
	s, err := scenarios.Load(e.Name, nil)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(wrap(s.Name+": "+s.Summary, "", "  "))
	var facts []string
	if s.Group != "" {
		facts = append(facts, "Group: "+s.Group+".")
	}
	if e.Extends != "" {
		facts = append(facts, fmt.Sprintf("Extends %s (compare the two).", e.Extends))
	}
	if len(facts) > 0 {
		fmt.Fprintln(&b, strings.Join(facts, " "))
	}
	if s.Briefing != "" {
		fmt.Fprintf(&b, "\nBriefing\n%s", wrap(s.Briefing, "  ", "  "))
	}
	if s.ClaimKind != "" {
		fmt.Fprintf(&b, "\nWhat the claim rests on\n%s", wrap(fmt.Sprintf("%s (%s). %s", s.ClaimKind, scenarios.ClaimMeaning(s.ClaimKind), s.ClaimBasis), "  ", "  "))
	}
	section := func(title string, items []string, bullet func(int) string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for i, it := range items {
			first := "  " + bullet(i)
			b.WriteString(wrap(it, first, strings.Repeat(" ", len(first))))
		}
	}
	dash := func(int) string { return "- " }
	section("Levers", s.Levers, dash)
	section("Watch", s.Watch, dash)
	section("Questions", s.Questions, func(i int) string { return fmt.Sprintf("%d. ", i+1) })
	fmt.Fprintf(&b, "\nFully resolved below: every key, defaults included.\n")
	for _, line := range strings.SplitAfter(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			fmt.Fprint(stdout, "#\n")
			continue
		}
		fmt.Fprint(stdout, "# ", line)
	}
	fmt.Fprint(stdout, "\n\n")
	_, err = stdout.Write(s.TOML())
	return err
}

// wrap fills text into lines of at most 76 characters (a longer word
// stands alone), the first starting with first, the others with rest.
func wrap(text, first, rest string) string {
	var b strings.Builder
	line := first
	empty := true
	for _, w := range strings.Fields(text) {
		if !empty && len(line)+1+len(w) > 76 {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}

func cmdScenariosExport(args []string, stdout, stderr io.Writer) error {
	c := newCommand("scenarios export", "precinct scenarios export NAME FILE [--force]",
		`Writes a library scenario's file to FILE, comments included, to edit and
run with 'precinct run FILE'. The copy keeps its extends line, so it
changes only what it sets; its parent is read from this program's
library. Run unchanged, it reproduces the library scenario. An existing
FILE is not overwritten unless --force is given.`)
	force := c.fs.Bool("force", false, "overwrite FILE if it exists")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 2 {
		return usagef("scenarios export: want a library scenario name and a file to write, got %d arguments", len(pos))
	}
	e, err := libraryEntry("scenarios export", pos[0])
	if err != nil {
		return err
	}
	path := pos[1]
	if _, err := os.Lstat(path); err == nil && !*force {
		return usagef("scenarios export: %s exists; not overwritten (use --force to replace it)", path)
	}
	src, _ := scenarios.Source(e.Name)
	head := fmt.Sprintf("# Exported from the precinct library: scenario %s. Give it a name of\n"+
		"# its own when you change what it does.\n", e.Name)
	if e.Extends != "" {
		head += fmt.Sprintf("# Its parent, %s, is read from the program's library when it runs;\n"+
			"# 'precinct scenarios show %s' prints every value.\n", e.Extends, e.Name)
	}
	if err := study.WriteFileAtomic(path, append([]byte(head+"\n"), src...)); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s\n", path)
	return nil
}
