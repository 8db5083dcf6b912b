package patron

// Cambios is what a renewal may change of the data captured in the
// Solicitud: only the correo, the teléfono and the fax (seeds 001–003).
// Everything else, the usuario included, stays as it was.
type Cambios struct {
	Correo             string `json:"correo"`
	CorreoConfirmacion string `json:"correo_confirmacion,omitempty"`
	Telefono           string `json:"telefono"`
	Fax                string `json:"fax,omitempty"`
}

func (c *Cambios) campos() []campo {
	return []campo{
		{"correo", &c.Correo, ValidarCorreo, false},
		{"correo_confirmacion", &c.CorreoConfirmacion, confirmacion(&c.Correo), true},
		{"telefono", &c.Telefono, ValidarTelefono, false},
		{"fax", &c.Fax, ValidarTelefono, true},
	}
}

// Validar checks the changes and returns their problems under the paths
// "correo", "correo_confirmacion", "telefono" and "fax"; nil means nothing
// to say. It refuses an empty or invalid correo, a confirmación (when
// given) that differs from it, an empty or invalid teléfono and an invalid
// fax; the fax may be empty.
func (c Cambios) Validar() Problemas { return revisar(c.campos()) }

// Normalizada returns the changes as they are stored (see
// Solicitud.Normalizada).
func (c Cambios) Normalizada() Cambios {
	normalizar(c.campos())
	return c
}

// ConCambios returns the request with the correo, teléfono and fax of c,
// normalized, and nothing else changed. The fax is replaced even when empty,
// so that a renewal can remove it. It does not validate c.
func (s Solicitud) ConCambios(c Cambios) Solicitud {
	c = c.Normalizada()
	r := &s.Representante
	r.Correo, r.CorreoConfirmacion, r.Telefono, r.Fax = c.Correo, c.CorreoConfirmacion, c.Telefono, c.Fax
	return s
}

// Cambios returns the renewable part of the request, as a renewal form
// starts from it.
func (s Solicitud) Cambios() Cambios {
	r := s.Representante
	return Cambios{Correo: r.Correo, CorreoConfirmacion: r.CorreoConfirmacion, Telefono: r.Telefono, Fax: r.Fax}
}
