package ui

import (
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf8"

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
	foco     fyne.Focusable
	mensaje  *widget.Label
	inicial  string
	tocado   bool
	// nueva marks a password being set: its rules are shown under it.
	nueva bool
	// err is the field's first error (nil: none) as the entry shows it:
	// the same value until the error changes, so the entry does not
	// repaint on every key.
	err      error
	validado string // the value err was computed for
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
	// faltan are the fields with an error, in the order of the form.
	faltan []*campo
	// alRevisar runs after every validation, on the same goroutine.
	alRevisar []func()
	revisando bool
	reglas    map[string]*reglasClave
	// vigilantes are told after each validation, by who they are (a
	// wizard replaces its own when it shows the step again).
	vigilantes map[any]func()
}

func nuevoFormulario(validar func(valor func(string) string) patron.Problemas) *formulario {
	f := &formulario{listo: binding.NewBool(), validar: validar}
	f.pendiente = pendienteFormulario{String: binding.NewString(), f: f}
	return f
}

// pendienteFormulario is a form's Pendiente ("Faltan 2 datos: RFC,
// CURP"); the wizard also uses it to take the user to the first of them.
type pendienteFormulario struct {
	binding.String
	f *formulario
}

func (p pendienteFormulario) irAlPrimero() bool { return p.f.irAlPrimero() }

func (p pendienteFormulario) conDatos() bool { return p.f.conDatos() }

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

// enlazarEntrada makes e show c: its value, and as its validation the
// form's verdict on the field, so the entry's ✓ appears only on a field
// without errors. Fyne's Bind would put a ✓ on any text.
func (f *formulario) enlazarEntrada(c *campo, e *widget.Entry) {
	e.Bind(c.valor)
	c.entrada, c.foco = e, e
	e.Validator = func(texto string) error {
		// The binding already holds the text typed: validate now, so the
		// mark never shows the verdict on the text before this key.
		if v, _ := c.valor.Get(); v != c.validado && !f.revisando {
			if v != c.inicial {
				c.tocado = true
			}
			f.revisar()
		}
		return c.err
	}
	c.objeto = conRueda(e)
}

// texto adds a one-line entry.
func (f *formulario) texto(ruta, etiqueta, ejemplo, inicial string) *campo {
	c := f.nuevoCampo(ruta, etiqueta, inicial)
	e := widget.NewEntry()
	e.SetPlaceHolder(ejemplo)
	f.enlazarEntrada(c, e)
	return c
}

// secreto adds a password entry. A password being set (the form also has
// patron.CampoContrasenaConfirmacion, or see contrasenaNueva) shows the
// policy's rules under it, each ticked as it is met.
func (f *formulario) secreto(ruta, etiqueta string) *campo {
	c := f.nuevoCampo(ruta, etiqueta, "")
	f.enlazarEntrada(c, widget.NewPasswordEntry())
	return c
}

// contrasenaNueva adds the entry of a password being set, with the
// policy's rules under it (reglasContrasena).
func (f *formulario) contrasenaNueva(ruta, etiqueta string) *campo {
	c := f.secreto(ruta, etiqueta)
	c.nueva = true
	return c
}

// opciones adds a drop-down.
func (f *formulario) opciones(ruta, etiqueta string, ops []string, inicial string) *campo {
	c := f.nuevoCampo(ruta, etiqueta, inicial)
	s := widget.NewSelectWithData(ops, c.valor)
	s.PlaceHolder = lang.L("(Seleccione)")
	c.objeto, c.foco = s, s
	return c
}

