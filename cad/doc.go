// Package cad turns an agency's calls-for-service (CAD) extract into a
// precinct scenario: a profile names the extract's columns, timestamp
// format, coordinate system and priority codes; the reader streams the
// file once with bounded memory, filters rows by reason and feeds the
// estimates (call types, rates, calendar profiles, time on scene,
// response components, where calls happen); the writer turns them into a
// commented scenario and observed.csv. It also generates test extracts
// in each built-in layout from a known scenario (generate.go).
package cad
