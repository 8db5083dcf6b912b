package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
)

// reglaContrasena is one line of the password policy and the codes of
// patron.ValidarContrasena that break it.
type reglaContrasena struct {
	texto   string // lang key
	codigos []string
}

var reglasPolitica = []reglaContrasena{
	{"De 8 a 20 caracteres", []string{msg.CodeContrasenaCorta, msg.CodeContrasenaLarga}},
	{"Solo letras sin acentos (A-Z, a-z) y números", []string{msg.CodeContrasenaCaracteres}},
	{"Distinta de su usuario", []string{msg.CodeContrasenaIgualUsuario}},
}

// reglasClave lists the rules of the password policy under a password
// being set, each with a tick once the password meets it, and, when the
// form has a confirmation, whether both match.
type reglasClave struct {
	widget.BaseWidget
	f      *formulario
	campo  string
	iconos []*widget.Icon
	textos []*widget.Label
	// cumple is each line's state, in order (the policy's rules, then
	// the confirmation when there is one).
	cumple []bool
	caja   *fyne.Container
}

// reglasContrasena returns the rules of the IMSS password policy
// (patron.ValidarContrasena) for field campo of f, ticked as the user
// types. The rule "distinta de su usuario" follows f's own validation,
// which knows the usuario. Screens that lay out fields with f.filas get
// it under the password automatically (see formulario.secreto).
func reglasContrasena(f *formulario, campo string) fyne.CanvasObject {
	// One narrow column: the form's label column may already be wide.
	r := &reglasClave{f: f, campo: campo, caja: container.NewVBox()}
	lineas := make([]string, 0, len(reglasPolitica)+1)
	for _, rg := range reglasPolitica {
		lineas = append(lineas, lang.L(rg.texto))
	}
	if f.campo(patron.CampoContrasenaConfirmacion) != nil {
		lineas = append(lineas, lang.L("La confirmación es igual"))
	}
	for _, t := range lineas {
		i := widget.NewIcon(nil)
		l := widget.NewLabel(t)
		l.SizeName = theme.SizeNameCaptionText
		r.iconos, r.textos = append(r.iconos, i), append(r.textos, l)
		r.caja.Add(container.NewHBox(i, l))
	}
	r.cumple = make([]bool, len(lineas))
	r.ExtendBaseWidget(r)
	// A step's view is built each time it is shown: only the newest list
	// of a field follows the form.
	if f.reglas == nil {
		f.reglas = map[string]*reglasClave{}
	}
	if _, ya := f.reglas[campo]; !ya {
		f.alRevisar = append(f.alRevisar, func() { f.reglas[campo].actualizar() })
	}
	f.reglas[campo] = r
	r.actualizar()
	return r
}

func (r *reglasClave) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.caja)
}

// actualizar ticks the rules the password meets now.
func (r *reglasClave) actualizar() {
	pw := r.f.valor(r.campo)
	rotas := map[string]bool{}
	for _, p := range patron.ValidarContrasena(pw, "") {
		rotas[p.Codigo] = true
	}
	for _, p := range r.f.ultimos.De(r.campo) {
		rotas[p.Codigo] = true
	}
	for i, rg := range reglasPolitica {
		ok := pw != ""
		for _, c := range rg.codigos {
			ok = ok && !rotas[c]
		}
		r.cumple[i] = ok
	}
	if len(r.cumple) > len(reglasPolitica) {
		conf := r.f.valor(patron.CampoContrasenaConfirmacion)
		r.cumple[len(reglasPolitica)] = conf != "" && conf == pw
	}
	for i, ok := range r.cumple {
		if ok {
			r.iconos[i].SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
			r.textos[i].Importance = widget.SuccessImportance
		} else {
			r.iconos[i].SetResource(theme.RadioButtonIcon())
			r.textos[i].Importance = widget.MediumImportance
		}
		r.textos[i].Refresh()
	}
}
