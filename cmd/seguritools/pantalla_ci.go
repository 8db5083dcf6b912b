//go:build ci

package main

import "fyne.io/fyne/v2"

// areaDeTrabajo is unknown in the headless build.
func areaDeTrabajo(fyne.App) (float32, float32, bool) { return 0, 0, false }
