// Package workbench is precinct's local web application ('precinct
// serve'): pick a library scenario or upload one, read its briefing,
// change its levers with form controls checked as the command line checks
// them, run paired replicates against the unchanged scenario with live
// progress, read the verdict table and the report's charts, reopen every
// saved study, and replay a simulated day on the map. Pages, scripts and
// styles are embedded; nothing is fetched from the network, and the
// server writes only inside its data directory.
package workbench
