package msg

// Codes of what the desktop app tells an employer about the state of a
// procedure: the certificate a .pfx holds as the CA sees it, the state of
// a request, missing data and saved files. Each says what to do next.
// The CA's own refusals (CodeCertRevocado, CodeCertVencido,
// CodeCartaPendiente, CodeSolicitudVencida) say what is wrong, to any
// client; the CERT_* and SOLICITUD_* codes here are the app's advice once
// it knows the case (a certificate replaced by a renewal is revoked too,
// but the advice differs). An empty password reuses CodeContrasenaVacia.
const (
	CodeVisorPDFNoDisponible       = "VISOR_PDF_NO_DISPONIBLE"
	CodeCertReemplazado            = "CERT_REEMPLAZADO"
	CodeCertReemplazadoPor         = "CERT_REEMPLAZADO_POR"
	CodeCertRevocadoSolicitudNueva = "CERT_REVOCADO_SOLICITUD_NUEVA"
	CodeCertVencidoRenovar         = "CERT_VENCIDO_RENOVAR"
	CodeCertCartaPendiente         = "CERT_CARTA_PENDIENTE"
	CodeCASinConexionContinuar     = "CA_SIN_CONEXION_CONTINUAR"
	CodeDatoFaltante               = "DATO_FALTANTE"
	CodeDatosFaltantes             = "DATOS_FALTANTES"
	CodeArchivoExisteSugerido      = "ARCHIVO_EXISTE_SUGERIDO"
	CodeArchivoGuardado            = "ARCHIVO_GUARDADO"
	CodeBusquedaSinResultados      = "BUSQUEDA_SIN_RESULTADOS"
	CodeTramitePaso                = "TRAMITE_PASO"
	CodeRenovacionOtroCertificado  = "RENOVACION_OTRO_CERTIFICADO"
)

func init() {
	register(
		Message{CodeVisorPDFNoDisponible,
			"No hay un programa para ver archivos PDF en este equipo. Use «Guardar como…» para guardar la carta y ábrala o imprímala desde otro programa.",
			"There is no program to view PDF files on this computer. Use “Save as…” to save the letter and open or print it from another program."},
		Message{CodeCertReemplazado,
			"Este certificado fue reemplazado por una renovación y ya no puede usarse. Use su certificado nuevo (.pfx).",
			"This certificate was replaced by a renewal and can no longer be used. Use your new certificate (.pfx)."},
		Message{CodeCertReemplazadoPor,
			"Este certificado fue reemplazado por una renovación y ya no puede usarse. Use su certificado nuevo: %s.",
			"This certificate was replaced by a renewal and can no longer be used. Use your new certificate: %s."},
		Message{CodeCertRevocadoSolicitudNueva,
			"Este certificado fue revocado y ya no puede usarse. Para obtener un certificado nuevo haga una Solicitud NPIE nueva.",
			"This certificate was revoked and can no longer be used. To get a new certificate make a new NPIE Request (Solicitud NPIE)."},
		Message{CodeCertVencidoRenovar,
			"Este certificado ya venció y solo puede usarse para renovarlo. Haga una Renovación con este certificado.",
			"This certificate has expired and can only be used to renew it. Make a Renewal with this certificate."},
		Message{CodeCertCartaPendiente,
			"Falta firmar la Carta de Términos y Condiciones de su renovación. Fírmela ahora con su certificado nuevo para poder usarlo.",
			"The Terms and Conditions letter of your renewal is not signed yet. Sign it now with your new certificate to be able to use it."},
		Message{CodeCASinConexionContinuar,
			"No hay conexión con el servidor del IMSS, así que no se pudo comprobar el estado del certificado. Puede continuar; se comprobará cuando haya conexión.",
			"There is no connection to the IMSS server, so the certificate's state could not be checked. You may continue; it will be checked once there is a connection."},
		Message{CodeDatoFaltante,
			"Falta 1 dato por capturar o corregir: %s.",
			"1 field is missing or needs fixing: %s."},
		Message{CodeDatosFaltantes,
			"Faltan %d datos por capturar o corregir: %s.",
			"%d fields are missing or need fixing: %s."},
		Message{CodeArchivoExisteSugerido,
			"Ya existe un archivo con ese nombre en esa carpeta y no se reemplazará. Se propone el nombre %q; acéptelo o escriba otro.",
			"A file with that name already exists in that folder and will not be replaced. The name %q is suggested; accept it or type another."},
		Message{CodeArchivoGuardado,
			"El archivo se guardó en %s",
			"The file was saved at %s"},
		Message{CodeRenovacionOtroCertificado,
			"Esta renovación ya tiene su llave nueva, hecha para el certificado con número de serie %s. Abra ese certificado para continuar, o descarte el trámite en el Menú para renovar otro.",
			"This renewal already has its new key, made for the certificate with serial number %s. Open that certificate to go on, or discard the procedure in the Menu to renew another one."},
		Message{CodeTramitePaso,
			"Ese paso no corresponde al punto en que está el trámite. Vuelva al Menú y use «Continuar» para seguir donde se quedó.",
			"That step does not match where the procedure stands. Go back to the Menu and use “Continue” to go on where you left off."},
		Message{CodeBusquedaSinResultados,
			"No se encontró ningún certificado para %q. Revise el registro patronal, el RFC o el NPIE que escribió.",
			"No certificate was found for %q. Check the employer registration number, RFC or NPIE you typed."},
	)
}

// Faltantes returns the message that names the fields still missing or
// wrong (their labels in the screen's language): CodeDatoFaltante for one,
// CodeDatosFaltantes for several, nil for none.
func Faltantes(nombres ...string) *Error {
	switch len(nombres) {
	case 0:
		return nil
	case 1:
		return New(CodeDatoFaltante, nombres[0])
	}
	return New(CodeDatosFaltantes, len(nombres), lista(nombres))
}

// lista joins names with commas ("a, b, c"), the same in both languages.
func lista(ns []string) string {
	out := ns[0]
	for _, n := range ns[1:] {
		out += ", " + n
	}
	return out
}
