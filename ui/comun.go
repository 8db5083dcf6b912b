package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
)

func layoutFormulario() fyne.Layout { return layout.NewFormLayout() }

func negrita(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// filaRevision is a label and its value in bold, as the IMSS review page.
func filaRevision(etiqueta, valor string) fyne.CanvasObject {
	l := widget.NewLabel(etiqueta)
	l.Alignment = fyne.TextAlignTrailing
	return container.New(layout.NewFormLayout(), l, negrita(valor))
}

// carpetaSugerida is where new files are offered: Documentos (or
// Documents) in the user's home when it exists, else the home.
func carpetaSugerida() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	for _, d := range []string{"Documentos", "Documents"} {
		if st, err := os.Stat(filepath.Join(home, d)); err == nil && st.IsDir() {
			return filepath.Join(home, d)
		}
	}
	return home
}

// fechaLarga writes a YYYY-MM-DD date in words with its weekday
// ("viernes 13 de marzo de 2026"), in the current language.
func fechaLarga(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	if Idioma() == msg.EN {
		return t.Format("Monday, January 2, 2006")
	}
	dias := []string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}
	meses := []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
	return fmt.Sprintf("%s %d de %s de %d", dias[t.Weekday()], t.Day(), meses[t.Month()-1], t.Year())
}

// urlArchivo is the file: URL of an absolute path. A Windows path
// (C:\Users\José Pérez\carta.pdf) needs a slash before the drive letter,
// file:///C:/Users/Jos%C3%A9%20P%C3%A9rez/carta.pdf, or the drive is read
// as a host name and Windows's default viewer is never asked.
func urlArchivo(p string) *url.URL {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// abrirArchivo opens path with the system's viewer and reports whether it
// did. When the file is there but nothing opens it, the user is told there
// is no viewer (and to use Guardar como), not that the file is missing.
func abrirArchivo(e *Entorno, path string) bool {
	abrir := e.Abrir
	if abrir == nil {
		abrir = func(p string) error {
			return e.App.OpenURL(urlArchivo(p))
		}
	}
	err := abrir(path)
	if err == nil {
		return true
	}
	if _, serr := os.Stat(path); serr == nil {
		e.MostrarError(msg.Wrap(err, msg.CodeVisorPDFNoDisponible))
	} else {
		e.MostrarError(msg.Wrap(serr, msg.CodeArchivoNoLeido, path))
	}
	return false
}

// botonesCarta offers Ver carta (its pages inside the app, whether or not
// the computer has a PDF viewer), Abrir (in the system's viewer), Guardar
// como... and Imprimir for a letter kept at path.
func botonesCarta(e *Entorno, path, nombre string) fyne.CanvasObject {
	if path == "" {
		return parrafo(lang.L("La carta no está disponible en este equipo."))
	}
	ver := widget.NewButtonWithIcon(lang.L("Ver carta"), theme.VisibilityIcon(), func() { mostrarCarta(e, path, nombre) })
	ver.Importance = widget.HighImportance
	abrir := widget.NewButtonWithIcon(lang.L("Abrir carta"), theme.FileIcon(), func() { abrirArchivo(e, path) })
	guardar := widget.NewButtonWithIcon(lang.L("Guardar como..."), theme.DocumentSaveIcon(), func() { guardarCopia(e, path, nombre) })
	imprimir := widget.NewButtonWithIcon(lang.L("Imprimir"), theme.DocumentPrintIcon(), func() {
		if !abrirArchivo(e, path) {
			return
		}
		e.MostrarAviso(lang.L("Imprimir"), lang.L("La carta se abrió en su visor de PDF; imprímala desde ahí (Archivo > Imprimir)."))
	})
	return container.NewHBox(ver, abrir, guardar, imprimir)
}

// confirmarEscrito asks the user to type palabra before running si: the
// confirmation of an action that cannot be undone.
func confirmarEscrito(e *Entorno, titulo, texto, palabra string, si func()) {
	entrada := widget.NewEntry()
	entrada.SetPlaceHolder(palabra)
	// A hint until the user types; red only once what is typed can no
	// longer become the word. Confirmar waits for the exact word, so a
	// wrong word never closes the dialog.
	aviso := parrafo(msg.New(msg.CodeUIConfirmacionTexto, palabra).Mensaje(Idioma()))
	aviso.Importance = widget.LowImportance
	var d *dialog.CustomDialog
	confirmar := widget.NewButtonWithIcon(lang.L("Confirmar"), theme.ConfirmIcon(), func() {
		if entrada.Text != palabra {
			return
		}
		d.Hide()
		si()
	})
	confirmar.Importance = widget.DangerImportance
	confirmar.Disable()
	entrada.OnChanged = func(s string) {
		switch {
		case s == palabra:
			confirmar.Enable()
			aviso.Importance = widget.LowImportance
		case strings.HasPrefix(palabra, strings.ToUpper(s)):
			confirmar.Disable()
			aviso.Importance = widget.LowImportance
		default:
			confirmar.Disable()
			aviso.Importance = widget.DangerImportance
		}
		aviso.Refresh()
	}
	entrada.OnSubmitted = func(string) { confirmar.OnTapped() }
	cancelar := widget.NewButton(lang.L("Cancelar"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(titulo, container.NewVBox(parrafo(texto), aviso, entrada), e.Ventana)
	d.SetButtons([]fyne.CanvasObject{cancelar, confirmar})
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}
