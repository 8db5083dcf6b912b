package calendario

import (
	"testing"
	"time"
	_ "time/tzdata" // the test must not depend on the machine's zoneinfo
)

func fecha(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFechaLimite(t *testing.T) {
	casos := []struct {
		desde  string
		dias   int
		quiero string
		por    string
	}{
		{"2026-11-23", 10, "2026-12-07", "two weekends"},
		{"2026-11-10", 10, "2026-11-25", "third Monday of November (16th)"},
		{"2026-11-13", 1, "2026-11-17", "Friday before the third Monday of November"},
		{"2026-12-18", 10, "2027-01-05", "Christmas and New Year, both Fridays"},
		{"2025-12-24", 2, "2025-12-29", "Christmas on Thursday"},
		{"2025-12-31", 1, "2026-01-02", "New Year on Thursday"},
		{"2027-01-29", 1, "2027-02-02", "first Monday of February (1st)"},
		{"2026-01-30", 1, "2026-02-03", "first Monday of February (2nd)"},
		{"2027-03-12", 1, "2027-03-16", "third Monday of March (15th)"},
		{"2026-03-13", 1, "2026-03-17", "third Monday of March (16th)"},
		{"2026-04-30", 1, "2026-05-04", "1 May on Friday"},
		{"2026-09-15", 1, "2026-09-17", "16 September"},
		{"2024-09-30", 1, "2024-10-02", "transmission of power 2024"},
		{"2030-09-30", 1, "2030-10-02", "transmission of power 2030"},
		{"2026-09-30", 1, "2026-10-01", "1 October is a working day in other years"},
		{"2027-09-30", 1, "2027-10-01", "1 October is a working day in other years"},
		{"2026-11-21", 1, "2026-11-23", "starting on a Saturday"},
		{"2026-11-22", 10, "2026-12-04", "starting on a Sunday"},
		{"2026-11-16", 1, "2026-11-17", "starting on a rest day"},
		{"2026-11-23", 0, "2026-11-23", "zero days"},
		{"2026-11-22", 0, "2026-11-22", "zero days on a Sunday"},
		{"2026-11-23", -3, "2026-11-23", "negative days"},
	}
	for _, c := range casos {
		got := FechaLimite(fecha(c.desde), c.dias)
		if got.Format(time.DateOnly) != c.quiero {
			t.Errorf("FechaLimite(%s, %d) = %s, quiero %s (%s)", c.desde, c.dias, got.Format(time.DateOnly), c.quiero, c.por)
		}
		if h, m, s := got.Clock(); h+m+s+got.Nanosecond() != 0 {
			t.Errorf("FechaLimite(%s, %d) = %v, quiero medianoche", c.desde, c.dias, got)
		}
	}
}

// The deadline follows the calendar of the location of the time given, not
// of the machine or of UTC.
func TestFechaLimite_FechaDelLugar(t *testing.T) {
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	// Monday 23 November 2026, 23:30 in Mexico City is already Tuesday in UTC.
	noche := time.Date(2026, time.November, 23, 23, 30, 0, 0, mx)
	got := FechaLimite(noche, 1)
	if want := time.Date(2026, time.November, 24, 0, 0, 0, 0, mx); !got.Equal(want) || got.Location() != mx {
		t.Errorf("en Ciudad de México: %v, quiero %v", got, want)
	}
	if got := FechaLimite(noche.UTC(), 1); got.Format(time.DateOnly) != "2026-11-25" || got.Location() != time.UTC {
		t.Errorf("en UTC: %v, quiero 2026-11-25 UTC", got)
	}
	// A location that still has daylight saving: midnight stays midnight.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	got = FechaLimite(time.Date(2026, time.October, 30, 12, 0, 0, 0, ny), 2)
	if want := time.Date(2026, time.November, 3, 0, 0, 0, 0, ny); !got.Equal(want) {
		t.Errorf("across a DST change: %v, quiero %v", got, want)
	}
}

func TestVencido_SolicitudDiezDiasHabiles(t *testing.T) {
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	desde := time.Date(2026, time.November, 23, 10, 0, 0, 0, mx)
	for _, c := range []struct {
		ahora   time.Time
		vencido bool
	}{
		{time.Date(2026, time.December, 7, 23, 59, 59, 0, mx), false},
		{time.Date(2026, time.December, 8, 0, 0, 0, 0, mx), true},
		// 7 December 23:59 in Mexico City is already the 8th in UTC: not late.
		{time.Date(2026, time.December, 8, 5, 59, 0, 0, time.UTC), false},
		{time.Date(2026, time.December, 8, 6, 0, 0, 0, time.UTC), true},
		{desde, false},
	} {
		if got := Vencido(desde, c.ahora, 10); got != c.vencido {
			t.Errorf("Vencido(%v, %v, 10) = %v, quiero %v", desde, c.ahora, got, c.vencido)
		}
	}
}

func TestEsHabil(t *testing.T) {
	for d, habil := range map[string]bool{
		"2026-11-23": true, "2026-11-21": false, "2026-11-22": false, "2026-11-16": false,
		"2026-12-25": false, "2026-12-24": true, "2027-01-01": false, "2024-10-01": false,
		"2025-10-01": true, "2026-09-16": false, "2026-05-01": false, "2026-02-02": false,
		"2026-02-05": true, "2026-03-16": false, "2026-03-21": false, "2027-03-22": true,
	} {
		if EsHabil(fecha(d)) != habil {
			t.Errorf("EsHabil(%s) = %v, quiero %v", d, !habil, habil)
		}
	}
}

func TestDescansos(t *testing.T) {
	quiero := map[int][]string{
		2024: {"2024-01-01", "2024-02-05", "2024-03-18", "2024-05-01", "2024-09-16", "2024-10-01", "2024-11-18", "2024-12-25"},
		2026: {"2026-01-01", "2026-02-02", "2026-03-16", "2026-05-01", "2026-09-16", "2026-11-16", "2026-12-25"},
		2027: {"2027-01-01", "2027-02-01", "2027-03-15", "2027-05-01", "2027-09-16", "2027-11-15", "2027-12-25"},
		2030: {"2030-01-01", "2030-02-04", "2030-03-18", "2030-05-01", "2030-09-16", "2030-10-01", "2030-11-18", "2030-12-25"},
	}
	for anio, ds := range quiero {
		got := Descansos(anio, time.UTC)
		if len(got) != len(ds) {
			t.Errorf("Descansos(%d) = %v, quiero %v", anio, got, ds)
			continue
		}
		for i := range ds {
			if got[i].Format(time.DateOnly) != ds[i] {
				t.Errorf("Descansos(%d)[%d] = %s, quiero %s", anio, i, got[i].Format(time.DateOnly), ds[i])
			}
			if _, ok := Descanso(got[i]); !ok {
				t.Errorf("Descanso(%s) = false", ds[i])
			}
		}
	}
	if n, ok := Descanso(fecha("2026-11-16")); !ok || n != "Día de la Revolución" {
		t.Errorf("Descanso(2026-11-16) = %q, %v", n, ok)
	}
	if _, ok := Descanso(fecha("2026-11-20")); ok {
		t.Error("20 de noviembre de 2026 no es descanso: se recorre al tercer lunes")
	}
}
