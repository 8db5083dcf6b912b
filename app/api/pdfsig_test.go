package api_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/internal/testtool"
)

// TestPdfsig_RaizEnNSS_CertificadoConfiable: a letter signed with an
// issued certificate verifies in pdfsig (NSS) with the root trusted in an
// NSS database: the profile is one NSS accepts for document signatures,
// and its http:// revocation URLs are ones NSS fetches.
func TestPdfsig_RaizEnNSS_CertificadoConfiable(t *testing.T) {
	pdfsig := testtool.Require(t, "pdfsig")
	certutil := testtool.Require(t, "certutil")
	m := nuevoMundo(t, opcionesEntorno{})
	ctx := context.Background()
	cred := patronConCertificado(t, m.e, m.c, m.v, 1)
	sol, err := m.c.Solicitar(ctx, solicitudEjemplo(t, 2), mustCSR(t))
	if err != nil {
		t.Fatal(err)
	}
	firmada, err := firmarCarta(sol.Carta, cred, "Acepto")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "carta.pdf")
	raiz := filepath.Join(dir, "raiz.pem")
	os.WriteFile(pdf, firmada, 0o600)
	os.WriteFile(raiz, m.e.raizPEM, 0o600)
	nss := "sql:" + filepath.Join(dir, "nss")
	os.Mkdir(filepath.Join(dir, "nss"), 0o700)
	for _, args := range [][]string{
		{"-N", "-d", nss, "--empty-password"},
		{"-A", "-d", nss, "-n", "raiz", "-t", "CT,C,C", "-a", "-i", raiz},
	} {
		if out, err := exec.Command(certutil, args...).CombinedOutput(); err != nil {
			t.Fatalf("certutil %v: %v\n%s", args, err, out)
		}
	}
	out, _ := exec.Command(pdfsig, "-nssdir", nss, pdf).CombinedOutput()
	if !strings.Contains(string(out), "Signature is Valid") || !strings.Contains(string(out), "Certificate is Trusted") {
		t.Fatalf("pdfsig:\n%s", out)
	}
}
