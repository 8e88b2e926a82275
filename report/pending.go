package report

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"

	"github.com/precinct-sim/precinct/study"
)

var pendingTmpl = template.Must(template.New("pending").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Study not finished</title>
<style>body { font-family: Arial, Helvetica, sans-serif; max-width: 48rem; margin: 2rem auto; line-height: 1.45; } code { background: #eef1f6; padding: 0.1rem 0.3rem; }</style>
</head>
<body>
<h1>This study has not finished</h1>
<p>There is no report yet: the study writing this folder was started and has not ended (it may still be running, or it was stopped). {{.Done}} of {{.Total}} replicates were done when this page was written.</p>
<p>Every finished replicate is kept in the hidden folder <code>.precinct</code> (a checkpoint every second). To continue where it stopped, run</p>
<p><code>{{.Resume}}</code></p>
<p>When the study ends, this page is replaced by the report, and the charts are drawn in <code>plots/</code>.</p>
</body>
</html>
`))

// WritePending replaces DIR/report.html with a page saying that the study
// in dir has not finished, how far it got and the command that resumes
// it, and removes the charts of an earlier, unfinished report: a folder
// whose study was stopped (or killed by a second Ctrl-C) then says what
// to do, and never shows a report of fewer runs beside newer data.
func WritePending(dir, resume string, done, total int) error {
	if err := os.RemoveAll(filepath.Join(dir, PlotsDir)); err != nil {
		return fmt.Errorf("removing the old charts: %w", err)
	}
	var b bytes.Buffer
	if err := pendingTmpl.Execute(&b, struct {
		Done, Total int
		Resume      string
	}{done, total, resume}); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return study.WriteFileAtomic(filepath.Join(dir, HTMLFile), b.Bytes())
}

// clearReport removes DIR/report.html and the charts, so that a drawing
// that fails leaves no report of an earlier state of the data.
func clearReport(dir string) error {
	if err := os.Remove(filepath.Join(dir, HTMLFile)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("removing the old report: %w", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, PlotsDir)); err != nil {
		return fmt.Errorf("removing the old charts: %w", err)
	}
	return nil
}
