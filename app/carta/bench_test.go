package carta

import "testing"

func benchCarta(b *testing.B, tipo Tipo, datos any) {
	g := generador(b)
	if _, err := g.Generar(tipo, datos); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := g.Generar(tipo, datos); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTerminos(b *testing.B) {
	d := datosPrueba(b)
	d.LlavePublicaAnterior = nil
	benchCarta(b, TipoTerminos, d)
}

func BenchmarkRenovacion(b *testing.B) { benchCarta(b, TipoRenovacion, datosPrueba(b)) }

func BenchmarkTerminosRenovacion(b *testing.B) {
	benchCarta(b, TipoTerminosRenovacion, datosPrueba(b))
}

func BenchmarkConstancia(b *testing.B) { benchCarta(b, TipoConstancia, constanciaPrueba()) }

// BenchmarkTerminosParalelo measures letters generated concurrently, as a
// server does.
func BenchmarkTerminosParalelo(b *testing.B) {
	g := generador(b)
	d := datosPrueba(b)
	d.LlavePublicaAnterior = nil
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := g.Terminos(d); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
