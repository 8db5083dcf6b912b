package main

import "crypto"

// firmador is the issuing key whose ceiling techo measures: an
// *rsa.PrivateKey, or a key in a PKCS#11 token.
type firmador = crypto.Signer

const cryptoSHA256 = crypto.SHA256

// opcionesPKCS11 locate the issuing key in a token.
type opcionesPKCS11 struct {
	modulo, token, pinFile, etiqueta string
}
