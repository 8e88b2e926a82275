package cad

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// GRS80, the ellipsoid of NAD83 state planes.
const (
	grs80A = 6378137.0
	grs80F = 1 / 298.257222101
)

// unitMetres is the length of one coordinate unit in metres.
func unitMetres(u string) float64 {
	switch u {
	case "ft":
		return 0.3048
	case "us_ft":
		return 1200.0 / 3937
	}
	return 1
}

// lcc is a Lambert conformal conic projection with two standard
// parallels on GRS80 (Snyder, Map Projections: A Working Manual, 1987,
// eqs. 15-1 to 15-11): the projection of the US state planes of the
// south and of most mid-latitude zones. orb has Mercator only.
type lcc struct {
	e, n, f, rho0, lon0 float64
	fe, fn, unit        float64
}

func newLCC(c Coordinates) *lcc {
	e := math.Sqrt(2*grs80F - grs80F*grs80F)
	rad := math.Pi / 180
	m := func(phi float64) float64 { s := math.Sin(phi); return math.Cos(phi) / math.Sqrt(1-e*e*s*s) }
	t := func(phi float64) float64 {
		s := math.Sin(phi)
		return math.Tan(math.Pi/4-phi/2) / math.Pow((1-e*s)/(1+e*s), e/2)
	}
	p0, p1, p2 := c.Lat0*rad, c.Lat1*rad, c.Lat2*rad
	n := (math.Log(m(p1)) - math.Log(m(p2))) / (math.Log(t(p1)) - math.Log(t(p2)))
	f := m(p1) / (n * math.Pow(t(p1), n))
	u := unitMetres(c.Units)
	return &lcc{e: e, n: n, f: f, rho0: grs80A * f * math.Pow(t(p0), n), lon0: c.Lon0 * rad, fe: c.FalseEasting * u, fn: c.FalseNorthing * u, unit: u}
}

// forward projects longitude and latitude (degrees) to easting and
// northing in the profile's units.
func (l *lcc) forward(lon, lat float64) (x, y float64) {
	phi := lat * math.Pi / 180
	s := math.Sin(phi)
	t := math.Tan(math.Pi/4-phi/2) / math.Pow((1-l.e*s)/(1+l.e*s), l.e/2)
	rho := grs80A * l.f * math.Pow(t, l.n)
	theta := l.n * (lon*math.Pi/180 - l.lon0)
	return (rho*math.Sin(theta) + l.fe) / l.unit, (l.rho0 - rho*math.Cos(theta) + l.fn) / l.unit
}

// inverse turns easting and northing in the profile's units into
// longitude and latitude (degrees).
func (l *lcc) inverse(x, y float64) (lon, lat float64) {
	dx, dy := x*l.unit-l.fe, l.rho0-(y*l.unit-l.fn)
	rho := math.Copysign(math.Hypot(dx, dy), l.n)
	t := math.Pow(rho/(grs80A*l.f), 1/l.n)
	theta := math.Atan2(dx, dy)
	phi := math.Pi/2 - 2*math.Atan(t)
	for range 8 {
		s := math.Sin(phi)
		phi = math.Pi/2 - 2*math.Atan(t*math.Pow((1-l.e*s)/(1+l.e*s), l.e/2))
	}
	return (theta/l.n + l.lon0) * 180 / math.Pi, phi * 180 / math.Pi
}

// local maps longitude and latitude to metres east and south of a
// north-west corner: orb's spherical Mercator scaled by the cosine of a
// reference latitude, which is true to scale there and off by less than
// 0.2 % ten kilometres north or south of it. It inverts exactly, so a
// grid drawn in it maps back to the same cells.
type local struct {
	k      float64 // cos(reference latitude)
	x0, y0 float64 // Mercator metres of the corner
}

func newLocal(refLat, cornerLon, cornerLat float64) local {
	c := project.WGS84.ToMercator(orb.Point{cornerLon, cornerLat})
	return local{k: math.Cos(refLat * math.Pi / 180), x0: c[0], y0: c[1]}
}

// metres returns metres east and south of the corner.
func (p local) metres(lon, lat float64) (east, south float64) {
	m := project.WGS84.ToMercator(orb.Point{lon, lat})
	return (m[0] - p.x0) * p.k, (p.y0 - m[1]) * p.k
}

// lonLat is the inverse of metres.
func (p local) lonLat(east, south float64) (lon, lat float64) {
	g := project.Mercator.ToWGS84(orb.Point{p.x0 + east/p.k, p.y0 - south/p.k})
	return g[0], g[1]
}
