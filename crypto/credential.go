// Package crypto makes, protects, reads and converts an employer's
// credentials (.key, .req, .cer, .pfx) and signs and verifies PDF letters.
//
// Everything here is pure Go and builds with CGO_ENABLED=0. Errors a caller
// must branch on are sentinel errors (ErrWrongPassword, ErrNotAKey, ...);
// user-facing texts live in app/msg.
package crypto

import (
	"crypto/rsa"
	"crypto/x509"
)

// Credential is an opened private key with its certificate and the
// certificate's chain (issuers, nearest first; the root may be included).
type Credential struct {
	Key         *rsa.PrivateKey
	Certificate *x509.Certificate
	Chain       []*x509.Certificate
}
