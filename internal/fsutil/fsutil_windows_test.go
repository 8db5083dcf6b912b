//go:build windows

package fsutil

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// dacl reads path's DACL through the Windows API (file modes mean nothing
// there) and returns whether it is protected from inheritance and the SIDs
// its entries allow.
func dacl(t *testing.T, path string) (protegida bool, permitidos []string) {
	t.Helper()
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatalf("GetNamedSecurityInfo(%s): %v", path, err)
	}
	ctl, _, err := sd.Control()
	if err != nil {
		t.Fatal(err)
	}
	acl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	for i := uint32(0); i < uint32(acl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(acl, i, &ace); err != nil {
			t.Fatal(err)
		}
		const fileAllAccess = windows.STANDARD_RIGHTS_REQUIRED | windows.SYNCHRONIZE | 0x1ff // SDDL "FA"
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE {
			t.Fatalf("%s: ACE %d de tipo %d", path, i, ace.Header.AceType)
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		permitidos = append(permitidos, sid.String())
	}
	return ctl&windows.SE_DACL_PROTECTED != 0, permitidos
}

// tempDir avoids t.TempDir: under Wine its cleanup fails ("Invalid
// function") and fails the test for a reason that is not the code's.
func tempDir(t *testing.T, nombre string) string {
	d, err := os.MkdirTemp("", "fsutil-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	d = filepath.Join(d, nombre)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// enWine reports whether the test runs under Wine, which keeps no DACLs on
// files: it maps them to Unix modes and makes one up from the mode when
// asked, so on-disk checks need a real Windows.
func enWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

func soloDueno(t *testing.T, path string) {
	t.Helper()
	if enWine() {
		t.Skip("Wine no guarda DACL en archivos (las traduce a modos Unix): esta comprobación necesita Windows")
	}
	yo, err := usuarioActual()
	if err != nil {
		t.Fatal(err)
	}
	protegida, sids := dacl(t, path)
	if !protegida || len(sids) != 1 || sids[0] != yo.String() {
		t.Fatalf("%s: DACL protegida=%v permite %v; quiero solo %s", path, protegida, sids, yo)
	}
}

// The descriptor handed to CreateFile, read back through the Windows API:
// this part runs the same under Wine and Windows.
func TestDescriptorDueno_UnaEntradaProtegida(t *testing.T) {
	yo, err := usuarioActual()
	if err != nil {
		t.Fatal(err)
	}
	for _, heredable := range []bool{false, true} {
		sd, err := descriptorDueno(heredable)
		if err != nil {
			t.Fatal(err)
		}
		ctl, _, err := sd.Control()
		if err != nil {
			t.Fatal(err)
		}
		acl, _, err := sd.DACL()
		if err != nil {
			t.Fatal(err)
		}
		if ctl&windows.SE_DACL_PROTECTED == 0 || acl.AceCount != 1 {
			t.Fatalf("heredable=%v: protegida=%v, %d entradas", heredable, ctl&windows.SE_DACL_PROTECTED != 0, acl.AceCount)
		}
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(acl, 0, &ace); err != nil {
			t.Fatal(err)
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		const fileAllAccess = windows.STANDARD_RIGHTS_REQUIRED | windows.SYNCHRONIZE | 0x1ff // SDDL "FA"
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || !sid.Equals(yo) ||
			ace.Mask != fileAllAccess {
			t.Fatalf("heredable=%v: ACE tipo %d para %s máscara %#x", heredable, ace.Header.AceType, sid, ace.Mask)
		}
		hereda := ace.Header.AceFlags&(windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE) != 0
		if hereda != heredable {
			t.Fatalf("heredable=%v: flags %#x", heredable, ace.Header.AceFlags)
		}
	}
}

func TestWriteFile_LlaveEnWindows_DACLSoloDelDueno(t *testing.T) {
	dir := tempDir(t, `José Pérez\Mis documentos`)
	p := filepath.Join(dir, "A0648787107.key")
	if err := WriteFile(p, []byte("llave"), 0o600, false); err != nil {
		t.Fatal(err)
	}
	soloDueno(t, p)
	if err := WriteFile(p, []byte("otra"), 0o600, true); err != nil {
		t.Fatal(err)
	}
	soloDueno(t, p)
	if b, _ := os.ReadFile(p); string(b) != "otra" {
		t.Fatalf("contenido = %q", b)
	}
}

func TestWriteFile_Publico_HeredaDeLaCarpeta(t *testing.T) {
	dir := tempDir(t, "público")
	p := filepath.Join(dir, "A0648787107.cer")
	if err := WriteFile(p, []byte("cer"), 0o644, false); err != nil {
		t.Fatal(err)
	}
	if protegida, _ := dacl(t, p); protegida {
		t.Fatalf("%s: un archivo público no debe cortar la herencia", p)
	}
}

func TestMkdirPrivado_LoCreadoDentroHereda(t *testing.T) {
	dir := filepath.Join(tempDir(t, "datos refca"), "ñandú")
	if err := MkdirPrivado(dir); err != nil {
		t.Fatal(err)
	}
	soloDueno(t, dir)
	// SQLite creates its database with plain CreateFile: it must inherit.
	p := filepath.Join(dir, "refca.db")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	yo, _ := usuarioActual()
	_, sids := dacl(t, p) // inherited entries are not protected

	if len(sids) != 1 || sids[0] != yo.String() {
		t.Fatalf("%s hereda %v; quiero solo %s", p, sids, yo)
	}
}
