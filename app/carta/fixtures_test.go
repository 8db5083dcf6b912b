package carta

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/seguritools/seguritools/app/patron"
)

// The fixed clock of every test: 23 November 2026, 10:15 in Mexico City.
var fechaFija = time.Date(2026, time.November, 23, 10, 15, 0, 0, time.FixedZone("CST", -6*3600))

var folioFijo = Folio{0x88, 0xa5, 0xf3, 0x56, 0x9e, 0x1e, 0xd3, 0x5b, 0x11, 0x81, 0x6c, 0x22, 0xcd, 0x7b, 0x27, 0x4a}

// leerLlave reads a PEM "PUBLIC KEY" (DER SubjectPublicKeyInfo) from testdata.
func leerLlave(t testing.TB, nombre string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", nombre))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		t.Fatalf("%s: no es un PEM PUBLIC KEY", nombre)
	}
	return blk.Bytes
}

func solicitudPrueba() patron.Solicitud {
	return patron.Solicitud{
		Empresa: patron.Empresa{
			RazonSocial:      "Panadería La Güera Peña, S.A. de C.V.",
			RegistroPatronal: "B752158813-9",
			RFC:              "PGP0603153Z1",
		},
		Representante: patron.Representante{
			Funcion:         patron.FuncionRepresentanteLegal,
			Usuario:         "pgpena",
			Nombre:          "José Ángel",
			ApellidoPaterno: "Muñoz",
			ApellidoMaterno: "Íñiguez",
			CURP:            "MUIA800101HDFXXX09",
			RFC:             "MUIA800101AB1",
			Correo:          "jose.munoz@ejemplo.com.mx",
			Telefono:        "5552382700",
		},
		Domicilio: patron.Domicilio{
			Calle:        "Avenida Paseo de la Reforma",
			NumExterior:  "476",
			NumInterior:  "3er. piso",
			Colonia:      "Juárez",
			Municipio:    "Cuauhtémoc",
			Entidad:      "Ciudad de México",
			Ciudad:       "Ciudad de México",
			CodigoPostal: "06600",
		},
	}
}

func datosPrueba(t testing.TB) Datos {
	return Datos{
		Solicitud:            solicitudPrueba(),
		Fecha:                fechaFija,
		Folio:                folioFijo,
		NPIE:                 "B7521588139",
		LlavePublica:         leerLlave(t, "llave_nueva.pem"),
		LlavePublicaAnterior: leerLlave(t, "llave_anterior.pem"),
		CadenaCartaAnterior:  "fe891b7e1e27f717d85b816dbdc14cfd9052c5da0123456789abcdef01234567",
	}
}

func constanciaPrueba() DatosConstancia {
	s := solicitudPrueba()
	return DatosConstancia{
		Empresa:       s.Empresa,
		Representante: s.Representante,
		NPIE:          "B7521588139",
		NumeroSerie:   "00001000000512345678",
		VigenciaDesde: fechaFija,
		VigenciaHasta: fechaFija.AddDate(2, 0, 0),
		Funcionario:   "María Concepción Ibáñez Rendón",
		Subdelegacion: "Cuauhtémoc",
		Fecha:         fechaFija,
	}
}

// generadorCompartido is one Generador for the tests that do not test the
// configuration directory itself; TestMain removes its directory.
var (
	dirCompartido       string
	generadorCompartido = sync.OnceValues(func() (*Generador, error) {
		return NuevoGenerador(dirCompartido)
	})
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "carta-pdfcpu-")
	if err != nil {
		panic(err)
	}
	dirCompartido = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func generador(t testing.TB) *Generador {
	t.Helper()
	g, err := generadorCompartido()
	if err != nil {
		t.Fatal(err)
	}
	return g
}
