package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/ca"
	"github.com/seguritools/seguritools/app/msg"
)

// statusOf maps catalogue codes to HTTP statuses. Unknown codes are 400 if
// they are user errors; errors without a code are 500.
var statusOf = map[string]int{
	msg.CodeSolicitudInvalida:      http.StatusUnprocessableEntity,
	msg.CodeRequerimientoInvalido:  http.StatusUnprocessableEntity,
	msg.CodeLlaveDebil:             http.StatusUnprocessableEntity,
	msg.CodeDocumentosIncompletos:  http.StatusUnprocessableEntity,
	msg.CodeMotivoRequerido:        http.StatusUnprocessableEntity,
	msg.CodeCartaEquivocada:        http.StatusUnprocessableEntity,
	msg.CodeCartaFirmante:          http.StatusUnprocessableEntity,
	msg.CodeCartaSinFirma:          http.StatusUnprocessableEntity,
	msg.CodeLlaveNoCorresponde:     http.StatusUnprocessableEntity,
	msg.CodeSolicitudDuplicada:     http.StatusConflict,
	msg.CodeSolicitudNoPendiente:   http.StatusConflict,
	msg.CodeSolicitudVencida:       http.StatusConflict,
	msg.CodeSolicitudPendiente:     http.StatusConflict,
	msg.CodeSolicitudRechazada:     http.StatusConflict,
	msg.CodeSolicitudCancelada:     http.StatusConflict,
	msg.CodeRenovacionPaso:         http.StatusConflict,
	msg.CodeRenovacionCancelada:    http.StatusConflict,
	msg.CodeIdempotencia:           http.StatusConflict,
	msg.CodeSolicitudNoEncontrada:  http.StatusNotFound,
	msg.CodeCertNoEncontrado:       http.StatusNotFound,
	msg.CodeNPIENoEncontrado:       http.StatusNotFound,
	msg.CodeRenovacionNoEncontrada: http.StatusNotFound,
	msg.CodeNoEncontrado:           http.StatusNotFound,
	msg.CodeNoAutorizado:           http.StatusUnauthorized,
	msg.CodeCredencialesInvalidas:  http.StatusUnauthorized,
	msg.CodeRetoInvalido:           http.StatusUnauthorized,
	msg.CodeFirmaInvalida:          http.StatusUnauthorized,
	msg.CodeLlaveSolicitud:         http.StatusUnauthorized,
	msg.CodeCertRevocado:           http.StatusForbidden,
	msg.CodeCertVencido:            http.StatusForbidden,
	msg.CodeCartaPendiente:         http.StatusForbidden,
	msg.CodeCertNoPrincipal:        http.StatusForbidden,
	msg.CodeDemasiadosIntentos:     http.StatusTooManyRequests,
	msg.CodePeticionGrande:         http.StatusRequestEntityTooLarge,
	msg.CodeInterno:                http.StatusInternalServerError,
	msg.CodeVentanillaLlena:        http.StatusServiceUnavailable,
	msg.CodeClerkNoEncontrado:      http.StatusNotFound,
}

// writeError answers with the error's code and both texts. Causes are
// logged without request data; internal details never reach the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := msg.CodeOf(err)
	status := http.StatusBadRequest
	if code == "" {
		code = msg.CodeInterno
	}
	if st, ok := statusOf[code]; ok {
		status = st
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "code", code, "causa", causa(err))
	}
	me := msg.New(code)
	var ue *msg.Error
	if errors.As(err, &ue) {
		me = ue
	}
	// The texts go without their code line: the code has its own field.
	body := wire.Error{Code: code, Mensaje: me.Mensaje(msg.ES), Message: me.Mensaje(msg.EN)}
	if code == msg.CodeInterno {
		body.Mensaje, body.Message = msg.New(code).Mensaje(msg.ES), msg.New(code).Mensaje(msg.EN)
	}
	if code != msg.CodeInterno {
		for _, a := range me.Args {
			// A reason from the catalogue travels as its code, so the
			// client shows it in the user's language.
			if ae, ok := a.(*msg.Error); ok {
				body.Args = append(body.Args, ae.Code)
				continue
			}
			body.Args = append(body.Args, fmt.Sprint(a))
		}
	}
	var ep *ca.ErrProblemas
	if errors.As(err, &ep) {
		body.Problemas = ep.Problemas
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		espera := time.Minute
		var ee *esperaError
		var ce *ca.Espera
		if errors.As(err, &ee) {
			espera = ee.d
		} else if errors.As(err, &ce) {
			espera = ce.D
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(espera, time.Second).Seconds()))))
	}
	if code == msg.CodeNoAutorizado {
		w.Header().Set("WWW-Authenticate", wire.EsquemaSesion+` realm="ventanilla"`)
	}
	writeJSON(w, status, body)
}

// causa is what the log says about an error: the chain under the
// catalogue message, which names the failing step (never request data,
// passwords or keys: the CA wraps only its own steps' errors).
func causa(err error) string {
	var me *msg.Error
	if errors.As(err, &me) && me.Err != nil {
		return me.Err.Error()
	}
	return err.Error()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		slog.Error("encode response", "err", err)
		status, b = http.StatusInternalServerError, []byte(`{"code":"INTERNO"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}
