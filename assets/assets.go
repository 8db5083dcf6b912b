// Package assets holds the files embedded in every SeguriTools binary.
//
// The fonts are Liberation Sans (regular and bold) and Liberation Mono,
// version 2.1.5, under the SIL Open Font License 1.1 (fonts/LICENSE).
// Letters embed subsets of them so that Spanish accents and ñ print and
// extract correctly everywhere. The byte slices are shared: never modify
// them.
package assets

import _ "embed"

// SansRegular is Liberation Sans Regular, a TrueType font.
//
//go:embed fonts/LiberationSans-Regular.ttf
var SansRegular []byte

// SansBold is Liberation Sans Bold, a TrueType font.
//
//go:embed fonts/LiberationSans-Bold.ttf
var SansBold []byte

// MonoRegular is Liberation Mono Regular, a TrueType font with fixed pitch.
//
//go:embed fonts/LiberationMono-Regular.ttf
var MonoRegular []byte

// FontLicense is the text of the fonts' license, to ship with any
// redistribution of the font files themselves.
//
//go:embed fonts/LICENSE
var FontLicense string
