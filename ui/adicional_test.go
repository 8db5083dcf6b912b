//go:build ci

package ui

import (
	"github.com/seguritools/seguritools/app/tramite"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
)

// The holder of a main certificate designates a person through the
// Certificado Digital Adicional screen: a wrong password of the main
// .pfx is refused with the IMSS wording, then the person's key is made
// with the mouse dialog and a .pfx that openssl opens is saved; the CA
// links it to the same NPIE, and revoking the main certificate (Revocación
// screen) revokes it too and takes it out of Mis certificados.
func TestAdicional_PersonaDesignada_PFXLigadoAlNPIEYRevocadoConElPrincipal(t *testing.T) {
	srv := refca(t)
	herramienta(t, "openssl")
	archivos := t.TempDir()
	p := emitirPrincipal(t, srv, archivos, "adtitular")
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)
	w := e.Ventana

	tocarTarjeta(t, e, Adicional)
	continuar := boton(t, w, "Continuar")
	if !continuar.Disabled() {
		t.Fatal("Continuar habilitado sin certificado principal")
	}
	llave := filepath.Join(archivos, "ghernandez.key")
	pfx := filepath.Join(archivos, "ghernandez.pfx")
	// Wrong password of the main certificate: the IMSS message at the
	// first step, before any of the person's data is typed.
	llenar(t, w, "Certificado Digital principal (.pfx)", p.PFX, "Contraseña del certificado principal", "Equivocada1")
	tocar(t, w, "Continuar")
	esperarError(t, e, errs, msg.CodeContrasenaIncorrecta, textoContrasenaIncorrecta)
	d := e.estado.(*adicional)
	if d.a.Actual() != 0 {
		t.Fatalf("con la contraseña equivocada pasó al paso %d", d.a.Actual())
	}
	llenar(t, w, "Contraseña del certificado principal", contrasenaPrueba)
	tocar(t, w, "Continuar")
	esperar(t, "los datos de la persona", func() bool { return d.a.Actual() == 1 })
	aceptar := boton(t, w, "Aceptar")
	if !aceptar.Disabled() {
		t.Fatal("Aceptar habilitado con el formulario vacío")
	}
	llenar(t, w,
		"Nombre(s)", "Gabriela", "Apellido Paterno", "Hernández", "Apellido Materno", "García",
		"CURP", "HEGG560427MVZRRL04", "RFC", "HEGG560427JB9",
		"Correo Electrónico", "gabriela@ejemplo.com.mx", "Confirme Correo Electrónico", "gabriela@ejemplo.com.mx",
		"Teléfono", "55 1111 2222", "Usuario", "ghernandez",
		"Llave privada de la persona designada", llave,
		"Contraseña nueva", "Adicional2026", "Confirmar Contraseña", "Adicional2026",
		"Certificado Digital Adicional (.pfx)", pfx)
	// A CURP with a wrong check digit is shown next to its field and
	// blocks Aceptar until fixed.
	llenar(t, w, "CURP", "HEGG560427MVZRRL05")
	if m := mensajeDe(t, w, "CURP"); !conCodigo(m, msg.CodeCURPVerificador) {
		t.Errorf("mensaje de la CURP = %q", m)
	}
	if !aceptar.Disabled() {
		t.Error("Aceptar habilitado con una CURP inválida")
	}
	llenar(t, w, "CURP", "HEGG560427MVZRRL04")
	if aceptar.Disabled() {
		t.Fatal("Aceptar deshabilitado con datos válidos")
	}
	if _, ok := buscar(w, func(*Entropia) bool { return true }); ok {
		t.Fatal("se pidió mover el ratón antes de Aceptar")
	}
	tocar(t, w, "Aceptar")
	generarConRaton(t, e, rand.New(rand.NewSource(11)))
	esperarEtiqueta(t, w, "Se ha generado exitosamente el Certificado Digital Adicional")
	sinErrores(t, errs)
	abrirPFXConOpenSSL(t, pfx, "Adicional2026")
	ad, err := credencial.AbrirPFX(pfx, []byte("Adicional2026"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := credencial.AbrirLlave(llave, []byte("Adicional2026"))
	if err != nil || !k.Equal(ad.Key) {
		t.Fatalf("el .pfx no lleva la llave guardada en %s (%v)", llave, err)
	}
	if !contiene(strings.ToUpper(ad.Certificate.Subject.CommonName), "GABRIELA") {
		t.Errorf("titular del adicional = %q", ad.Certificate.Subject.CommonName)
	}
	serialAd := tramite.Describir(ad.Certificate).Serial
	st := estadoEnServidor(t, srv, serialAd)
	if st.Estado != "vigente" || st.Tipo != "adicional" || st.NPIE != p.NPIE {
		t.Fatalf("estado del adicional = %+v, quiero vigente, adicional, NPIE %s", st, p.NPIE)
	}
	if st.NoDespues.After(p.Cred.Certificate.NotAfter) {
		t.Errorf("el adicional vence después del principal: %v > %v", st.NoDespues, p.Cred.Certificate.NotAfter)
	}
	// It is listed in Mis certificados.
	tocarTarjeta(t, e, Certificados)
	esperarEtiqueta(t, w, serialAd)
	// As if its .cer had been added by hand: the list does not know it is
	// an additional one, so the revocation below must ask the CA.
	e.Progreso.OlvidarCertificado(serialAd)
	if err := e.Progreso.RecordarCertificado(progreso.Certificado{Archivo: pfx, Serial: serialAd, Titular: ad.Certificate.Subject.CommonName,
		NoDespues: ad.Certificate.NotAfter}); err != nil {
		t.Fatal(err)
	}

	// Revoking the main certificate revokes the additional one.
	tocarTarjeta(t, e, Revocacion)
	llenar(t, w, "Certificado Digital (.pfx)", p.PFX, "Contraseña", contrasenaPrueba)
	motivo, _ := buscar(w, func(s *widget.Select) bool { return true })
	motivo.SetSelected("Pérdida del certificado o de la llave privada")
	tocar(t, w, "Revocar certificado")
	confirmacion := esperarConfirmacion(t, w)
	test.Type(confirmacion, "REVOCAR")
	tocar(t, w, "Confirmar")
	esperarEtiqueta(t, w, "quedó revocado")
	sinErrores(t, errs)
	principal := estadoEnServidor(t, srv, p.Serial)
	if principal.Estado != "revocado" || principal.Motivo != 1 {
		t.Errorf("principal: estado %s, motivo %d; quiero revocado por llave comprometida (1)", principal.Estado, principal.Motivo)
	}
	if st := estadoEnServidor(t, srv, serialAd); st.Estado != "revocado" {
		t.Errorf("el adicional quedó %s tras revocar el principal", st.Estado)
	}
	cs, _ := e.Progreso.Certificados()
	for _, c := range cs {
		if c.Serial == serialAd {
			t.Error("Mis certificados conserva el adicional revocado con el principal")
		}
	}
}
