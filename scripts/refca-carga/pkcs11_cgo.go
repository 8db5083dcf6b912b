//go:build cgo

package main

import (
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/ThalesGroup/crypto11"
	"github.com/miekg/pkcs11"
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

// iniciarToken initializes a free token of module (SoftHSM's first free
// slot) with label, SO PIN and user PIN, for the benchmark's throw-away
// token: softhsm2-util takes PINs only as arguments or from a terminal.
func iniciarToken(modulo, etiqueta string, soPIN, pin []byte) error {
	p := pkcs11.New(modulo)
	if p == nil {
		return fmt.Errorf("PKCS#11: no se cargó %s", modulo)
	}
	if err := p.Initialize(); err != nil {
		return fmt.Errorf("PKCS#11: %w", err)
	}
	defer func() { p.Finalize(); p.Destroy() }()
	slots, err := p.GetSlotList(true)
	if err != nil {
		return fmt.Errorf("PKCS#11: %w", err)
	}
	for _, s := range slots {
		ti, err := p.GetTokenInfo(s)
		if err != nil || ti.Flags&pkcs11.CKF_TOKEN_INITIALIZED != 0 {
			continue
		}
		if err := p.InitToken(s, string(soPIN), etiqueta); err != nil {
			return fmt.Errorf("PKCS#11 InitToken: %w", err)
		}
		// SoftHSM moves the new token to another slot: find it by label.
		slots, err = p.GetSlotList(true)
		if err != nil {
			return fmt.Errorf("PKCS#11: %w", err)
		}
		for _, s := range slots {
			if ti, err := p.GetTokenInfo(s); err != nil || strings.TrimRight(ti.Label, " ") != etiqueta {
				continue
			}
			h, err := p.OpenSession(s, pkcs11.CKF_SERIAL_SESSION|pkcs11.CKF_RW_SESSION)
			if err != nil {
				return fmt.Errorf("PKCS#11: %w", err)
			}
			defer p.CloseSession(h)
			if err := p.Login(h, pkcs11.CKU_SO, string(soPIN)); err != nil {
				return fmt.Errorf("PKCS#11 login SO: %w", err)
			}
			if err := p.InitPIN(h, string(pin)); err != nil {
				return fmt.Errorf("PKCS#11 InitPIN: %w", err)
			}
			return p.Logout(h)
		}
		return errors.New("PKCS#11: el token iniciado no aparece")
	}
	return errors.New("PKCS#11: no hay un token libre")
}
