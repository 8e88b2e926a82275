package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Load resolves ref, a library scenario's name or the path of a TOML file,
// applies the overrides in sets ("dotted.key=value", in order) and returns
// the validated scenario. A ref without a path separator and without a
// .toml suffix is looked up in the library first.
//
// Bad input (a missing file, TOML syntax, unknown keys, wrong types,
// out-of-range values, a bad override) returns every problem found, each a
// *Problem, joined with errors.Join.
func Load(ref string, sets []string) (*Scenario, error) {
	src, err := find(ref, nil)
	if err != nil {
		return nil, err
	}
	return parse(src, sets)
}

// Parse resolves the scenario in data, read from file (used in messages
// and to find a parent given as a relative path), like Load.
func Parse(file string, data []byte, sets []string) (*Scenario, error) {
	return parse(source{file: file, data: data}, sets)
}

func parse(src source, sets []string) (*Scenario, error) {
	file := src.file
	layers, probs := resolveLayers(src, nil)
	if len(probs) > 0 {
		return nil, join(probs)
	}
	tree := defaultTree()
	for i, l := range layers {
		delete(l.tree, "sweep") // a sweep is a study of the scenario, not part of it: see LoadSweep
		if i < len(layers)-1 {
			for _, k := range ownKeys {
				delete(l.tree, k)
			}
		}
		merge(tree, l.tree)
	}
	if _, ok := layers[len(layers)-1].tree["name"]; !ok {
		tree["name"] = strings.TrimSuffix(filepath.Base(file), ".toml")
	}
	for _, set := range sets {
		if p := applySet(tree, set); p != nil {
			probs = append(probs, p)
		}
	}
	if len(probs) > 0 {
		return nil, join(probs)
	}
	delete(tree, "extends") // resolved: the parents are merged in
	s, err := decodeTree(tree)
	if err != nil {
		return nil, err
	}
	if err := Validate(s); err != nil {
		var vp []*Problem
		for _, e := range unjoin(err) {
			var p *Problem
			if errors.As(e, &p) {
				locate(p, layers, sets, file)
				vp = append(vp, p)
			}
		}
		return nil, join(vp)
	}
	return s, nil
}

// source is the text of one scenario file and where it came from.
type source struct {
	file string // the path, or library/NAME.toml for a library scenario
	lib  bool   // an embedded library scenario
	data []byte
}

// same reports whether a and b are the same file.
func (a source) same(b source) bool {
	return a.lib == b.lib && filepath.Clean(a.file) == filepath.Clean(b.file)
}

// layer is one scenario file's contribution.
type layer struct {
	file  string
	tree  map[string]any
	lines keyLines
}

// resolveLayers reads src and, through extends, its ancestors; the result
// lists the root first. seen holds the files already on the chain.
func resolveLayers(src source, seen []source) ([]*layer, []*Problem) {
	l, probs := readLayer(src.file, src.data)
	if len(probs) > 0 {
		return nil, probs
	}
	ext, ok := l.tree["extends"].(string)
	if !ok || ext == "" {
		return []*layer{l}, nil
	}
	line, _ := l.lines.line("extends")
	parent, err := find(ext, &src)
	if err != nil {
		return nil, []*Problem{{File: src.file, Line: line, Key: "extends", Msg: unjoin(err)[0].(*Problem).Msg}}
	}
	chain := append(slices.Clone(seen), src)
	if slices.ContainsFunc(chain, parent.same) {
		names := make([]string, len(chain)+1)
		for i, c := range append(chain, parent) {
			names[i] = c.file
		}
		return nil, []*Problem{{File: src.file, Line: line, Key: "extends",
			Msg: "cycle: " + strings.Join(names, " -> ")}}
	}
	parents, probs := resolveLayers(parent, chain)
	if len(probs) > 0 {
		return nil, probs
	}
	return append(parents, l), nil
}

