package ui

import "testing"

func TestUrlArchivo_UnidadDeWindowsYAcentos(t *testing.T) {
	for p, want := range map[string]string{
		"C:/Users/José Pérez/Mis documentos/carta.pdf": "file:///C:/Users/Jos%C3%A9%20P%C3%A9rez/Mis%20documentos/carta.pdf",
		"/home/ana/Mis cartas/carta.pdf":               "file:///home/ana/Mis%20cartas/carta.pdf",
	} {
		if got := urlArchivo(p).String(); got != want {
			t.Errorf("urlArchivo(%q) = %q, quiero %q", p, got, want)
		}
	}
}
