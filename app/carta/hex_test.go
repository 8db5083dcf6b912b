package carta

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLlaveHex_RSA2048(t *testing.T) {
	s, err := LlaveHex(leerLlave(t, "llave_nueva.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "03 82 01 0f 00 30 82 01 0a 02 82 01 01 00 ") || !strings.HasSuffix(s, " 02 03 01 00 01") {
		t.Errorf("LlaveHex = %q", s)
	}
	if n := len(strings.Fields(s)); n != 4+0x10f {
		t.Errorf("%d bytes, se esperaban %d", n, 4+0x10f)
	}
	if s != strings.ToLower(s) || strings.Contains(s, "  ") {
		t.Errorf("formato inesperado: %q", s)
	}
	filas := FilasHex(s, BytesPorFila)
	if len(filas) != (4+0x10f+BytesPorFila-1)/BytesPorFila || strings.Join(filas, " ") != s {
		t.Errorf("FilasHex partió mal: %q", filas)
	}
	for _, f := range filas[:len(filas)-1] {
		if len(strings.Fields(f)) != BytesPorFila {
			t.Errorf("fila de %d bytes: %q", len(strings.Fields(f)), f)
		}
	}
}

func TestLlaveHex_EC(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	s, err := LlaveHex(der)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "03 42 00 04 ") {
		t.Errorf("LlaveHex(P-256) = %q", s)
	}
}

func TestLlaveHex_NoEsSPKI(t *testing.T) {
	der := leerLlave(t, "llave_nueva.pem")
	for nombre, b := range map[string][]byte{
		"vacía":      nil,
		"basura":     []byte("no es DER"),
		"sobrante":   append(bytes.Clone(der), 0),
		"truncada":   der[:len(der)-1],
		"un entero":  {0x02, 0x01, 0x05},
		"sin bitstr": {0x30, 0x06, 0x30, 0x00, 0x02, 0x02, 0x01, 0x00},
	} {
		if _, err := LlaveHex(b); !errors.Is(err, ErrLlave) {
			t.Errorf("%s: error = %v, se esperaba ErrLlave", nombre, err)
		}
	}
}

func TestFolio_FormatoYLectura(t *testing.T) {
	const texto = "88 a5 f3 56 9e 1e d3 5b 11 81 6c 22 cd 7b 27 4a"
	if got := FolioHex(folioFijo); got != texto {
		t.Errorf("FolioHex = %q", got)
	}
	for _, s := range []string{texto, strings.ToUpper(texto), strings.ReplaceAll(texto, " ", ""), " " + texto + "\n"} {
		f, err := ParseFolio(s)
		if err != nil || f != folioFijo {
			t.Errorf("ParseFolio(%q) = %v, %v", s, f, err)
		}
	}
	for _, s := range []string{"", texto[:len(texto)-3], texto + " 00", strings.Replace(texto, "a5", "zz", 1)} {
		if _, err := ParseFolio(s); !errors.Is(err, ErrFolio) {
			t.Errorf("ParseFolio(%q): error = %v", s, err)
		}
	}
}

func TestFolio_JSON(t *testing.T) {
	d := Datos{Folio: folioFijo, Fecha: fechaFija, NPIE: "X"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"folio":"88 a5 f3`)) {
		t.Errorf("JSON = %s", b)
	}
	var otra Datos
	if err := json.Unmarshal(b, &otra); err != nil || otra.Folio != folioFijo || !otra.Fecha.Equal(fechaFija) {
		t.Errorf("ida y vuelta: %+v, %v", otra, err)
	}
	if err := json.Unmarshal([]byte(`{"folio":"12"}`), &otra); !errors.Is(err, ErrFolio) {
		t.Errorf("folio corto: error = %v", err)
	}
}

func TestNuevoFolio(t *testing.T) {
	a, err := NuevoFolio()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NuevoFolio()
	if err != nil {
		t.Fatal(err)
	}
	if a.IsZero() || a == b {
		t.Errorf("folios %v y %v", a, b)
	}
}

func TestCadenaIdentificacion(t *testing.T) {
	// SHA-256("abc"), FIPS 180-2.
	const abc = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
	if got := CadenaIdentificacion([]byte("abc")); got != abc {
		t.Errorf("CadenaIdentificacion = %s", got)
	}
	if got, err := normalizarCadena(" " + strings.ToLower(abc) + "\n"); err != nil || got != abc {
		t.Errorf("normalizarCadena = %q, %v", got, err)
	}
	for _, s := range []string{"", abc[:40], abc + "00", strings.Replace(abc, "B", "G", 1)} {
		if _, err := normalizarCadena(s); err == nil {
			t.Errorf("normalizarCadena(%q) no falló", s)
		}
	}
}

func TestFechaEnPalabras(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC), "23 de noviembre de 2026"},
		{time.Date(2010, time.December, 30, 23, 59, 0, 0, time.UTC), "30 de diciembre de 2010"},
		{time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC), "1 de enero de 2025"},
		{time.Date(2024, time.February, 29, 12, 0, 0, 0, time.UTC), "29 de febrero de 2024"},
		{time.Date(2027, time.September, 16, 12, 0, 0, 0, time.UTC), "16 de septiembre de 2027"},
	} {
		if got := FechaEnPalabras(c.t); got != c.want {
			t.Errorf("FechaEnPalabras(%v) = %q, want %q", c.t, got, c.want)
		}
	}
	if got := lugarYFecha("", fechaFija); got != "Ciudad de México, a 23 de noviembre de 2026" {
		t.Errorf("lugarYFecha = %q", got)
	}
	if got := lugarYFecha("Mérida, Yucatán", fechaFija); got != "Mérida, Yucatán, a 23 de noviembre de 2026" {
		t.Errorf("lugarYFecha = %q", got)
	}
}
