package patron

import (
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/seguritools/seguritools/app/msg"
)

// revisarValidador checks what must hold for any input of a per-field
// validator: normalizing is idempotent, the normalized value gets the same
// verdict as the raw one, and any code returned is in the catalogue.
func revisarValidador(t *testing.T, f func(string) (string, *Problema), s string) (string, *Problema) {
	t.Helper()
	v, p := f(s)
	v2, p2 := f(v)
	if v2 != v {
		t.Fatalf("normalizar no es idempotente: %q -> %q -> %q", s, v, v2)
	}
	if (p == nil) != (p2 == nil) || p != nil && *p != *p2 {
		t.Fatalf("%q y su forma normal %q reciben veredictos distintos: %v, %v", s, v, p, p2)
	}
	if p != nil {
		if _, ok := msg.Lookup(p.Codigo); !ok {
			t.Fatalf("%q: código %s no registrado", s, p.Codigo)
		}
	}
	return v, p
}

func FuzzValidarRFC(f *testing.F) {
	for _, s := range []string{"GODE561231GR8", "MAB9307148T4", "XAXX010101000", "ÑAB9307148TA", "a&c-010203-ab9", "GODE560230GR8", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, p := revisarValidador(t, ValidarRFC, s)
		vp, pp := revisarValidador(t, ValidarRFCPersona, s)
		if vp != v {
			t.Fatalf("ValidarRFC y ValidarRFCPersona normalizan distinto: %q, %q", v, vp)
		}
		if p == nil || p.Aviso {
			if n := utf8.RuneCountInString(v); n != 12 && n != 13 || !rfcForma.MatchString(v) {
				t.Fatalf("RFC aceptado %q sin la forma del SAT", v)
			}
			if (pp == nil || pp.Aviso) && utf8.RuneCountInString(v) != 13 {
				t.Fatalf("RFC de persona aceptado con %d caracteres: %q", utf8.RuneCountInString(v), v)
			}
		}
	})
}

func FuzzValidarCURP(f *testing.F) {
	for _, s := range []string{"BOXW310820HNERXN09", "PEGL000229MJCRMSA4", "pegl890909mjcrms08", "BOXW310820HNERXN08", "BÑXW310820HNERXN09", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, p := revisarValidador(t, ValidarCURP, s)
		if p == nil && (len(v) != 18 || digitoCURP(v) != v[17] || !claveCURP(v[11:13])) {
			t.Fatalf("CURP aceptada %q no cumple sus reglas", v)
		}
	})
}

func FuzzValidarRegistroPatronal(f *testing.F) {
	for _, s := range []string{"B752158813-9", "A064878710-7", "C6759945101", "Y6087828105", "b75 21588 13 9", "Ñ7521588139", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, p := revisarValidador(t, ValidarRegistroPatronal, s)
		if p == nil && (!registroForma.MatchString(v) || digitoRegistro(v) != v[10]) {
			t.Fatalf("registro patronal aceptado %q no cumple sus reglas", v)
		}
		// Changing any one digit must be caught: that is what a check digit is for.
		if p == nil {
			for i := 1; i < 11; i++ {
				b := []byte(v)
				b[i] = '0' + (b[i]-'0'+1)%10
				if _, q := ValidarRegistroPatronal(string(b)); q == nil {
					t.Fatalf("%q y %q son ambos válidos", v, b)
				}
			}
		}
	})
}

func FuzzValidarContacto(f *testing.F) {
	for _, s := range []string{"nombre_patron@gmail.com", " A@B.MX", "+52 (55) 5238-2723", "06600", "cdmx", "PATRON", "josé", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []func(string) (string, *Problema){
			ValidarCorreo, ValidarTelefono, ValidarCodigoPostal, ValidarEntidad, ValidarFuncion,
			ValidarUsuario, ValidarNombre, ValidarRazonSocial, ValidarLineaDomicilio, ValidarNumeroDomicilio, ValidarNSS,
		} {
			revisarValidador(t, v, s)
		}
		for _, p := range ValidarContrasena(s, "manual_generacion") {
			if _, ok := msg.Lookup(p.Codigo); !ok {
				t.Fatalf("código %s no registrado", p.Codigo)
			}
		}
	})
}

func FuzzSolicitudJSON(f *testing.F) {
	ejemplo, _ := json.Marshal(solicitudValida())
	f.Add(ejemplo)
	f.Add([]byte(`{"empresa":{"rfc":"ema801010-ab6"},"representante":{"correo":"A@B.MX","correo_confirmacion":"a@b.mx"}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Solicitud
		if json.Unmarshal(b, &s) != nil {
			return
		}
		ps := s.Validar()
		n := s.Normalizada()
		if n.Normalizada() != n {
			t.Fatalf("Normalizada no es idempotente:\n%+v\n%+v", n, n.Normalizada())
		}
		if pn := n.Validar(); !slices.Equal(ps, pn) {
			t.Fatalf("la forma normal recibe otro veredicto:\n%+v\n%+v", ps, pn)
		}
		for _, p := range ps {
			if _, ok := msg.Lookup(p.Codigo); !ok || p.Campo == "" {
				t.Fatalf("problema sin campo o con código no registrado: %+v", p)
			}
		}
		// What is stored must come back the same through JSON.
		out, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		var r Solicitud
		if err := json.Unmarshal(out, &r); err != nil || r != n {
			t.Fatalf("la forma normal no sobrevive a JSON: %v\n%+v\n%+v", err, n, r)
		}
	})
}
