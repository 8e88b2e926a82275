package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// describedLibrary is a library of a baseline and a described plan.
var describedLibrary = map[string]string{
	"baseline": `name = "baseline"`,
	"plan": `name = "plan"
extends = "baseline"
summary = "a plan"
group = "staffing"
briefing = """\
A plan. \
It should show something."""
levers = ["staffing.headcount: 60"]
watch = ["response time"]
questions = ["Why?", "Why not?"]
[staffing]
headcount = 60
`,
	"described": `extends = "plan"
summary = "a described child"
briefing = "Its own."
levers = ["dispatch.preempt: on"]
[dispatch]
preempt = true
`,
}

// TestMetadataInheritance checks the rule of ownKeys: a child keeps its
// parent's group but not its name, summary, briefing, levers, watch list
// or questions, whether or not it sets its own.
func TestMetadataInheritance(t *testing.T) {
	withLibrary(t, describedLibrary)
	path := filepath.Join(t.TempDir(), "quiet.toml")
	if err := os.WriteFile(path, []byte("extends = \"plan\"\n[dispatch]\npreempt = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	quiet, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &Scenario{Name: "quiet", Group: "staffing"}
	got := &Scenario{Name: quiet.Name, Summary: quiet.Summary, Group: quiet.Group, Briefing: quiet.Briefing,
		Levers: quiet.Levers, Watch: quiet.Watch, Questions: quiet.Questions}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("a child that describes nothing: metadata %+v, want only its file name and its parent's group", got)
	}
	if quiet.Staffing.Headcount != 60 || !quiet.Dispatch.Preempt {
		t.Errorf("headcount %d, preempt %v: want the parent's 60 and its own preempt", quiet.Staffing.Headcount, quiet.Dispatch.Preempt)
	}
	d, err := Load("described", nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "described" || d.Summary != "a described child" || d.Briefing != "Its own." ||
		!reflect.DeepEqual(d.Levers, []string{"dispatch.preempt: on"}) || d.Watch != nil || d.Questions != nil || d.Group != "staffing" {
		t.Errorf("a child that describes itself in part: %q, %q, %q, %v, %v, %v, group %q; want its own description only, and the parent's group",
			d.Name, d.Summary, d.Briefing, d.Levers, d.Watch, d.Questions, d.Group)
	}
	plan, err := Load("plan", nil)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Briefing != "A plan. It should show something." || len(plan.Questions) != 2 {
		t.Errorf("the parent's own description was not read: %q, %v", plan.Briefing, plan.Questions)
	}
}

// TestMetadataNotSimulated checks that the metadata never reaches the
// engine: changing every metadata key leaves the configuration as it was.
func TestMetadataNotSimulated(t *testing.T) {
	withLibrary(t, describedLibrary)
	plain, err := Load("plan", nil)
	if err != nil {
		t.Fatal(err)
	}
	described, err := Load("plan", []string{"name=other", "summary=other", "group=policy",
		"briefing=other", "claim_kind=emergent", "claim_basis=other", `levers=["x: y"]`, `watch=["z"]`, `questions=["why?"]`})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(plain.Config(), described.Config()) {
		t.Error("changing the metadata changed the engine's configuration")
	}
}

func TestBadMetadata(t *testing.T) {
	_, err := Load("baseline", []string{"group=research", `questions=["why?", " "]`, "claim_kind=proven", "claim_basis=x"})
	if err == nil {
		t.Fatal("accepted")
	}
	problems(t, err)
	for _, w := range []string{
		`--set group=research: group: must be one of training, staffing, policy, got "research"`,
		`--set questions=["why?", " "]: questions[1]: must not be empty`,
		`--set claim_kind=proven: claim_kind: must be one of assumed, emergent, calibration, validation, got "proven"`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not mention %q:\n%v", w, err)
		}
	}
}

// TestClaimKindNeedsBasis checks that a claim_kind without a basis (or a
// basis without a kind) is refused: a kind alone says nothing a reader
// can check.
func TestClaimKindNeedsBasis(t *testing.T) {
	for _, set := range [][]string{{`claim_basis=""`}, {`claim_kind=""`}} { // the baseline sets both
		_, err := Load("baseline", set)
		if err == nil || !strings.Contains(err.Error(), "claim_kind and claim_basis go together") {
			t.Errorf("--set %v: got %v, want the two keys named together", set, err)
		}
	}
}
