package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strconv"
)

// TamHash is the size of an audit record's hash (SHA-256).
const TamHash = sha256.Size

// HashEvento is the hash that chains audit record id to the one before
// it: SHA-256 over a domain label, the previous record's hash (all zeros
// for the first record), the record's id, its time in Unix milliseconds
// and each text column with its length before it. The encoding is
// canonical, so every backend computes the same chain, and no choice of
// column values can make two records encode alike (a newline in Detalle
// forges nothing).
func HashEvento(anterior []byte, id int64, e Evento) []byte {
	h := sha256.New()
	h.Write([]byte("refca-auditoria-v1\x00"))
	if len(anterior) == 0 {
		anterior = make([]byte, TamHash)
	}
	h.Write(anterior)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(id))
	h.Write(n[:])
	var c int64
	if !e.Cuando.IsZero() {
		c = e.Cuando.UnixMilli()
	}
	binary.BigEndian.PutUint64(n[:], uint64(c))
	h.Write(n[:])
	for _, s := range []string{e.Quien, e.Que, e.Objeto, e.Desde, e.Detalle} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return h.Sum(nil)
}

// EslabonRoto is the first audit record whose link in the chain does not
// hold: its hash does not match its contents, it does not point at the
// record before it, or (Motivo "falta") the record with that id is gone.
type EslabonRoto struct {
	ID     int64
	Motivo string
}

func (e *EslabonRoto) Error() string {
	return "store: audit record " + strconv.FormatInt(e.ID, 10) + ": " + e.Motivo
}

// HashAnterior is the previous-hash column of a record that follows a
// record with hash anterior: all zeros for the first record.
func HashAnterior(anterior []byte) []byte {
	if len(anterior) == 0 {
		return make([]byte, TamHash)
	}
	return anterior
}

// Cadena walks an audit log in id order, as every backend's
// VerificarAuditoria reads it, and checks each record's link.
type Cadena struct {
	n        int64
	anterior []byte
}

// Siguiente checks the next record read (its id, contents and the two
// hash columns): a *EslabonRoto names the first break.
func (c *Cadena) Siguiente(id int64, e Evento, hashAnterior, hash []byte) error {
	switch esperado := c.n + 1; {
	case id != esperado:
		return &EslabonRoto{ID: esperado, Motivo: "falta"}
	case !bytes.Equal(hashAnterior, HashAnterior(c.anterior)):
		return &EslabonRoto{ID: id, Motivo: "no apunta al registro anterior"}
	case !bytes.Equal(hash, HashEvento(c.anterior, id, e)):
		return &EslabonRoto{ID: id, Motivo: "su contenido no corresponde a su hash"}
	}
	c.anterior, c.n = hash, c.n+1
	return nil
}

// Fin is how many records were checked and the last one's hash.
func (c *Cadena) Fin() (int64, []byte) { return c.n, c.anterior }
