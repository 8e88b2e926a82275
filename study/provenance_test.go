package study

import "testing"

func TestProvenance(t *testing.T) {
	p := CurrentProvenance()
	if p.Program != "precinct" || p.GoVersion == "" || p.GOARCH == "" || p.Seeding == "" {
		t.Errorf("incomplete provenance: %+v", p)
	}
	if Hash([]byte("a")) == Hash([]byte("b")) || len(Hash(nil)) != 64 {
		t.Error("Hash is not a SHA-256 hex digest")
	}
}
