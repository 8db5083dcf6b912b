package ca

import (
	"context"
	"crypto/rsa"
	"strings"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/store"
)

// Adicional issues a Certificado Digital Adicional for a person the holder
// of the authenticated main certificate designates. It is linked to the
// NPIE and the main certificate, expires no later than it and is revoked
// with it. The person's usuario must differ from the holder's.
func (a *Authority) Adicional(ctx context.Context, main *store.Certificado, persona patron.Adicional, csr []byte, o Origen) (*store.Certificado, error) {
	if ref, err := a.repetida(ctx, o, opAdicional); err != nil || ref != "" {
		if err != nil {
			return nil, err
		}
		return a.certificado(ctx, ref)
	}
	if ps := persona.Validar(); ps.HayErrores() {
		return nil, problemas(ps)
	}
	p := persona.Normalizada()
	_, pub, err := leerCSR(csr)
	if err != nil {
		return nil, err
	}
	s, d, err := a.datosNPIE(ctx, main.NPIE)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(p.Usuario, s.Usuario) {
		return nil, problemas(patron.Problemas{{Campo: "usuario", Codigo: msg.CodeSolicitudDuplicada}})
	}
	if mainKey, err := publicKeyOf(main); err == nil && mainKey.Equal(pub) {
		return nil, msg.New(msg.CodeLlaveNoCorresponde)
	}
	now := a.now()
	hasta := now.Add(a.cfg.Validez)
	if main.NoDespues.Before(hasta) {
		hasta = main.NoDespues
	}
	x, err := a.emitir(sujetoAdicional(d, p), pub, hasta)
	if err != nil {
		return nil, interno(err, "issue")
	}
	c := &store.Certificado{Serial: serialHex(x.SerialNumber), NPIE: main.NPIE, Tipo: store.TipoAdicional,
		Principal: main.Serial, DER: x.Raw, NoAntes: x.NotBefore, NoDespues: x.NotAfter, Emitido: now}
	err = a.db.Update(ctx, a.evento(o, "adicional.emitir", c.Serial, "principal="+main.Serial+" usuario="+p.Usuario), func(tx store.Tx) error {
		m, err := tx.Certificado(ctx, main.Serial)
		if err != nil {
			return err
		}
		if !m.Revocado.IsZero() {
			return msg.New(msg.CodeCertRevocado, m.Serial)
		}
		if err := tx.PutCertificado(ctx, c); err != nil {
			return err
		}
		return a.recordar(ctx, tx, o, opAdicional, c.Serial)
	})
	if err != nil {
		if ref := a.repetidaTras(ctx, o, opAdicional); ref != "" {
			return a.certificado(ctx, ref)
		}
		return nil, interno(err, "store additional")
	}
	return c, nil
}

func publicKeyOf(c *store.Certificado) (*rsa.PublicKey, error) {
	x, err := parseStored(c)
	if err != nil {
		return nil, err
	}
	k, _ := x.PublicKey.(*rsa.PublicKey)
	return k, nil
}
