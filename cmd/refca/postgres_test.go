package main

import (
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/store/postgres/pgtest"
	secrypto "github.com/seguritools/seguritools/crypto"
)

// TestPostgres_InitServeAprobarReiniciar runs refca on PostgreSQL (the
// server of REFCA_TEST_POSTGRES): init --db leaves no SQLite file in
// --data, a clerk approves a request, the CRL is signed, a restarted
// serve finds everything, audit verify walks the chain in the database;
// a second init on the same database is refused with BASE_OCUPADA and
// serve on an empty database with BASE_FALTANTE.
func TestPostgres_InitServeAprobarReiniciar(t *testing.T) {
	pgtest.Requerir(t)
	if testing.Short() {
		t.Skip("builds and runs the refca binary")
	}
	db := pgtest.URL(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "refca")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "ca")
	pwRaiz := filepath.Join(dir, "pw-raiz")
	os.WriteFile(pwRaiz, []byte(contrasenaRaizPrueba+"\n"), 0o600)
	os.WriteFile(archivoContrasenaEmisor(data), []byte(contrasenaEmisorPrueba+"\n"), 0o600)
	initCon := func(data string) ([]byte, error) {
		return exec.Command(bin, "init", "--data", data, "--db", db, "--root-password-file", pwRaiz,
			"--password-file", archivoContrasenaEmisor(data)).CombinedOutput()
	}
	if out, err := initCon(data); err != nil {
		t.Fatalf("init --db: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(data, ca.ArchivoBase)); !os.IsNotExist(err) {
		t.Fatalf("init --db left an SQLite file: %v", err)
	}
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("ventanilla-secreta-1\n"), 0o600)
	if out, err := exec.Command(bin, "clerk", "add", "--data", data, "--db", db, "--user", "ana", "--nombre", "Ana María López Hernández", "--password-file", pw).CombinedOutput(); err != nil {
		t.Fatalf("clerk add: %v\n%s", err, out)
	}
	roots, _ := os.ReadFile(filepath.Join(data, "raiz.pem"))
	key, err := secrypto.GenerateKey(2048, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	proc, url := serve(t, bin, data, "--db", db)
	c, err := client.New(url, roots, client.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Solicitar(ctx, datosN(t, 1), csrDe(t, key))
	if err != nil {
		t.Fatal(err)
	}
	s, err = v.Aprobar(ctx, s.Folio, wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true})
	if err != nil || s.Serial == "" {
		t.Fatalf("aprobar: %v %+v", err, s)
	}
	der, err := c.CRL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	crl, err := x509.ParseRevocationList(der)
	if err != nil || crl.Number.Sign() <= 0 {
		t.Fatalf("CRL: %v %v", err, crl)
	}
	proc.Process.Kill()
	proc.Wait()

	_, url = serve(t, bin, data, "--db", db)
	if c, err = client.New(url, roots, client.Options{Timeout: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if v, err = c.Ventanilla(ctx, "ana", []byte("ventanilla-secreta-1")); err != nil {
		t.Fatal(err)
	}
	if x, err := v.Solicitud(ctx, s.Folio); err != nil || x.Estado != "aprobada" || x.Serial != s.Serial {
		t.Fatalf("after restart: %v %+v", err, x)
	}
	if _, err := c.Certificado(ctx, s.Serial); err != nil {
		t.Fatalf("certificate after restart: %v", err)
	}
	out, err := exec.Command(bin, "audit", "verify", "--data", data, "--db", db).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "bitácora íntegra") {
		t.Fatalf("audit verify: %v\n%s", err, out)
	}

	if out, err := initCon(filepath.Join(dir, "otra")); err == nil || !strings.Contains(string(out), msg.CodeBaseOcupada) {
		t.Fatalf("second init on the same database: %v\n%s", err, out)
	}
	vacia := pgtest.URL(t)
	out, err = exec.Command(bin, "serve", "--data", data, "--db", vacia, "--password-file", archivoContrasenaEmisor(data), "--addr", "127.0.0.1:0").CombinedOutput()
	if err == nil || !strings.Contains(string(out), msg.CodeBaseFaltante) {
		t.Fatalf("serve on an empty database: %v\n%s", err, out)
	}
}
