// Package report presents what the engine measured to people: the
// console summary of one run (WriteSummary) and of a study (WriteStudy),
// and, from an output directory alone, the charts (NewCharts, DrawCharts,
// drawn by package report/plots) and the self-contained report.html
// (WriteHTML; DrawDir does all of it).
//
// It reads what package study ran and stored (Run, Summary, ReadDir) and
// scenarios' resolved scenarios; it runs nothing and holds no model
// logic.
package report
