package patron

import (
	"testing"

	"github.com/seguritools/seguritools/app/msg"
)

// caso is one input of a per-field validator: the normalized value it must
// return, and the code of its problem ("" for none); aviso marks warnings.
type caso struct {
	entrada, normal, codigo string
	aviso                   bool
}

func probar(t *testing.T, nombre string, f func(string) (string, *Problema), casos []caso) {
	t.Helper()
	for _, c := range casos {
		v, p := f(c.entrada)
		if v != c.normal {
			t.Errorf("%s(%q) normalizado = %q, quiero %q", nombre, c.entrada, v, c.normal)
		}
		switch {
		case c.codigo == "" && p != nil:
			t.Errorf("%s(%q) = %+v, quiero sin problema", nombre, c.entrada, *p)
		case c.codigo != "" && p == nil:
			t.Errorf("%s(%q) sin problema, quiero %s", nombre, c.entrada, c.codigo)
		case p != nil && (p.Codigo != c.codigo || p.Aviso != c.aviso):
			t.Errorf("%s(%q) = %+v, quiero %s aviso=%v", nombre, c.entrada, *p, c.codigo, c.aviso)
		}
		if p != nil {
			if _, ok := msg.Lookup(p.Codigo); !ok {
				t.Errorf("%s(%q): código %s no registrado en msg", nombre, c.entrada, p.Codigo)
			}
			if p.Campo != "" {
				t.Errorf("%s(%q): Campo = %q, un validador de campo lo deja vacío", nombre, c.entrada, p.Campo)
			}
		}
	}
}