// readLayer parses one file strictly: syntax, types and unknown keys.
func readLayer(file string, data []byte) (*layer, []*Problem) {
	l := &layer{file: file, lines: indexKeyLines(string(data))}
	if _, err := toml.Decode(string(data), &l.tree); err != nil {
		return nil, []*Problem{decodeProblem(file, err, l.lines)}
	}
	md, err := toml.Decode(string(data), new(Scenario))
	if err != nil {
		return nil, []*Problem{decodeProblem(file, err, l.lines)}
	}
	var probs []*Problem
	for _, k := range unknownKeys(md) {
		if k[0] == "sweep" { // checked by LoadSweep
			continue
		}
		line := l.lines.lineLoose(k.String())
		probs = append(probs, &Problem{File: file, Line: line, Key: k.String(), Msg: unknownMsg(k)})
	}
	return l, probs
}

// unknownKeys returns the undecoded keys whose parent was decoded: for an
// unknown table, the table and not each of its keys.
func unknownKeys(md toml.MetaData) []toml.Key {
	und := md.Undecoded()
	seen := map[string]bool{}
	var top []toml.Key
	for _, k := range und {
		seen[k.String()] = true
		if len(k) > 1 && seen[k[:len(k)-1].String()] {
			continue
		}
		top = append(top, k)
	}
	return top
}

func unknownMsg(k toml.Key) string {
	allowed := allowedKeys(k[:len(k)-1])
	where := "at the top level"
	if len(k) > 1 {
		where = "in [" + k[:len(k)-1].String() + "]"
	}
	if len(allowed) == 0 {
		return "unknown key"
	}
	return fmt.Sprintf("unknown key (allowed %s: %s)", where, strings.Join(allowed, ", "))
}

// decodeProblem turns a decoding error into a Problem with a position.
func decodeProblem(file string, err error, kl keyLines) *Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Problem{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Key: pe.LastKey, Msg: pe.Message}
	}
	// Type mismatches come as plain errors: "toml: line N (last key "k"): msg".
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	p := &Problem{File: file, Msg: msg}
	if i := strings.Index(msg, "(last key \""); i >= 0 {
		rest := msg[i+len("(last key \""):]
		if j := strings.Index(rest, "\"): "); j >= 0 {
			p.Key, p.Msg = rest[:j], rest[j+4:]
			p.Line = kl.lineLoose(p.Key)
		}
	}
	return p
}

// lineLoose is line, also matching keys inside arrays of tables whatever
// their index (toml reports "a.b.c" where the index names "a.b[2].c").
func (kl keyLines) lineLoose(key string) int {
	if n, _ := kl.line(key); n > 0 {
		return n
	}
	best := 0
	for k, n := range kl {
		if stripIndex(k) == key && (best == 0 || n < best) {
			best = n
		}
	}
	return best
}

