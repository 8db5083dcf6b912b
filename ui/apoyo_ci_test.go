//go:build ci

package ui

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"github.com/seguritools/seguritools/app/tramite"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/embebido"
	"github.com/seguritools/seguritools/app/msg"
)

// Helpers of the screen tests that need a certificate issued beforehand:
// the certificate is made through app/client (what npiectl does), and the
// screen under test is then driven through the UI only.

const contrasenaPrueba = "Secreta2026"

// textoContrasenaIncorrecta is what a user sees for a wrong .pfx or .key
// password (seeds 001–003).
const textoContrasenaIncorrecta = "La contraseña no es correcta, por favor intente de nuevo."

var (
	clerkOnce sync.Once
	clerk     *tramite.Entrega
	clerkErr  error
)

// clienteDe is a client of srv trusting its root.
func clienteDe(t *testing.T, srv *embebido.Servidor) *tramite.Conexion {
	t.Helper()
	c, err := tramite.Conectar(srv.URL, srv.RaizPEM)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ventanillaDemo is one clerk session for the whole test binary: logins
// are rate limited per address, so every test shares it.
func ventanillaDemo(t *testing.T, srv *embebido.Servidor) *tramite.Entrega {
	t.Helper()
	clerkOnce.Do(func() {
		clerk, clerkErr = tramite.AbrirVentanilla(context.Background(), clienteDe(t, srv), embebido.ClerkDemo, []byte(embebido.ClerkDemoContrasena))
	})
	if clerkErr != nil {
		t.Fatalf("ventanilla: %v", clerkErr)
	}
	return clerk
}

// principal is a main certificate issued for a test: its .key, its .pfx
// (both protected by contrasenaPrueba), its NPIE and serial, and the
// Carta de Términos the request received.
type principal struct {
	Llave, PFX, NPIE, Serial string
	Cred                     *credencial.Credencial
	Carta                    []byte
}

// emitirPrincipal requests an NPIE for usuario (made unique; the other
// data as in datosValidos), has the demo clerk approve it and builds the
// .pfx in dir.
func emitirPrincipal(t *testing.T, srv *embebido.Servidor, dir, usuario string) principal {
	t.Helper()
	ctx := context.Background()
	c := clienteDe(t, srv)
	usuario = usuarioUnico(usuario)
	v := datosValidos(usuario, "")
	datos := leerSolicitud(func(k string) string { return v[k] })
	p := principal{Llave: filepath.Join(dir, usuario+".key"), PFX: filepath.Join(dir, usuario+".pfx")}
	sol, err := tramite.SolicitarNPIE(ctx, c, datos, tramite.Llave{Ruta: p.Llave, Password: []byte(contrasenaPrueba), Usuario: usuario,
		Opciones: credencial.Opciones{Bits: opcionesPrueba.Bits, Iteraciones: opcionesPrueba.Iteraciones}})
	if err != nil {
		t.Fatalf("solicitud de %s: %v", usuario, err)
	}
	docs := tramite.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}
	if _, err := ventanillaDemo(t, srv).Aprobar(ctx, sol.Folio, docs); err != nil {
		t.Fatalf("aprobar %s: %v", sol.Folio, err)
	}
	k, err := credencial.AbrirLlave(p.Llave, []byte(contrasenaPrueba))
	if err != nil {
		t.Fatal(err)
	}
	cred, err := c.Obtener(ctx, sol.NPIE, k)
	if err != nil {
		t.Fatalf("obtener %s: %v", sol.NPIE, err)
	}
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, []byte(contrasenaPrueba), p.PFX, false); err != nil {
		t.Fatal(err)
	}
	p.NPIE, p.Serial, p.Cred, p.Carta = sol.NPIE, tramite.Describir(cred.Certificate).Serial, cred, sol.Carta
	return p
}

// estadoEnServidor is the CA's status of a certificate.
func estadoEnServidor(t *testing.T, srv *embebido.Servidor, serial string) *tramite.EstadoCertificado {
	t.Helper()
	st, err := clienteDe(t, srv).Estado(context.Background(), serial)
	if err != nil {
		t.Fatalf("estado de %s: %v", serial, err)
	}
	return st
}

// errores collects the errors the screens show, for tests that provoke
// them (nuevoEntorno fails the test on any error otherwise).
type errores struct {
	mu    sync.Mutex
	lista []error
}

