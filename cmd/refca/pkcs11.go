package main

import (
	"crypto"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/hsm"
	"github.com/seguritools/seguritools/app/msg"
)

// opcionesToken are the flags of the PKCS#11 token that holds the issuing
// CA's key (init generates it there; serve signs with it).
type opcionesToken struct {
	modulo, token, pinFile *string
}

func flagsToken(fs *flag.FlagSet) opcionesToken {
	return opcionesToken{
		modulo:  fs.String("pkcs11-module", "", "módulo PKCS#11 (.so) del token que guarda la llave de la CA emisora, p. ej. /usr/lib/softhsm/libsofthsm2.so (solo en el refca compilado con CGO_ENABLED=1)"),
		token:   fs.String("pkcs11-token", "", "etiqueta del token PKCS#11 de la llave de la CA emisora"),
		pinFile: fs.String("pkcs11-pin-file", "", "archivo con el PIN de usuario del token (- para la entrada estándar; sin él, se pide en la terminal)"),
	}
}

// usado reports whether any of the token's flags was given.
func (o opcionesToken) usado() bool {
	return *o.modulo != "" || *o.token != "" || *o.pinFile != ""
}

// abrir opens the token and logs in with the PIN read from --pkcs11-pin-file
// or the terminal; the PIN is cleared once the token has it.
func (o opcionesToken) abrir(stdin io.Reader, stderr io.Writer) (*hsm.Token, error) {
	if !hsm.Disponible {
		return nil, msg.New(msg.CodeHSMSinSoporte)
	}
	if *o.modulo == "" || *o.token == "" {
		return nil, msg.New(msg.CodeHSMOpciones)
	}
	pin, err := leerContrasenaCon(*o.pinFile, fmt.Sprintf("PIN del token %q", *o.token), false, stdin, stderr)
	if err != nil {
		return nil, err
	}
	tok, err := hsm.Abrir(*o.modulo, *o.token, pin)
	clear(pin)
	return tok, err
}

// iniciarEnToken is init with the issuing CA's key generated in the token:
// RSA of ca.CABits, sensitive and never extractable as the token itself
// reports it, labelled "refca CA emisora" and the time, with a random
// CKA_ID; the data directory records both. When init fails the key is
// deleted from the token again.
func iniciarEnToken(data, dbURL string, o ca.OpcionesInit, t opcionesToken, stdin io.Reader, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(data, ca.ArchivoRaiz)); err == nil {
		return fmt.Errorf("refca: %s already holds a CA", data)
	}
	tok, err := t.abrir(stdin, stderr)
	if err != nil {
		return err
	}
	defer tok.Cerrar()
	etiqueta := "refca CA emisora " + time.Now().UTC().Format("2006-01-02T15:04:05Z")
	fmt.Fprintf(stderr, "refca: generando la llave de la CA emisora (RSA-%d) en el token %q…\n", ca.CABits, *t.token)
	k, id, err := tok.GenerarRSA(ca.CABits, etiqueta)
	if err != nil {
		return err
	}
	m, err := func() (*ca.Material, error) {
		p, err := tok.Proteccion(k)
		if err != nil {
			return nil, err
		}
		if !p.Segura() {
			return nil, msg.New(msg.CodeHSMExtraible, *t.token)
		}
		o.LlaveEmisor = k
		o.EnToken = &ca.LlaveToken{Token: *t.token, Etiqueta: etiqueta, ID: hex.EncodeToString(id)}
		fmt.Fprintln(stderr, "refca: generando la raíz (RSA-3072)…")
		if err := inicializar(data, dbURL, o); err != nil {
			return nil, err
		}
		return ca.CargarConLlave(data, k)
	}()
	if err != nil {
		if errBorrar := tok.Borrar(k); errBorrar != nil {
			fmt.Fprintf(stderr, "refca: no se pudo borrar del token la llave %q: %v\n", etiqueta, errBorrar)
		}
		return err
	}
	if _, err := ca.CargarTSA(data, m, nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "refca: llave de la CA emisora en el token %q (etiqueta %q, CKA_ID %s), no extraíble\n", *t.token, etiqueta, hex.EncodeToString(id))
	fmt.Fprintf(stdout, "refca: CA creada en %s; raíz para los clientes: %s\n", data, filepath.Join(data, ca.ArchivoRaiz))
	return nil
}

// cargarDeToken is serve's ca.Cargar for a data directory whose issuing
// CA's key is in a token (lt): it opens the token, finds the key by its
// CKA_ID and label and checks it is the issuing CA's. The token stays
// open, for every signature, until the caller closes it.
func cargarDeToken(data string, lt *ca.LlaveToken, t opcionesToken, stdin io.Reader, stderr io.Writer) (*ca.Material, *hsm.Token, error) {
	if !t.usado() {
		return nil, nil, msg.New(msg.CodeHSMRequerido, data, lt.Token)
	}
	tok, err := t.abrir(stdin, stderr)
	if err != nil {
		return nil, nil, err
	}
	id, err := hex.DecodeString(lt.ID)
	if err != nil {
		tok.Cerrar()
		return nil, nil, fmt.Errorf("refca: %s: pkcs11.id: %w", ca.ArchivoAjustes, err)
	}
	var k crypto.Signer
	if k, err = tok.Buscar(id, lt.Etiqueta); err != nil {
		tok.Cerrar()
		return nil, nil, err
	}
	m, err := ca.CargarConLlave(data, k)
	if err != nil {
		tok.Cerrar()
		return nil, nil, err
	}
	return m, tok, nil
}
