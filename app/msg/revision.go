package msg

// Codes of the check a procedure makes with the CA right after the user
// opens a certificate (.pfx), before anything is typed or generated: each
// names the case and the way out that fits it.
const (
	CodeRevisionReemplazadoPor = "REVISION_REEMPLAZADO_POR"
	CodeRevisionReemplazado    = "REVISION_REEMPLAZADO"
	CodeRevisionRevocado       = "REVISION_REVOCADO"
	CodeRevisionVencido        = "REVISION_VENCIDO"
	CodeRevisionCartaPendiente = "REVISION_CARTA_PENDIENTE"
	CodeRevisionSinConexion    = "REVISION_SIN_CONEXION"
	// CodeArchivoExisteSugerido: the chosen name is taken; the argument
	// is a free name to use instead.
	CodeArchivoExisteSugerido = "ARCHIVO_EXISTE_SUGERIDO"
)

func init() {
	register(
		Message{CodeRevisionReemplazadoPor,
			"Este certificado fue reemplazado por una renovación y ya no sirve. Use su certificado nuevo: %s.",
			"This certificate was replaced by a renewal and no longer works. Use your new certificate: %s."},
		Message{CodeRevisionReemplazado,
			"Este certificado fue reemplazado por una renovación y ya no sirve. Use el certificado nuevo que obtuvo al renovar (Examinar para elegirlo).",
			"This certificate was replaced by a renewal and no longer works. Use the new certificate you obtained when renewing (Browse to choose it)."},
		Message{CodeRevisionRevocado,
			"Este certificado fue revocado y ya no puede usarse. Para obtener otro, haga una Solicitud NPIE nueva.",
			"This certificate was revoked and can no longer be used. To get another one, make a new NPIE request."},
		Message{CodeRevisionVencido,
			"Este certificado ya venció. Renuévelo en línea con «Renovación» (no necesita acudir a la subdelegación).",
			"This certificate has expired. Renew it online with «Renewal» (no visit to the office needed)."},
		Message{CodeRevisionCartaPendiente,
			"Falta firmar la Carta de Términos y Condiciones de su renovación. Fírmela ahora con «Firmar carta» y este certificado; después podrá continuar.",
			"The Terms and Conditions letter of your renewal is not signed yet. Sign it now with «Sign letter» and this certificate; then you can go on."},
		Message{CodeArchivoExisteSugerido,
			"Ya existe un archivo con ese nombre y no se reemplaza. Use otro nombre, por ejemplo %s.",
			"A file with that name already exists and is not replaced. Use another name, for example %s."},
		Message{CodeRevisionSinConexion,
			"No se pudo consultar al IMSS el estado de este certificado (sin conexión). Puede continuar; el estado se revisará al enviar.",
			"The certificate's status could not be checked with the IMSS (no connection). You can go on; it will be checked when sending."},
	)
}
