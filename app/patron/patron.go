// Package patron holds the employer's data as IMSS captures it in the
// Solicitud NPIE ("Paso 2: Captura de datos") and the rules that validate it.
package patron

// Funciones en la empresa, as the IMSS form lists them.
const (
	FuncionPatron             = "Patrón"
	FuncionSujetoObligado     = "Sujeto obligado"
	FuncionRepresentanteLegal = "Representante legal"
)

// Empresa is "Información de la Empresa".
type Empresa struct {
	RazonSocial      string `json:"razon_social"`
	RegistroPatronal string `json:"registro_patronal"`
	RFC              string `json:"rfc"`
}

// Representante is "Información del Patrón, Sujeto Obligado o Representante legal".
type Representante struct {
	Funcion            string `json:"funcion"`
	Usuario            string `json:"usuario"`
	Nombre             string `json:"nombre"`
	ApellidoPaterno    string `json:"apellido_paterno"`
	ApellidoMaterno    string `json:"apellido_materno"`
	CURP               string `json:"curp"`
	RFC                string `json:"rfc"`
	Correo             string `json:"correo"`
	CorreoConfirmacion string `json:"correo_confirmacion,omitempty"`
	Telefono           string `json:"telefono"`
	Fax                string `json:"fax,omitempty"`
}

// Domicilio is "Domicilio Fiscal".
type Domicilio struct {
	Calle        string `json:"calle"`
	NumExterior  string `json:"numero_exterior"`
	NumInterior  string `json:"numero_interior,omitempty"`
	Colonia      string `json:"colonia"`
	Municipio    string `json:"municipio"`
	Entidad      string `json:"entidad"`
	Ciudad       string `json:"ciudad"`
	CodigoPostal string `json:"codigo_postal"`
}

// Solicitud is everything captured for a new NPIE request.
type Solicitud struct {
	Empresa       Empresa       `json:"empresa"`
	Representante Representante `json:"representante"`
	Domicilio     Domicilio     `json:"domicilio"`
}

// NombreCompleto is the representative's full name as printed on letters.
func (r Representante) NombreCompleto() string {
	s := r.Nombre
	for _, p := range []string{r.ApellidoPaterno, r.ApellidoMaterno} {
		if p != "" {
			s += " " + p
		}
	}
	return s
}
