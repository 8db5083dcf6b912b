//go:build cgo

package main

import (
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"runtime"

	"github.com/ThalesGroup/crypto11"
)

// firmadorPKCS11 opens the token and finds the issuing CA's key: by
// label when one is given, else the private key whose public half is the
// one in the issuing CA's certificate.
func firmadorPKCS11(p opcionesPKCS11, emisor *x509.Certificate) (firmador, func(), error) {
	if p.token == "" || p.pinFile == "" {
		return nil, nil, errors.New("--pkcs11-module necesita --pkcs11-token y --pkcs11-pin-file")
	}
	pin, err := leerLinea(p.pinFile)
	if err != nil {
		return nil, nil, err
	}
	ctx, err := crypto11.Configure(&crypto11.Config{Path: p.modulo, TokenLabel: p.token, Pin: string(pin),
		MaxSessions: 2 * runtime.GOMAXPROCS(0)})
	if err != nil {
		return nil, nil, fmt.Errorf("PKCS#11: %w", err)
	}
	cerrar := func() { ctx.Close() }
	var candidatas []crypto11.Signer
	if p.etiqueta != "" {
		k, err := ctx.FindKeyPair(nil, []byte(p.etiqueta))
		if err != nil {
			cerrar()
			return nil, nil, fmt.Errorf("PKCS#11: %w", err)
		}
		if k != nil {
			candidatas = append(candidatas, k)
		}
	} else if candidatas, err = ctx.FindAllKeyPairs(); err != nil {
		cerrar()
		return nil, nil, fmt.Errorf("PKCS#11: %w", err)
	}
	for _, k := range candidatas {
		if pub, ok := k.Public().(*rsa.PublicKey); ok && pub.Equal(emisor.PublicKey) {
			return k, cerrar, nil
		}
	}
	cerrar()
	return nil, nil, errors.New("PKCS#11: el token no tiene la llave de la CA emisora")
}
