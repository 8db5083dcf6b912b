package patron

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

func solicitudValida() Solicitud {
	return Solicitud{
		Empresa: Empresa{RazonSocial: "EMPRESA MANUAL", RegistroPatronal: "B7521588139", RFC: "EMA801010AB6"},
		Representante: Representante{
			Funcion: FuncionPatron, Usuario: "manual_generacion",
			Nombre: "JOSÉ", ApellidoPaterno: "PEÑA", ApellidoMaterno: "NÚÑEZ",
			CURP: "PENJ750314HDFXXS09", RFC: "PENJ750314AB1",
			Correo: "nombre_patron@example.com", CorreoConfirmacion: "nombre_patron@example.com",
			Telefono: "5555555555",
		},
		Domicilio: Domicilio{
			Calle: "AV. PASEO DE LA REFORMA", NumExterior: "476", Colonia: "JUÁREZ",
			Municipio: "CUAUHTÉMOC", Entidad: "Ciudad de México", Ciudad: "CIUDAD DE MÉXICO",
			CodigoPostal: "06600",
		},
	}
}

func TestSolicitud_Valida_SinProblemas(t *testing.T) {
	s := solicitudValida()
	if ps := s.Validar(); ps != nil {
		t.Fatalf("Validar() = %+v", ps)
	}
	if n := s.Normalizada(); n != s {
		t.Errorf("Normalizada() cambió una solicitud ya normal:\n%+v\n%+v", s, n)
	}
}

func TestSolicitud_UnProblemaPorCampo(t *testing.T) {
	casos := []struct {
		campo, codigo string
		aviso         bool
		cambiar       func(*Solicitud)
	}{
		{"empresa.razon_social", msg.CodeDatoRequerido, false, func(s *Solicitud) { s.Empresa.RazonSocial = " " }},
		{"empresa.registro_patronal", msg.CodeRPVerificador, false, func(s *Solicitud) { s.Empresa.RegistroPatronal = "Y6087828105" }},
		{"empresa.rfc", msg.CodeRFCVerificador, true, func(s *Solicitud) { s.Empresa.RFC = "EMA801010AB1" }},
		{"empresa.rfc", msg.CodeRFCFecha, false, func(s *Solicitud) { s.Empresa.RFC = "EMA800230AB1" }},
		{"representante.funcion", msg.CodeFuncionInvalida, false, func(s *Solicitud) { s.Representante.Funcion = "Dueño" }},
		{"representante.usuario", msg.CodeUsuarioLongitud, false, func(s *Solicitud) { s.Representante.Usuario = "yo" }},
		{"representante.nombre", msg.CodeNombreCaracteres, false, func(s *Solicitud) { s.Representante.Nombre = "NOMBRE_PATRON" }},
		{"representante.apellido_paterno", msg.CodeDatoRequerido, false, func(s *Solicitud) { s.Representante.ApellidoPaterno = "" }},
		{"representante.apellido_materno", msg.CodeNombreCaracteres, false, func(s *Solicitud) { s.Representante.ApellidoMaterno = "3" }},
		{"representante.curp", msg.CodeCURPVerificador, false, func(s *Solicitud) { s.Representante.CURP = "PENJ750314HDFXXS08" }},
		{"representante.rfc", msg.CodeRFCPersonaMoral, false, func(s *Solicitud) { s.Representante.RFC = "EMA801010AB6" }},
		{"representante.rfc", msg.CodeRFCCURPDistintos, true, func(s *Solicitud) { s.Representante.RFC = "GODE561231GR8" }},
		{"representante.correo", msg.CodeCorreoFormato, false, func(s *Solicitud) {
			s.Representante.Correo, s.Representante.CorreoConfirmacion = "nombre_patron", ""
		}},
		{"representante.correo_confirmacion", msg.CodeCorreoConfirmacion, false, func(s *Solicitud) {
			s.Representante.CorreoConfirmacion = "nombre.patron@example.com"
		}},
		{"representante.telefono", msg.CodeTelefonoDigitos, false, func(s *Solicitud) { s.Representante.Telefono = "00000000" }},
		{"representante.fax", msg.CodeTelefonoLada, false, func(s *Solicitud) { s.Representante.Fax = "0123456789" }},
		{"domicilio.calle", msg.CodeDatoCaracteres, false, func(s *Solicitud) { s.Domicilio.Calle = "REFORMA\t\x01" }},
		{"domicilio.numero_exterior", msg.CodeDatoRequerido, false, func(s *Solicitud) { s.Domicilio.NumExterior = "" }},
		{"domicilio.numero_interior", msg.CodeNumeroLargo, false, func(s *Solicitud) { s.Domicilio.NumInterior = strings.Repeat("1", 21) }},
		{"domicilio.colonia", msg.CodeDatoRequerido, false, func(s *Solicitud) { s.Domicilio.Colonia = "" }},
		{"domicilio.municipio", msg.CodeDomicilioLargo, false, func(s *Solicitud) { s.Domicilio.Municipio = strings.Repeat("M", 101) }},
		{"domicilio.entidad", msg.CodeEntidadInvalida, false, func(s *Solicitud) { s.Domicilio.Entidad = "Texas" }},
		{"domicilio.ciudad", msg.CodeDatoRequerido, false, func(s *Solicitud) { s.Domicilio.Ciudad = "" }},
		{"domicilio.codigo_postal", msg.CodeCPInexistente, false, func(s *Solicitud) { s.Domicilio.CodigoPostal = "17000" }},
	}
	for _, c := range casos {
		s := solicitudValida()
		c.cambiar(&s)
		ps := s.Validar()
		quiero := Problemas{{Campo: c.campo, Codigo: c.codigo, Aviso: c.aviso}}
		if !slices.Equal(ps, quiero) {
			t.Errorf("%s: Validar() = %+v, quiero %+v", c.campo, ps, quiero)
		}
		if got := s.Normalizada().Validar(); !slices.Equal(got, ps) {
			t.Errorf("%s: Normalizada().Validar() = %+v, Validar() = %+v", c.campo, got, ps)
		}
		if ps.HayErrores() == c.aviso {
			t.Errorf("%s: HayErrores() = %v con aviso=%v", c.campo, ps.HayErrores(), c.aviso)
		}
		if len(ps.De(c.campo)) != 1 || len(ps.De("otro")) != 0 {
			t.Errorf("%s: De() no filtra por campo", c.campo)
		}
	}
}

