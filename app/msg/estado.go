package msg

// Codes of a Solicitud NPIE's state as its employer sees it: the notice of
// each state (Paso 4, the menu banner, `npiectl request status`) and the
// error of obtaining a certificate the request does not have. The first
// argument of each is the request's NPIE; fechas are YYYY-MM-DD.
const (
	// CodeSolicitudPendiente: 2 args (NPIE, last day to go to the office).
	CodeSolicitudPendiente = "SOLICITUD_PENDIENTE"
	// CodeSolicitudAprobada: 1 arg (NPIE).
	CodeSolicitudAprobada = "SOLICITUD_APROBADA"
	// CodeSolicitudRechazada: 2 args (NPIE, the clerk's reason).
	CodeSolicitudRechazada = "SOLICITUD_RECHAZADA"
	// CodeSolicitudCancelada: 2 args (NPIE, the deadline that passed).
	CodeSolicitudCancelada = "SOLICITUD_CANCELADA"
	// CodeLlaveSolicitud: 1 arg (the folio or NPIE asked about).
	CodeLlaveSolicitud = "LLAVE_NO_ES_DE_LA_SOLICITUD"
)

// Codes of the ventanilla accounts that print on the letters.
const (
	// CodeNombreClerk: no args.
	CodeNombreClerk = "NOMBRE_CLERK_INVALIDO"
)

func init() {
	register(
		Message{CodeSolicitudPendiente,
			"La solicitud del NPIE %s está pendiente: acuda a la subdelegación con la carta firmada, su identificación oficial y la Tarjeta de Identificación Patronal a más tardar el %s. Después podrá obtener su certificado.",
			"The request for NPIE %s is pending: go to the IMSS office with the signed letter, your official ID and the employer identification card no later than %s. Then you can obtain your certificate."},
		Message{CodeSolicitudAprobada,
			"La subdelegación aprobó la solicitud del NPIE %s: obtenga ahora su certificado con su llave privada (.key).",
			"The IMSS office approved the request for NPIE %s: obtain your certificate now with your private key (.key)."},
		Message{CodeSolicitudRechazada,
			"La subdelegación rechazó la solicitud del NPIE %s. Motivo: %s. Corrija lo indicado y haga una solicitud nueva.",
			"The IMSS office rejected the request for NPIE %s. Reason: %s. Correct what it says and make a new request."},
		Message{CodeSolicitudCancelada,
			"La solicitud del NPIE %s se canceló porque no se presentó en la subdelegación a más tardar el %s (10 días hábiles). Haga una solicitud nueva; puede usar los mismos datos.",
			"The request for NPIE %s was cancelled because it was not presented at the IMSS office by %s (10 business days). Make a new request; you may use the same data."},
		Message{CodeNombreClerk,
			"Escriba el nombre completo del funcionario de ventanilla (de 3 a 120 caracteres): se imprime en la Constancia de recepción.",
			"Write the clerk's full name (3 to 120 characters): it is printed on the Constancia de recepción."},
		Message{CodeLlaveSolicitud,
			"La llave privada no es la de la solicitud %s. Use la llave (.key) que guardó al hacer esa solicitud.",
			"The private key is not the one of request %s. Use the key (.key) you saved when you made that request."},
	)
	for k, v := range map[string][2]string{
		"causa_revocacion":   {"Causa de la revocación", "Reason for revocation"},
		"reemplazado_por":    {"Reemplazado por el certificado", "Replaced by certificate"},
		"estado_solicitud":   {"Estado de la solicitud", "Request state"},
		"fecha_limite":       {"Fecha límite", "Deadline"},
		"motivo_rechazo":     {"Motivo del rechazo", "Reason for rejection"},
		"numero_serie":       {"Número de serie", "Serial number"},
		"solicitud_folio":    {"Folio", "Folio"},
		"solicitud_npie":     {"NPIE", "NPIE"},
		"solicitud_resuelta": {"Resuelta", "Resolved"},
	} {
		labels[k] = v
	}
}

// AvisoSolicitud is the notice of a request's state, estado being the
// CA's word for it (pendiente, aprobada, rechazada, cancelada), with what
// the employer should do next. An unknown state gives nil.
func AvisoSolicitud(estado, npie, fechaLimite, motivo string) *Error {
	switch estado {
	case "pendiente":
		return New(CodeSolicitudPendiente, npie, fechaLimite)
	case "aprobada":
		return New(CodeSolicitudAprobada, npie)
	case "rechazada":
		return New(CodeSolicitudRechazada, npie, motivo)
	case "cancelada":
		return New(CodeSolicitudCancelada, npie, fechaLimite)
	}
	return nil
}
