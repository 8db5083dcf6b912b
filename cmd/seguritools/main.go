// Command seguritools is the desktop app: every IMSS digital certificate
// procedure as a guided wizard, and the clerk's Ventanilla. Without a
// configured server it starts the reference CA in-process (embedded mode)
// with its data in the user's configuration directory.
//
//	seguritools [-pantalla ID]
//
// -pantalla opens a screen directly (the ids of ui.Pantallas, plus the
// demo states scripts/screenshots.sh renders).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/seguritools/seguritools/app/ajustes"
	"github.com/seguritools/seguritools/app/embebido"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/app/vistaprevia"
	"github.com/seguritools/seguritools/assets"
	"github.com/seguritools/seguritools/ui"
)

func main() {
	pantalla := flag.String("pantalla", "", "pantalla que se abre al iniciar")
	flag.Parse()
	localeEspanol()
	if err := run(*pantalla); err != nil {
		fmt.Fprintln(os.Stderr, "seguritools:", msg.Text(err, msg.LangFromEnv()))
		os.Exit(1)
	}
}

// localeEspanol drops locale variables that name no language ("C",
// "POSIX"), which Fyne would report as unparsable at start-up, and gives
// the app Spanish, its default, when nothing else names a language.
func localeEspanol() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch os.Getenv(v) {
		case "":
		case "C", "POSIX", "C.UTF-8", "C.utf8":
			os.Unsetenv(v)
		default:
			return
		}
	}
	os.Setenv("LANG", "es_MX.UTF-8")
}

func run(pantalla string) error {
	a := app.NewWithID("mx.seguritools.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icono))
	dir, err := dirConfig()
	if err != nil {
		return err
	}
	l := msg.Lang(a.Preferences().StringWithFallback(ui.PrefIdioma, string(msg.ES)))
	if err := ui.UsarIdioma(l); err != nil {
		return err
	}
	alm, err := progreso.Abrir(dir)
	if err != nil {
		return err
	}
	e := &ui.Entorno{App: a, Progreso: alm}
	var emb *embebido.Servidor
	conectar := func(s ui.Servidor) (ui.Servidor, error) {
		if !s.Embebido {
			if emb != nil {
				emb.Cerrar()
				emb = nil
			}
			return s, nil
		}
		if emb == nil {
			if emb, err = embebido.Iniciar(filepath.Join(dir, "refca"), embebido.Opciones{}); err != nil {
				return s, err
			}
		}
		return ui.Servidor{URL: emb.URL, RaizPEM: emb.RaizPEM, Embebido: true,
			ClerkDemo: embebido.ClerkDemo + " / " + embebido.ClerkDemoContrasena}, nil
	}
	defer func() {
		if emb != nil {
			emb.Cerrar()
		}
	}()
	inicial := ui.Servidor{Embebido: true}
	if u := a.Preferences().String(ui.PrefServidor); u != "" {
		pem, err := os.ReadFile(a.Preferences().String(ui.PrefRaiz))
		if err != nil {
			return msg.Wrap(err, msg.CodeArchivoNoLeido, a.Preferences().String(ui.PrefRaiz))
		}
		inicial = ui.Servidor{URL: u, RaizPEM: pem}
	}
	if e.Servidor, err = conectar(inicial); err != nil {
		return err
	}
	e.Reconfigurar = conectar
	w := a.NewWindow("SeguriTools")
	e.Ventana = w
	w.Resize(tamanoInicial(areaDeTrabajo(a)))
	e.Iniciar()
	// The letters' preview engine is compiled once (a few seconds) and
	// kept in the user's cache: warm it while the user reads the menu.
	if cache, err := os.UserCacheDir(); err == nil {
		vistaprevia.UsarCache(filepath.Join(cache, "seguritools", "pdfium"))
	}
	go vistaprevia.Preparar(context.Background())
	if pantalla != "" {
		ui.Demostrar(e, pantalla)
	}
	w.ShowAndRun()
	return nil
}

// dirConfig is the app's configuration directory (created owner-only),
// shared with npiectl: see ajustes.Dir.
func dirConfig() (string, error) {
	d, err := ajustes.Dir()
	if err != nil {
		return "", msg.Wrap(err, msg.CodeArchivoNoEscrito, d)
	}
	return d, nil
}
