//go:build !ci && !wasm && !android && !ios

package main

import (
	"math"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// areaDeTrabajo is the primary monitor's work area (the screen less the
// taskbar) in Fyne's units. Fyne has no API for it; its desktop driver
// uses GLFW, initialised once the app has a window, on this (the main)
// thread. The scale mirrors the driver's: the monitor's DPI against 120,
// never below 1, times FYNE_SCALE or the user's setting.
func areaDeTrabajo(a fyne.App) (float32, float32, bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		return 0, 0, false
	}
	escala := float32(1)
	if mm, _ := m.GetPhysicalSize(); mm > 0 && m.GetVideoMode() != nil {
		dpi := float32(m.GetVideoMode().Width) / (float32(mm) / 25.4)
		if dpi >= 10 && dpi <= 1000 {
			escala = max(1, dpi/120)
		}
	}
	usuario := a.Settings().Scale()
	if v, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && v > 0 {
		usuario = float32(v)
	}
	if usuario > 0 {
		escala *= usuario
	}
	escala = float32(math.Round(float64(escala)*10) / 10)
	return float32(w) / escala, float32(h) / escala, true
}
