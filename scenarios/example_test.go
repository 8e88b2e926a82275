package scenarios_test

import (
	"fmt"

	"github.com/precinct-sim/precinct/scenarios"
)

// ExampleLoad loads the default scenario with two overrides, as
// `precinct run baseline --set ...` does.
func ExampleLoad() {
	s, err := scenarios.Load("baseline", []string{"staffing.pattern=12x2", "staffing.headcount=80"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sh := range s.Config().Shifts {
		fmt.Printf("%s shift: %d officers on duty\n", sh.Name, sh.Officers)
	}
	// Output:
	// day shift: 16 officers on duty
	// night shift: 15 officers on duty
}

// ExampleLoad_problems shows how bad input is reported: every problem,
// each naming where it was set, the key, the value and what is allowed.
func ExampleLoad_problems() {
	_, err := scenarios.Load("baseline", []string{"staffing.headcount=-3", "travel.metric=crow"})
	fmt.Println(err)
	// Output:
	// --set travel.metric=crow: travel.metric: must be one of manhattan, euclidean, none, got "crow"
	// --set staffing.headcount=-3: staffing.headcount: must be between 1 and 100000, got -3
}

// ExampleLibrary lists the staffing scenarios of the library, each
// before those that extend it, as 'precinct scenarios list' does.
func ExampleLibrary() {
	lib, err := scenarios.Library()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range lib {
		if e.Group == "staffing" {
			fmt.Printf("%s (extends %s)\n", e.Name, e.Extends)
		}
	}
	// Output:
	// staffing-8x3 (extends baseline)
	// staffing-10x4 (extends staffing-8x3)
	// staffing-12x2 (extends staffing-8x3)
	// staffing-cut-10 (extends staffing-8x3)
}
