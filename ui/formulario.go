package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/patron"
)

// campo is one input of a form and the line under it where its problems
// are shown, next to the field and in the field's own words.
type campo struct {
	ruta     string
	etiqueta string
	valor    binding.String
	objeto   fyne.CanvasObject
	entrada  *widget.Entry // nil for a drop-down
	mensaje  *widget.Label
	inicial  string
	tocado   bool
}

// formulario validates all its fields as the user types with a rule of
// app/patron (validar gets each field's value by its path) and keeps
// Listo false while any field has an error. Warnings are shown but do not
// block. A field's messages appear once the user has changed it, or for
// every field when the form was filled from saved progress.
type formulario struct {
	campos    []*campo
	listo     binding.Bool
	pendiente binding.String
	validar   func(valor func(ruta string) string) patron.Problemas
	todos     bool
	ultimos   patron.Problemas
}

func nuevoFormulario(validar func(valor func(string) string) patron.Problemas) *formulario {
	return &formulario{listo: binding.NewBool(), pendiente: binding.NewString(), validar: validar}
}

func (f *formulario) nuevoCampo(ruta, etiqueta, inicial string) *campo {
	c := &campo{ruta: ruta, etiqueta: etiqueta, valor: binding.NewString(), inicial: inicial}
	c.valor.Set(inicial)
	c.mensaje = widget.NewLabel("")
	c.mensaje.Wrapping = fyne.TextWrapWord
	c.mensaje.Hide()
	c.valor.AddListener(binding.NewDataListener(func() {
		if v, _ := c.valor.Get(); v != c.inicial {
			c.tocado = true
		}
		f.revisar()
	}))
	f.campos = append(f.campos, c)
	return c
}

// texto adds a one-line entry.
func (f *formulario) texto(ruta, etiqueta, ejemplo, inicial string) *campo {
	c := f.nuevoCampo(ruta, etiqueta, inicial)
	c.entrada = widget.NewEntryWithData(c.valor)
	c.entrada.SetPlaceHolder(ejemplo)
	c.objeto = c.entrada
	return c
}

// secreto adds a password entry.
func (f *formulario) secreto(ruta, etiqueta string) *campo {
	c := f.nuevoCampo(ruta, etiqueta, "")
	c.entrada = widget.NewPasswordEntry()
	c.entrada.Bind(c.valor)
	c.objeto = c.entrada
	return c
}

// opciones adds a drop-down.
func (f *formulario) opciones(ruta, etiqueta string, ops []string, inicial string) *campo {
	c := f.nuevoCampo(ruta, etiqueta, inicial)
	s := widget.NewSelectWithData(ops, c.valor)
	s.PlaceHolder = lang.L("(Seleccione)")
	c.objeto = s
	return c
}

// archivo adds an entry for a path with an Examinar... button that opens
// a save dialog (guardar) or an open dialog, filtered by extension.
func (f *formulario) archivo(e *Entorno, ruta, etiqueta, inicial, ext string, guardar bool) *campo {
	c := f.texto(ruta, etiqueta, "", inicial)
	b := widget.NewButton(lang.L("Examinar..."), func() { elegirArchivo(e, c.valor, ext, guardar) })
	c.objeto = container.NewBorder(nil, nil, nil, b, c.entrada)
	return c
}

func (f *formulario) campo(ruta string) *campo {
	for _, c := range f.campos {
		if c.ruta == ruta {
			return c
		}
	}
	return nil
}

func (f *formulario) valor(ruta string) string {
	if c := f.campo(ruta); c != nil {
		v, _ := c.valor.Get()
		return v
	}
	return ""
}

// mostrarTodo shows every field's messages (a form filled from saved data).
func (f *formulario) mostrarTodo() {
	f.todos = true
	f.revisar()
}

// revisar validates the whole form and updates every message and Listo.
func (f *formulario) revisar() {
	ps := f.validar(f.valor)
	f.ultimos = ps
	errores := 0
	for _, c := range f.campos {
		propios := ps.De(c.ruta)
		for _, p := range propios {
			if !p.Aviso {
				errores++
				break
			}
		}
		if len(propios) == 0 || !(c.tocado || f.todos) {
			c.mensaje.SetText("")
			c.mensaje.Hide()
			continue
		}
		textos := make([]string, len(propios))
		for i, p := range propios {
			textos[i] = p.Texto(Idioma())
		}
		c.mensaje.SetText(strings.Join(textos, "\n"))
		if propios.HayErrores() {
			c.mensaje.Importance = widget.DangerImportance
		} else {
			c.mensaje.Importance = widget.WarningImportance
		}
		c.mensaje.Show()
		c.mensaje.Refresh()
	}
	f.listo.Set(errores == 0)
	switch {
	case errores == 0:
		f.pendiente.Set("")
	case errores == 1:
		f.pendiente.Set(lang.L("Falta 1 dato por capturar o corregir."))
	default:
		f.pendiente.Set(lang.L("Faltan {{.N}} datos por capturar o corregir.", map[string]any{"N": errores}))
	}
}

// filas lays out the given fields as label | input-and-message rows.
func (f *formulario) filas(rutas ...string) fyne.CanvasObject {
	g := container.New(layout.NewFormLayout())
	for _, r := range rutas {
		c := f.campo(r)
		if c == nil {
			continue
		}
		l := widget.NewLabel(c.etiqueta)
		l.Alignment = fyne.TextAlignTrailing
		g.Add(l)
		g.Add(container.NewVBox(c.objeto, c.mensaje))
	}
	return g
}

// seccion is a titled group of rows.
func seccion(titulo string, contenido ...fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(titulo, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Importance = widget.HighImportance
	return container.NewVBox(append([]fyne.CanvasObject{t, widget.NewSeparator()}, contenido...)...)
}

// parrafo is a wrapping label.
func parrafo(texto string) *widget.Label {
	l := widget.NewLabel(texto)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// elegirArchivo lets the user pick a path into v. For a file to be
// created (guardar) it asks for the folder only and keeps the name typed:
// Fyne's save dialog creates, or after one question truncates, the file
// it returns, and a .key or .pfx must never be truncated.
func elegirArchivo(e *Entorno, v binding.String, ext string, guardar bool) {
	actual, _ := v.Get()
	if guardar {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if u != nil {
				v.Set(filepath.Join(u.Path(), filepath.Base(actual)))
			}
		}, e.Ventana)
		ubicar(d, actual)
		d.Resize(fyne.NewSize(760, 520))
		d.Show()
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if r != nil {
			r.Close()
			v.Set(r.URI().Path())
		}
	}, e.Ventana)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter(strings.Split(ext, ",")))
	}
	ubicar(d, actual)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

func ubicar(d *dialog.FileDialog, actual string) {
	if actual == "" {
		return
	}
	if u, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(actual))); err == nil {
		d.SetLocation(u)
	}
}

// elegirCarpeta opens the folder dialog and puts the chosen path in v.
func elegirCarpeta(e *Entorno, v binding.String) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if u != nil {
			v.Set(u.Path())
		}
	}, e.Ventana)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
