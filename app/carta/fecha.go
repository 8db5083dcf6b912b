package carta

import (
	"strconv"
	"time"
)

var meses = [12]string{
	"enero", "febrero", "marzo", "abril", "mayo", "junio",
	"julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
}

// FechaEnPalabras writes t's date the way a Mexican letter does:
// "23 de noviembre de 2026". It uses t's own location: convert t to the
// employer's time zone first when the day matters.
func FechaEnPalabras(t time.Time) string {
	return strconv.Itoa(t.Day()) + " de " + meses[t.Month()-1] + " de " + strconv.Itoa(t.Year())
}

// lugarYFecha is the dateline: "Ciudad de México, a 23 de noviembre de 2026".
func lugarYFecha(lugar string, t time.Time) string {
	if lugar == "" {
		lugar = lugarOmision
	}
	return lugar + ", a " + FechaEnPalabras(t)
}
