package msg

// Codes shared by every front end (files, terminals, passwords).
const (
	CodeArchivoContrasena    = "ARCHIVO_CONTRASENA"
	CodeSinTerminal          = "SIN_TERMINAL"
	CodeContrasenasDistintas = "CONTRASENAS_DISTINTAS"
	CodeArchivoNoLeido       = "ARCHIVO_NO_LEIDO"
	CodeArchivoExiste        = "ARCHIVO_EXISTE"
	CodeArchivoNoEscrito     = "ARCHIVO_NO_ESCRITO"
	CodeDatosInvalidos       = "DATOS_INVALIDOS"

	// Reasons a JSON document (a data file, a request's body) is refused,
	// the value of CodeDatosInvalidos or CodePeticionInvalida. Between the
	// CA and its clients a reason travels as its code, so only reasons
	// without values are used there.
	CodeMotivoCuerpoIlegible = "MOTIVO_CUERPO_ILEGIBLE"
	CodeMotivoNoEsObjeto     = "MOTIVO_JSON_NO_OBJETO"
	CodeMotivoJSONInvalido   = "MOTIVO_JSON_INVALIDO"
	CodeMotivoJSONSobrante   = "MOTIVO_JSON_SOBRANTE"
	CodeMotivoTextoLargo     = "MOTIVO_TEXTO_LARGO"
	CodeMotivoJSONSintaxis   = "MOTIVO_JSON_SINTAXIS"
	CodeMotivoCampoExtra     = "MOTIVO_JSON_CAMPO_DESCONOCIDO"
	CodeMotivoCampoTipo      = "MOTIVO_JSON_CAMPO_TIPO"
	CodeMotivoCartaFaltan    = "MOTIVO_CARTA_FALTAN"
	CodeMotivoCartaDatos     = "MOTIVO_CARTA_DATOS"
)

func init() {
	register(
		Message{CodeArchivoContrasena,
			"No se pudo leer el archivo de contraseña %q. Verifique la ruta y los permisos.",
			"Could not read the password file %q. Check the path and its permissions."},
		Message{CodeSinTerminal,
			"No hay una terminal para pedir la contraseña. Use --password-file ARCHIVO (o - para la entrada estándar).",
			"There is no terminal to ask for the password. Use --password-file FILE (or - for standard input)."},
		Message{CodeContrasenasDistintas,
			"La contraseña y su confirmación no coinciden. Escríbalas de nuevo.",
			"The password and its confirmation do not match. Type them again."},
		Message{CodeArchivoNoLeido,
			"No se pudo leer el archivo %q. Verifique que exista y que tenga permiso para leerlo.",
			"Could not read the file %q. Check that it exists and that you may read it."},
		Message{CodeArchivoExiste,
			"El archivo %q ya existe y no se sobrescribió. Elija otro nombre o use --force para reemplazarlo.",
			"The file %q already exists and was not overwritten. Choose another name or use --force to replace it."},
		Message{CodeArchivoNoEscrito,
			"No se pudo guardar el archivo %q. Verifique que la carpeta exista y que tenga permiso de escritura.",
			"Could not save the file %q. Check that the folder exists and that you may write to it."},
		Message{CodeDatosInvalidos,
			"El archivo de datos %q no es válido: %s. Corríjalo e intente de nuevo.",
			"The data file %q is not valid: %s. Fix it and try again."},
		Message{CodeMotivoCuerpoIlegible,
			"no se pudo leer su contenido",
			"its content could not be read"},
		Message{CodeMotivoNoEsObjeto,
			"se esperaba un objeto JSON",
			"a JSON object was expected"},
		Message{CodeMotivoJSONInvalido,
			"no es JSON válido o tiene un campo desconocido",
			"it is not valid JSON or it has an unknown field"},
		Message{CodeMotivoJSONSobrante,
			"hay datos después del objeto JSON",
			"there is data after the JSON object"},
		Message{CodeMotivoTextoLargo,
			"un texto es demasiado largo",
			"a text is too long"},
		Message{CodeMotivoJSONSintaxis,
			"no es JSON válido (revise cerca del carácter %d)",
			"it is not valid JSON (check near character %d)"},
		Message{CodeMotivoCampoExtra,
			"el campo %q no se reconoce",
			"the field %q is not recognised"},
		Message{CodeMotivoCartaFaltan,
			"faltan datos para la carta (%s)",
			"the letter is missing data (%s)"},
		Message{CodeMotivoCartaDatos,
			"con estos datos no se puede generar la carta",
			"the letter cannot be made from these data"},
		Message{CodeMotivoCampoTipo,
			"el campo %q no tiene el tipo de valor esperado",
			"the field %q does not have the expected kind of value"},
	)
}

var labels = map[string][2]string{
	"contrasena":       {"Contraseña", "Password"},
	"confirme":         {"Confirme la contraseña", "Confirm the password"},
	"contrasena_nueva": {"Contraseña nueva", "New password"},
}

// Label returns a short UI label in lang (the key itself if unknown).
func Label(key string, lang Lang) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == EN {
		return l[1]
	}
	return l[0]
}
