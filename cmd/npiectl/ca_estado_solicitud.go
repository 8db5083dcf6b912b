package main

import (
	"fmt"

	"github.com/seguritools/seguritools/app/msg"
)

func init() {
	register("request status", "estado de una solicitud NPIE (pendiente, aprobada, rechazada, cancelada), con su .key", cmdRequestStatus)
}

// cmdRequestStatus asks the CA for a request's state, proving possession
// of the request's key. The command succeeds whatever the state is: a
// rejected or cancelled request is an answer, not a failure.
func cmdRequestStatus(e *env, args []string) (map[string]any, error) {
	fs := newFlags(e, "request status")
	sf := addServerFlags(fs)
	folio := fs.String("folio", "", "folio de la solicitud")
	npie := fs.String("npie", "", "NPIE de la solicitud (en vez de --folio)")
	key := fs.String("key", "", "la llave privada .key que guardó al hacer la solicitud")
	pwFile := fs.String("password-file", "", "archivo con la contraseña de la llave (- para la entrada estándar)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if (*folio == "") == (*npie == "") {
		return nil, usageError{"indique --folio o --npie"}
	}
	if err := need("key", *key); err != nil {
		return nil, err
	}
	c, err := sf.client()
	if err != nil {
		return nil, err
	}
	k, pw, err := abrirLlave(e, *key, *pwFile)
	if err != nil {
		return nil, err
	}
	clear(pw)
	ref := *folio
	if ref == "" {
		ref = *npie
	}
	st, err := c.EstadoSolicitud(ctx(), ref, k)
	if err != nil {
		return nil, err
	}
	aviso := msg.AvisoSolicitud(st.Estado, st.NPIE, st.FechaLimite, st.Motivo)
	res := map[string]any{"folio": st.Folio, "npie": st.NPIE, "estado": st.Estado, "fecha_limite": st.FechaLimite}
	if st.Motivo != "" {
		res["motivo"] = st.Motivo
	}
	if st.Serial != "" {
		res["serial"] = st.Serial
	}
	if st.Resuelta != nil {
		res["resuelta"] = st.Resuelta
	}
	if aviso != nil {
		res["aviso"] = map[string]any{"code": aviso.Code, "message": aviso.Text(e.lang)}
	}
	if !e.json {
		l := func(k string) string { return msg.Label(k, e.lang) }
		fmt.Fprintf(e.stdout, "%s: %s\n%s: %s\n%s: %s\n%s: %s\n", l("solicitud_folio"), st.Folio, l("solicitud_npie"), st.NPIE,
			l("estado_solicitud"), st.Estado, l("fecha_limite"), st.FechaLimite)
		if st.Motivo != "" {
			fmt.Fprintf(e.stdout, "%s: %s\n", l("motivo_rechazo"), st.Motivo)
		}
		if st.Serial != "" {
			fmt.Fprintf(e.stdout, "%s: %s\n", l("numero_serie"), st.Serial)
		}
		if aviso != nil {
			fmt.Fprintln(e.stdout, aviso.Text(e.lang))
		}
	}
	return res, nil
}
