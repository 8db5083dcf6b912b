package patron

import "github.com/seguritools/seguritools/app/msg"

// Entidad is one of the 32 entidades federativas: its official name, the
// two-letter code the CURP uses for it, and its INEGI number (the order of
// the official lists).
type Entidad struct {
	Nombre     string `json:"nombre"`
	ClaveCURP  string `json:"clave_curp"`
	ClaveINEGI string `json:"clave_inegi"`
}

// entidades is in INEGI order, the order of the official lists.
var entidades = [32]Entidad{
	{"Aguascalientes", "AS", "01"},
	{"Baja California", "BC", "02"},
	{"Baja California Sur", "BS", "03"},
	{"Campeche", "CC", "04"},
	{"Coahuila de Zaragoza", "CL", "05"},
	{"Colima", "CM", "06"},
	{"Chiapas", "CS", "07"},
	{"Chihuahua", "CH", "08"},
	{"Ciudad de México", "DF", "09"},
	{"Durango", "DG", "10"},
	{"Guanajuato", "GT", "11"},
	{"Guerrero", "GR", "12"},
	{"Hidalgo", "HG", "13"},
	{"Jalisco", "JC", "14"},
	{"México", "MC", "15"},
	{"Michoacán de Ocampo", "MN", "16"},
	{"Morelos", "MS", "17"},
	{"Nayarit", "NT", "18"},
	{"Nuevo León", "NL", "19"},
	{"Oaxaca", "OC", "20"},
	{"Puebla", "PL", "21"},
	{"Querétaro", "QT", "22"},
	{"Quintana Roo", "QR", "23"},
	{"San Luis Potosí", "SP", "24"},
	{"Sinaloa", "SL", "25"},
	{"Sonora", "SR", "26"},
	{"Tabasco", "TC", "27"},
	{"Tamaulipas", "TS", "28"},
	{"Tlaxcala", "TL", "29"},
	{"Veracruz de Ignacio de la Llave", "VZ", "30"},
	{"Yucatán", "YN", "31"},
	{"Zacatecas", "ZS", "32"},
}

// ClaveNacidoExtranjero is the CURP's state code for people born abroad.
// It is not an entidad, so it is not in Entidades.
const ClaveNacidoExtranjero = "NE"

// Entidades returns the 32 entidades federativas in INEGI order, for a
// drop-down. The slice is a copy: callers may change it.
func Entidades() []Entidad {
	out := make([]Entidad, len(entidades))
	copy(out, entidades[:])
	return out
}

// NombresEntidades returns the 32 official names in INEGI order, for a
// drop-down that shows names only.
func NombresEntidades() []string {
	out := make([]string, len(entidades))
	for i, e := range entidades {
		out[i] = e.Nombre
	}
	return out
}

// nombresComunes are the short or former names people still type; they
// must each name exactly one entidad.
var nombresComunes = map[string]string{
	"COAHUILA":             "CL",
	"MICHOACAN":            "MN",
	"VERACRUZ":             "VZ",
	"ESTADO DE MEXICO":     "MC",
	"EDO. DE MEXICO":       "MC",
	"CDMX":                 "DF",
	"DISTRITO FEDERAL":     "DF",
	"QUERETARO DE ARTEAGA": "QT",
}

var entidadPorClave = func() map[string]Entidad {
	m := make(map[string]Entidad, 3*len(entidades)+len(nombresComunes))
	for _, e := range entidades {
		m[plegar(e.Nombre)] = e
		m[e.ClaveCURP] = e
		m[e.ClaveINEGI] = e
	}
	for k, c := range nombresComunes {
		m[k] = m[c]
	}
	return m
}()

// BuscarEntidad finds an entidad by its official name, a common short name
// ("Veracruz", "CDMX"), its CURP code or its INEGI number, ignoring case,
// accents and spacing. It refuses anything else, including NE and partial
// names: "México" is the Estado de México, never Ciudad de México.
func BuscarEntidad(s string) (Entidad, bool) {
	e, ok := entidadPorClave[plegar(s)]
	return e, ok
}

// claveCURP reports whether c is a state code a CURP may carry.
func claveCURP(c string) bool {
	if c == ClaveNacidoExtranjero {
		return true
	}
	for _, e := range entidades {
		if e.ClaveCURP == c {
			return true
		}
	}
	return false
}

// ValidarEntidad normalizes an entidad to its official name (so "cdmx" or
// "DF" becomes "Ciudad de México") and refuses anything BuscarEntidad does
// not find.
func ValidarEntidad(s string) (string, *Problema) {
	if e, ok := BuscarEntidad(s); ok {
		return e.Nombre, nil
	}
	s = mayusculas(s)
	if s == "" {
		return s, problema(msg.CodeDatoRequerido)
	}
	return s, problema(msg.CodeEntidadInvalida)
}
