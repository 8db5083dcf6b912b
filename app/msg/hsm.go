package msg

// Codes of the issuing CA's key in a PKCS#11 token (refca init|serve
// --pkcs11-module, app/hsm). No text names a PIN: only the file it was
// read from, when at all.
const (
	// CodeHSMSinSoporte: no args. refca was built with CGO_ENABLED=0.
	CodeHSMSinSoporte = "HSM_SIN_SOPORTE"
	// CodeHSMToken: 2 args (token label, module path).
	CodeHSMToken = "HSM_TOKEN"
	// CodeHSMPIN: 2 args (token label, the PIN flag).
	CodeHSMPIN = "HSM_PIN"
	// CodeHSMLlaveNoEncontrada: 3 args (token label, key label, key id).
	CodeHSMLlaveNoEncontrada = "HSM_LLAVE_NO_ENCONTRADA"
	// CodeHSMGenerar: 1 arg (token label).
	CodeHSMGenerar = "HSM_GENERAR"
	// CodeHSMExtraible: 1 arg (token label).
	CodeHSMExtraible = "HSM_EXTRAIBLE"
	// CodeHSMLlaveDistinta: 2 args (key label, the issuing CA's file).
	CodeHSMLlaveDistinta = "HSM_LLAVE_DISTINTA"
	// CodeHSMRequerido: 2 args (data directory, token label).
	CodeHSMRequerido = "HSM_REQUERIDO"
	// CodeHSMNoUsado: 1 arg (data directory).
	CodeHSMNoUsado = "HSM_NO_USADO"
	// CodeHSMOpciones: no args. One of --pkcs11-module and --pkcs11-token
	// without the other.
	CodeHSMOpciones = "HSM_OPCIONES"
)

func init() {
	register(
		Message{CodeHSMSinSoporte,
			"Este refca se compiló sin soporte PKCS#11 (hace falta CGO_ENABLED=1): no puede usar una llave en un token. Use el refca del paquete .deb o compílelo con CGO_ENABLED=1.",
			"This refca was built without PKCS#11 support (CGO_ENABLED=1 needed): it cannot use a key in a token. Use the refca of the .deb package or build it with CGO_ENABLED=1."},
		Message{CodeHSMToken,
			"No se pudo abrir el token PKCS#11 %q con el módulo %q. Revise la ruta del módulo (--pkcs11-module) y la etiqueta del token (--pkcs11-token).",
			"Could not open the PKCS#11 token %q with the module %q. Check the module's path (--pkcs11-module) and the token's label (--pkcs11-token)."},
		Message{CodeHSMPIN,
			"El token PKCS#11 %q no aceptó el PIN. Dé el PIN de usuario del token con %s ARCHIVO (o - para la entrada estándar) o cuando refca lo pida en la terminal.",
			"The PKCS#11 token %q did not accept the PIN. Give the token's user PIN with %s FILE (or - for standard input) or when refca asks in the terminal."},
		Message{CodeHSMLlaveNoEncontrada,
			"El token PKCS#11 %q no tiene la llave de la CA emisora (etiqueta %q, CKA_ID %s). Use el token en el que refca init la generó.",
			"The PKCS#11 token %q does not hold the issuing CA's key (label %q, CKA_ID %s). Use the token where refca init generated it."},
		Message{CodeHSMGenerar,
			"El token PKCS#11 %q no pudo generar la llave RSA de la CA emisora. Revise que admita llaves RSA de 3072 bits y que tenga espacio libre.",
			"The PKCS#11 token %q could not generate the issuing CA's RSA key. Check that it supports 3072-bit RSA keys and has free space."},
		Message{CodeHSMExtraible,
			"El token PKCS#11 %q no informa la llave que generó como sensible y no extraíble, así que refca la borró. Use un token que respete CKA_SENSITIVE y CKA_EXTRACTABLE.",
			"The PKCS#11 token %q does not report the key it generated as sensitive and not extractable, so refca deleted it. Use a token that honours CKA_SENSITIVE and CKA_EXTRACTABLE."},
		Message{CodeHSMLlaveDistinta,
			"La llave %q del token no es la del certificado de la CA emisora %q.",
			"The token's key %q is not the key of the issuing CA certificate %q."},
		Message{CodeHSMRequerido,
			"La llave de la CA emisora de %q está en el token PKCS#11 %q. Inicie refca con --pkcs11-module MÓDULO, --pkcs11-token ETIQUETA y --pkcs11-pin-file ARCHIVO.",
			"The issuing CA's key of %q is in the PKCS#11 token %q. Start refca with --pkcs11-module MODULE, --pkcs11-token LABEL and --pkcs11-pin-file FILE."},
		Message{CodeHSMNoUsado,
			"La llave de la CA emisora de %q es un archivo del directorio de datos, no una llave en un token: inicie refca sin --pkcs11-module, --pkcs11-token ni --pkcs11-pin-file.",
			"The issuing CA's key of %q is a file in the data directory, not a key in a token: start refca without --pkcs11-module, --pkcs11-token or --pkcs11-pin-file."},
		Message{CodeHSMOpciones,
			"Para usar un token PKCS#11 dé juntas --pkcs11-module y --pkcs11-token (y el PIN con --pkcs11-pin-file o en la terminal).",
			"To use a PKCS#11 token give --pkcs11-module and --pkcs11-token together (and the PIN with --pkcs11-pin-file or in the terminal)."},
	)
}
