package assets

import (
	"bytes"
	"strings"
	"testing"
)

func TestFuentesSonTrueType(t *testing.T) {
	for nombre, b := range map[string][]byte{"SansRegular": SansRegular, "SansBold": SansBold, "MonoRegular": MonoRegular} {
		if len(b) < 100_000 || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s no es un TrueType (%d bytes)", nombre, len(b))
		}
	}
	if !strings.Contains(FontLicense, "SIL OPEN FONT LICENSE Version 1.1") {
		t.Error("falta la licencia de las fuentes")
	}
}
