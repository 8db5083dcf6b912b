package msg

// Codes of the certificate authority (refca), its HTTP API and the client
// side of every procedure. "71" keeps the number IMSS users already know.
const (
	CodeCartaEquivocada         = "71"
	CodeContrasenaIncorrecta    = "CONTRASENA_INCORRECTA"
	CodeSolicitudInvalida       = "SOLICITUD_INVALIDA"
	CodeSolicitudDuplicada      = "SOLICITUD_DUPLICADA"
	CodeSolicitudNoEncontrada   = "SOLICITUD_NO_ENCONTRADA"
	CodeSolicitudNoPendiente    = "SOLICITUD_NO_PENDIENTE"
	CodeSolicitudVencida        = "SOLICITUD_VENCIDA"
	CodeDocumentosIncompletos   = "DOCUMENTOS_INCOMPLETOS"
	CodeIdentificacionRequerida = "IDENTIFICACION_REQUERIDA"
	CodeMotivoRequerido         = "MOTIVO_REQUERIDO"
	CodeRequerimientoInvalido   = "REQUERIMIENTO_INVALIDO"
	CodeLlaveDebil              = "LLAVE_DEBIL"
	CodeNPIENoEncontrado        = "NPIE_NO_ENCONTRADO"
	CodeCertNoEncontrado        = "CERTIFICADO_NO_ENCONTRADO"
	CodeCertRevocado            = "CERTIFICADO_REVOCADO"
	CodeCertVencido             = "CERTIFICADO_VENCIDO"
	CodeCartaPendiente          = "CARTA_PENDIENTE"
	CodeCertNoPrincipal         = "CERTIFICADO_NO_PRINCIPAL"
	CodeRetoInvalido            = "RETO_INVALIDO"
	CodeFirmaInvalida           = "FIRMA_INVALIDA"
	CodeCartaFirmante           = "CARTA_OTRO_FIRMANTE"
	CodeCartaSinFirma           = "CARTA_SIN_FIRMA"
	CodeLlaveNoCorresponde      = "LLAVE_NO_CORRESPONDE"
	CodeLlaveCertificado        = "LLAVE_NO_ES_DEL_CERTIFICADO"
	CodeRenovacionNoEncontrada  = "RENOVACION_NO_ENCONTRADA"
	CodeRenovacionPaso          = "RENOVACION_PASO"
	CodeNoAutorizado            = "NO_AUTORIZADO"
	CodeCredencialesInvalidas   = "CREDENCIALES_INVALIDAS"
	CodeDemasiadosIntentos      = "DEMASIADOS_INTENTOS"
	CodePeticionInvalida        = "PETICION_INVALIDA"
	CodePeticionGrande          = "PETICION_GRANDE"
	CodeNoEncontrado            = "NO_ENCONTRADO"
	CodeIdempotencia            = "IDEMPOTENCIA_CONFLICTO"
	CodeServidorNoDisponible    = "SERVIDOR_NO_DISPONIBLE"
	CodeServidorNoConfiable     = "SERVIDOR_NO_CONFIABLE"
	CodeRespuestaInvalida       = "RESPUESTA_INVALIDA"
	CodeRaicesInvalidas         = "RAICES_INVALIDAS"
	CodeUsuarioInvalido         = "USUARIO_INVALIDO"
	CodeBaseFaltante            = "BASE_FALTANTE"
	CodeBaseDanada              = "BASE_DANADA"
	CodeBaseOcupada             = "BASE_OCUPADA"
	CodeAuditoriaAlterada       = "AUDITORIA_ALTERADA"
	CodeVentanillaLlena         = "VENTANILLA_LLENA"
	CodeClerkNoEncontrado       = "CLERK_NO_ENCONTRADO"
	CodeRenovacionCancelada     = "RENOVACION_CANCELADA"
	CodeContrasenaCA            = "CONTRASENA_CA"
	CodeContrasenaCACorta       = "CONTRASENA_CA_CORTA"
)

