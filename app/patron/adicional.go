package patron

// Adicional is the person a certificate holder designates for a Certificado
// Digital Adicional (seed 004): someone of the staff, with a usuario of
// their own, linked to the holder's NPIE.
type Adicional struct {
	Nombre             string `json:"nombre"`
	ApellidoPaterno    string `json:"apellido_paterno"`
	ApellidoMaterno    string `json:"apellido_materno"`
	CURP               string `json:"curp"`
	RFC                string `json:"rfc"`
	Correo             string `json:"correo"`
	CorreoConfirmacion string `json:"correo_confirmacion,omitempty"`
	Usuario            string `json:"usuario"`
	Telefono           string `json:"telefono,omitempty"`
}

func (a *Adicional) campos() []campo {
	return []campo{
		{"nombre", &a.Nombre, ValidarNombre, false},
		{"apellido_paterno", &a.ApellidoPaterno, ValidarNombre, false},
		{"apellido_materno", &a.ApellidoMaterno, ValidarNombre, true},
		{"curp", &a.CURP, ValidarCURP, false},
		{"rfc", &a.RFC, ValidarRFCPersona, false},
		{"correo", &a.Correo, ValidarCorreo, false},
		{"correo_confirmacion", &a.CorreoConfirmacion, confirmacion(&a.Correo), true},
		{"usuario", &a.Usuario, ValidarUsuario, false},
		{"telefono", &a.Telefono, ValidarTelefono, true},
	}
}

// Validar checks the designated person's data and returns its problems
// under the JSON field names ("curp", "correo_confirmacion", ...); nil means
// nothing to say. It refuses what the same fields of a Solicitud's
// representante refuse; the apellido materno, confirmación and teléfono may
// be empty. That the usuario differs from the holder's is for the CA to
// check: only it knows the holder's.
func (a Adicional) Validar() Problemas {
	ps := revisar(a.campos())
	if p := rfcContraCURP(a.RFC, a.CURP, ps.De("rfc"), ps.De("curp")); p != nil {
		p.Campo = "rfc"
		ps = append(ps, *p)
	}
	return ps
}

// Normalizada returns the person's data as it is stored (see
// Solicitud.Normalizada).
func (a Adicional) Normalizada() Adicional {
	normalizar(a.campos())
	return a
}

// NombreCompleto is the person's full name as printed on letters.
func (a Adicional) NombreCompleto() string {
	return Representante{Nombre: a.Nombre, ApellidoPaterno: a.ApellidoPaterno, ApellidoMaterno: a.ApellidoMaterno}.NombreCompleto()
}
