//go:build ci

package ui

import (
	"bytes"
	"context"
	"github.com/seguritools/seguritools/app/tramite"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/embebido"
	"github.com/seguritools/seguritools/app/progreso"
)

// Environment of the child process of TestSolicitud_MatarTrasLaLlave.
const (
	envHijoDir      = "SEGURITOOLS_PRUEBA_HIJO_DIR"
	envHijoServidor = "SEGURITOOLS_PRUEBA_HIJO_SERVIDOR"
	envHijoUsuario  = "SEGURITOOLS_PRUEBA_HIJO_USUARIO"
)

// TestHijoSolicitud is the app process that gets killed: it makes the key
// through the screens and then hangs on a server that never answers.
func TestHijoSolicitud(t *testing.T) {
	dir := os.Getenv(envHijoDir)
	if dir == "" {
		t.Skip("solo como proceso hijo")
	}
	e := nuevoEntorno(t, dir, nil)
	e.AlError = nil
	e.Servidor = Servidor{URL: "https://" + os.Getenv(envHijoServidor), RaizPEM: refcaRaiz(t)}
	s := capturaSolicitud(t, e)
	usuario := os.Getenv(envHijoUsuario)
	llenarCaptura(t, s.form, datosValidos(usuario, filepath.Join(dir, usuario+".key")))
	tocar(t, e.Ventana, "Siguiente")
	tocar(t, e.Ventana, "Aceptar")
	generarConRaton(t, e, rand.New(rand.NewSource(3)))
	time.Sleep(time.Minute) // killed here, while "sending"
}

func refcaRaiz(t *testing.T) []byte {
	b, err := os.ReadFile(os.Getenv(envHijoDir) + "/raiz.pem")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Killing the app after the key is written and starting it again offers
// to continue the same Solicitud with the same key.
func TestSolicitud_MatarTrasLaLlave_ContinuaConLaMismaLlave(t *testing.T) {
	srv := refca(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "raiz.pem"), srv.RaizPEM, 0o644)
	// A server that accepts and never answers keeps the child between
	// "key written" and "request sent".
	mudo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer mudo.Close()
	go func() {
		for {
			c, err := mudo.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	// The child cannot count the usuarios of this binary: it is told one.
	usuario := usuarioUnico("lperez")
	hijo := exec.Command(os.Args[0], "-test.run", "^TestHijoSolicitud$", "-test.count=1")
	hijo.Env = append(os.Environ(), envHijoDir+"="+dir, envHijoServidor+"="+mudo.Addr().String(), envHijoUsuario+"="+usuario)
	var salida bytes.Buffer
	hijo.Stdout, hijo.Stderr = &salida, &salida
	if err := hijo.Start(); err != nil {
		t.Fatal(err)
	}
	// ProcessState is set only by Wait, so the child's end is watched here.
	termino := make(chan struct{})
	go func() {
		hijo.Wait()
		close(termino)
	}()
	alm, _ := progreso.Abrir(dir)
	var t0 *progreso.Tramite
	esperar(t, "la llave escrita por el proceso hijo", func() bool {
		for _, x := range alm.Pendientes() {
			if x.Paso == progreso.PasoLlaveEscrita {
				t0 = x
				return true
			}
		}
		select {
		case <-termino:
			t.Fatalf("el hijo terminó antes de escribir la llave:\n%s", salida.String())
		default:
		}
		return false
	})
	hijo.Process.Kill()
	<-termino
	llave := filepath.Join(dir, usuario+".key")
	antes, err := os.ReadFile(llave)
	if err != nil {
		t.Fatal(err)
	}

	// Start again: Home offers to continue, at the step after the key.
	e := nuevoEntorno(t, dir, srv)
	if _, ok := buscar(e.Ventana, func(l *widget.Label) bool { return strings.Contains(l.Text, "Su llave privada ya está guardada") }); !ok {
		t.Fatal("el inicio no ofrece continuar la solicitud")
	}
	tocar(t, e.Ventana, "Continuar")
	s := e.estado.(*solicitud)
	if s.a.Actual() != 2 || s.t.ID != t0.ID || s.t.Llave != llave {
		t.Fatalf("reanudó en el paso %d, trámite %s, llave %s", s.a.Actual(), s.t.ID, s.t.Llave)
	}
	if s.a.Siguiente.Text != "Enviar solicitud" {
		t.Fatalf("el botón dice %q", s.a.Siguiente.Text)
	}
	pw, _ := buscar(e.Ventana, func(x *widget.Entry) bool { return x.Password && x.Visible() })
	test.Type(pw, "Secreta2026")
	tocar(t, e.Ventana, "Enviar solicitud")
	esperar(t, "Paso 4", func() bool { return s.a.Actual() == 3 })
	if _, ok := buscar(e.Ventana, func(*Entropia) bool { return true }); ok {
		t.Fatal("se pidió mover el ratón otra vez: se estaría haciendo otra llave")
	}
	despues, _ := os.ReadFile(llave)
	if !bytes.Equal(antes, despues) {
		t.Fatal("el .key cambió")
	}
	// The CA has the request for that same key: once approved, the key
	// on disk obtains its certificate.
	c, _ := tramite.Conectar(srv.URL, srv.RaizPEM)
	v, err := tramite.AbrirVentanilla(context.Background(), c, embebido.ClerkDemo, []byte(embebido.ClerkDemoContrasena))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Aprobar(context.Background(), s.t.Folio, tramite.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}); err != nil {
		t.Fatal(err)
	}
	k, err := credencial.AbrirLlave(llave, []byte("Secreta2026"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Obtener(context.Background(), s.t.NPIE, k); err != nil {
		t.Fatalf("el certificado no es de la llave guardada: %v", err)
	}
}