func TestSolicitud_Opcionales_PuedenFaltar(t *testing.T) {
	s := solicitudValida()
	s.Representante.ApellidoMaterno = ""
	s.Representante.CorreoConfirmacion = ""
	s.Representante.Fax = "  "
	s.Domicilio.NumInterior = ""
	if ps := s.Validar(); ps != nil {
		t.Errorf("Validar() = %+v", ps)
	}
}

func TestSolicitud_Vacia_TodosLosObligatorios(t *testing.T) {
	ps := Solicitud{}.Validar()
	var campos []string
	for _, p := range ps {
		if p.Codigo != msg.CodeDatoRequerido {
			t.Errorf("%s: %s, quiero %s", p.Campo, p.Codigo, msg.CodeDatoRequerido)
		}
		campos = append(campos, p.Campo)
	}
	quiero := []string{
		"empresa.razon_social", "empresa.registro_patronal", "empresa.rfc",
		"representante.funcion", "representante.usuario", "representante.nombre",
		"representante.apellido_paterno", "representante.curp", "representante.rfc",
		"representante.correo", "representante.telefono",
		"domicilio.calle", "domicilio.numero_exterior", "domicilio.colonia",
		"domicilio.municipio", "domicilio.entidad", "domicilio.ciudad", "domicilio.codigo_postal",
	}
	if !slices.Equal(campos, quiero) {
		t.Errorf("campos = %v\nquiero  %v", campos, quiero)
	}
}

