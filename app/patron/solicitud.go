package patron

import "github.com/seguritools/seguritools/app/msg"

func (s *Solicitud) campos() []campo {
	e, r, d := &s.Empresa, &s.Representante, &s.Domicilio
	return []campo{
		{"empresa.razon_social", &e.RazonSocial, ValidarRazonSocial, false},
		{"empresa.registro_patronal", &e.RegistroPatronal, ValidarRegistroPatronal, false},
		{"empresa.rfc", &e.RFC, ValidarRFC, false},

		{"representante.funcion", &r.Funcion, ValidarFuncion, false},
		{"representante.usuario", &r.Usuario, ValidarUsuario, false},
		{"representante.nombre", &r.Nombre, ValidarNombre, false},
		{"representante.apellido_paterno", &r.ApellidoPaterno, ValidarNombre, false},
		// Some people have a single surname (the CURP then carries an X).
		{"representante.apellido_materno", &r.ApellidoMaterno, ValidarNombre, true},
		{"representante.curp", &r.CURP, ValidarCURP, false},
		{"representante.rfc", &r.RFC, ValidarRFCPersona, false},
		{"representante.correo", &r.Correo, ValidarCorreo, false},
		{"representante.correo_confirmacion", &r.CorreoConfirmacion, confirmacion(&r.Correo), true},
		{"representante.telefono", &r.Telefono, ValidarTelefono, false},
		{"representante.fax", &r.Fax, ValidarTelefono, true},

		{"domicilio.calle", &d.Calle, ValidarLineaDomicilio, false},
		{"domicilio.numero_exterior", &d.NumExterior, ValidarNumeroDomicilio, false},
		{"domicilio.numero_interior", &d.NumInterior, ValidarNumeroDomicilio, true},
		{"domicilio.colonia", &d.Colonia, ValidarLineaDomicilio, false},
		{"domicilio.municipio", &d.Municipio, ValidarLineaDomicilio, false},
		{"domicilio.entidad", &d.Entidad, ValidarEntidad, false},
		{"domicilio.ciudad", &d.Ciudad, ValidarLineaDomicilio, false},
		{"domicilio.codigo_postal", &d.CodigoPostal, ValidarCodigoPostal, false},
	}
}

// Validar checks every field of the request and returns its problems in
// the order of the IMSS form (cross-field warnings last), each under its
// JSON path ("empresa.rfc", "representante.correo_confirmacion", ...); nil
// means nothing to say. It refuses what each field's Validar… function
// refuses, a correo confirmación that differs from the correo, and a
// representative's RFC of a company. An RFC whose first 10 characters differ from the CURP's is
// only a warning. Only optional fields may be empty: apellido materno,
// correo confirmación, fax and número interior.
//
// Validar does not need normalized input: s.Validar() and
// s.Normalizada().Validar() are the same, so a form can validate as the
// user types and normalize when the user leaves the field.
func (s Solicitud) Validar() Problemas {
	ps := revisar(s.campos())
	if p := rfcContraCURP(s.Representante.RFC, s.Representante.CURP, ps.De("representante.rfc"), ps.De("representante.curp")); p != nil {
		p.Campo = "representante.rfc"
		ps = append(ps, *p)
	}
	return ps
}

// Normalizada returns the request as it is stored and printed: identifiers
// upper case without dashes or spaces, names and addresses upper case with
// single spaces, phone numbers as 10 digits, the función and entidad with
// their official spelling, the correo's domain in lower case. Values a rule
// refuses are normalized as far as they can be, never dropped. Normalizing
// twice changes nothing.
func (s Solicitud) Normalizada() Solicitud {
	normalizar(s.campos())
	return s
}

// rfcContraCURP warns when a person's RFC and CURP, both valid, do not
// start with the same initials and date of birth, which is almost always a
// typing mistake. Generic RFCs belong to no one and are not compared.
func rfcContraCURP(rfc, curp string, problemasRFC, problemasCURP Problemas) *Problema {
	if problemasRFC.HayErrores() || len(problemasCURP) > 0 {
		return nil
	}
	rfc, _ = ValidarRFC(rfc)
	curp, _ = ValidarCURP(curp)
	if rfc == RFCGenerico || rfc == RFCGenericoExtranjero {
		return nil
	}
	if string([]rune(rfc)[:10]) != curp[:10] {
		return aviso(msg.CodeRFCCURPDistintos)
	}
	return nil
}
