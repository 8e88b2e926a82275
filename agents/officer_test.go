package agents

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

func TestPos(t *testing.T) {
	o := Officer{From: Point{0, 0}, To: Point{4, 2}, Depart: 10, Arrive: 14}
	for _, tc := range []struct {
		t    float64
		want Point
	}{{5, Point{0, 0}}, {10, Point{0, 0}}, {11, Point{1, 0.5}}, {13, Point{3, 1.5}}, {14, Point{4, 2}}, {99, Point{4, 2}}} {
		if got := o.Pos(tc.t); got != tc.want {
			t.Errorf("Pos(%v) = %v, want %v", tc.t, got, tc.want)
		}
	}
	o.Stop(12)
	if o.Pos(12) != (Point{2, 1}) || o.Pos(20) != (Point{2, 1}) {
		t.Errorf("after Stop(12): at %v, later %v; want {2 1}", o.Pos(12), o.Pos(20))
	}
	o.Move(20, 0, Point{2, 5}, 0)
	if o.Pos(20) != (Point{2, 5}) {
		t.Errorf("a zero-time move ends at %v, want {2 5}", o.Pos(20))
	}
	o.Move(30, 2, Point{2, 9}, 4)
	if o.Pos(31) != (Point{2, 5}) || o.Pos(34) != (Point{2, 7}) || o.Arrive != 36 {
		t.Errorf("move after a 2-minute wait: at 31 %v, at 34 %v, arrives %v; want {2 5}, {2 7}, 36", o.Pos(31), o.Pos(34), o.Arrive)
	}
}

func TestStates(t *testing.T) {
	committed := map[State]bool{EnRoute: true, OnScene: true, Report: true}
	busy := map[State]bool{EnRoute: true, OnScene: true, Report: true, SelfInit: true, OutOfService: true, Transport: true}
	held := map[State]bool{EnRoute: true, OnScene: true, Report: true, Transport: true}
	for s := range NumStates {
		if s.Committed() != committed[s] {
			t.Errorf("%v.Committed() = %v", s, s.Committed())
		}
		if s.Busy() != busy[s] {
			t.Errorf("%v.Busy() = %v", s, s.Busy())
		}
		if s.HeldByCall() != held[s] {
			t.Errorf("%v.HeldByCall() = %v", s, s.HeldByCall())
		}
		if s.OnDuty() == (s == OffDuty) {
			t.Errorf("%v.OnDuty() = %v", s, s.OnDuty())
		}
		if s.Free() == busy[s] && s != OffDuty {
			t.Errorf("%v.Free() = %v", s, s.Free())
		}
	}
	if NumStates.String() != "State(9)" || OnScene.String() != "on_scene" || Transport.String() != "transport" {
		t.Errorf("state names: %v, %v", NumStates, OnScene)
	}
}

// area is a 10x10 precinct whose beat b is column b.
type area struct{}

func (area) RandomPointInBeat(b int, r *rand.Rand) Point {
	return Point{X: float64(b) + 0.5, Y: float64(r.IntN(10)) + 0.5}
}
func (area) RandomPoint(r *rand.Rand) Point {
	return Point{X: float64(r.IntN(10)) + 0.5, Y: float64(r.IntN(10)) + 0.5}
}
func (area) HotspotPoint(r *rand.Rand) (Point, bool) { return Point{7.5, 7.5}, true }

// HotspotPointInBeat has a hot spot in beat 3 only.
func (area) HotspotPointInBeat(b int, r *rand.Rand) (Point, bool) {
	return Point{float64(b) + 0.5, 2.5}, b == 3
}

func TestPatrol(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	o := &Officer{Beat: 3}
	for range 100 {
		if l, ok := (Patrol{Kind: PatrolBeat, Dwell: 12}).Next(o, area{}, 0, r); !ok || l.To.X != 3.5 || l.Dwell != 12 {
			t.Fatalf("beat patrol went to %v (ok %v), want column 3 for 12 minutes", l, ok)
		}
	}
	if _, ok := (Patrol{Kind: PatrolStay}).Next(o, area{}, 0, r); ok {
		t.Error("stay patrol moved")
	}
	for _, name := range PatrolKinds() {
		k, err := ParsePatrolKind(name)
		if err != nil || k.String() != name {
			t.Errorf("ParsePatrolKind(%q) = %v, %v", name, k, err)
		}
	}
	if l, _ := (Patrol{Kind: PatrolHotspot, Dwell: 12}).Next(o, area{}, 0, r); l != (Leg{To: Point{7.5, 7.5}, Dwell: 12}) {
		t.Errorf("hotspot patrol with no interval went to %v, want the hot spot for a patrol dwell", l)
	}
	visits := Patrol{Kind: PatrolHotspot, Dwell: 12, Visit: 15, Interval: 120}
	for _, tc := range []struct {
		name      string
		p         Patrol
		beat      int
		nextVisit float64
		want      Leg
	}{
		{"visit due", visits, 3, 100, Leg{To: Point{3.5, 2.5}, Dwell: 15, Visit: true}},
		{"visit not due", visits, 3, 101, Leg{To: Point{3.5, 0}, Dwell: 12}},
		{"no hot spot in the beat", visits, 4, 0, Leg{To: Point{4.5, 0}, Dwell: 12}},
		{"any hot spot", Patrol{Kind: PatrolHotspot, Dwell: 12, Visit: 15, Interval: 120, Scope: ScopeAny}, 4, 0,
			Leg{To: Point{7.5, 7.5}, Dwell: 15, Visit: true}},
	} {
		o := &Officer{Beat: tc.beat, NextVisit: tc.nextVisit}
		l, ok := tc.p.Next(o, area{}, 100, r)
		if !tc.want.Visit {
			l.To.Y = 0 // a random cell of the beat
		}
		if !ok || l != tc.want {
			t.Errorf("%s: leg %v (ok %v), want %v", tc.name, l, ok, tc.want)
		}
	}
	if _, err := ParsePatrolKind("hotspots"); err == nil {
		t.Error("ParsePatrolKind accepted an unknown strategy")
	}
}

// TestOfficerLayout checks the layout Officer's comment promises: what
// the dispatcher reads of a candidate lies in its first 64 bytes, and the
// whole is 128, so that in an array every officer's first half is one
// cache line.
func TestOfficerLayout(t *testing.T) {
	var o Officer
	if n := unsafe.Sizeof(o); n != 128 {
		t.Errorf("Officer is %d bytes, want 128", n)
	}
	for _, f := range []struct {
		name      string
		off, size uintptr
	}{
		{"Beat", unsafe.Offsetof(o.Beat), unsafe.Sizeof(o.Beat)},
		{"State", unsafe.Offsetof(o.State), unsafe.Sizeof(o.State)},
		{"Secondary", unsafe.Offsetof(o.Secondary), unsafe.Sizeof(o.Secondary)},
		{"OffAfter", unsafe.Offsetof(o.OffAfter), unsafe.Sizeof(o.OffAfter)},
		{"From", unsafe.Offsetof(o.From), unsafe.Sizeof(o.From)},
		{"To", unsafe.Offsetof(o.To), unsafe.Sizeof(o.To)},
		{"Depart", unsafe.Offsetof(o.Depart), unsafe.Sizeof(o.Depart)},
		{"Arrive", unsafe.Offsetof(o.Arrive), unsafe.Sizeof(o.Arrive)},
	} {
		if f.off+f.size > 64 {
			t.Errorf("%s ends at byte %d, beyond the first 64", f.name, f.off+f.size)
		}
	}
}
