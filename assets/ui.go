package assets

import (
	"embed"
	_ "embed"
)

// Traducciones holds the desktop app's texts (translations/es.json and
// en.json) for Fyne's lang package. The keys are the Spanish texts, the
// wording employers know from the IMSS screens.
//
//go:embed translations/*.json
var Traducciones embed.FS

// Icono is the application icon (FyneApp.toml points at the same file).
//
//go:embed icon.png
var Icono []byte