func TestValidarRFC(t *testing.T) {
	probar(t, "ValidarRFC", ValidarRFC, []caso{
		// Published examples (DESIGN.md §4).
		{"GODE561231GR8", "GODE561231GR8", "", false},
		{"MAB9307148T4", "MAB9307148T4", "", false},
		{"AEL7407151YA", "AEL7407151YA", "", false},
		// Generic RFCs fail the check character and are still valid.
		{"XAXX010101000", "XAXX010101000", "", false},
		{"XEXX010101000", "XEXX010101000", "", false},
		// As people type it: lower case, dashes, spaces around the homoclave.
		{" gode-561231 - gr8 ", "GODE561231GR8", "", false},
		{"EMA801010-AB6", "EMA801010AB6", "", false},
		// Ñ and & are letters of the RFC and count in the check character.
		{"ÑAB9307148TA", "ÑAB9307148TA", "", false},
		{"ñab9307148ta", "ÑAB9307148TA", "", false},
		{"A&C010203AB9", "A&C010203AB9", "", false},
		{"MA&9307148T6", "MA&9307148T6", "", false},
		// 29 February exists in years divisible by 4.
		{"GODE560229GRA", "GODE560229GRA", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{"  -  ", "", msg.CodeDatoRequerido, false},
		{"GODE561231GR89", "GODE561231GR89", msg.CodeRFCLongitud, false},
		{"GODE5612", "GODE5612", msg.CodeRFCLongitud, false},
		{"GODE561231GR", "GODE561231GR", msg.CodeRFCFormato, false},
		{"G0DE561231GR8", "G0DE561231GR8", msg.CodeRFCFormato, false},
		{"GODE561331GR8", "GODE561331GR8", msg.CodeRFCFormato, false},
		{"GODE561200GR8", "GODE561200GR8", msg.CodeRFCFormato, false},
		{"GODE561231GRB", "GODE561231GRB", msg.CodeRFCFormato, false},
		{"GODE561231G_8", "GODE561231G_8", msg.CodeRFCFormato, false},
		{"GODE560230GR8", "GODE560230GR8", msg.CodeRFCFecha, false},
		{"GODE550229GR8", "GODE550229GR8", msg.CodeRFCFecha, false},
		{"GODE560431GR8", "GODE560431GR8", msg.CodeRFCFecha, false},
		// A wrong check character is only a warning.
		{"GODE561231GR9", "GODE561231GR9", msg.CodeRFCVerificador, true},
		{"MAB9307148T5", "MAB9307148T5", msg.CodeRFCVerificador, true},
		{"XAXX010101001", "XAXX010101001", msg.CodeRFCVerificador, true},
	})
}

func TestValidarRFCPersona(t *testing.T) {
	probar(t, "ValidarRFCPersona", ValidarRFCPersona, []caso{
		{"GODE561231GR8", "GODE561231GR8", "", false},
		{"XEXX010101000", "XEXX010101000", "", false},
		{"GODE561231GR9", "GODE561231GR9", msg.CodeRFCVerificador, true},
		{"MAB9307148T4", "MAB9307148T4", msg.CodeRFCPersonaMoral, false},
		{"MAB9307148T5", "MAB9307148T5", msg.CodeRFCPersonaMoral, false},
		{"MAB9307348T4", "MAB9307348T4", msg.CodeRFCFormato, false},
		{"", "", msg.CodeDatoRequerido, false},
	})
}

func TestValidarCURP(t *testing.T) {
	probar(t, "ValidarCURP", ValidarCURP, []caso{
		{"BOXW310820HNERXN09", "BOXW310820HNERXN09", "", false},
		{"HEGG560427MVZRRL04", "HEGG560427MVZRRL04", "", false},
		{"PEGL890909MJCRMS08", "PEGL890909MJCRMS08", "", false},
		{" pegl890909mjcrms08\n", "PEGL890909MJCRMS08", "", false},
		// A letter in place 17 means born in 2000 or later: 2000 is a leap year.
		{"PEGL000229MJCRMSA4", "PEGL000229MJCRMSA4", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{"BOXW310820HNERXN0", "BOXW310820HNERXN0", msg.CodeCURPLongitud, false},
		{"BOXW310820HNERXN099", "BOXW310820HNERXN099", msg.CodeCURPLongitud, false},
		{"BÑXW310820HNERXN09", "BÑXW310820HNERXN09", msg.CodeCURPFormato, false},
		{"B1XW310820HNERXN09", "B1XW310820HNERXN09", msg.CodeCURPFormato, false},
		{"BBXW310820HNERXN09", "BBXW310820HNERXN09", msg.CodeCURPFormato, false},
		{"BOXW31O820HNERXN09", "BOXW31O820HNERXN09", msg.CodeCURPFormato, false},
		{"BOXW310820HNEAXN09", "BOXW310820HNEAXN09", msg.CodeCURPFormato, false},
		{"BOXW310820HNERXN0A", "BOXW310820HNERXN0A", msg.CodeCURPFormato, false},
		{"BOXW310820HNERXN_9", "BOXW310820HNERXN_9", msg.CodeCURPFormato, false},
		{"BOXW311320HNERXN09", "BOXW311320HNERXN09", msg.CodeCURPFecha, false},
		{"BOXW310230HNERXN09", "BOXW310230HNERXN09", msg.CodeCURPFecha, false},
		// With a digit in place 17 the year is 1900, which was not a leap year.
		{"PEGL000229MJCRMS04", "PEGL000229MJCRMS04", msg.CodeCURPFecha, false},
		{"BOXW310820ZNERXN09", "BOXW310820ZNERXN09", msg.CodeCURPSexo, false},
		{"BOXW310820HZZRXN09", "BOXW310820HZZRXN09", msg.CodeCURPEntidad, false},
		{"BOXW310820HNERXN08", "BOXW310820HNERXN08", msg.CodeCURPVerificador, false},
		{"HEGG560427MVZRRL05", "HEGG560427MVZRRL05", msg.CodeCURPVerificador, false},
	})
}

func TestValidarRegistroPatronal(t *testing.T) {
	probar(t, "ValidarRegistroPatronal", ValidarRegistroPatronal, []caso{
		// Published examples (DESIGN.md §4).
		{"B752158813-9", "B7521588139", "", false},
		{"A064878710-7", "A0648787107", "", false},
		{"C6759945101", "C6759945101", "", false},
		{"E5240157100", "E5240157100", "", false},
		{" b75-21588-13-9 ", "B7521588139", "", false},
		{"B75 21588 13 9", "B7521588139", "", false},

		{"Y6087828105", "Y6087828105", msg.CodeRPVerificador, false},
		{"B752158813-8", "B7521588138", msg.CodeRPVerificador, false},
		{"A064878710-6", "A0648787106", msg.CodeRPVerificador, false},
		{"", "", msg.CodeDatoRequerido, false},
		{"B752158813", "B752158813", msg.CodeRPLongitud, false},
		{"B752158813-99", "B75215881399", msg.CodeRPLongitud, false},
		{"1752158813-9", "17521588139", msg.CodeRPFormato, false},
		{"BB52158813-9", "BB521588139", msg.CodeRPFormato, false},
		{"B75215881O-9", "B75215881O9", msg.CodeRPFormato, false},
		{"Ñ752158813-9", "Ñ7521588139", msg.CodeRPFormato, false},
	})
}

func TestValidarNSS(t *testing.T) {
	probar(t, "ValidarNSS", ValidarNSS, []caso{
		{"12345678903", "12345678903", "", false},
		{"1234-56-7890-3", "12345678903", "", false},
		{"00000000000", "00000000000", "", false},
		{"12345678904", "12345678904", msg.CodeNSSVerificador, false},
		{"1234567890", "1234567890", msg.CodeNSSFormato, false},
		{"1234567890A", "1234567890A", msg.CodeNSSFormato, false},
		{"", "", msg.CodeDatoRequerido, false},
	})
}

func TestValidarCodigoPostal(t *testing.T) {
	probar(t, "ValidarCodigoPostal", ValidarCodigoPostal, []caso{
		{"06600", "06600", "", false},
		{"02810", "02810", "", false},
		{" 44 100 ", "44100", "", false},
		{"20000", "20000", "", false},
		{"99999", "99999", "", false},
		{"16999", "16999", "", false},
		{"", "", msg.CodeDatoRequerido, false},
		{"6600", "6600", msg.CodeCPFormato, false},
		{"066000", "066000", msg.CodeCPFormato, false},
		{"0660O", "0660O", msg.CodeCPFormato, false},
		{"٠٦٦٠٠", "٠٦٦٠٠", msg.CodeCPFormato, false},
		{"00123", "00123", msg.CodeCPInexistente, false},
		{"17000", "17000", msg.CodeCPInexistente, false},
		{"18500", "18500", msg.CodeCPInexistente, false},
		{"19999", "19999", msg.CodeCPInexistente, false},
	})
}

func TestValidarCorreo(t *testing.T) {
	probar(t, "ValidarCorreo", ValidarCorreo, []caso{
		{"nombre_patron@gmail.com", "nombre_patron@gmail.com", "", false},
		{"miguel.mendez@softtek.com", "miguel.mendez@softtek.com", "", false},
		{"  Nombre.Patron@EXAMPLE.com.MX ", "Nombre.Patron@example.com.mx", "", false},
		{"a+etiqueta@sub.dominio-mx.org", "a+etiqueta@sub.dominio-mx.org", "", false},
		{"x@xn--mxico-bsa.xn--p1ai", "x@xn--mxico-bsa.xn--p1ai", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{"nombre", "nombre", msg.CodeCorreoFormato, false},
		{"nombre@", "nombre@", msg.CodeCorreoFormato, false},
		{"@example.com", "@example.com", msg.CodeCorreoFormato, false},
		{"nombre@localhost", "nombre@localhost", msg.CodeCorreoFormato, false},
		{"nombre@example", "nombre@example", msg.CodeCorreoFormato, false},
		{"nombre@example.c", "nombre@example.c", msg.CodeCorreoFormato, false},
		{"nombre@example.123", "nombre@example.123", msg.CodeCorreoFormato, false},
		{"nombre@-example.com", "nombre@-example.com", msg.CodeCorreoFormato, false},
		{"nombre@example..com", "nombre@example..com", msg.CodeCorreoFormato, false},
		{"nombre@[127.0.0.1]", "nombre@[127.0.0.1]", msg.CodeCorreoFormato, false},
		{"nom bre@example.com", "nom bre@example.com", msg.CodeCorreoFormato, false},
		{"josé@example.com", "josé@example.com", msg.CodeCorreoFormato, false},
		{"nombre@méxico.com", "nombre@méxico.com", msg.CodeCorreoFormato, false},
		{"a@b@example.com", "a@b@example.com", msg.CodeCorreoFormato, false},
		{"nombre..x@example.com", "nombre..x@example.com", msg.CodeCorreoFormato, false},
		{".nombre@example.com", ".nombre@example.com", msg.CodeCorreoFormato, false},
		{`"nombre"@example.com`, `"nombre"@example.com`, msg.CodeCorreoFormato, false},
		{"Nombre <nombre@example.com>", "Nombre <nombre@example.com>", msg.CodeCorreoFormato, false},
		{"nombre@example.com (casa)", "nombre@example.com (casa)", msg.CodeCorreoFormato, false},
		{"nombre@example.com,otro@example.com", "nombre@example.com,otro@example.com", msg.CodeCorreoFormato, false},
		{"nombre_patron@gmail.com\x00", "nombre_patron@gmail.com\x00", msg.CodeCorreoFormato, false},
	})
	largo := ""
	for range 250 {
		largo += "a"
	}
	probar(t, "ValidarCorreo", ValidarCorreo, []caso{
		{largo + "@x.mx", largo + "@x.mx", msg.CodeCorreoLargo, false},
		{largo[:65] + "@x.mx", largo[:65] + "@x.mx", msg.CodeCorreoFormato, false},
		{largo[:64] + "@x.mx", largo[:64] + "@x.mx", "", false},
	})
}

func TestValidarTelefono(t *testing.T) {
	probar(t, "ValidarTelefono", ValidarTelefono, []caso{
		{"5555555555", "5555555555", "", false},
		{"55 5238 2723", "5552382723", "", false},
		{"(55) 5238-2723", "5552382723", "", false},
		{"+52 (33) 1234.5678", "3312345678", "", false},
		{"+525552382723", "5552382723", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{" - ", "", msg.CodeDatoRequerido, false},
		// The seeds' placeholders and renewal samples are not Mexican numbers.
		{"00000000", "00000000", msg.CodeTelefonoDigitos, false},
		{"464645456", "464645456", msg.CodeTelefonoDigitos, false},
		{"21313213212", "21313213212", msg.CodeTelefonoDigitos, false},
		{"01 55 5238 2723", "015552382723", msg.CodeTelefonoDigitos, false},
		{"+1 555 555 5555", "+15555555555", msg.CodeTelefonoDigitos, false},
		{"52 55 5238 2723", "525552382723", msg.CodeTelefonoDigitos, false},
		{"55-5238-272x", "555238272x", msg.CodeTelefonoDigitos, false},
		{"0155238272", "0155238272", msg.CodeTelefonoLada, false},
		{"1234567890", "1234567890", msg.CodeTelefonoLada, false},
		{"+520155238272", "0155238272", msg.CodeTelefonoLada, false},
	})
}

func TestValidarUsuario(t *testing.T) {
	probar(t, "ValidarUsuario", ValidarUsuario, []caso{
		{"manual_generacion", "manual_generacion", "", false},
		{"A064878710", "A064878710", "", false},
		{" jose.pena ", "jose.pena", "", false},
		{"abcd", "abcd", "", false},
		{"a23456789012345678901234567890", "a23456789012345678901234567890", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{"abc", "abc", msg.CodeUsuarioLongitud, false},
		{"a234567890123456789012345678901", "a234567890123456789012345678901", msg.CodeUsuarioLongitud, false},
		{"josé_peña", "josé_peña", msg.CodeUsuarioCaracteres, false},
		{"jose pena", "jose pena", msg.CodeUsuarioCaracteres, false},
		{"jose-pena", "jose-pena", msg.CodeUsuarioCaracteres, false},
		{"jose@pena", "jose@pena", msg.CodeUsuarioCaracteres, false},
	})
}

func TestValidarFuncion(t *testing.T) {
	probar(t, "ValidarFuncion", ValidarFuncion, []caso{
		{"Patrón", FuncionPatron, "", false},
		{"PATRON", FuncionPatron, "", false},
		{" patrón ", FuncionPatron, "", false},
		{"SUJETO  OBLIGADO", FuncionSujetoObligado, "", false},
		{"representante legal", FuncionRepresentanteLegal, "", false},
		{"", "", msg.CodeDatoRequerido, false},
		{"Gerente", "GERENTE", msg.CodeFuncionInvalida, false},
		{"Representante", "REPRESENTANTE", msg.CodeFuncionInvalida, false},
	})
}

func TestValidarEntidad(t *testing.T) {
	probar(t, "ValidarEntidad", ValidarEntidad, []caso{
		{"Aguascalientes", "Aguascalientes", "", false},
		{"Ciudad de México", "Ciudad de México", "", false},
		{"CIUDAD DE MEXICO", "Ciudad de México", "", false},
		{"cdmx", "Ciudad de México", "", false},
		{"Distrito Federal", "Ciudad de México", "", false},
		{"DF", "Ciudad de México", "", false},
		{"México", "México", "", false},
		{"Estado de México", "México", "", false},
		{"veracruz", "Veracruz de Ignacio de la Llave", "", false},
		{"Michoacán", "Michoacán de Ocampo", "", false},
		{"COAHUILA DE ZARAGOZA", "Coahuila de Zaragoza", "", false},
		{"nuevo  leon", "Nuevo León", "", false},
		{"09", "Ciudad de México", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{"NE", "NE", msg.CodeEntidadInvalida, false},
		{"Texas", "TEXAS", msg.CodeEntidadInvalida, false},
		{"Ciudad", "CIUDAD", msg.CodeEntidadInvalida, false},
		{"Baja", "BAJA", msg.CodeEntidadInvalida, false},
	})
}

func TestEntidades(t *testing.T) {
	es := Entidades()
	if len(es) != 32 {
		t.Fatalf("Entidades() tiene %d, quiero 32", len(es))
	}
	claves := map[string]bool{}
	for i, e := range es {
		if claves[e.ClaveCURP] || len(e.ClaveCURP) != 2 {
			t.Errorf("clave CURP %q repetida o mal formada", e.ClaveCURP)
		}
		claves[e.ClaveCURP] = true
		if want := string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)); e.ClaveINEGI != want {
			t.Errorf("%s: clave INEGI %s, quiero %s", e.Nombre, e.ClaveINEGI, want)
		}
		if got, ok := BuscarEntidad(e.Nombre); !ok || got != e {
			t.Errorf("BuscarEntidad(%q) = %v, %v", e.Nombre, got, ok)
		}
		if got, ok := BuscarEntidad(e.ClaveCURP); !ok || got != e {
			t.Errorf("BuscarEntidad(%q) = %v, %v", e.ClaveCURP, got, ok)
		}
		if NombresEntidades()[i] != e.Nombre {
			t.Errorf("NombresEntidades()[%d] = %q", i, NombresEntidades()[i])
		}
	}
	es[0].Nombre = "cambiado"
	if Entidades()[0].Nombre != "Aguascalientes" {
		t.Error("Entidades() comparte su arreglo con quien la llama")
	}
}

func TestValidarNombre(t *testing.T) {
	probar(t, "ValidarNombre", ValidarNombre, []caso{
		{"José", "JOSÉ", "", false},
		{"  maría   de los   ángeles ", "MARÍA DE LOS ÁNGELES", "", false},
		{"peña", "PEÑA", "", false},
		{"Güemes", "GÜEMES", "", false},
		{"MA. DE LOURDES", "MA. DE LOURDES", "", false},
		{"o'higgins", "O'HIGGINS", "", false},
		{"Pérez-Gil", "PÉREZ-GIL", "", false},
		// Decomposed accents (letter + combining mark) are composed.
		{"Jose\u0301 Pen\u0303a", "JOSÉ PEÑA", "", false},

		{"", "", msg.CodeDatoRequerido, false},
		{"   ", "", msg.CodeDatoRequerido, false},
		{"JOSÉ2", "JOSÉ2", msg.CodeNombreCaracteres, false},
		{"NOMBRE_PATRON", "NOMBRE_PATRON", msg.CodeNombreCaracteres, false},
		{"...", "...", msg.CodeNombreCaracteres, false},
		{"Ιωάννης", "ΙΩΆΝΝΗΣ", msg.CodeNombreCaracteres, false},
		{"JOSE\u0300", "JOSE\u0300", msg.CodeNombreCaracteres, false},
		{"ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ", "ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ ABCDEFGHIJ", msg.CodeNombreLargo, false},
	})
}

func TestValidarTextos(t *testing.T) {
	probar(t, "ValidarLineaDomicilio", ValidarLineaDomicilio, []caso{
		{"av. paseo de la reforma", "AV. PASEO DE LA REFORMA", "", false},
		{"nombre_calle #12, int. 3", "NOMBRE_CALLE #12, INT. 3", "", false},
		{"", "", msg.CodeDatoRequerido, false},
		{"CALLE\x00", "CALLE\x00", msg.CodeDatoCaracteres, false},
		{"CALLE \xff", "CALLE \uFFFD", msg.CodeDatoCaracteres, false},
		{"CALLE\u200b", "CALLE\u200b", msg.CodeDatoCaracteres, false},
	})
	probar(t, "ValidarNumeroDomicilio", ValidarNumeroDomicilio, []caso{
		{"476", "476", "", false},
		{"s/n", "S/N", "", false},
		{"123456789012345678901", "123456789012345678901", msg.CodeNumeroLargo, false},
	})
	probar(t, "ValidarRazonSocial", ValidarRazonSocial, []caso{
		{"Empresa Manual, S.A. de C.V.", "EMPRESA MANUAL, S.A. DE C.V.", "", false},
		{"", "", msg.CodeDatoRequerido, false},
	})
	largo := ""
	for range 255 {
		largo += "A"
	}
	probar(t, "ValidarRazonSocial", ValidarRazonSocial, []caso{
		{largo, largo, msg.CodeRazonSocialLarga, false},
		{largo[:254], largo[:254], "", false},
	})
	probar(t, "ValidarLineaDomicilio", ValidarLineaDomicilio, []caso{
		{largo[:101], largo[:101], msg.CodeDomicilioLargo, false},
		{largo[:100], largo[:100], "", false},
	})
}