func stripIndex(k string) string {
	var b strings.Builder
	depth := 0
	for _, r := range k {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// find returns the scenario that ref names: a library scenario, or a
// file. The parent of a file (from not nil) is looked for relative to the
// file's directory; the parent of a library scenario must be a library
// scenario, named without a path.
func find(ref string, from *source) (source, error) {
	bare := !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".toml")
	if bare {
		if data, ok := libraryFile(ref); ok {
			return source{file: libraryPath(ref), lib: true, data: data}, nil
		}
	}
	library := strings.Join(Names(), ", ")
	if from != nil && from.lib {
		msg := fmt.Sprintf("unknown scenario %q: not a library scenario (library: %s)", ref, library)
		if !bare {
			msg = fmt.Sprintf("unknown scenario %q: a library scenario extends another by its name (library: %s)", ref, library)
		}
		return source{}, join([]*Problem{{Msg: msg}})
	}
	path := ref
	if from != nil && !filepath.IsAbs(ref) {
		path = filepath.Join(filepath.Dir(from.file), ref)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		msg := fmt.Sprintf("unknown scenario %q: not a library scenario (library: %s)", ref, library)
		if !errors.Is(err, os.ErrNotExist) {
			msg = fmt.Sprintf("cannot read scenario %q: %v", ref, err)
		} else if !bare {
			msg = fmt.Sprintf("scenario file %q does not exist", path)
		}
		return source{}, join([]*Problem{{Msg: msg}})
	}
	return source{file: path, data: data}, nil
}

// applySet applies one "dotted.key=value" override to tree. The value is
// read as a TOML value ("90", "true", "[8, 9, 7]", "\"12m\"") or, when that
// fails or has the wrong type for the key, as a bare string ("12m").
func applySet(tree map[string]any, set string) *Problem {
	src := "--set " + set
	k, v, ok := strings.Cut(set, "=")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || k == "" {
		return &Problem{File: src, Msg: "want dotted.key=value, e.g. --set staffing.headcount=90"}
	}
	path := strings.Split(k, ".")
	if slices.Contains(path, "") {
		return &Problem{File: src, Msg: fmt.Sprintf("malformed key %q", k)}
	}
	key := toml.Key(path).String()
	// Read the value as TOML; if it is not TOML, or has the wrong type for
	// the key, read it as a bare string. Report the type error of a TOML
	// value, else the error of the string reading.
	var errs [2]error
	for i, lit := range []string{v, tomlQuote(v)} {
		var t map[string]any
		if _, errs[i] = toml.Decode("v = "+lit, &t); errs[i] != nil {
			continue
		}
		md, err := toml.Decode(key+" = "+lit, new(Scenario))
		if errs[i] = err; err != nil {
			continue
		}
		if und := unknownKeys(md); len(und) > 0 {
			return &Problem{File: src, Key: und[0].String(), Msg: unknownMsg(und[0])}
		}
		setPath(tree, path, t["v"])
		return nil
	}
	err := errs[1]
	var pe toml.ParseError
	if !errors.As(errs[0], &pe) || pe.LastKey != "v" {
		err = errs[0]
	}
	p := decodeProblem(src, err, nil)
	p.Line, p.Col = 0, 0
	return p
}

func tomlQuote(s string) string {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(map[string]string{"v": s}); err != nil {
		return `""`
	}
	return strings.TrimSpace(strings.TrimPrefix(b.String(), "v = "))
}

func setPath(tree map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		sub, ok := tree[p].(map[string]any)
		if !ok {
			sub = map[string]any{}
			tree[p] = sub
		}
		tree = sub
	}
	tree[path[len(path)-1]] = v
}

// merge overlays src onto dst: tables merge key by key, anything else
// (values, arrays, arrays of tables) replaces what dst had.
func merge(dst, src map[string]any) {
	for k, v := range src {
		if sv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				merge(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
}

// defaultTree returns Default() as a TOML tree, the bottom layer.
func defaultTree() map[string]any {
	d := Default()
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(d); err != nil {
		panic("scenarios: encoding defaults: " + err.Error())
	}
	var tree map[string]any
	if _, err := toml.Decode(b.String(), &tree); err != nil {
		panic("scenarios: decoding defaults: " + err.Error())
	}
	return tree
}

// decodeTree turns a merged tree into a Scenario.
func decodeTree(tree map[string]any) (*Scenario, error) {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(tree); err != nil {
		return nil, fmt.Errorf("scenarios: encoding merged scenario: %w", err)
	}
	s := new(Scenario)
	if _, err := toml.Decode(b.String(), s); err != nil {
		return nil, fmt.Errorf("scenarios: decoding merged scenario: %w", err)
	}
	return s, nil
}

// locate fills in where a validation problem's key was set: the last
// override that set it, else the last file that set it, else the last file
// that set an enclosing table, else the scenario file itself.
func locate(p *Problem, layers []*layer, sets []string, file string) {
	if o := p.overridden; o != nil {
		for _, set := range sets {
			if k, _, _ := strings.Cut(set, "="); strings.TrimSpace(k) == o.Key {
				*p = *o
				break
			}
		}
	}
	for i := len(sets) - 1; i >= 0; i-- {
		k, _, _ := strings.Cut(sets[i], "=")
		k = strings.TrimSpace(k)
		if k == p.Key || strings.HasPrefix(p.Key, k+".") || strings.HasPrefix(p.Key, k+"[") || strings.HasPrefix(k, p.Key+".") {
			p.File = "--set " + sets[i]
			return
		}
	}
	for _, exact := range []bool{true, false} {
		for i := len(layers) - 1; i >= 0; i-- {
			if n, ok := layers[i].lines.line(p.Key); n > 0 && ok == exact {
				p.File, p.Line = layers[i].file, n
				return
			}
		}
	}
	p.File = file
}

func join(probs []*Problem) error {
	errs := make([]error, len(probs))
	for i, p := range probs {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
