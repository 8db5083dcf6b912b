package patron

import "github.com/seguritools/seguritools/app/msg"

// Problema is one thing wrong with one captured field. Campo is the field's
// JSON path ("empresa.rfc", "representante.correo", or "correo" in a Cambios);
// per-field validators leave it empty because only the caller knows where
// the value came from. Codigo is a code of the msg catalogue. Aviso marks a
// warning: the user should look again, but the data may still be sent (some
// real RFCs fail their own check character).
type Problema struct {
	Campo  string `json:"campo"`
	Codigo string `json:"codigo"`
	Aviso  bool   `json:"aviso,omitempty"`
}

// Texto returns the problem's catalogue text in lang with its code line
// under it.
func (p Problema) Texto(lang msg.Lang) string { return msg.New(p.Codigo).Text(lang) }

// Problemas is the result of validating a whole record, in field order.
type Problemas []Problema

// HayErrores reports whether any problem is an error rather than a warning,
// that is, whether the record must be refused.
func (ps Problemas) HayErrores() bool {
	for _, p := range ps {
		if !p.Aviso {
			return true
		}
	}
	return false
}

// Errores returns the problems that are errors (not warnings) as one
// user error, each on its own line; nil when there are none.
func (ps Problemas) Errores() error {
	var l msg.List
	for _, p := range ps {
		if !p.Aviso {
			l = append(l, msg.New(p.Codigo))
		}
	}
	if len(l) == 0 {
		return nil
	}
	return l
}

// De returns the problems of one field, so a form validated as a whole can
// show each field's problems next to it.
func (ps Problemas) De(campo string) Problemas {
	var out Problemas
	for _, p := range ps {
		if p.Campo == campo {
			out = append(out, p)
		}
	}
	return out
}

func problema(codigo string) *Problema { return &Problema{Codigo: codigo} }

func aviso(codigo string) *Problema { return &Problema{Codigo: codigo, Aviso: true} }

// campo is one field of a record: its path, where its value is, and its
// rule. Validar and Normalizada walk the same list, so a field cannot be
// validated one way and normalized another.
type campo struct {
	ruta     string
	valor    *string
	validar  func(string) (string, *Problema)
	opcional bool
}

// revisar validates fields in order. An empty optional field is fine; every
// other field's problem is reported under its path.
func revisar(cs []campo) Problemas {
	var out Problemas
	for _, c := range cs {
		v, p := c.validar(*c.valor)
		if c.opcional && v == "" {
			continue
		}
		if p != nil {
			p.Campo = c.ruta
			out = append(out, *p)
		}
	}
	return out
}

// normalizar replaces every field's value by its normalized form.
func normalizar(cs []campo) {
	for _, c := range cs {
		*c.valor, _ = c.validar(*c.valor)
	}
}

// confirmacion is the rule of an email confirmation field: it must match
// *correo when given.
func confirmacion(correo *string) func(string) (string, *Problema) {
	return func(s string) (string, *Problema) {
		s, _ = ValidarCorreo(s)
		if s != "" {
			return s, confirmarCorreo(*correo, s)
		}
		return s, nil
	}
}