// archivo adds an entry for a path with an Examinar... button that opens
// a save dialog (guardar) or an open dialog, filtered by extension.
func (f *formulario) archivo(e *Entorno, ruta, etiqueta, inicial, ext string, guardar bool) *campo {
	c := f.texto(ruta, etiqueta, "", inicial)
	b := widget.NewButton(lang.L("Examinar..."), func() { elegirArchivo(e, c.valor, ext, guardar) })
	c.objeto = container.NewBorder(nil, nil, nil, b, c.objeto)
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

// revisar validates the whole form and updates every message, every
// entry's mark, Pendiente and Listo, in that order, so the wizard never
// reads a Listo newer than its Pendiente.
func (f *formulario) revisar() {
	if f.revisando {
		return
	}
	f.revisando = true
	defer func() { f.revisando = false }()
	ps := f.validar(f.valor)
	f.ultimos = ps
	f.faltan = f.faltan[:0]
	for _, c := range f.campos {
		c.validado, _ = c.valor.Get()
		propios := ps.De(c.ruta)
		f.marcar(c, propios)
		if propios.HayErrores() {
			f.faltan = append(f.faltan, c)
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
	f.pendiente.Set(textoFaltan(f.faltan))
	f.listo.Set(len(f.faltan) == 0)
	for _, g := range f.alRevisar {
		g()
	}
	for _, g := range f.vigilantes {
		g()
	}
}

// vigilar makes g run after every validation, in place of what quien
// asked before: the wizard follows the form on the same key, not after
// the binding's notification goes round the event loop.
func (f *formulario) vigilar(quien any, g func()) {
	if f.vigilantes == nil {
		f.vigilantes = map[any]func(){}
	}
	f.vigilantes[quien] = g
}

// marcar gives the field's entry its error (the first one), keeping the
// same error value while the text stays the same.
func (f *formulario) marcar(c *campo, propios patron.Problemas) {
	var texto string
	for _, p := range propios {
		if !p.Aviso {
			texto = p.Texto(Idioma())
			break
		}
	}
	switch {
	case texto == "":
		c.err = nil
	case c.err == nil || c.err.Error() != texto:
		c.err = errors.New(texto)
	}
	if c.entrada != nil {
		c.entrada.SetValidationError(c.err)
	}
}

// maxNombresFaltan is how many field names "Faltan" lists before "y N más".
const maxNombresFaltan = 3

// textoFaltan says how many fields are missing and which, by their
// labels: "Faltan 4 datos: RFC, CURP, Correo Electrónico y 1 más".
func textoFaltan(faltan []*campo) string {
	if len(faltan) == 0 {
		return ""
	}
	var nombres []string
	for i, c := range faltan {
		if i == maxNombresFaltan {
			break
		}
		nombres = append(nombres, nombreCorto(c.etiqueta))
	}
	lista := strings.Join(nombres, ", ")
	if resto := len(faltan) - len(nombres); resto > 0 {
		lista = lang.L("{{.Campos}} y {{.M}} más", map[string]any{"Campos": lista, "M": resto})
	}
	if len(faltan) == 1 {
		return lang.L("Falta 1 dato: {{.Campos}}", map[string]any{"Campos": lista})
	}
	return lang.L("Faltan {{.N}} datos: {{.Campos}}", map[string]any{"N": len(faltan), "Campos": lista})
}

// nombreCorto is a label short enough for the wizard's one-line summary:
// a long one ("Especifique el nombre y ubicación del archivo…") is cut
// at a word.
func nombreCorto(etiqueta string) string {
	const max = 32
	if utf8.RuneCountInString(etiqueta) <= max {
		return etiqueta
	}
	r := []rune(etiqueta)[:max]
	if i := strings.LastIndex(string(r), " "); i > 0 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// conDatos reports whether the user typed or changed anything.
func (f *formulario) conDatos() bool {
	for _, c := range f.campos {
		if c.tocado {
			return true
		}
	}
	return false
}

// irAlPrimero shows every field's messages, focuses the first field with
// an error and scrolls the form to it. It reports whether there was one.
func (f *formulario) irAlPrimero() bool {
	if len(f.faltan) == 0 {
		return false
	}
	f.mostrarTodo()
	if len(f.faltan) == 0 {
		return false
	}
	c := f.faltan[0]
	mostrarEnScroll(c.objeto)
	if c.foco != nil {
		if cv := fyne.CurrentApp().Driver().CanvasForObject(c.objeto); cv != nil {
			cv.Focus(c.foco)
		}
	}
	return true
}

// filas lays out the given fields as label | input-and-message rows; a
// password being set gets its rules under its message.
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
		celda := container.NewVBox(c.objeto, c.mensaje)
		if f.esContrasenaNueva(c) {
			g.Add(container.NewVBox(celda, reglasContrasena(f, c.ruta)))
			continue
		}
		g.Add(celda)
	}
	return g
}

// esContrasenaNueva tells a password being set from one that opens a
// file: marked so, or the password of a form that asks to confirm it.
func (f *formulario) esContrasenaNueva(c *campo) bool {
	return c.nueva || c.ruta == patron.CampoContrasena && f.campo(patron.CampoContrasenaConfirmacion) != nil
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
		// A save: the title says where the file will be saved.
		d.SetTitleText(lang.L("Elija la carpeta donde se guardará {{.Archivo}}", map[string]any{"Archivo": filepath.Base(actual)}))
		d.SetConfirmText(lang.L("Guardar aquí"))
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
	d.SetTitleText(lang.L("Elija una carpeta"))
	d.SetConfirmText(lang.L("Elegir esta carpeta"))
	if actual, _ := v.Get(); actual != "" {
		if u, err := storage.ListerForURI(storage.NewFileURI(actual)); err == nil {
			d.SetLocation(u)
		}
	}
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
