//go:build ci

package ui

import (
	"github.com/seguritools/seguritools/app/tramite"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
)

// An employer who lost the .pfx but kept the .key recovers it: the NPIE
// gives the serial, a wrong password or someone else's key are refused
// with their messages, and the right .key and password rebuild a .pfx of
// the same certificate that openssl opens.
func TestRecuperacion_NPIEASerieYPFXReconstruidoConLaLlavePropia(t *testing.T) {
	srv := refca(t)
	herramienta(t, "openssl")
	archivos := t.TempDir()
	p := emitirPrincipal(t, srv, archivos, "recupera")
	if err := os.Remove(p.PFX); err != nil { // lost
		t.Fatal(err)
	}
	ajena := filepath.Join(archivos, "otra.key")
	if _, err := credencial.NuevaLlave(ajena, []byte(contrasenaPrueba), "", credencial.Opciones{Bits: 2048, Iteraciones: 1000}); err != nil {
		t.Fatal(err)
	}
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)
	w := e.Ventana
	tocarTarjeta(t, e, Recuperacion)
	obtener := boton(t, w, "Obtener Certificado Digital")
	if !obtener.Disabled() {
		t.Fatal("Obtener habilitado sin número de serie")
	}
	npie, _ := buscar(w, func(x *widget.Entry) bool { return x.PlaceHolder == "Número Patronal de Identificación Electrónica" })

	// An NPIE the CA does not know.
	test.Type(npie, "9999999999")
	tocar(t, w, "Buscar")
	esperarError(t, e, errs, msg.CodeNPIENoEncontrado, texto(msg.CodeNPIENoEncontrado, "9999999999"))

	npie.SetText("")
	test.Type(npie, p.NPIE)
	tocar(t, w, "Buscar")
	esperarEtiqueta(t, w, p.Serial)
	// Another NPIE typed: the serial shown is no longer its own.
	test.Type(npie, "0")
	if _, ok := etiquetaCon(w, p.Serial); ok {
		t.Error("se sigue mostrando el número de serie de otro NPIE")
	}
	npie.SetText(p.NPIE)
	tocar(t, w, "Buscar")
	esperarEtiqueta(t, w, p.Serial)

	pfx := filepath.Join(archivos, "recupera-nuevo.pfx")
	llenar(t, w, "Llave Privada", p.Llave, "Contraseña", "Equivocada1", "Certificado Digital", pfx)
	if obtener.Disabled() {
		t.Fatal("Obtener deshabilitado con el formulario completo")
	}
	tocar(t, w, "Obtener Certificado Digital")
	esperarError(t, e, errs, msg.CodeContrasenaIncorrecta, textoContrasenaIncorrecta)

	llenar(t, w, "Llave Privada", ajena, "Contraseña", contrasenaPrueba)
	tocar(t, w, "Obtener Certificado Digital")
	esperarError(t, e, errs, msg.CodeLlaveAjena, texto(msg.CodeLlaveAjena))
	if archivoExiste(pfx) {
		t.Fatal("se escribió un .pfx con una llave equivocada")
	}

	llenar(t, w, "Llave Privada", p.Llave)
	tocar(t, w, "Obtener Certificado Digital")
	esperarEtiqueta(t, w, "Se ha generado exitosamente su Certificado Digital: "+pfx)
	sinErrores(t, errs)
	abrirPFXConOpenSSL(t, pfx, contrasenaPrueba)
	cred, err := credencial.AbrirPFX(pfx, []byte(contrasenaPrueba))
	if err != nil {
		t.Fatal(err)
	}
	if tramite.Describir(cred.Certificate).Serial != p.Serial || !cred.Key.Equal(p.Cred.Key) {
		t.Fatalf("el .pfx recuperado es del certificado %s, quiero %s con la misma llave", tramite.Describir(cred.Certificate).Serial, p.Serial)
	}
	if len(cred.Chain) == 0 {
		t.Error("el .pfx recuperado no lleva la cadena")
	}
	if st := estadoEnServidor(t, srv, p.Serial); st.Estado != "vigente" {
		t.Errorf("estado en el servidor = %s", st.Estado)
	}
	tocarTarjeta(t, e, Certificados)
	esperarEtiqueta(t, w, p.Serial)
}