func capturarErrores(e *Entorno) *errores {
	r := &errores{}
	e.AlError = func(err error) {
		r.mu.Lock()
		r.lista = append(r.lista, err)
		r.mu.Unlock()
	}
	return r
}

func (r *errores) codigos() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, err := range r.lista {
		out = append(out, msg.CodeOf(err))
	}
	return out
}

// esperarError waits until the screens show the error code and checks the
// user sees texto in the error dialog; then it closes the dialog.
func esperarError(t *testing.T, e *Entorno, r *errores, code, texto string) {
	t.Helper()
	if strings.TrimSpace(texto) == "" {
		t.Fatalf("esperarError(%s) sin texto: diga qué debe leer el usuario", code)
	}
	esperar(t, "el error "+code, func() bool {
		for _, c := range r.codigos() {
			if c == code {
				return true
			}
		}
		return false
	})
	if extra := r.codigos(); len(extra) != 1 {
		t.Errorf("errores mostrados: %v, quiero solo %s", extra, code)
	}
	// The screens record the error just before the dialog is shown.
	esperar(t, "el diálogo de error que dice "+texto, func() bool {
		_, ok := buscar(e.Ventana, func(l *widget.Label) bool { return contiene(l.Text, texto) })
		return ok
	})
	// The code goes on a quieter line of its own under the text.
	linea := msg.CodigoLinea(code, Idioma())
	if l, ok := buscar(e.Ventana, func(l *widget.Label) bool { return l.Text == linea }); !ok {
		t.Errorf("el diálogo de error no muestra %q aparte", linea)
	} else if l.Importance != widget.LowImportance {
		t.Errorf("la línea del código no es discreta (importancia %v)", l.Importance)
	}
	r.mu.Lock()
	r.lista = nil
	r.mu.Unlock()
	cerrarDialogos(e.Ventana)
}

// sinErrores fails if the screens showed any error.
func sinErrores(t *testing.T, r *errores) {
	t.Helper()
	if cs := r.codigos(); len(cs) > 0 {
		t.Fatalf("errores mostrados: %v", cs)
	}
}

// entradaDe is the entry a user types into next to the label etiqueta (a
// row of a form on the screen shown).
func entradaDe(t *testing.T, w fyne.Window, etiqueta string) *widget.Entry {
	t.Helper()
	for _, o := range enVentana(w) {
		c, ok := o.(*fyne.Container)
		if !ok || !c.Visible() {
			continue
		}
		for i := 0; i+1 < len(c.Objects); i++ {
			if l, ok := c.Objects[i].(*widget.Label); !ok || l.Text != etiqueta || !l.Visible() {
				continue
			}
			for _, x := range objetos(c.Objects[i+1]) {
				if en, ok := x.(*widget.Entry); ok && en.Visible() {
					return en
				}
			}
		}
	}
	t.Fatalf("no hay campo %q en la pantalla", etiqueta)
	return nil
}

// llenar types each value into the entry of its label, replacing what the
// entry had; the labels are typed in order.
func llenar(t *testing.T, w fyne.Window, valores ...string) {
	t.Helper()
	for i := 0; i+1 < len(valores); i += 2 {
		en := entradaDe(t, w, valores[i])
		en.SetText("")
		test.Type(en, valores[i+1])
	}
}

// mensajeDe is the message shown under the field of label etiqueta.
func mensajeDe(t *testing.T, w fyne.Window, etiqueta string) string {
	t.Helper()
	en := entradaDe(t, w, etiqueta)
	for _, o := range enVentana(w) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			continue
		}
		if m, ok := c.Objects[1].(*widget.Label); ok && contieneObjeto(c.Objects[0], en) {
			if !m.Visible() {
				return ""
			}
			return m.Text
		}
	}
	return ""
}

func contieneObjeto(raiz, x fyne.CanvasObject) bool {
	for _, o := range objetos(raiz) {
		if o == x {
			return true
		}
	}
	return false
}

// etiquetaCon reports whether a visible label contains s.
func etiquetaCon(w fyne.Window, s string) (*widget.Label, bool) {
	return buscar(w, func(l *widget.Label) bool { return contiene(l.Text, s) })
}