// The paths in Problema.Campo are the JSON paths of the fields, so a client
// can find the field a server complains about.
func TestSolicitud_CamposSonRutasJSON(t *testing.T) {
	var s Solicitud
	b, _ := json.Marshal(Solicitud{Representante: Representante{CorreoConfirmacion: "x", Fax: "x"}, Domicilio: Domicilio{NumInterior: "x"}})
	var m map[string]map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, c := range s.campos() {
		grupo, nombre, _ := strings.Cut(c.ruta, ".")
		if _, ok := m[grupo][nombre]; !ok {
			t.Errorf("campo %q no es una ruta JSON de Solicitud", c.ruta)
		}
	}
}

func TestSolicitud_Normalizada(t *testing.T) {
	s := Solicitud{
		Empresa: Empresa{RazonSocial: " empresa  manual ", RegistroPatronal: "b75-21588-13-9", RFC: "ema801010-ab6"},
		Representante: Representante{
			Funcion: "PATRON", Usuario: " manual_generacion ",
			Nombre: "josé", ApellidoPaterno: "peña", ApellidoMaterno: "Nu\u0301n\u0303ez",
			CURP: "penj750314hdfxxs09", RFC: "PENJ-750314-AB1",
			Correo: " nombre_patron@EXAMPLE.COM", CorreoConfirmacion: "Nombre_Patron@example.com ",
			Telefono: "+52 (55) 5555-5555", Fax: "",
		},
		Domicilio: Domicilio{
			Calle: "av.  paseo de la reforma", NumExterior: " 476 ", Colonia: "juárez",
			Municipio: "cuauhtémoc", Entidad: "cdmx", Ciudad: "ciudad de méxico", CodigoPostal: " 06600 ",
		},
	}
	quiero := solicitudValida()
	quiero.Representante.CorreoConfirmacion = "Nombre_Patron@example.com"
	n := s.Normalizada()
	if n != quiero {
		t.Errorf("Normalizada() =\n%+v\nquiero\n%+v", n, quiero)
	}
	if n.Normalizada() != n {
		t.Error("Normalizada() no es idempotente")
	}
	if ps := s.Validar(); ps != nil {
		t.Errorf("Validar() sin normalizar = %+v", ps)
	}
}

func TestCambios_Validar(t *testing.T) {
	ok := Cambios{Correo: "nuevo@example.com", CorreoConfirmacion: "NUEVO@example.com", Telefono: "33 1234 5678"}
	if ps := ok.Validar(); ps != nil {
		t.Errorf("Validar() = %+v", ps)
	}
	malo := Cambios{Correo: "nuevo@example", CorreoConfirmacion: "otro@example.com", Telefono: "", Fax: "123"}
	quiero := Problemas{
		{Campo: "correo", Codigo: msg.CodeCorreoFormato},
		{Campo: "correo_confirmacion", Codigo: msg.CodeCorreoConfirmacion},
		{Campo: "telefono", Codigo: msg.CodeDatoRequerido},
		{Campo: "fax", Codigo: msg.CodeTelefonoDigitos},
	}
	if ps := malo.Validar(); !slices.Equal(ps, quiero) {
		t.Errorf("Validar() = %+v\nquiero %+v", ps, quiero)
	}
	if n := ok.Normalizada(); n.Telefono != "3312345678" || n.Correo != "nuevo@example.com" {
		t.Errorf("Normalizada() = %+v", n)
	}
}

func TestSolicitud_ConCambios_SoloCorreoTelefonoFax(t *testing.T) {
	s := solicitudValida()
	s.Representante.Fax = "5555555556"
	c := Cambios{Correo: "nuevo@EXAMPLE.com", Telefono: "(33) 1234-5678"}
	r := s.ConCambios(c)
	quiero := s
	quiero.Representante.Correo = "nuevo@example.com"
	quiero.Representante.CorreoConfirmacion = ""
	quiero.Representante.Telefono = "3312345678"
	quiero.Representante.Fax = ""
	if r != quiero {
		t.Errorf("ConCambios() =\n%+v\nquiero\n%+v", r, quiero)
	}
	if got := s.Cambios(); got != (Cambios{s.Representante.Correo, s.Representante.CorreoConfirmacion, "5555555555", "5555555556"}) {
		t.Errorf("Cambios() = %+v", got)
	}
}

