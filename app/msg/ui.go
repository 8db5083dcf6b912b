package msg

// Codes of the desktop app's own checks (package ui): where files go and
// what the user must type to confirm.
const (
	CodeUILlaveExiste       = "UI_LLAVE_EXISTE"
	CodeUICarpetaNoExiste   = "UI_CARPETA_NO_EXISTE"
	CodeUIExtensionKey      = "UI_EXTENSION_KEY"
	CodeUIExtensionPFX      = "UI_EXTENSION_PFX"
	CodeUIPFXIgualAnterior  = "UI_PFX_IGUAL_ANTERIOR"
	CodeUIConfirmacionTexto = "UI_CONFIRMACION_TEXTO"
	CodeUIArchivoNoExiste   = "UI_ARCHIVO_NO_EXISTE"
	CodeUIVerificacionUSB   = "UI_VERIFICACION_USB"
	CodeUIServidorURL       = "UI_SERVIDOR_URL"
	CodeUILlaveCambiada     = "UI_LLAVE_CAMBIADA"
	CodeUISinUnidades       = "UI_SIN_UNIDADES"
)

func init() {
	register(
		Message{CodeUILlaveExiste,
			"Ya existe un archivo con ese nombre. Elija otro: la aplicación nunca reemplaza una llave privada ni un certificado.",
			"A file with that name already exists. Choose another: the app never replaces a private key or a certificate."},
		Message{CodeUICarpetaNoExiste,
			"La carpeta no existe. Elija una carpeta existente con el botón Examinar.",
			"The folder does not exist. Choose an existing folder with the Browse button."},
		Message{CodeUIExtensionKey,
			"El nombre del archivo de la llave privada debe terminar en .key.",
			"The private key's file name must end in .key."},
		Message{CodeUIExtensionPFX,
			"El nombre del archivo del certificado debe terminar en .pfx.",
			"The certificate's file name must end in .pfx."},
		Message{CodeUIPFXIgualAnterior,
			"Elija un nombre distinto al de su certificado anterior, para no confundirlos.",
			"Choose a name different from your previous certificate's, so they are not confused."},
		Message{CodeUIConfirmacionTexto,
			"Escriba exactamente %s para confirmar.",
			"Type exactly %s to confirm."},
		Message{CodeUIArchivoNoExiste,
			"No se encontró el archivo. Elíjalo con el botón Examinar.",
			"The file was not found. Choose it with the Browse button."},
		Message{CodeUIVerificacionUSB,
			"El archivo leído de la unidad no es igual al escrito. Use otra unidad o carpeta y vuelva a escribirlo.",
			"The file read back from the drive differs from the one written. Use another drive or folder and write it again."},
		Message{CodeUIServidorURL,
			"La dirección del servidor debe empezar con https:// (por ejemplo, https://refca.ejemplo.mx:8443).",
			"The server address must start with https:// (for example, https://refca.example.mx:8443)."},
		Message{CodeUILlaveCambiada,
			"La llave privada %q ya no es la que generó este trámite (el archivo cambió o se movió). Elija la llave correcta.",
			"The private key %q is no longer the one this procedure made (the file changed or moved). Choose the right key."},
		Message{CodeUISinUnidades,
			"No se encontró ninguna unidad USB conectada. Conecte la del patrón o elija una carpeta.",
			"No USB drive was found. Plug in the employer's drive or choose a folder."},
	)
}
