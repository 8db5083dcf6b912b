package ca

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/carta"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/store"
)

// IniciarRenovacion starts the online renewal of the authenticated main
// certificate old (which may have expired): it checks the new key's
// PKCS#10 and the changed email/phone/fax (nuevos; nil keeps them),
// renders the Carta de Aceptación de Renovación (previous and new public
// key) and stores it.
// An unfinished renewal of the same certificate is cancelled: starting
// again is how a user recovers from an error 71.
func (a *Authority) IniciarRenovacion(ctx context.Context, old *store.Certificado, csr []byte, nuevos *patron.Cambios, o Origen) (*store.Renovacion, error) {
	if ref, err := a.repetida(ctx, o, opRenovacion); err != nil || ref != "" {
		if err != nil {
			return nil, err
		}
		return a.Renovacion(ctx, ref)
	}
	_, pub, err := leerCSR(csr)
	if err != nil {
		return nil, err
	}
	oldX, err := x509.ParseCertificate(old.DER)
	if err != nil {
		return nil, interno(err, "stored certificate")
	}
	if bytes.Equal(spki(pub), oldX.RawSubjectPublicKeyInfo) {
		return nil, msg.New(msg.CodeLlaveNoCorresponde)
	}
	s, d, err := a.datosNPIE(ctx, old.NPIE)
	if err != nil {
		return nil, err
	}
	cambios := d.Cambios()
	if nuevos != nil {
		if ps := nuevos.Validar(); ps.HayErrores() {
			return nil, problemas(ps)
		}
		cambios = nuevos.Normalizada()
	}
	d = d.ConCambios(cambios)
	now := a.now()
	r := &store.Renovacion{ID: nuevoID(), NPIE: old.NPIE, SerialAnterior: old.Serial, Estado: RenovacionIniciada,
		CSR: csr, Creada: now, Actualizada: now}
	r.Cambios, _ = json.Marshal(cambios)
	if r.CartaAceptacion, err = a.cartas.AceptacionRenovacion(a.paraCarta(DatosCarta{Folio: r.ID, NPIE: s.NPIE,
		Usuario: s.Usuario, Datos: d, Llave: spki(pub), LlaveAnterior: oldX.RawSubjectPublicKeyInfo,
		Serial: old.Serial, Fecha: now})); err != nil {
		return nil, interno(err, "render Carta de Aceptación")
	}
	err = a.db.Update(ctx, a.evento(o, "renovacion.iniciar", r.ID, "serial_anterior="+old.Serial), func(tx store.Tx) error {
		abiertas, err := tx.RenovacionesAbiertas(ctx, old.Serial)
		if err != nil {
			return err
		}
		for i := range abiertas {
			x := &abiertas[i]
			if !puede("renovacion", x.Estado, RenovacionCancelada) {
				continue
			}
			x.Estado, x.Actualizada = RenovacionCancelada, now
			if err := tx.PutRenovacion(ctx, x); err != nil {
				return err
			}
			if err := tx.Auditar(ctx, a.evento(o, "renovacion.cancelar", x.ID, "reemplazada por "+r.ID)); err != nil {
				return err
			}
		}
		if err := tx.PutRenovacion(ctx, r); err != nil {
			return err
		}
		return a.recordar(ctx, tx, o, opRenovacion, r.ID)
	})
	if err != nil {
		if ref := a.repetidaTras(ctx, o, opRenovacion); ref != "" {
			return a.Renovacion(ctx, ref)
		}
		return nil, interno(err, "store renewal")
	}
	return r, nil
}

// Renovacion returns a renewal by id.
func (a *Authority) Renovacion(ctx context.Context, id string) (*store.Renovacion, error) {
	r, err := a.db.Renovacion(ctx, strings.ToLower(id))
	if errors.Is(err, store.ErrNotFound) {
		return nil, msg.New(msg.CodeRenovacionNoEncontrada, id)
	}
	return r, interno(err, "read renewal")
}

