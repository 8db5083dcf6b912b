// Package calendario counts días hábiles (business days) in Mexico, for
// deadlines such as the 10 días hábiles an employer has to take the signed
// letter to the subdelegación before the request is cancelled.
//
// A día hábil is any day but Saturday, Sunday and the rest days of article
// 74 of the Ley Federal del Trabajo as in force since 2024. Election days
// (fracción IX) are not treated as rest days because each election law sets
// its own date. Earlier years follow the same rules (the 1 December
// transmissions before 2024 are not modelled): deadlines of requests made
// now never reach back there. Everything works on calendar dates in
// the location of the time given, so the answer does not depend on the
// machine's time zone: pass times in America/Mexico_City for IMSS deadlines.
package calendario

import "time"

// primerTransmision is the first year the federal executive changed hands
// on 1 October (the 2024 reform); it happens every six years since.
const primerTransmision = 2024

// FechaLimite returns the date of the dias-th día hábil after desde's
// calendar date, at midnight in desde's location: the last day on which a
// procedure started on desde is still on time (all of that day counts).
// desde itself is not counted, whether or not it is hábil. A dias of zero
// or less refuses to count and returns desde's own date.
func FechaLimite(desde time.Time, dias int) time.Time {
	y, m, d := desde.Date()
	loc := desde.Location()
	f := time.Date(y, m, d, 0, 0, 0, 0, loc)
	for dias > 0 {
		d++
		// Building from fields, not adding 24 h, keeps midnight across
		// daylight-saving changes in locations that still have them.
		f = time.Date(y, m, d, 0, 0, 0, 0, loc)
		if EsHabil(f) {
			dias--
		}
	}
	return f
}

// Vencido reports whether, on ahora, a procedure started on desde with
// dias días hábiles to complete is out of time: ahora's calendar date, seen
// in desde's location, is after FechaLimite(desde, dias).
func Vencido(desde, ahora time.Time, dias int) bool {
	y, m, d := ahora.In(desde.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, desde.Location()).After(FechaLimite(desde, dias))
}

// EsHabil reports whether t's calendar date, in t's location, is a día
// hábil: not a Saturday or Sunday and not a rest day (see Descanso).
func EsHabil(t time.Time) bool {
	switch t.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, descanso := Descanso(t)
	return !descanso
}

// Descanso reports whether t's calendar date, in t's location, is one of
// the obligatory rest days of article 74 of the Ley Federal del Trabajo,
// and names it. Rest days falling on a weekend are reported too.
func Descanso(t time.Time) (string, bool) {
	y, m, d := t.Date()
	for _, x := range descansos(y) {
		if x.mes == m && x.dia == d {
			return x.nombre, true
		}
	}
	return "", false
}

type descanso struct {
	mes    time.Month
	dia    int
	nombre string
}

// descansos lists a year's rest days in calendar order.
func descansos(y int) []descanso {
	ds := []descanso{
		{time.January, 1, "Año Nuevo"},
		{time.February, lunes(y, time.February, 1), "Día de la Constitución"},
		{time.March, lunes(y, time.March, 3), "Natalicio de Benito Juárez"},
		{time.May, 1, "Día del Trabajo"},
		{time.September, 16, "Día de la Independencia"},
	}
	if y >= primerTransmision && (y-primerTransmision)%6 == 0 {
		ds = append(ds, descanso{time.October, 1, "Transmisión del Poder Ejecutivo Federal"})
	}
	return append(ds,
		descanso{time.November, lunes(y, time.November, 3), "Día de la Revolución"},
		descanso{time.December, 25, "Navidad"},
	)
}

// Descansos returns the rest days of a year as dates at midnight in loc,
// in calendar order, for showing a calendar.
func Descansos(anio int, loc *time.Location) []time.Time {
	ds := descansos(anio)
	out := make([]time.Time, len(ds))
	for i, x := range ds {
		out[i] = time.Date(anio, x.mes, x.dia, 0, 0, 0, 0, loc)
	}
	return out
}

// lunes returns the day of the month of the n-th Monday of month m.
func lunes(y int, m time.Month, n int) int {
	primero := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (int(time.Monday)-int(primero)+7)%7 + 7*(n-1)
}
