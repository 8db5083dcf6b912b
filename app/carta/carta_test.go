package carta

import (
	"bytes"
	"errors"
	"github.com/seguritools/seguritools/internal/testtool"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// herramienta is testtool.Require: the external tool's path, or skip (fail in CI).
func herramienta(t *testing.T, nombre string) string {
	t.Helper()
	return testtool.Require(t, nombre)
}

// texto extracts a PDF's text with pdftotext.
func texto(t *testing.T, pdf []byte) string {
	t.Helper()
	prog := herramienta(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "carta.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(prog, "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// plano collapses all white space to single spaces, so that text wrapped
// over several lines compares with the same text on one.
func plano(s string) string { return strings.Join(strings.Fields(s), " ") }

type caso struct {
	tipo     Tipo
	datos    any
	contiene []string
}

func casos(t *testing.T) []caso {
	d := datosPrueba(t)
	nueva := d
	nueva.LlavePublicaAnterior = nil
	nueva.CadenaCartaAnterior = ""
	llave, err := LlaveHex(d.LlavePublica)
	if err != nil {
		t.Fatal(err)
	}
	anterior, err := LlaveHex(d.LlavePublicaAnterior)
	if err != nil {
		t.Fatal(err)
	}
	comunes := []string{
		"Términos", "Número", "Subdelegación", "Panadería La Güera Peña, S.A. de C.V.",
		"José Ángel Muñoz Íñiguez", "B752158813-9", "Ciudad de México, a 23 de noviembre de 2026",
		FolioHex(folioFijo), "No. de Folio:", "Usuario: pgpena", "NPIE: B7521588139",
		"Correo Electrónico: jose.munoz@ejemplo.com.mx", "TÉRMINOS Y CONDICIONES.",
		"Colonia Juárez", "Municipio o Delegación Cuauhtémoc", "Código Postal 06600",
		"Número Interior 3er. piso", "PGP0603153Z1", "ATENTAMENTE.",
		"10. Para obtener acceso", "Acuerdo 43/2004", "Página 1 de", "Página 2 de",
	}
	return []caso{
		{TipoTerminos, nueva, append(comunes, "Llave Pública "+llave, "dentro de los 10 días hábiles")},
		{TipoRenovacion, d, append(comunes, "Llave Pública Nueva "+llave, "Llave Pública Anterior "+anterior,
			"manifiesto mi aceptación de la renovación")},
		{TipoTerminosRenovacion, d, append(comunes, "Llave Pública Nueva "+llave, "Llave Pública Anterior "+anterior,
			"Cadena de Identificación de Carta Anterior "+strings.ToUpper(d.CadenaCartaAnterior))},
		{TipoConstancia, constanciaPrueba(), []string{
			"Términos", "Número", "Subdelegación Cuauhtémoc", "Razón Social: Panadería La Güera Peña, S.A. de C.V.",
			"Registro Patronal: B752158813-9", "RFC: PGP0603153Z1", "José Ángel Muñoz Íñiguez",
			"NPIE: B7521588139", "Número de Serie: 00001000000512345678",
			"Vigencia desde: 23 de noviembre de 2026, 10:15:00 h (UTC-06:00)",
			"Vigencia hasta: 23 de noviembre de 2028, 10:15:00 h (UTC-06:00)",
			"María Concepción Ibáñez Rendón", "Página 1 de 1",
		}},
	}
}

func TestCartas_TextoExtraible(t *testing.T) {
	g := generador(t)
	for _, c := range casos(t) {
		t.Run(string(c.tipo), func(t *testing.T) {
			pdf, err := g.Generar(c.tipo, c.datos)
			if err != nil {
				t.Fatal(err)
			}
			txt := plano(texto(t, pdf))
			for _, s := range append([]string{c.tipo.Titulo()}, c.contiene...) {
				if !strings.Contains(txt, s) {
					t.Errorf("falta %q en el texto:\n%s", s, txt)
				}
			}
			if strings.ContainsRune(txt, '\uFFFD') || strings.Contains(txt, "Ã") {
				t.Errorf("texto con caracteres dañados:\n%s", txt)
			}
		})
	}
}

func TestCartas_QpdfCheck(t *testing.T) {
	qpdf := herramienta(t, "qpdf")
	g := generador(t)
	for _, c := range casos(t) {
		t.Run(string(c.tipo), func(t *testing.T) {
			pdf, err := g.Generar(c.tipo, c.datos)
			if err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(t.TempDir(), "carta.pdf")
			if err := os.WriteFile(f, pdf, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(qpdf, "--check", f).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			if strings.Contains(string(out), "WARNING") {
				t.Errorf("qpdf --check avisa:\n%s", out)
			}
		})
	}
}

// The PDF signer appends a classic incremental update, so the letter must
// end in a classic cross-reference table, not an xref stream.
func TestCartas_TablaDeReferenciasClasica(t *testing.T) {
	g := generador(t)
	for _, c := range casos(t) {
		pdf, err := g.Generar(c.tipo, c.datos)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
			t.Errorf("%s: cabecera o final inesperados", c.tipo)
		}
		if !bytes.Contains(pdf, []byte("\nxref\n0 ")) || !bytes.Contains(pdf, []byte("\ntrailer\n<<")) ||
			bytes.Contains(pdf, []byte("/XRef")) || bytes.Contains(pdf, []byte("/ObjStm")) {
			t.Errorf("%s: no tiene una tabla de referencias clásica", c.tipo)
		}
	}
}

func TestCartas_ValidasParaPDFCPU(t *testing.T) {
	g := generador(t)
	for _, c := range casos(t) {
		pdf, err := g.Generar(c.tipo, c.datos)
		if err != nil {
			t.Fatal(err)
		}
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationStrict
		if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
			t.Errorf("%s: pdfcpu validate: %v", c.tipo, err)
		}
	}
}

// The same data gives the same bytes, whichever generator and directory
// renders them: the server compares a letter handed back with the one it
// issued.
func TestCartas_MismosDatosMismosBytes(t *testing.T) {
	g1 := generador(t)
	g2, err := NuevoGenerador(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range casos(t) {
		a, err := g1.Generar(c.tipo, c.datos)
		if err != nil {
			t.Fatal(err)
		}
		b, err := g2.Generar(c.tipo, c.datos)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := g1.Generar(c.tipo, c.datos)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) || !bytes.Equal(a, a2) {
			t.Errorf("%s: la misma carta sale con bytes distintos", c.tipo)
		}
	}
	d := datosPrueba(t)
	a, _ := g1.Renovacion(d)
	d.Folio[15] ^= 1
	b, _ := g1.Renovacion(d)
	if bytes.Equal(a, b) {
		t.Error("otro folio dio los mismos bytes")
	}
}

// A server renders many letters at once; each must come out as if alone.
func TestCartas_Concurrentes(t *testing.T) {
	g := generador(t)
	cs := casos(t)
	esperado := make([][]byte, len(cs))
	for i, c := range cs {
		var err error
		if esperado[i], err = g.Generar(c.tipo, c.datos); err != nil {
			t.Fatal(err)
		}
	}
	otro, err := NuevoGenerador(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for n := range 16 {
		gen := g
		if n%4 == 0 {
			gen = otro // and pdfcpu switches directories meanwhile
		}
		i := n % len(cs)
		wg.Go(func() {
			pdf, err := gen.Generar(cs[i].tipo, cs[i].datos)
			if err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(pdf, esperado[i]) {
				t.Errorf("%s: salió distinta en paralelo", cs[i].tipo)
			}
		})
	}
	wg.Wait()
}

func TestNuevoGenerador_NoEscribeEnConfigDelUsuario(t *testing.T) {
	hogar := t.TempDir()
	t.Setenv("HOME", hogar)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(hogar, ".config"))
	dir := t.TempDir()
	g, err := NuevoGenerador(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Terminos(datosPrueba(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(hogar, ".config")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("pdfcpu escribió en el directorio del usuario: %v", err)
	}
	for _, n := range nombreFuente {
		if _, err := os.Stat(filepath.Join(dir, "pdfcpu", "fonts", n+".gob")); err != nil {
			t.Errorf("fuente no instalada en el directorio dado: %v", err)
		}
	}
	// A second generator on the same directory reuses the installed fonts.
	marca := filepath.Join(dir, "pdfcpu", "fonts", marcaFuentes)
	antes, err := os.Stat(marca)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NuevoGenerador(dir); err != nil {
		t.Fatal(err)
	}
	despues, err := os.Stat(marca)
	if err != nil || !despues.ModTime().Equal(antes.ModTime()) {
		t.Errorf("las fuentes se instalaron otra vez: %v", err)
	}
}

func TestNuevoGenerador_SinDirectorio(t *testing.T) {
	if _, err := NuevoGenerador(""); err == nil {
		t.Fatal("NuevoGenerador(\"\") no falló")
	}
}

// Characters outside Spanish still print, through a subset of their own;
// those the font lacks print as "?".
func TestCartas_CaracteresPocoComunes(t *testing.T) {
	g := generador(t)
	d := datosPrueba(t)
	d.Solicitud.Empresa.RazonSocial = "Łódź Ωmega Ğıda ☃ S.A."
	pdf, err := g.Terminos(d)
	if err != nil {
		t.Fatal(err)
	}
	txt := plano(texto(t, pdf))
	if !strings.Contains(txt, "Łódź Ωmega Ğıda ? S.A.") {
		t.Errorf("razón social mal impresa:\n%s", txt)
	}
}

func TestCartas_DatosIncompletos(t *testing.T) {
	g := generador(t)
	completo := datosPrueba(t)
	for _, c := range []struct {
		nombre string
		tipo   Tipo
		cambio func(*Datos)
	}{
		{"sin razón social", TipoTerminos, func(d *Datos) { d.Solicitud.Empresa.RazonSocial = " " }},
		{"sin NPIE", TipoTerminos, func(d *Datos) { d.NPIE = "" }},
		{"sin colonia", TipoTerminos, func(d *Datos) { d.Solicitud.Domicilio.Colonia = "" }},
		{"sin código postal", TipoRenovacion, func(d *Datos) { d.Solicitud.Domicilio.CodigoPostal = "" }},
		{"sin usuario", TipoTerminos, func(d *Datos) { d.Solicitud.Representante.Usuario = "" }},
		{"sin fecha", TipoTerminos, func(d *Datos) { d.Fecha = time.Time{} }},
		{"sin folio", TipoTerminos, func(d *Datos) { d.Folio = Folio{} }},
		{"sin llave", TipoTerminos, func(d *Datos) { d.LlavePublica = nil }},
		{"sin llave anterior", TipoRenovacion, func(d *Datos) { d.LlavePublicaAnterior = nil }},
		{"sin cadena", TipoTerminosRenovacion, func(d *Datos) { d.CadenaCartaAnterior = "" }},
	} {
		t.Run(c.nombre, func(t *testing.T) {
			d := completo
			d.Solicitud = solicitudPrueba()
			c.cambio(&d)
			_, err := g.Generar(c.tipo, d)
			if !errors.Is(err, ErrDatosIncompletos) {
				t.Fatalf("error = %v, se esperaba ErrDatosIncompletos", err)
			}
		})
	}
}

func TestCartas_DatosInvalidos(t *testing.T) {
	g := generador(t)
	d := datosPrueba(t)
	d.CadenaCartaAnterior = "FE891B7E"
	if _, err := g.TerminosRenovacion(d); err == nil {
		t.Error("aceptó una cadena de identificación que no es SHA-256")
	}
	d = datosPrueba(t)
	d.LlavePublica = []byte("no es DER")
	if _, err := g.Terminos(d); !errors.Is(err, ErrLlave) {
		t.Errorf("llave inválida: error = %v", err)
	}
	c := constanciaPrueba()
	c.VigenciaHasta = c.VigenciaDesde
	if _, err := g.Constancia(c); err == nil {
		t.Error("aceptó una vigencia vacía")
	}
	c = constanciaPrueba()
	c.Subdelegacion = ""
	if _, err := g.Constancia(c); !errors.Is(err, ErrDatosIncompletos) {
		t.Errorf("sin subdelegación: error = %v", err)
	}
}

func TestGenerar_TipoYDatos(t *testing.T) {
	g := generador(t)
	d := datosPrueba(t)
	c := constanciaPrueba()
	for _, v := range []any{d, &d} {
		if _, err := g.Generar(TipoRenovacion, v); err != nil {
			t.Errorf("Generar(renovacion, %T): %v", v, err)
		}
	}
	for _, v := range []any{c, &c} {
		if _, err := g.Generar(TipoConstancia, v); err != nil {
			t.Errorf("Generar(constancia, %T): %v", v, err)
		}
	}
	for _, e := range []struct {
		tipo  Tipo
		datos any
	}{
		{TipoConstancia, d}, {TipoTerminos, c}, {"otra", d}, {TipoTerminos, nil}, {TipoTerminos, (*Datos)(nil)},
	} {
		if _, err := g.Generar(e.tipo, e.datos); err == nil {
			t.Errorf("Generar(%q, %T) no falló", e.tipo, e.datos)
		}
	}
}

func TestParseTipo(t *testing.T) {
	for _, tipo := range Tipos() {
		got, err := ParseTipo(string(tipo))
		if err != nil || got != tipo {
			t.Errorf("ParseTipo(%q) = %q, %v", tipo, got, err)
		}
		if tipo.Titulo() == "" || !strings.HasSuffix(tipo.NombreArchivo(), ".pdf") {
			t.Errorf("%q sin título o nombre de archivo", tipo)
		}
	}
	if _, err := ParseTipo("carta"); err == nil {
		t.Error("ParseTipo aceptó un tipo desconocido")
	}
}

// TestMuestras writes one letter of each kind to $CARTA_MUESTRAS, to look at.
func TestMuestras(t *testing.T) {
	dir := os.Getenv("CARTA_MUESTRAS")
	if dir == "" {
		t.Skip("CARTA_MUESTRAS no está definido")
	}
	g := generador(t)
	for _, c := range casos(t) {
		pdf, err := g.Generar(c.tipo, c.datos)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, string(c.tipo)+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
