//go:build ci

package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
)

// A request the clerk rejected does not keep saying "acuda a la
// subdelegación": Paso 4 asks the CA (proving the request's key) and
// shows the clerk's reason, offers a new request with the same data
// instead of Obtener, and Home shows the rejection too.
func TestSolicitudRechazada_MuestraElMotivoDelFuncionario(t *testing.T) {
	srv := refca(t)
	archivos := t.TempDir()
	e := nuevoEntorno(t, t.TempDir(), srv)
	errs := capturarErrores(e)
	w := e.Ventana
	usuario := usuarioUnico("rechazo")
	v := datosValidos(usuario, "")
	s := tramite.NuevaSolicitud(e.Progreso, clienteDe(t, srv))
	if err := s.Capturar(leerSolicitud(func(k string) string { return v[k] }), filepath.Join(archivos, usuario+".key")); err != nil {
		t.Fatal(err)
	}
	if err := s.GenerarLlave([]byte(contrasenaPrueba), credencial.Opciones{Bits: opcionesPrueba.Bits, Iteraciones: opcionesPrueba.Iteraciones}); err != nil {
		t.Fatal(err)
	}
	if err := s.Enviar(context.Background()); err != nil {
		t.Fatal(err)
	}
	const motivo = "La Tarjeta de Identificación Patronal no corresponde al registro patronal"
	if _, err := ventanillaDemo(t, srv).Rechazar(context.Background(), s.T.Folio, motivo); err != nil {
		t.Fatal(err)
	}
	e.Ir(Inicio)
	esperarEtiqueta(t, w, texto(msg.CodeSolicitudPendiente, s.T.NPIE, s.T.FechaLimite))
	tocar(t, w, "Continuar")
	sol := e.estado.(*solicitud)
	if sol.a.Actual() != 3 {
		t.Fatalf("se reanudó en el paso %d", sol.a.Actual())
	}
	llenar(t, w, "Contraseña de su llave privada", contrasenaPrueba)
	tocar(t, w, "Consultar estado")
	rechazo := texto(msg.CodeSolicitudRechazada, s.T.NPIE, motivo)
	esperarEtiqueta(t, w, rechazo)
	sinErrores(t, errs)
	if _, ok := buscar(w, func(b *widget.Button) bool { return b.Text == "Obtener Certificado Digital" }); ok {
		t.Error("una solicitud rechazada ofrece Obtener")
	}
	boton(t, w, "Hacer una solicitud nueva con estos datos")
	// The last step has nothing to cancel: its way out is the menu.
	if _, ok := buscar(w, func(b *widget.Button) bool { return b.Text == "Cancelar" }); ok {
		t.Error("el último paso ofrece Cancelar")
	}
	boton(t, w, "Ir al menú")
	if _, ok := etiquetaCon(w, "Acuda a más tardar"); ok {
		t.Error("una solicitud rechazada sigue pidiendo acudir a la subdelegación")
	}
	e.Ir(Inicio)
	esperarEtiqueta(t, w, rechazo)
}
