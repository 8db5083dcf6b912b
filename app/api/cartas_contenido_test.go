package api_test

import (
	"context"
	"github.com/seguritools/seguritools/app/tramite"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
)

// textoPDF extracts a PDF's text with pdftotext, white space collapsed.
func textoPDF(t *testing.T, pdf []byte) string {
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
	return strings.Join(strings.Fields(string(out)), " ")
}

func contiene(t *testing.T, que, txt string, ss ...string) {
	t.Helper()
	for _, s := range ss {
		if !strings.Contains(txt, s) {
			t.Errorf("%s: falta %q en:\n%s", que, s, txt)
		}
	}
}

// instante is how the letters print an instant of a certificate's validity.
func instante(t time.Time) string {
	return carta.FechaEnPalabras(t) + ", " + t.Format("15:04:05") + " h (UTC" + t.Format("-07:00") + ")"
}

// TestCartas_LugarClausula9ZonaYVigencia: the letters of a CA set up as the
// León subdelegación are dated in León, clause 9 says the key stays on the
// employer's computer, and the Constancia prints Mexico City times, the
// subdelegación, the clerk's full name and a "Vigencia desde" equal to the
// certificate's notBefore.
func TestCartas_LugarClausula9ZonaYVigencia(t *testing.T) {
	const lugar = "León, Gto."
	e := iniciar(t, opcionesEntorno{subdelegacion: lugar})
	c := e.cliente(t, nil)
	ctx := context.Background()
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sol, err := tramite.SolicitarNPIE(ctx, c, solicitudEjemplo(t, 1), llave(dir, "p.key", "Clave12345", ""))
	if err != nil {
		t.Fatal(err)
	}
	terminos := textoPDF(t, sol.Carta)
	contiene(t, "Carta de Términos", terminos,
		lugar+", a "+carta.FechaEnPalabras(sol.Creada.In(mx)),
		strings.Join(strings.Fields(carta.ClausulaLlavePrivada), " "),
		"nunca la recibe ni la conoce")
	for _, falso := range []string{"Ciudad de México, a ", "enviará al correo electrónico", "Liga de acceso"} {
		if strings.Contains(terminos, falso) {
			t.Errorf("la Carta de Términos aún dice %q", falso)
		}
	}

	v, err := c.Ventanilla(ctx, "ana", clerkPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Aprobar(ctx, sol.Folio, todosLosDocumentos); err != nil {
		t.Fatal(err)
	}
	k, err := credencial.AbrirLlave(filepath.Join(dir, "p.key"), []byte("Clave12345"))
	if err != nil {
		t.Fatal(err)
	}
	cred, err := c.Obtener(ctx, sol.NPIE, k)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := v.Constancia(ctx, sol.Folio)
	if err != nil {
		t.Fatal(err)
	}
	desde, hasta := cred.Certificate.NotBefore.In(mx), cred.Certificate.NotAfter.In(mx)
	constancia := textoPDF(t, pdf)
	contiene(t, "Constancia", constancia,
		lugar+", a "+carta.FechaEnPalabras(desde),
		"por conducto de la Subdelegación "+lugar,
		"Vigencia desde: "+instante(desde),
		"Vigencia hasta: "+instante(hasta),
		"(UTC-06:00)",
		nombreClerk,
		"Subdelegación "+lugar)
	for _, falso := range []string{"UTC+00:00", "Subdelegación refca", "Ciudad de México, a "} {
		if strings.Contains(constancia, falso) {
			t.Errorf("la Constancia aún dice %q", falso)
		}
	}

	// Every clerk has a full name.
	err = e.a.AgregarClerk(ctx, "beto", " ", []byte("ventanilla-secreta-2"), ca.Origen{Quien: "test"})
	quiereCodigo(t, err, msg.CodeNombreClerk)
}
