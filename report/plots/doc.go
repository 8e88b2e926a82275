// Package plots draws the charts of a run or a comparison of scenarios
// with gonum.org/v1/plot: the spread of each outcome across replications
// (box and points), overlaid histograms of one outcome, daily time series
// with a band, response-time distributions by priority, heat maps of the
// precinct grid, and a forest plot of paired differences.
//
// Each chart is built from a plain input type (Distribution, Histogram,
// TimeSeries, ResponseCDF, Map, Forest) that holds exactly the numbers
// drawn, so that tests can compare those numbers with golden files
// rather than pixels. Every input type has a Figure method; a Figure
// renders to PNG or SVG with one call each.
//
// Scenarios keep one look across all charts: scenario i is drawn with
// Styles(i), whose colours differ in lightness as well as hue and whose
// lines and markers differ in dash pattern and shape, so that the charts
// stay readable when printed in greyscale.
//
// The package depends on no other package of the module.
package plots
