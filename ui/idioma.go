package ui

import (
	"encoding/json"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/assets"
)

// Every text of the screens goes through lang.L with the Spanish wording
// as its key, so a missing translation still shows what IMSS users know.
// Fyne chooses a translation by the system's locale and offers no way to
// choose another; to let the user choose, the chosen file is loaded for
// Spanish, English and the system's language alike, replacing what is
// there.

var (
	idiomaMu sync.Mutex
	idioma   = msg.ES
)

// Idioma is the language the screens show, for the catalogue's messages.
func Idioma() msg.Lang {
	idiomaMu.Lock()
	defer idiomaMu.Unlock()
	return idioma
}

// UsarIdioma switches every text to l (Spanish when unknown). Screens
// built afterwards show it; the caller rebuilds the current one.
func UsarIdioma(l msg.Lang) error {
	if l != msg.EN {
		l = msg.ES
	}
	data, err := assets.Traducciones.ReadFile("translations/" + string(l) + ".json")
	if err != nil {
		return err
	}
	locales := []fyne.Locale{"es", "en"}
	if s := lang.SystemLocale().LanguageString(); s != "es" && s != "en" {
		locales = append(locales, fyne.Locale(s))
	}
	for _, loc := range locales {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			return err
		}
	}
	idiomaMu.Lock()
	idioma = l
	idiomaMu.Unlock()
	return nil
}

// traducciones returns the keys and texts of language l (for tests).
func traducciones(l msg.Lang) (map[string]any, error) {
	data, err := assets.Traducciones.ReadFile("translations/" + string(l) + ".json")
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	return m, json.Unmarshal(data, &m)
}

// textoError is the catalogue text of err in the current language.
func textoError(err error) string { return msg.Text(err, Idioma()) }