func TestAdicional_Validar(t *testing.T) {
	a := Adicional{
		Nombre: "María Fernanda", ApellidoPaterno: "López", ApellidoMaterno: "Muñoz",
		CURP: "LOMF900725MJCPXR01", RFC: "LOMF900725QK4",
		Correo: "maria.lopez@example.com", Usuario: "mlopez_nomina",
	}
	if ps := a.Validar(); ps != nil {
		t.Errorf("Validar() = %+v", ps)
	}
	if got := a.Normalizada().NombreCompleto(); got != "MARÍA FERNANDA LÓPEZ MUÑOZ" {
		t.Errorf("NombreCompleto() = %q", got)
	}
	a.RFC = "HEGG560427AB3"
	a.CorreoConfirmacion = "maria@example.com"
	a.Usuario = "ml"
	a.Telefono = "12"
	quiero := Problemas{
		{Campo: "correo_confirmacion", Codigo: msg.CodeCorreoConfirmacion},
		{Campo: "usuario", Codigo: msg.CodeUsuarioLongitud},
		{Campo: "telefono", Codigo: msg.CodeTelefonoDigitos},
		{Campo: "rfc", Codigo: msg.CodeRFCCURPDistintos, Aviso: true},
	}
	if ps := a.Validar(); !slices.Equal(ps, quiero) {
		t.Errorf("Validar() = %+v\nquiero %+v", ps, quiero)
	}
}

func TestProblema_Texto(t *testing.T) {
	p := Problema{Campo: "empresa.rfc", Codigo: msg.CodeRFCFecha}
	if es := p.Texto(msg.ES); !strings.HasPrefix(es, "La fecha") || !strings.HasSuffix(es, "\nCódigo RFC_FECHA") {
		t.Errorf("Texto(ES) = %q", es)
	}
	if en := p.Texto(msg.EN); !strings.HasPrefix(en, "The date") || !strings.HasSuffix(en, "\nCode RFC_FECHA") {
		t.Errorf("Texto(EN) = %q", en)
	}
}

// Every code this package's source uses is registered in msg with a
// Spanish and an English text. The codes are found in the source, so that a
// new one cannot be forgotten here.
func TestCodigos_Registrados(t *testing.T) {
	valores := map[string]string{}
	def := regexp.MustCompile(`(Code[A-Za-z]+)\s*=\s*"([^"]+)"`)
	for _, f := range archivosGo(t, "../msg") {
		for _, m := range def.FindAllStringSubmatch(leer(t, f), -1) {
			valores[m[1]] = m[2]
		}
	}
	usado := regexp.MustCompile(`msg\.(Code[A-Za-z]+)`)
	n := 0
	for _, f := range archivosGo(t, ".") {
		for _, m := range usado.FindAllStringSubmatch(leer(t, f), -1) {
			n++
			c, ok := valores[m[1]]
			if !ok {
				t.Errorf("%s: msg.%s no está definido en app/msg", f, m[1])
				continue
			}
			txt, ok := msg.Lookup(c)
			if !ok {
				t.Errorf("%s: código %s no registrado", f, c)
				continue
			}
			if txt.ES == "" || txt.EN == "" || txt.ES == txt.EN {
				t.Errorf("código %s sin texto en los dos idiomas: %+v", c, txt)
			}
		}
	}
	if n < 30 {
		t.Errorf("solo %d usos de códigos encontrados: ¿cambió la forma de citarlos?", n)
	}
}

// archivosGo lists the non-test Go files of dir.
func archivosGo(t *testing.T, dir string) []string {
	t.Helper()
	fs, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(fs, func(f string) bool { return strings.HasSuffix(f, "_test.go") })
}

func leer(t *testing.T, f string) string {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
