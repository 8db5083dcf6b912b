package msg

// Codes of the credential files (.key, .req, .cer, .pfx).
const (
	CodeLlaveDanada     = "LLAVE_DANADA"
	CodeLlaveNoRSA      = "LLAVE_NO_RSA"
	CodeLlaveAjena      = "LLAVE_AJENA"
	CodeLlaveTamano     = "LLAVE_TAMANO"
	CodeCertDanado      = "CERTIFICADO_DANADO"
	CodePFXDanado       = "PFX_DANADO"
	CodeReqDanado       = "REQUERIMIENTO_DANADO"
	CodeTipoDesconocido = "TIPO_DESCONOCIDO"
	CodeContrasenaVacia = "CONTRASENA_VACIA"
	CodeLlaveCifrado    = "LLAVE_CIFRADO_NO_SOPORTADO"
	CodeLlaveCosto      = "LLAVE_COSTO_EXCESIVO"
)

func init() {
	register(
		Message{CodeLlaveDanada,
			"El archivo %q no es una llave privada o está dañado. Elija el archivo .key que generó al hacer su solicitud.",
			"The file %q is not a private key or is damaged. Choose the .key file you made with your request."},
		Message{CodeLlaveNoRSA,
			"La llave privada de %q no es RSA; el Certificado Digital del IMSS usa llaves RSA.",
			"The private key in %q is not RSA; the IMSS digital certificate uses RSA keys."},
		Message{CodeLlaveAjena,
			"La llave privada no pertenece a este certificado. Elija el archivo .key que generó al solicitar este certificado.",
			"The private key does not belong to this certificate. Choose the .key file you made when you requested this certificate."},
		Message{CodeLlaveTamano,
			"El tamaño de llave %d no está permitido. Use 2048, 3072 o 4096 bits.",
			"Key size %d is not allowed. Use 2048, 3072 or 4096 bits."},
		Message{CodeCertDanado,
			"El archivo %q no es un certificado o está dañado. Elija el archivo .cer que le entregó el IMSS.",
			"The file %q is not a certificate or is damaged. Choose the .cer file IMSS gave you."},
		Message{CodePFXDanado,
			"El archivo %q no es un archivo .pfx o está dañado. Elija el .pfx que generó con su certificado.",
			"The file %q is not a .pfx file or is damaged. Choose the .pfx you built with your certificate."},
		Message{CodeReqDanado,
			"El archivo %q no es un requerimiento (.req) válido o está dañado.",
			"The file %q is not a valid certificate request (.req) or is damaged."},
		Message{CodeTipoDesconocido,
			"No se reconoce el archivo %q: no es una llave (.key), requerimiento (.req), certificado (.cer) ni archivo .pfx.",
			"The file %q is not recognised: it is not a key (.key), request (.req), certificate (.cer) or .pfx file."},
		Message{CodeLlaveCifrado,
			"Cifrado %s no soportado: la llave privada %q está protegida de una forma que esta aplicación no abre. Conviértala con OpenSSL, por ejemplo: openssl pkcs8 -topk8 -v2 aes-256-cbc -in VIEJA.key -out NUEVA.key",
			"Cipher %s not supported: the private key %q is protected in a way this application does not open. Convert it with OpenSSL, for example: openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD.key -out NEW.key"},
		Message{CodeLlaveCosto,
			"La llave privada %q pide un costo de derivación de contraseña excesivo (%s %s; el máximo es %s). No se abre, para no bloquear el equipo con un archivo de origen desconocido; si es suya, conviértala con OpenSSL a los valores normales (openssl pkcs8 -topk8 -v2 aes-256-cbc).",
			"The private key %q asks for an excessive password derivation cost (%s %s; the maximum is %s). It is not opened, so that a file of unknown origin cannot freeze the computer; if it is yours, convert it with OpenSSL to the usual values (openssl pkcs8 -topk8 -v2 aes-256-cbc)."},
		Message{CodeContrasenaVacia,
			"Escriba la contraseña de la llave privada.",
			"Type the private key's password."},
	)
}
