//go:build !cgo

package main

import (
	"crypto/x509"
	"errors"
)

// firmadorPKCS11 needs cgo (crypto11 loads the module with dlopen).
func firmadorPKCS11(opcionesPKCS11, *x509.Certificate) (firmador, func(), error) {
	return nil, nil, errors.New("refca-carga se compiló sin cgo: sin PKCS#11")
}

func iniciarToken(string, string, []byte, []byte) error {
	return errors.New("refca-carga se compiló sin cgo: sin PKCS#11")
}
