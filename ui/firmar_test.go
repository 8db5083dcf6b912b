//go:build ci

package ui

import (
	"path/filepath"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
)

// A letter is signed in Firmar carta by one holder and the signed copy
// again by another: a wrong password is refused with the IMSS wording, the
// signed copy's name follows the letter chosen, and both signatures stay
// valid for pdfsig and for the app's own verifier against the pinned root.
func TestFirmarCarta_DosFirmantesSucesivos_PdfsigYVerifyPDFValidas(t *testing.T) {
	srv := refca(t)
	herramienta(t, "pdfsig")
	archivos := t.TempDir()
	p1 := emitirPrincipal(t, srv, archivos, "firmauno")
	p2 := emitirPrincipal(t, srv, archivos, "firmados")
	carta := escribirArchivo(t, filepath.Join(archivos, "CartaTerminos.pdf"), p1.Carta)
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)
	w := e.Ventana

	tocarTarjeta(t, e, FirmarCarta)
	firmar := boton(t, w, "Firmar")
	if !firmar.Disabled() {
		t.Fatal("Firmar habilitado sin carta ni certificado")
	}
	llenar(t, w, "Carta", carta, "Certificado Digital", p1.PFX, "Contraseña", "Equivocada1")
	firmada := filepath.Join(archivos, "CartaTerminos-firmada.pdf")
	if got := entradaDe(t, w, "Guardar la carta firmada como").Text; got != firmada {
		t.Errorf("copia firmada sugerida = %q, quiero %q", got, firmada)
	}
	tocar(t, w, "Firmar")
	esperarError(t, e, errs, msg.CodeContrasenaIncorrecta, textoContrasenaIncorrecta)
	if archivoExiste(firmada) {
		t.Fatal("se escribió la carta con la contraseña equivocada")
	}
	llenar(t, w, "Contraseña", contrasenaPrueba)
	tocar(t, w, "Firmar")
	esperarEtiqueta(t, w, "La carta quedó firmada: "+firmada)
	sinErrores(t, errs)
	pdfsigValidas(t, firmada, 1)

	// The second signer signs the signed copy; its name follows.
	llenar(t, w, "Carta", firmada, "Certificado Digital", p2.PFX, "Contraseña", contrasenaPrueba)
	dos := filepath.Join(archivos, "CartaTerminos-firmada-firmada.pdf")
	if got := entradaDe(t, w, "Guardar la carta firmada como").Text; got != dos {
		t.Fatalf("copia firmada sugerida = %q, quiero %q", got, dos)
	}
	tocar(t, w, "Firmar")
	esperarEtiqueta(t, w, "La carta quedó firmada: "+dos)
	sinErrores(t, errs)
	pdfsigValidas(t, dos, 2)
	fs, err := tramite.VerificarCarta(dos, srv.RaizPEM, msg.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || !fs[0].Valida || !fs[1].Valida || fs[0].Serie != p1.Serial || fs[1].Serie != p2.Serial {
		t.Fatalf("firmas = %+v, quiero %s y %s válidas", fs, p1.Serial, p2.Serial)
	}
}
