package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/patron"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// TestEmitir_CuentaLoQueLaCAEmitio runs the generator against a real
// refca on loopback (SQLite) and checks that what it reports as issued is
// what the CA stored: first a plain run over two levels, then a run over
// a list of folios of which some cannot be approved (already approved by
// someone else, or unknown), which it must count as failures. No timing
// is asserted.
func TestEmitir_CuentaLoQueLaCAEmitio(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the refca binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "refca")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/refca").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "ca")
	pw := func(name, s string) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(s+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	pwRaiz, pwEmisor, pwClerk := pw("pw-raiz", "raiz-de-prueba-larga"), pw("pw-emisor", "emisora-de-prueba-larga"), pw("pw-clerk", "ventanilla-secreta-1")
	for _, args := range [][]string{
		{"init", "--data", data, "--root-password-file", pwRaiz, "--password-file", pwEmisor},
		{"clerk", "add", "--data", data, "--user", "ana", "--nombre", "Ana María López Hernández", "--password-file", pwClerk},
	} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("refca %s: %v\n%s", args[0], err, out)
		}
	}
	cmd := exec.Command(bin, "serve", "--data", data, "--password-file", pwEmisor, "--addr", "127.0.0.1:0",
		"--solicitudes-por-hora", "0", "--max-pendientes", "100000", "--tsa=false")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("refca serve: %v", err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "refca: ")
	if !ok {
		t.Fatalf("unexpected first line %q", line)
	}

	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, ca.ArchivoBase)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	emitidos := func() int {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM certificado`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	correr := func(args ...string) []Resultado {
		t.Helper()
		var out, errb bytes.Buffer
		if err := run(append([]string{"emitir", "--url", url, "--data", data, "--usuario", "ana", "--password-file", pwClerk, "--duracion", "60s"}, args...), &out, &errb); err != nil {
			t.Fatalf("refca-carga: %v\n%s", err, errb.String())
		}
		t.Logf("%s%s", out.String(), errb.String())
		rs, err := leerInforme(&out)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}

	antes := emitidos()
	rs := correr("--c", "1,3", "--n", "3,5")
	if len(rs) != 2 || rs[0].C != 1 || rs[1].C != 3 {
		t.Fatalf("levels: %+v", rs)
	}
	if rs[0].OK+rs[1].OK != emitidos()-antes || rs[0].OK != 3 || rs[1].OK != 5 || rs[0].Fallos+rs[1].Fallos != 0 {
		t.Fatalf("reported %+v, the CA stored %d certificates", rs, emitidos()-antes)
	}

	// Six requests, two approved beforehand by another clerk session, and
	// one folio that does not exist: four issuances and three failures.
	ctx := context.Background()
	raiz, _ := os.ReadFile(filepath.Join(data, ca.ArchivoRaiz))
	c, err := client.New(url, raiz, client.Options{Timeout: 30 * time.Second, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := secrypto.CreateRequest(k, secrypto.RequestSubject{RFC: "PENJ750314AB1", Nombre: "JOSÉ PEÑA NÚÑEZ"})
	if err != nil {
		t.Fatal(err)
	}
	var d patron.Solicitud
	if err := json.Unmarshal([]byte(datosEjemplo), &d); err != nil {
		t.Fatal(err)
	}
	var folios []string
	for i := range 6 {
		d.Representante.Usuario = "prueba_" + string(rune('a'+i))
		s, err := c.Solicitar(ctx, d, csr)
		if err != nil {
			t.Fatal(err)
		}
		folios = append(folios, s.Folio)
		if i < 2 {
			if _, err := v.Aprobar(ctx, s.Folio, wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
	folios = append(folios, "no-existe-este-folio")
	lista := filepath.Join(dir, "folios")
	if err := os.WriteFile(lista, []byte(strings.Join(folios, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	antes = emitidos()
	rs = correr("--c", "2", "--folios", lista)
	if len(rs) != 1 || rs[0].OK != emitidos()-antes || rs[0].OK != 4 || rs[0].Fallos != 3 {
		t.Fatalf("reported %+v, the CA stored %d certificates (want 4 issued, 3 failed)", rs, emitidos()-antes)
	}
}
