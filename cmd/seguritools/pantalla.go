package main

import "fyne.io/fyne/v2"

// tamanoPreferido is the window the screens are designed for; the
// first window is smaller when the screen's work area is.
var tamanoPreferido = fyne.NewSize(1180, 780)

// tamanoSinPantalla is 90% of a 1024×600 netbook's screen, so it also fits
// a 1366×768 laptop with its taskbar: for when the work area is unknown.
var tamanoSinPantalla = fyne.NewSize(920, 540)

// fraccionMaxima is the most of the work area the first window takes.
const fraccionMaxima = 0.9

// tamanoInicial is the size of the first window: the preferred one,
// within 90% of the work area (in the app's units, w by h) when known.
func tamanoInicial(w, h float32, conocida bool) fyne.Size {
	if !conocida || w <= 0 || h <= 0 {
		return tamanoSinPantalla
	}
	return fyne.NewSize(min(tamanoPreferido.Width, w*fraccionMaxima), min(tamanoPreferido.Height, h*fraccionMaxima))
}
