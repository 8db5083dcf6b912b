package msg

// Codes of signing and verifying letters (PDF).
const (
	CodePDFInvalido       = "PDF_INVALIDO"
	CodePDFGrande         = "PDF_GRANDE"
	CodePDFCifrado        = "PDF_CIFRADO"
	CodePDFSinFirmas      = "PDF_SIN_FIRMAS"
	CodeFirmaNoValida     = "FIRMA_NO_VALIDA"
	CodeCadenaNoConfiable = "CADENA_NO_CONFIABLE"
	CodeTipoCarta         = "TIPO_CARTA"

	// Reasons a signature is not valid, the second value of
	// CodeFirmaNoValida.
	CodeMotivoFirmaAjena     = "MOTIVO_FIRMA_AJENA"
	CodeMotivoModificado     = "MOTIVO_DOCUMENTO_MODIFICADO"
	CodeMotivoSinCertificado = "MOTIVO_SIN_CERTIFICADO"
	CodeMotivoRangoInvalido  = "MOTIVO_RANGO_INVALIDO"
	CodeMotivoFirmaDanada    = "MOTIVO_FIRMA_DANADA"
	CodeMotivoRevocado       = "MOTIVO_CERTIFICADO_REVOCADO"
	CodeMotivoSelloInvalido  = "MOTIVO_SELLO_INVALIDO"

	// Time stamps (PAdES B-T).
	CodeSinSelloTiempo      = "SIN_SELLO_TIEMPO"
	CodeNotaAntesRevocacion = "NOTA_ANTES_REVOCACION"
	CodeSinDatosValidacion  = "SIN_DATOS_VALIDACION"
	CodeSinSelloDocumento   = "SIN_SELLO_DOCUMENTO"
)

func init() {
	register(
		Message{CodePDFInvalido,
			"El archivo %q no es un PDF o está dañado. Elija la carta que descargó.",
			"The file %q is not a PDF or is damaged. Choose the letter you downloaded."},
		Message{CodePDFGrande,
			"El archivo %q es demasiado grande para ser una carta.",
			"The file %q is too large to be a letter."},
		Message{CodePDFCifrado,
			"El archivo %q está protegido con contraseña y no se puede firmar. Use la carta original.",
			"The file %q is password-protected and cannot be signed. Use the original letter."},
		Message{CodePDFSinFirmas,
			"El archivo %q no tiene firmas electrónicas.",
			"The file %q has no electronic signatures."},
		Message{CodeFirmaNoValida,
			"La firma %q no es válida: %s. No confíe en este documento.",
			"Signature %q is not valid: %s. Do not trust this document."},
		Message{CodeCadenaNoConfiable,
			"La firma %q es íntegra, pero su certificado no proviene de una autoridad de confianza.",
			"Signature %q is intact, but its certificate does not come from a trusted authority."},
		Message{CodeTipoCarta,
			"Tipo de carta desconocido %q. Use terminos, renovacion, terminos-renovacion o constancia.",
			"Unknown letter type %q. Use terminos, renovacion, terminos-renovacion or constancia."},
		Message{CodeMotivoFirmaAjena,
			"la firma no corresponde al certificado",
			"the signature does not match the certificate"},
		Message{CodeMotivoModificado,
			"el documento fue modificado después de firmarse",
			"the document was changed after it was signed"},
		Message{CodeMotivoSinCertificado,
			"el certificado del firmante no viene en la firma",
			"the signer's certificate is not in the signature"},
		Message{CodeMotivoRangoInvalido,
			"la parte firmada del documento no es válida",
			"the signed part of the document is not valid"},
		Message{CodeMotivoFirmaDanada,
			"la firma está dañada o usa un algoritmo no admitido",
			"the signature is damaged or uses an unsupported algorithm"},
		Message{CodeMotivoRevocado,
			"el certificado del firmante fue revocado el %s y nada prueba que la firma sea anterior",
			"the signer's certificate was revoked on %s and nothing proves the signature came first"},
		Message{CodeMotivoSelloInvalido,
			"su sello de tiempo no es válido o no proviene de una autoridad de confianza",
			"its time stamp is not valid or does not come from a trusted authority"},
		Message{CodeSinSelloTiempo,
			"La carta se firmó sin sello de tiempo (nivel B-B): la autoridad de sellado %q no respondió. La firma es válida, pero no prueba cuándo se hizo: si su certificado se revoca o vence, podría dejar de aceptarse.",
			"The letter was signed without a time stamp (level B-B): the time-stamp authority %q did not answer. The signature is valid, but does not prove when it was made: once your certificate is revoked or expires, it may no longer be accepted."},
		Message{CodeSinDatosValidacion,
			"La carta se firmó con sello de tiempo (nivel B-T), pero sin los datos de validación (nivel B-LT): no se pudo obtener la lista de revocación. Quien la reciba tendrá que consultarla.",
			"The letter was signed with a time stamp (level B-T), but without validation data (level B-LT): the revocation list could not be fetched. Whoever receives it will have to look it up."},
		Message{CodeSinSelloDocumento,
			"La carta se firmó con sello de tiempo y datos de validación (nivel B-LT), pero sin sello de documento (nivel B-LTA): la autoridad de sellado %q no respondió.",
			"The letter was signed with a time stamp and validation data (level B-LT), but without a document time stamp (level B-LTA): the time-stamp authority %q did not answer."},
		Message{CodeNotaAntesRevocacion,
			"firmada antes de la revocación del certificado (%s), según su sello de tiempo",
			"signed before the certificate was revoked (%s), as its time stamp proves"},
	)
}