// FirmarAceptacion takes the Carta de Aceptación de Renovación signed with
// the old certificate: the file must be the letter served plus a signature
// by that certificate over the whole file. This authorises the renewal;
// the signature is the old key's proof of possession, so the call needs no
// other authentication.
func (a *Authority) FirmarAceptacion(ctx context.Context, id string, firmada []byte, o Origen) (*store.Renovacion, error) {
	r, err := a.Renovacion(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Estado != RenovacionIniciada {
		if r.Estado == RenovacionCartaFirmada && bytes.Equal(r.CartaAceptacionFirmada, firmada) {
			return r, nil // a retry of the same step
		}
		return nil, msg.New(msg.CodeRenovacionPaso, r.Estado)
	}
	old, err := a.certificado(ctx, r.SerialAnterior)
	if err != nil {
		return nil, err
	}
	if !old.Revocado.IsZero() {
		return nil, msg.New(msg.CodeCertRevocado, old.Serial)
	}
	if err := a.verificarCarta(r.CartaAceptacion, firmada, old); err != nil {
		return nil, a.cartaRechazada(ctx, r.ID, err, o)
	}
	cadena := carta.CadenaIdentificacion(firmada)
	err = a.db.Update(ctx, a.evento(o, "renovacion.carta_aceptacion", r.ID, "cadena="+cadena), func(tx store.Tx) error {
		cur, err := tx.Renovacion(ctx, r.ID)
		if err != nil {
			return err
		}
		if !puede("renovacion", cur.Estado, RenovacionCartaFirmada) {
			return msg.New(msg.CodeRenovacionPaso, cur.Estado)
		}
		cur.Estado, cur.CartaAceptacionFirmada, cur.Actualizada = RenovacionCartaFirmada, firmada, a.now()
		cur.HashCarta = hashCarta(firmada)
		r = cur
		return tx.PutRenovacion(ctx, cur)
	})
	if err != nil {
		return nil, interno(err, "sign acceptance")
	}
	return r, nil
}

// EmitirRenovacion issues the new certificate of an authorised renewal.
// The PKCS#10 must carry the "Llave Pública Nueva" of the acceptance
// letter (and its signature proves the caller holds that key). In one
// transaction: the new certificate (carta_pendiente), the old one and its
// additionals revoked as superseded, the NPIE pointing at the new serial
// with the changed contact data, and the renewal's Carta de Términos,
// which carries the Cadena de Identificación of the signed acceptance.
func (a *Authority) EmitirRenovacion(ctx context.Context, id string, csrDER []byte, o Origen) (*store.Renovacion, *store.Certificado, error) {
	r, err := a.Renovacion(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	_, pub, err := leerCSR(csrDER)
	if err != nil {
		return nil, nil, err
	}
	_, letterPub, err := leerCSR(r.CSR)
	if err != nil {
		return nil, nil, interno(err, "stored request")
	}
	if !pub.Equal(letterPub) {
		return nil, nil, msg.New(msg.CodeLlaveNoCorresponde)
	}
	if r.Estado == RenovacionCertificadoEmitido || r.Estado == RenovacionCompletada {
		c, err := a.certificado(ctx, r.SerialNuevo)
		return r, c, err // a retry of the same step
	}
	if r.Estado != RenovacionCartaFirmada {
		return nil, nil, msg.New(msg.CodeRenovacionPaso, r.Estado)
	}
	old, err := a.certificado(ctx, r.SerialAnterior)
	if err != nil {
		return nil, nil, err
	}
	if !old.Revocado.IsZero() {
		return nil, nil, msg.New(msg.CodeCertRevocado, old.Serial)
	}
	s, d, err := a.datosNPIE(ctx, r.NPIE)
	if err != nil {
		return nil, nil, err
	}
	var cambios patron.Cambios
	if err := json.Unmarshal(r.Cambios, &cambios); err != nil {
		return nil, nil, interno(err, "stored changes")
	}
	d = d.ConCambios(cambios)
	now := a.now()
	x, err := a.emitir(sujetoDe(d), pub, now.Add(a.cfg.Validez))
	if err != nil {
		return nil, nil, interno(err, "issue")
	}
	nuevo := &store.Certificado{Serial: serialHex(x.SerialNumber), NPIE: r.NPIE, Tipo: store.TipoPrincipal,
		DER: x.Raw, NoAntes: x.NotBefore, NoDespues: x.NotAfter, Emitido: now, CartaPendiente: true}
	terminos, err := a.cartas.TerminosRenovacion(a.paraCarta(DatosCarta{Folio: nuevoID(), NPIE: r.NPIE, Usuario: s.Usuario,
		Datos: d, Llave: spki(pub), Serial: nuevo.Serial, Fecha: now,
		CadenaAnterior: carta.CadenaIdentificacion(r.CartaAceptacionFirmada)}))
	if err != nil {
		return nil, nil, interno(err, "render Carta de Términos de renovación")
	}
	datos, _ := json.Marshal(d)
	err = a.db.Update(ctx, a.evento(o, "renovacion.emitir", r.ID, "serial_nuevo="+nuevo.Serial), func(tx store.Tx) error {
		cur, err := tx.Renovacion(ctx, r.ID)
		if err != nil {
			return err
		}
		if !puede("renovacion", cur.Estado, RenovacionCertificadoEmitido) {
			return msg.New(msg.CodeRenovacionPaso, cur.Estado)
		}
		prev, err := tx.Certificado(ctx, cur.SerialAnterior)
		if err != nil {
			return err
		}
		if !prev.Revocado.IsZero() {
			return msg.New(msg.CodeCertRevocado, prev.Serial)
		}
		if err := tx.PutCertificado(ctx, nuevo); err != nil {
			return err
		}
		if err := a.revocarEnTx(ctx, tx, prev, MotivoReemplazado, o); err != nil {
			return err
		}
		sol, err := tx.Solicitud(ctx, s.Folio)
		if err != nil {
			return err
		}
		sol.Serial, sol.Datos = nuevo.Serial, datos
		if err := tx.PutSolicitud(ctx, sol); err != nil {
			return err
		}
		cur.Estado, cur.SerialNuevo, cur.CartaTerminos, cur.Actualizada = RenovacionCertificadoEmitido, nuevo.Serial, terminos, now
		r = cur
		return tx.PutRenovacion(ctx, cur)
	})
	if err != nil {
		return nil, nil, interno(err, "issue renewal")
	}
	return r, nuevo, nil
}

// FirmarTerminos takes the renewal's Carta de Términos signed with the new
// certificate and completes the renewal: the new certificate is vigente.
func (a *Authority) FirmarTerminos(ctx context.Context, id string, firmada []byte, o Origen) (*store.Renovacion, error) {
	r, err := a.Renovacion(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Estado != RenovacionCertificadoEmitido {
		if r.Estado == RenovacionCompletada && bytes.Equal(r.CartaTerminosFirmada, firmada) {
			return r, nil
		}
		return nil, msg.New(msg.CodeRenovacionPaso, r.Estado)
	}
	nuevo, err := a.certificado(ctx, r.SerialNuevo)
	if err != nil {
		return nil, err
	}
	if !nuevo.Revocado.IsZero() {
		return nil, msg.New(msg.CodeCertRevocado, nuevo.Serial)
	}
	if err := a.verificarCarta(r.CartaTerminos, firmada, nuevo); err != nil {
		return nil, err
	}
	err = a.db.Update(ctx, a.evento(o, "renovacion.completar", r.ID, "cadena="+carta.CadenaIdentificacion(firmada)), func(tx store.Tx) error {
		cur, err := tx.Renovacion(ctx, r.ID)
		if err != nil {
			return err
		}
		if !puede("renovacion", cur.Estado, RenovacionCompletada) {
			return msg.New(msg.CodeRenovacionPaso, cur.Estado)
		}
		c, err := tx.Certificado(ctx, cur.SerialNuevo)
		if err != nil {
			return err
		}
		c.CartaPendiente = false
		if err := tx.PutCertificado(ctx, c); err != nil {
			return err
		}
		cur.Estado, cur.CartaTerminosFirmada, cur.Actualizada = RenovacionCompletada, firmada, a.now()
		r = cur
		return tx.PutRenovacion(ctx, cur)
	})
	if err != nil {
		return nil, interno(err, "complete renewal")
	}
	return r, nil
}

// CartaPorFirmar is the letter r waits for, to be signed: the Carta de
// Aceptación de Renovación (iniciada, with the old certificate) or the
// renewal's Carta de Términos (certificado_emitido, with the new one);
// nil at any other step.
func (a *Authority) CartaPorFirmar(r *store.Renovacion) []byte {
	switch r.Estado {
	case RenovacionIniciada:
		return r.CartaAceptacion
	case RenovacionCertificadoEmitido:
		return r.CartaTerminos
	}
	return nil
}

// datosNPIE returns the request of an NPIE and its employer data.
func (a *Authority) datosNPIE(ctx context.Context, npie string) (*store.Solicitud, patron.Solicitud, error) {
	var d patron.Solicitud
	s, err := a.db.SolicitudPorNPIE(ctx, npie)
	if errors.Is(err, store.ErrNotFound) {
		return nil, d, msg.New(msg.CodeNPIENoEncontrado, npie)
	}
	if err != nil {
		return nil, d, interno(err, "read request")
	}
	if err := json.Unmarshal(s.Datos, &d); err != nil {
		return nil, d, interno(err, "stored data")
	}
	return s, d, nil
}

// maxCartasRechazadas is how many refused acceptance letters a renewal
// takes before it is cancelled and must start again: verifying a letter
// costs memory and time, and a client that keeps sending wrong files is
// not going to succeed.
const maxCartasRechazadas = 5

// claveRechazos keys the count of refused letters of a renewal in the
// shared state, so every instance counts the same tries; the count is
// forgotten a day after the last refusal.
func claveRechazos(id string) string { return claveHash("rechazos:", id) }

// cartaRechazada counts a refused acceptance letter of renewal id; at the
// maxCartasRechazadas-th the renewal is cancelled (with its audit record)
// and the answer says so.
func (a *Authority) cartaRechazada(ctx context.Context, id string, motivo error, o Origen) error {
	var n int
	err := cambiarJSON(ctx, a.db, claveRechazos(id), a.now(), func(x *int, _ bool) (bool, time.Time, error) {
		*x++
		n = *x
		return true, a.now().Add(24 * time.Hour), nil
	})
	if err != nil {
		return interno(err, "count refused letters")
	}
	if n < maxCartasRechazadas {
		return motivo
	}
	err = a.db.Update(ctx, a.evento(o, "renovacion.cancelar", id, "cartas_rechazadas="+strconv.Itoa(maxCartasRechazadas)),
		func(tx store.Tx) error {
			cur, err := tx.Renovacion(ctx, id)
			if err != nil {
				return err
			}
			if !puede("renovacion", cur.Estado, RenovacionCancelada) {
				return msg.New(msg.CodeRenovacionPaso, cur.Estado)
			}
			cur.Estado, cur.Actualizada = RenovacionCancelada, a.now()
			return tx.PutRenovacion(ctx, cur)
		})
	if err != nil {
		return interno(err, "cancel renewal")
	}
	a.borrar(ctx, claveRechazos(id))
	return msg.Wrap(motivo, msg.CodeRenovacionCancelada, maxCartasRechazadas)
}
