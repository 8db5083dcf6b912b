package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

func npiectlEn(t *testing.T, lang msg.Lang, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, lang: lang}
	code := run(e, args)
	return code, out.String(), errb.String()
}

// TestRequestStatus_PendienteRechazadaYOtraLlave: `npiectl request status`
// follows a request with its .key: pending with the deadline, then the
// clerk's reason after a rejection, in Spanish or English; another key
// learns nothing.
func TestRequestStatus_PendienteRechazadaYOtraLlave(t *testing.T) {
	url, roots := refcaDePrueba(t)
	d := t.TempDir()
	srv := []string{"--server", url, "--roots", roots, "--kdf-iterations=1000"}
	with := func(args ...string) []string { return append(args, srv...) }
	pw := writeFile(t, filepath.Join(d, "pw"), "PrimeraClave1\n")
	clerk := writeFile(t, filepath.Join(d, "clerk"), "ventanilla-secreta-1\n")
	key := filepath.Join(d, "patron.key")
	r := jsonOK(t, with("request", "--data", "../../examples/solicitud.json", "--key-out", key, "--password-file", pw)...)
	folio, npie := r["folio"].(string), r["npie"].(string)

	s := jsonOK(t, with("request", "status", "--folio", folio, "--key", key, "--password-file", pw)...)
	aviso, _ := s["aviso"].(map[string]any)
	if s["estado"] != "pendiente" || s["fecha_limite"] != r["fecha_limite"] || s["npie"] != npie || aviso["code"] != msg.CodeSolicitudPendiente {
		t.Fatalf("pendiente: %v", s)
	}

	const motivo = "Falta la Tarjeta de Identificación Patronal."
	jsonOK(t, with("clerk", "reject", "--folio", folio, "--reason", motivo, "--user", "ana", "--password-file", clerk)...)
	s = jsonOK(t, with("request", "status", "--npie", npie, "--key", key, "--password-file", pw)...)
	if s["estado"] != "rechazada" || s["motivo"] != motivo {
		t.Fatalf("rechazada: %v", s)
	}
	code, out, errs := npiectlEn(t, msg.ES, with("request", "status", "--folio", folio, "--key", key, "--password-file", pw)...)
	if code != 0 || !strings.Contains(out, "Motivo del rechazo: "+motivo) || !strings.Contains(out, "rechazó") {
		t.Fatalf("texto en español: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = npiectlEn(t, msg.EN, with("request", "status", "--folio", folio, "--key", key, "--password-file", pw)...)
	if code != 0 || !strings.Contains(out, "Reason for rejection: "+motivo) || !strings.Contains(out, "rejected the request") {
		t.Fatalf("English text: exit %d\n%s%s", code, out, errs)
	}
	// Obtaining the certificate of a rejected request gives the reason.
	code, out, _ = npiectl(t, with("obtain", "--npie", npie, "--key", key, "--out", filepath.Join(d, "p.pfx"), "--password-file", pw, "--json")...)
	var fail struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	json.Unmarshal([]byte(out), &fail)
	if code != 1 || fail.Error.Code != msg.CodeSolicitudRechazada || !strings.Contains(fail.Error.Message, motivo) {
		t.Fatalf("obtain rechazada: exit %d %s", code, out)
	}

	otra := filepath.Join(d, "otra.key")
	jsonOK(t, "keygen", "--out", otra, "--user", "otro_usuario", "--password-file", pw)
	code, out, _ = npiectl(t, with("request", "status", "--folio", folio, "--key", otra, "--password-file", pw, "--json")...)
	json.Unmarshal([]byte(out), &fail)
	if code != 1 || fail.Error.Code != msg.CodeLlaveSolicitud || strings.Contains(out, motivo) {
		t.Fatalf("otra llave: exit %d %s", code, out)
	}
	if code, _, _ := npiectl(t, with("request", "status", "--key", key, "--password-file", pw)...); code != 2 {
		t.Fatalf("sin --folio ni --npie: exit %d", code)
	}
}
