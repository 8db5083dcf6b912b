package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/seguritools/seguritools/app/msg"
)

// Body limits. Letters are a few hundred KiB once signed; everything else
// is small.
const (
	maxCuerpo      = 64 << 10
	maxCuerpoCarta = 4 << 20
)

// leerCuerpo reads at most limit bytes of the body.
func leerCuerpo(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, msg.Wrap(err, msg.CodePeticionGrande)
		}
		return nil, msg.Wrap(err, msg.CodePeticionInvalida, msg.New(msg.CodeMotivoCuerpoIlegible))
	}
	return b, nil
}

// decodificar decodes one JSON object strictly: no unknown fields, no
// trailing data, no null or non-object top level.
func decodificar(b []byte, v any) error {
	if len(bytes.TrimSpace(b)) == 0 || bytes.TrimSpace(b)[0] != '{' {
		return msg.New(msg.CodePeticionInvalida, msg.New(msg.CodeMotivoNoEsObjeto))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return msg.Wrap(err, msg.CodePeticionInvalida, msg.New(msg.CodeMotivoJSONInvalido))
	}
	if _, err := dec.Token(); err != io.EOF {
		return msg.New(msg.CodePeticionInvalida, msg.New(msg.CodeMotivoJSONSobrante))
	}
	return nil
}
