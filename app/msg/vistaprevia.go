package msg

// Codes of the letter preview (package app/vistaprevia): the app shows a
// PDF inside its own window, so when it cannot the user is told how to see
// the letter another way.
const (
	CodeVistaPreviaNoDisponible = "VISTA_PREVIA_NO_DISPONIBLE"
	CodeVistaPreviaPDFDanado    = "VISTA_PREVIA_PDF_DANADO"
	CodeVistaPreviaPDFGrande    = "VISTA_PREVIA_PDF_GRANDE"
	CodeVistaPreviaPDFProtegido = "VISTA_PREVIA_PDF_PROTEGIDO"
)

func init() {
	register(
		Message{CodeVistaPreviaNoDisponible,
			"No se pudo mostrar la carta en la aplicación. Use «Guardar como...» y ábrala con otro programa.",
			"The letter could not be shown in the app. Use «Save as...» and open it with another program."},
		Message{CodeVistaPreviaPDFDanado,
			"El archivo no es un PDF válido o está dañado, y no se puede mostrar.",
			"The file is not a valid PDF or is damaged, and cannot be shown."},
		Message{CodeVistaPreviaPDFGrande,
			"El archivo es demasiado grande para mostrarlo en la aplicación (%d MB como máximo). Use «Guardar como...» y ábralo con otro programa.",
			"The file is too large to show in the app (%d MB at most). Use «Save as...» and open it with another program."},
		Message{CodeVistaPreviaPDFProtegido,
			"El PDF está protegido con contraseña y la aplicación no lo puede mostrar. Ábralo con otro programa.",
			"The PDF is protected with a password and the app cannot show it. Open it with another program."},
	)
}
