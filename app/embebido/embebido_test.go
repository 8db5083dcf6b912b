package embebido

import (
	"context"
	"testing"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/crypto"
)

// The embedded refca starts on a fresh directory, serves the pinned root
// and accepts the demo clerk, and starts again on the same directory.
func TestIniciar_ClerkDemoYReinicio(t *testing.T) {
	rk, _ := crypto.GenerateKey(2048, nil)
	ek, _ := crypto.GenerateKey(2048, nil)
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		s, err := Iniciar(dir, Opciones{Addr: "127.0.0.1:0", Init: ca.OpcionesInit{LlaveRaiz: rk, LlaveEmisor: ek}})
		if err != nil {
			t.Fatal(err)
		}
		c, err := client.New(s.URL, s.RaizPEM, client.Options{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := c.Ventanilla(context.Background(), ClerkDemo, []byte(ClerkDemoContrasena))
		if err != nil {
			t.Fatalf("clerk demo: %v", err)
		}
		if _, err := v.Buscar(context.Background(), client.Filtro{Estado: "pendiente"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Cerrar(); err != nil {
			t.Fatal(err)
		}
	}
}
