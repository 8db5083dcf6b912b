//go:build ci

package ui

import (
	"bytes"
	"context"
	"github.com/seguritools/seguritools/app/firma"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
)

// verificar opens a fresh Verificar screen, checks path (with password
// pw for a .pfx) and waits for the result to show a label containing
// espera.
func verificar(t *testing.T, e *Entorno, path, pw, espera string) {
	t.Helper()
	tocarTarjeta(t, e, Verificar)
	w := e.Ventana
	entrada, ok := buscar(w, func(x *widget.Entry) bool { return x.PlaceHolder == "Carta (.pdf) o certificado (.cer, .pfx)" })
	if !ok {
		t.Fatal("no hay dónde escribir el archivo")
	}
	test.Type(entrada, path)
	if pw != "" {
		test.Type(entradaDe(t, w, "Contraseña"), pw)
	}
	tocar(t, w, "Verificar")
	esperarEtiqueta(t, w, espera)
}

// cuantasCon counts the visible labels that contain s.
func cuantasCon(e *Entorno, s string) int {
	if s == "" {
		panic("cuantasCon: texto vacío")
	}
	n := 0
	for _, o := range enVentana(e.Ventana) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, s) {
			n++
		}
	}
	return n
}

// prefijo is the Spanish text of code up to its first value: what every
// rendering of the message shows whatever its values.
func prefijo(code string) string {
	m, ok := msg.Lookup(code)
	if !ok {
		panic("código desconocido " + code)
	}
	s := m.ES
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// cuantas counts the visible labels whose text is exactly s.
func cuantas(e *Entorno, s string) int {
	n := 0
	for _, o := range enVentana(e.Ventana) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text == s {
			n++
		}
	}
	return n
}

// finDe is the Spanish message of code after its first value (a
// signature's field name, which the test does not choose), with the rest
// of the values given.
func finDe(code string, resto ...any) string {
	const marca = "\x00"
	_, fin, _ := strings.Cut(msg.New(code, append([]any{marca}, resto...)...).Mensaje(msg.ES), marca)
	return fin
}

// alterar changes one byte inside a content stream of the letter's
// original revision: the signatures no longer match what they signed.
func alterar(t *testing.T, pdf []byte, original int) []byte {
	t.Helper()
	out := bytes.Clone(pdf)
	i := bytes.Index(out[original/3:original], []byte("stream"))
	if i < 0 {
		t.Fatal("la carta no tiene streams")
	}
	out[original/3+i+20] ^= 0x01
	return out
}

// Verificar certificado o carta shows each signature of a letter (valid,
// altered, or from a root other than the pinned one), refuses a PDF
// without signatures, describes a .cer and a .pfx (whose wrong password
// gets the IMSS wording) and shows the CA's status of a certificate, so a
// revoked one is not reported as valid.
func TestVerificar_CadaFirmaYCadaCertificado(t *testing.T) {
	srv := refca(t)
	archivos := t.TempDir()
	p1 := emitirPrincipal(t, srv, archivos, "verifuno")
	p2 := emitirPrincipal(t, srv, archivos, "verifdos")
	una, _, err := firma.Firmar(p1.Carta, "carta.pdf", p1.Cred, firma.Opciones{Motivo: "Acepto los términos y condiciones"})
	if err != nil {
		t.Fatal(err)
	}
	dos, _, err := firma.Firmar(una, "carta.pdf", p2.Cred, firma.Opciones{Motivo: "Enterado"})
	if err != nil {
		t.Fatal(err)
	}
	firmada := escribirArchivo(t, filepath.Join(archivos, "firmada.pdf"), dos)
	alterada := escribirArchivo(t, filepath.Join(archivos, "alterada.pdf"), alterar(t, dos, len(p1.Carta)))
	sinFirmar := escribirArchivo(t, filepath.Join(archivos, "sinfirmar.pdf"), p1.Carta)
	cer := escribirArchivo(t, filepath.Join(archivos, "verifuno.cer"), p1.Cred.Certificate.Raw)
	cerRevocado := escribirArchivo(t, filepath.Join(archivos, "verifdos.cer"), p2.Cred.Certificate.Raw)
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)

	verificar(t, e, firmada, "", "Firma 2")
	if n := cuantas(e, "Firma válida"); n != 2 {
		t.Errorf("%d firmas válidas, quiero 2", n)
	}
	for _, s := range []string{p1.Serial, p2.Serial, p1.Cred.Certificate.Subject.CommonName, "Enterado"} {
		if _, ok := etiquetaCon(e.Ventana, s); !ok {
			t.Errorf("no se muestra %q", s)
		}
	}

	verificar(t, e, alterada, "", "Firma 2")
	if n := cuantasCon(e, finDe(msg.CodeFirmaNoValida, msg.New(msg.CodeMotivoModificado))); n != 2 || cuantas(e, "Firma válida") != 0 {
		t.Errorf("carta alterada: %d firmas no válidas, %d válidas; quiero 2 y 0", n, cuantas(e, "Firma válida"))
	}

	verificar(t, e, sinFirmar, "", texto(msg.CodePDFSinFirmas, filepath.Base(sinFirmar)))

	verificar(t, e, cer, "", p1.Serial)
	if _, ok := etiquetaCon(e.Ventana, p1.Cred.Certificate.Subject.CommonName); !ok {
		t.Error("no se muestra el titular del certificado")
	}
	if cuantas(e, "vigente") != 1 {
		t.Error("el certificado vigente no se muestra vigente")
	}

	verificar(t, e, p2.PFX, "Equivocada1", textoContrasenaIncorrecta)
	verificar(t, e, p2.PFX, contrasenaPrueba, "RSA 2048 bits")

	// Revoked at the CA: the screen says so.
	if _, err := clienteDe(t, srv).Revocar(context.Background(), p2.Cred, "cese"); err != nil {
		t.Fatal(err)
	}
	verificar(t, e, cerRevocado, "", p2.Serial)
	if cuantas(e, "revocado") != 1 || cuantas(e, "vigente") != 0 {
		t.Error("el certificado revocado no se muestra revocado")
	}

	// With another root pinned, the signatures are not trusted.
	e.CambiarServidor(Servidor{URL: srv.URL, RaizPEM: raizAjena(t)})
	verificar(t, e, firmada, "", "Firma 2")
	if n := cuantasCon(e, finDe(msg.CodeCadenaNoConfiable)); n != 2 {
		t.Errorf("%d firmas de cadena no confiable, quiero 2", n)
	}
	sinErrores(t, errs)
}