// esperarEtiqueta waits for a visible label containing s.
func esperarEtiqueta(t *testing.T, w fyne.Window, s string) *widget.Label {
	t.Helper()
	var l *widget.Label
	esperar(t, "el texto "+s, func() bool {
		var ok bool
		l, ok = etiquetaCon(w, s)
		return ok
	})
	return l
}

// abrirPFXConOpenSSL checks an external tool opens the .pfx with password.
func abrirPFXConOpenSSL(t *testing.T, pfx, password string) {
	t.Helper()
	openssl := herramienta(t, "openssl")
	if out, err := exec.Command(openssl, "pkcs12", "-in", pfx, "-passin", "pass:"+password, "-noout").CombinedOutput(); err != nil {
		t.Fatalf("openssl no abre %s: %v\n%s", pfx, err, out)
	}
}

// pdfsigValidas checks pdfsig finds n signatures in the file, all valid.
func pdfsigValidas(t *testing.T, pdf string, n int) {
	t.Helper()
	pdfsig := herramienta(t, "pdfsig")
	out, _ := exec.Command(pdfsig, pdf).CombinedOutput()
	if got := bytes.Count(out, []byte("Signature is Valid")); got != n || bytes.Contains(out, []byte("Digest Mismatch")) {
		t.Fatalf("pdfsig: %d firmas válidas en %s, quiero %d:\n%s", got, pdf, n, out)
	}
}

// texto is what the error dialog of code says, in Spanish.
// texto is the Spanish message of code with args, without its code line.
func texto(code string, args ...any) string { return msg.New(code, args...).Mensaje(msg.ES) }

// inicioDe is the Spanish message of code up to its first value, for a
// message whose values a test does not know (a server's host name).
func inicioDe(code string) string {
	m, _ := msg.Lookup(code)
	inicio, _, _ := strings.Cut(m.ES, "%")
	return inicio
}

// raizAjena is a self-signed root no refca of the tests issued from: what
// a user pins by mistake.
func raizAjena(t *testing.T) []byte {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Otra raiz"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// escribirArchivo writes a test file.
func escribirArchivo(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pfxDeLaLlaveGuardada checks the outcome of a resumed procedure: the .key
// at llave is byte for byte what it was (antes), OpenSSL opens the .pfx,
// and the .pfx carries that same key. It returns the .pfx's credential.
func pfxDeLaLlaveGuardada(t *testing.T, pfx, llave, pw string, antes []byte) *credencial.Credencial {
	t.Helper()
	if despues, _ := os.ReadFile(llave); !bytes.Equal(antes, despues) {
		t.Fatal("el .key cambió")
	}
	abrirPFXConOpenSSL(t, pfx, pw)
	cred, err := credencial.AbrirPFX(pfx, []byte(pw))
	if err != nil {
		t.Fatal(err)
	}
	k, err := credencial.AbrirLlave(llave, []byte(pw))
	if err != nil || !k.Equal(cred.Key) {
		t.Fatalf("el certificado del .pfx no es de la llave guardada (%v)", err)
	}
	return cred
}

// esperarConfirmacion waits for the typed confirmation's entry in a dialog
// over w.
func esperarConfirmacion(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	var x *widget.Entry
	esperar(t, "la confirmación escrita", func() bool {
		var ok bool
		x, ok = buscar(w, func(x *widget.Entry) bool {
			for _, o := range w.Canvas().Overlays().List() {
				if contieneObjeto(o, x) {
					return true
				}
			}
			return false
		})
		return ok
	})
	return x
}

// entradaConTexto is the visible entry (in the window or a dialog) whose
// text is s, or nil.
func entradaConTexto(t *testing.T, w fyne.Window, s string) *widget.Entry {
	t.Helper()
	x, ok := buscar(w, func(x *widget.Entry) bool { return x.Visible() && x.Text == s })
	if !ok {
		return nil
	}
	return x
}

// guardarEn answers the «Guardar como» dialog that suggests nombre: the
// folder dir, then Guardar.
func guardarEn(t *testing.T, w fyne.Window, nombre, dir string) {
	t.Helper()
	esperar(t, "el diálogo Guardar como con "+nombre, func() bool { return entradaConTexto(t, w, nombre) != nil })
	carpeta := entradaDe(t, w, "Carpeta")
	carpeta.SetText(dir)
	tocar(t, w, "Guardar")
}
