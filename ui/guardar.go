package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
)

// guardarComo asks where to save a file: its name (nombre suggested, made
// free of existing files) and its folder, in a dialog titled as a save.
// escribir writes it at the chosen path and calls listo with the result,
// on the UI goroutine. A name taken meanwhile keeps the dialog open with a
// free name suggested; once saved, the full path is shown.
//
// Fyne's own save dialog is not used: it creates (or truncates) the file
// it returns before the app writes, and a file must never be replaced.
func guardarComo(e *Entorno, nombre string, escribir func(ruta string, listo func(error))) {
	carpeta := binding.NewString()
	carpeta.Set(carpetaSugerida())
	dir, _ := carpeta.Get()
	archivo := widget.NewEntry()
	archivo.SetText(tramite.NombreLibre(dir, nombre))
	ruta := widget.NewEntryWithData(carpeta)
	elegir := widget.NewButton(lang.L("Elegir carpeta..."), func() { elegirCarpeta(e, carpeta) })
	problema := parrafo("")
	problema.Importance = widget.DangerImportance
	problema.Hide()
	contenido := container.NewVBox(
		container.New(layoutFormulario(),
			widget.NewLabel(lang.L("Nombre del archivo")), archivo,
			widget.NewLabel(lang.L("Carpeta")), container.NewBorder(nil, nil, nil, elegir, ruta)),
		problema)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(lang.L("Guardar como"), lang.L("Guardar"), lang.L("Cancelar"), contenido, func(ok bool) {
		if !ok {
			return
		}
		dir, _ := carpeta.Get()
		n := strings.TrimSpace(archivo.Text)
		if n == "" {
			n = nombre
		}
		destino := filepath.Join(strings.TrimSpace(dir), filepath.Base(n))
		escribir(destino, func(err error) {
			if err == nil {
				e.MostrarAviso(lang.L("Guardar como"), lang.L("Se guardó {{.Ruta}}", map[string]any{"Ruta": destino}))
				return
			}
			if msg.CodeOf(err) != msg.CodeArchivoExiste && msg.CodeOf(err) != msg.CodeArchivoExisteSugerido {
				e.MostrarError(err)
				return
			}
			// The dialog closed itself: show it again with a free name.
			libre := tramite.NombreLibre(filepath.Dir(destino), filepath.Base(destino))
			archivo.SetText(libre)
			problema.SetText(msg.New(msg.CodeArchivoExisteSugerido, libre).Mensaje(Idioma()))
			problema.Show()
			d.Show()
		})
	}, e.Ventana)
	d.Resize(fyne.NewSize(640, 260))
	d.Show()
}

// guardarCopia saves a copy of the file at origen where the user chooses
// (nombre suggested).
func guardarCopia(e *Entorno, origen, nombre string) {
	guardarComo(e, nombre, func(ruta string, listo func(error)) {
		enSegundoPlano(func() (struct{}, error) {
			data, err := credencial.Leer(origen)
			if err != nil {
				return struct{}{}, err
			}
			return struct{}{}, credencial.Escribir(ruta, data, credencial.PermPublico, false)
		}, func(_ struct{}, err error) { listo(err) })
	})
}
