package main

import (
	"flag"
	"fmt"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
)

func init() {
	register("clerk pending", "ventanilla: lista solicitudes pendientes (por folio, registro patronal o RFC)", cmdClerkPending)
	register("clerk approve", "ventanilla: aprueba una solicitud con los documentos revisados", cmdClerkApprove)
	register("clerk reject", "ventanilla: rechaza una solicitud con un motivo", cmdClerkReject)
	register("clerk revoke", "ventanilla: revoca un certificado en persona", cmdClerkRevoke)
}

type clerkFlags struct {
	sf           serverFlags
	user, pwFile *string
}

func addClerkFlags(e *env, name string) (*flag.FlagSet, clerkFlags) {
	fs := newFlags(e, name)
	return fs, clerkFlags{sf: addServerFlags(fs),
		user:   fs.String("user", "", "usuario de ventanilla"),
		pwFile: fs.String("password-file", "", "archivo con la contraseña de ventanilla (- para la entrada estándar)")}
}

func (c clerkFlags) login(e *env) (*client.Ventanilla, error) {
	if err := need("user", *c.user); err != nil {
		return nil, err
	}
	cl, err := c.sf.client()
	if err != nil {
		return nil, err
	}
	pw, err := readPassword(e, *c.pwFile, msg.Label("contrasena", e.lang), false)
	if err != nil {
		return nil, err
	}
	defer clear(pw)
	return cl.Ventanilla(ctx(), *c.user, pw)
}

func vista(s *wire.Solicitud) map[string]any {
	m := map[string]any{"folio": s.Folio, "npie": s.NPIE, "usuario": s.Usuario, "estado": s.Estado,
		"fecha_limite": s.FechaLimite, "registro_patronal": s.RegistroPatronal, "rfc": s.RFC, "razon_social": s.RazonSocial}
	if s.Serial != "" {
		m["serial"] = s.Serial
	}
	if s.Motivo != "" {
		m["motivo"] = s.Motivo
	}
	return m
}

func cmdClerkPending(e *env, args []string) (map[string]any, error) {
	fs, cf := addClerkFlags(e, "clerk pending")
	folio := fs.String("folio", "", "folio de la solicitud")
	rp := fs.String("rp", "", "registro patronal")
	rfc := fs.String("rfc", "", "RFC de la empresa")
	estado := fs.String("estado", "pendiente", "estado (pendiente, aprobada, rechazada, cancelada; vacío: todos)")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	v, err := cf.login(e)
	if err != nil {
		return nil, err
	}
	defer v.Cerrar(ctx())
	ss, err := v.Buscar(ctx(), client.Filtro{Estado: *estado, Folio: *folio, RegistroPatronal: *rp, RFC: *rfc})
	if err != nil {
		return nil, err
	}
	lista := make([]map[string]any, 0, len(ss))
	for i := range ss {
		lista = append(lista, vista(&ss[i]))
		if !e.json {
			s := ss[i]
			fmt.Fprintf(e.stdout, "%s  %-10s  %s  %s  %s  límite %s\n", s.Folio, s.Estado, s.RegistroPatronal, s.RFC, s.RazonSocial, s.FechaLimite)
		}
	}
	return map[string]any{"solicitudes": lista}, nil
}

func cmdClerkApprove(e *env, args []string) (map[string]any, error) {
	fs, cf := addClerkFlags(e, "clerk approve")
	folio := fs.String("folio", "", "folio de la solicitud")
	constancia := fs.String("constancia", "", "archivo donde guardar la Constancia de recepción (PDF), opcional")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("folio", *folio); err != nil {
		return nil, err
	}
	v, err := cf.login(e)
	if err != nil {
		return nil, err
	}
	defer v.Cerrar(ctx())
	// The command line is used after the clerk checked the papers; the
	// checklist is still sent explicitly, as the window's boxes are.
	s, err := v.Aprobar(ctx(), *folio, wire.Documentos{CartaFirmadaAutografa: true, IdentificacionOficial: true, TarjetaIdentificacionPatronal: true})
	if err != nil {
		return nil, err
	}
	res := vista(s)
	if *constancia != "" {
		pdf, err := v.Constancia(ctx(), s.Folio)
		if err != nil {
			return nil, err
		}
		if err := credencial.Escribir(*constancia, pdf, credencial.PermPublico, false); err != nil {
			return nil, err
		}
		res["constancia"] = *constancia
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Solicitud %s aprobada; certificado %s emitido.\n", s.Folio, s.Serial)
	}
	return res, nil
}

func cmdClerkReject(e *env, args []string) (map[string]any, error) {
	fs, cf := addClerkFlags(e, "clerk reject")
	folio := fs.String("folio", "", "folio de la solicitud")
	reason := fs.String("reason", "", "motivo del rechazo")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("folio", *folio, "reason", *reason); err != nil {
		return nil, err
	}
	v, err := cf.login(e)
	if err != nil {
		return nil, err
	}
	defer v.Cerrar(ctx())
	s, err := v.Rechazar(ctx(), *folio, *reason)
	if err != nil {
		return nil, err
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Solicitud %s rechazada.\n", s.Folio)
	}
	return vista(s), nil
}

func cmdClerkRevoke(e *env, args []string) (map[string]any, error) {
	fs, cf := addClerkFlags(e, "clerk revoke")
	serial := fs.String("serial", "", "número de serie del certificado")
	reason := fs.String("reason", "", "motivo: perdida, olvido_contrasena, contrasena_expuesta, llave_comprometida, cese, otro")
	id := fs.String("id", "", "tipo y número de la identificación oficial que presentó el titular")
	note := fs.String("note", "", "nota para el registro de auditoría")
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if err := need("serial", *serial, "id", *id); err != nil {
		return nil, err
	}
	v, err := cf.login(e)
	if err != nil {
		return nil, err
	}
	defer v.Cerrar(ctx())
	st, err := v.Revocar(ctx(), *serial, wire.Revocacion{Motivo: *reason, Identificacion: *id, Nota: *note})
	if err != nil {
		return nil, err
	}
	if !e.json {
		fmt.Fprintf(e.stdout, "Certificado %s: %s\n", st.Serial, st.Estado)
	}
	return map[string]any{"serial": st.Serial, "estado": st.Estado}, nil
}
