//go:build linux || freebsd || openbsd || netbsd

package unidades

import "testing"

func TestDesescapar(t *testing.T) {
	if got := desescapar(`/media/ana/MI\040USB`); got != "/media/ana/MI USB" {
		t.Fatalf("got %q", got)
	}
}