func init() {
	register(
		Message{CodeCartaEquivocada,
			"El archivo no corresponde a la carta a firmar, deberá reiniciar el proceso.",
			"The file is not the letter to be signed; you must restart the process."},
		Message{CodeContrasenaIncorrecta,
			"La contraseña no es correcta, por favor intente de nuevo.",
			"The password is not correct, please try again."},
		Message{CodeSolicitudInvalida,
			"Los datos de la solicitud no son válidos: %s. Corríjalos e intente de nuevo.",
			"The request data are not valid: %s. Fix them and try again."},
		Message{CodeSolicitudDuplicada,
			"Ya existe una solicitud activa para este registro patronal y usuario. Concluya o cancele esa solicitud antes de hacer otra.",
			"There is already an active request for this employer registration and user. Finish or cancel it before making another."},
		Message{CodeSolicitudNoEncontrada,
			"No existe una solicitud con el folio %s.",
			"There is no request with folio %s."},
		Message{CodeSolicitudNoPendiente,
			"La solicitud %s ya no está pendiente (estado: %s).",
			"Request %s is no longer pending (state: %s)."},
		Message{CodeSolicitudVencida,
			"La solicitud %s venció el %s (10 días hábiles) y quedó cancelada. El patrón debe hacer una solicitud nueva.",
			"Request %s expired on %s (10 business days) and was cancelled. The employer must make a new request."},
		Message{CodeDocumentosIncompletos,
			"Para aprobar la solicitud marque los tres documentos revisados: carta firmada autógrafa, identificación oficial y tarjeta de identificación patronal.",
			"To approve the request tick the three documents checked: hand-signed letter, official ID and employer identification card."},
		Message{CodeIdentificacionRequerida,
			"Anote el tipo y número de la identificación oficial que presentó el titular antes de revocar.",
			"Record the type and number of the official ID the holder showed before revoking."},
		Message{CodeMotivoRequerido,
			"Escriba el motivo del rechazo.",
			"Write the reason for the rejection."},
		Message{CodeRequerimientoInvalido,
			"El requerimiento de certificado (.req) no es válido o su firma no corresponde a su llave pública.",
			"The certificate request (.req) is not valid or its signature does not match its public key."},
		Message{CodeLlaveDebil,
			"La llave pública debe ser RSA de 2048 bits o más.",
			"The public key must be RSA with 2048 bits or more."},
		Message{CodeNPIENoEncontrado,
			"No existe un certificado emitido para el NPIE %s.",
			"There is no certificate issued for NPIE %s."},
		Message{CodeCertNoEncontrado,
			"No existe un certificado con el número de serie %s.",
			"There is no certificate with serial number %s."},
		Message{CodeCertRevocado,
			"El certificado %s está revocado y ya no puede usarse. Haga una solicitud nueva.",
			"Certificate %s is revoked and can no longer be used. Make a new request."},
		Message{CodeCertVencido,
			"El certificado %s venció; solo puede usarse para renovarlo.",
			"Certificate %s has expired; it can only be used to renew it."},
		Message{CodeCartaPendiente,
			"Falta firmar la Carta de Términos y Condiciones de la renovación con el certificado nuevo %s.",
			"The renewal's Terms and Conditions letter must still be signed with the new certificate %s."},
		Message{CodeCertNoPrincipal,
			"Este trámite requiere el certificado principal del NPIE, no uno adicional.",
			"This procedure needs the NPIE's main certificate, not an additional one."},
		Message{CodeRetoInvalido,
			"La autenticación venció o ya fue usada. Intente de nuevo.",
			"The authentication expired or was already used. Try again."},
		Message{CodeFirmaInvalida,
			"La firma no corresponde al certificado presentado.",
			"The signature does not match the certificate presented."},
		Message{CodeCartaFirmante,
			"La carta está firmada con otro certificado. Fírmela con el certificado %s.",
			"The letter is signed with another certificate. Sign it with certificate %s."},
		Message{CodeCartaSinFirma,
			"La carta no tiene una firma electrónica válida que cubra todo el documento.",
			"The letter has no valid electronic signature covering the whole document."},
		Message{CodeLlaveNoCorresponde,
			"La llave privada no corresponde a la Llave Pública Nueva de la carta de renovación.",
			"The private key does not match the New Public Key of the renewal letter."},
		Message{CodeLlaveCertificado,
			"La llave privada no corresponde al certificado %s.",
			"The private key does not match certificate %s."},
		Message{CodeRenovacionNoEncontrada,
			"No existe la renovación %s.",
			"There is no renewal %s."},
		Message{CodeRenovacionPaso,
			"La renovación está en el paso %q; este paso no corresponde. Deberá reiniciar el proceso si no puede continuar.",
			"The renewal is at step %q; this step does not apply. Restart the process if you cannot continue."},
		Message{CodeNoAutorizado,
			"Inicie sesión para usar la ventanilla.",
			"Log in to use the clerk's window."},
		Message{CodeCredencialesInvalidas,
			"El usuario o la contraseña no son correctos.",
			"The user name or the password is not correct."},
		Message{CodeDemasiadosIntentos,
			"Demasiados intentos. Espere un momento e intente de nuevo.",
			"Too many attempts. Wait a moment and try again."},
		Message{CodePeticionInvalida,
			"La petición no es válida: %s.",
			"The request is not valid: %s."},
		Message{CodePeticionGrande,
			"La petición es demasiado grande.",
			"The request is too large."},
		Message{CodeNoEncontrado,
			"No existe el recurso pedido.",
			"The requested resource does not exist."},
		Message{CodeIdempotencia,
			"La clave de idempotencia ya se usó con otra petición.",
			"The idempotency key was already used with another request."},
		Message{CodeServidorNoDisponible,
			"No se pudo comunicar con el servidor %s. Verifique la dirección y su conexión.",
			"Could not reach the server %s. Check the address and your connection."},
		Message{CodeServidorNoConfiable,
			"El servidor %s no presentó un certificado emitido por la raíz configurada; la conexión se detuvo.",
			"The server %s did not present a certificate issued by the configured root; the connection was stopped."},
		Message{CodeRespuestaInvalida,
			"El servidor respondió algo inesperado (%s).",
			"The server answered something unexpected (%s)."},
		Message{CodeRaicesInvalidas,
			"El archivo de certificados raíz %q no contiene ningún certificado PEM.",
			"The root certificate file %q holds no PEM certificate."},
		Message{CodeUsuarioInvalido,
			"El usuario de ventanilla debe tener de 3 a 32 letras, dígitos, punto, guion o guion bajo, y la contraseña al menos 12 caracteres.",
			"The clerk user must have 3 to 32 letters, digits, dot, dash or underscore, and the password at least 12 characters."},
		Message{CodeBaseFaltante,
			"La base de datos %q falta o está vacía, pero el directorio ya tiene una CA. refca no crea una base nueva sobre una CA existente: restaure la copia de seguridad de la base.",
			"The database %q is missing or empty, but the directory already holds a CA. refca does not create a new database over an existing CA: restore the database from its backup."},
		Message{CodeBaseOcupada,
			"La base de datos %q ya tiene los registros de una CA. refca init no crea una CA sobre ellos: use una base vacía.",
			"The database %q already holds a CA's records. refca init does not create a CA over them: use an empty database."},
		Message{CodeBaseDanada,
			"La base de datos %q está dañada (la revisión de integridad falló); refca no la usará. Restaure la copia de seguridad.",
			"The database %q is damaged (the integrity check failed); refca will not use it. Restore it from its backup."},
		Message{CodeRenovacionCancelada,
			"La renovación se canceló después de %d cartas rechazadas. Inicie una renovación nueva.",
			"The renewal was cancelled after %d refused letters. Start a new renewal."},
		Message{CodeClerkNoEncontrado,
			"No existe el usuario de ventanilla %q.",
			"There is no clerk account %q."},
		Message{CodeVentanillaLlena,
			"La ventanilla tiene demasiadas solicitudes pendientes y no recibe más por ahora. Intente más tarde.",
			"The ventanilla has too many pending requests and takes no more for now. Try again later."},
		Message{CodeContrasenaCA,
			"La llave %q de la CA está cifrada y la contraseña falta o no es correcta. Dé la que eligió para ella en refca init, con %s ARCHIVO (o - para la entrada estándar) o cuando refca la pida en la terminal.",
			"The CA key %q is encrypted and its password is missing or wrong. Give the one chosen for it at refca init, with %s FILE (or - for standard input) or when refca asks in the terminal."},
		Message{CodeContrasenaCACorta,
			"La contraseña de %s debe tener al menos 12 caracteres: cifra la llave de la CA.",
			"The password of %s must have at least 12 characters: it encrypts the CA's key."},
		Message{CodeAuditoriaAlterada,
			"La bitácora de auditoría fue alterada: el primer eslabón roto es el registro %d.",
			"The audit log was tampered with: the first broken link is record %d."},
	)
}
