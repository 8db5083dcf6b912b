package tramite

import (
	"context"
	"crypto/rsa"
	"path/filepath"
	"strings"
	"time"

	"github.com/seguritools/seguritools/app/api/wire"
	"github.com/seguritools/seguritools/app/client"
	"github.com/seguritools/seguritools/app/credencial"
	"github.com/seguritools/seguritools/app/firma"
	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/patron"
	"github.com/seguritools/seguritools/app/progreso"
	"github.com/seguritools/seguritools/crypto"
)

// Files a renewal keeps next to its progress.
const (
	archivoRequerimiento    = "renovacion.req"
	archivoAceptacion       = "CartadeAceptaciondeRenovacion.pdf"
	archivoAceptacionFirma  = "CartadeAceptaciondeRenovacion-firmada.pdf"
	archivoTerminosRen      = "CartaTerminosyCondicionesRenovacion.pdf"
	archivoTerminosRenFirma = "CartaTerminosyCondicionesRenovacion-firmada.pdf"
)

// Reasons written in the letters' signatures.
const (
	MotivoAceptacion = "Acepto la renovación de mi Certificado Digital"
	MotivoTerminos   = "Acepto los términos y condiciones"
)

// Renovacion is the online renewal (seeds 001–003) as a state machine. Its
// steps, in order, are the progreso.Paso values "" (open the current
// certificate), PasoLlaveEscrita (new key on disk, request built),
// PasoEnviada (the CA started the renewal and served the Carta de
// Aceptación), PasoCartaFirmada, PasoCertificadoNuevo (new .pfx written,
// Carta de Términos served) and PasoTerminado. Each method takes the
// user's input for one step, does it, saves the progress and moves to the
// next step, or returns a catalogue error and stays. Passwords are never
// saved; after a restart the methods that need one take it again.
//
// A Renovacion is used by one goroutine at a time.
type Renovacion struct {
	T     *progreso.Tramite
	a     *progreso.Almacen
	c     *client.Client
	old   *crypto.Credential
	nuevo *crypto.Credential
	datos *patron.Solicitud // the CA's answer to DatosAnteriores, for this run
	ahora func() time.Time
	sello error // why the last letter was signed without a time stamp
}

// AvisoSello says why the last letter this renewal signed carries no time
// stamp (a *msg.Error, CodeSinSelloTiempo: the CA's time-stamp authority
// did not answer), nil when it carries one. The Carta de Aceptación is
// signed with the certificate the renewal revokes: only its time stamp
// proves it was signed before.
func (r *Renovacion) AvisoSello() error { return r.sello }

// NuevaRenovacion starts a renewal whose progress a keeps (a new,
// unsaved procedure until its key is written).
func NuevaRenovacion(a *progreso.Almacen, c *client.Client) *Renovacion {
	return &Renovacion{T: a.Nuevo(progreso.Renovacion), a: a, c: c, ahora: time.Now}
}

// ReanudarRenovacion continues the saved renewal t.
func ReanudarRenovacion(a *progreso.Almacen, c *client.Client, t *progreso.Tramite) *Renovacion {
	return &Renovacion{T: t, a: a, c: c, ahora: time.Now}
}

// BuscarRenovacion finds the unfinished renewal whose new key is llave
// (the path as given to GenerarLlave), for a resumed command line run.
func BuscarRenovacion(a *progreso.Almacen, llave string) (*progreso.Tramite, bool) {
	abs, _ := filepath.Abs(llave)
	for _, t := range a.Pendientes() {
		if t.Procedimiento != progreso.Renovacion || t.Llave == "" {
			continue
		}
		if x, _ := filepath.Abs(t.Llave); x == abs {
			return t, true
		}
	}
	return nil, false
}

// Paso is the step the renewal stands at.
func (r *Renovacion) Paso() string { return r.T.Paso }

// Anterior is the credential being renewed, once opened.
func (r *Renovacion) Anterior() *crypto.Credential { return r.old }

// Nuevo is the new credential, once obtained in this run.
func (r *Renovacion) Nuevo() *crypto.Credential { return r.nuevo }

// Abrir opens the current certificate (which may have expired) and asks
// the CA about it before anything else: a certificate a renewal already
// replaced, or that was revoked, stops here with the advice that fits.
// aviso is set when the CA could not be asked (the renewal may go on).
func (r *Renovacion) Abrir(ctx context.Context, ruta string, password []byte) (aviso error, err error) {
	old, err := credencial.AbrirPFX(ruta, password)
	if err != nil {
		return nil, err
	}
	serial := crypto.SerialHex(old.Certificate)
	if r.T.SerialAnterior != "" && r.T.SerialAnterior != serial {
		// The new key and request were made for the other certificate.
		return nil, msg.New(msg.CodeRenovacionOtroCertificado, r.T.SerialAnterior)
	}
	if aviso, err = Revisar(ctx, r.c, r.a, old.Certificate, ParaRenovar, r.ahora()); err != nil {
		return nil, err
	}
	r.old, r.T.Certificado, r.T.SerialAnterior, r.datos = old, ruta, serial, nil
	if r.a != nil {
		Recordar(r.a, old.Certificate, ruta)
	}
	return aviso, nil
}

// DatosAnteriores returns the data previously captured for the NPIE of
// the certificate being renewed, as the CA keeps them (with the email,
// phone and fax of any earlier renewal): the renewal shows them and lets
// only correo, teléfono and fax change, starting from these values. Only
// after Abrir (the old certificate proves it is its holder's). The answer
// is kept for the rest of the run and never saved. When the CA cannot be
// reached it returns the client's SERVIDOR_NO_DISPONIBLE, and the caller
// shows what the old certificate's subject says instead.
func (r *Renovacion) DatosAnteriores(ctx context.Context) (*patron.Solicitud, error) {
	if r.old == nil {
		return nil, msg.New(msg.CodeTramitePaso)
	}
	if r.datos == nil {
		if err := conectado(r.c); err != nil {
			return nil, err
		}
		d, err := r.c.DatosDe(ctx, r.old)
		if err != nil {
			return nil, err
		}
		if d.Serial != crypto.SerialHex(r.old.Certificate) {
			return nil, msg.New(msg.CodeRespuestaInvalida, "serial")
		}
		r.datos = &d.Solicitud
	}
	d := *r.datos
	return &d, nil
}

// Usuario is the IMSS user of the certificate being renewed, as the file
// is named by the IMSS (USUARIO.pfx): the new password must differ from it.
func (r *Renovacion) Usuario() string {
	return strings.TrimSuffix(filepath.Base(r.T.Certificado), filepath.Ext(r.T.Certificado))
}

// GenerarLlave makes the new key pair and writes it to ruta (protected by
// password), builds the renewal's request from the old certificate with
// cambios (nil keeps email, phone and fax), and saves both before the
// step is recorded: a renewal resumed later sends that same request with
// that same key. A key a failed attempt of this renewal already wrote at
// ruta is reused, not refused.
func (r *Renovacion) GenerarLlave(cambios *patron.Cambios, ruta string, password []byte, o credencial.Opciones) error {
	if r.old == nil || r.T.Paso != "" && r.T.Paso != progreso.PasoCaptura {
		return msg.New(msg.CodeTramitePaso)
	}
	if cambios != nil {
		if ps := cambios.Validar(); ps.HayErrores() {
			return problemasError(ps)
		}
		c := cambios.Normalizada()
		cambios = &c
	}
	key, err := r.llaveNueva(ruta, password, o)
	if err != nil {
		return err
	}
	csr, err := RequerimientoRenovacion(key, r.old, cambios)
	if err != nil {
		return err
	}
	if _, err := r.a.GuardarArchivo(r.T, archivoRequerimiento, csr); err != nil {
		return msg.Wrap(err, msg.CodeInterno)
	}
	r.T.Llave, r.T.HuellaLlave, r.T.Cambios, r.T.Paso = ruta, credencial.HuellaLlave(&key.PublicKey), cambios, progreso.PasoLlaveEscrita
	return r.guardar()
}

// llaveNueva writes a new key at ruta or, when this renewal's earlier
// attempt left its key there, opens that one.
func (r *Renovacion) llaveNueva(ruta string, password []byte, o credencial.Opciones) (*rsa.PrivateKey, error) {
	if r.T.HuellaLlave != "" && filepath.Clean(r.T.Llave) == filepath.Clean(ruta) {
		if k, err := AbrirLlaveDe(r.T, password); err == nil {
			return k, nil
		}
	}
	return credencial.NuevaLlave(ruta, password, r.Usuario(), o)
}

// Enviar starts the renewal at the CA with the saved request and keeps the
// Carta de Aceptación it serves. Sending again after a lost answer gets
// the CA's first answer (the Idempotency-Key is saved with the progress).
// After a restart the old certificate is opened again with
// passwordAnterior (it authenticates the call).
func (r *Renovacion) Enviar(ctx context.Context, passwordAnterior []byte) error {
	if err := conectado(r.c); err != nil {
		return err
	}
	if r.T.Paso != progreso.PasoLlaveEscrita {
		return msg.New(msg.CodeTramitePaso)
	}
	if r.old == nil {
		old, err := credencial.AbrirPFX(r.T.Certificado, passwordAnterior)
		if err != nil {
			return err
		}
		r.old = old
	}
	csr, err := credencial.Leer(r.archivo(archivoRequerimiento))
	if err != nil {
		return err
	}
	ctx, err = Enviando(ctx, r.a, r.T)
	if err != nil {
		return err
	}
	ren, err := r.c.IniciarRenovacion(ctx, r.old, csr, r.T.Cambios)
	if err != nil {
		return err
	}
	r.T.RenovacionID, r.T.NPIE = ren.ID, ren.NPIE
	if err := r.guardarCarta(ren.Carta, archivoAceptacion); err != nil {
		return err
	}
	r.T.Paso = progreso.PasoEnviada
	return r.guardar()
}

// FirmarAceptacion signs the Carta de Aceptación the CA served with the
// old certificate (opened again with passwordAnterior after a restart)
// and sends it.
func (r *Renovacion) FirmarAceptacion(ctx context.Context, passwordAnterior []byte) error {
	return r.firmarCarta(ctx, progreso.PasoEnviada, progreso.PasoCartaFirmada, &r.old, r.T.Certificado, passwordAnterior,
		MotivoAceptacion, archivoAceptacionFirma, r.c.FirmarAceptacion)
}

// firmarCarta is one letter step: the letter the CA served at step desde
// is signed with *cred (opened from archivo with password when not in
// memory after a restart), kept signed as nombre, sent with enviar, and
// the renewal moves to hasta.
func (r *Renovacion) firmarCarta(ctx context.Context, desde, hasta string, cred **crypto.Credential, archivo string, password []byte,
	motivo, nombre string, enviar func(context.Context, string, []byte) (*wire.Renovacion, error)) error {
	if err := conectado(r.c); err != nil {
		return err
	}
	if r.T.Paso != desde {
		return msg.New(msg.CodeTramitePaso)
	}
	if *cred == nil {
		c, err := credencial.AbrirPFX(archivo, password)
		if err != nil {
			return err
		}
		*cred = c
	}
	firmada, err := r.firmar(r.T.Carta, *cred, motivo, nombre)
	if err != nil {
		return err
	}
	if _, err := enviar(ctx, r.T.RenovacionID, firmada); err != nil {
		return err
	}
	r.T.Paso = hasta
	return r.guardar()
}

// Obtener asks the CA for the new certificate, joins it with the new key
// (llave, opened with password: it must still be the key this renewal
// made) and writes the new .pfx to ruta, never over the old one nor over
// any existing file. The renewal's Carta de Términos is kept to sign next.
func (r *Renovacion) Obtener(ctx context.Context, llave string, password []byte, ruta string) error {
	if err := conectado(r.c); err != nil {
		return err
	}
	if r.T.Paso != progreso.PasoCartaFirmada {
		return msg.New(msg.CodeTramitePaso)
	}
	if p := ValidarDestino("pfx", ruta, ".pfx"); p != nil {
		return msg.New(p.Codigo)
	}
	if filepath.Clean(ruta) == filepath.Clean(r.T.Certificado) {
		return msg.New(msg.CodeUIPFXIgualAnterior)
	}
	r.T.Llave = llave
	key, err := AbrirLlaveDe(r.T, password)
	if err != nil {
		return err
	}
	csr, err := credencial.Leer(r.archivo(archivoRequerimiento))
	if err != nil {
		return err
	}
	ren, err := r.c.EmitirRenovacion(ctx, r.T.RenovacionID, csr)
	if err != nil {
		return err
	}
	serial := ren.SerialNuevo
	if serial == "" && ren.Certificado != nil {
		serial = ren.Certificado.Serial
	}
	cred, err := r.c.ObtenerSerial(ctx, serial, key)
	if err != nil {
		return err
	}
	if _, err := credencial.ConstruirPFX(cred.Certificate, cred.Key, cred.Chain, password, ruta, false); err != nil {
		return err
	}
	if r.a != nil {
		d := crypto.Describe(cred.Certificate, r.ahora())
		r.a.RecordarCertificado(progreso.Certificado{Archivo: ruta, Serial: d.Serial, NPIE: ren.NPIE, Tipo: progreso.TipoPrincipal,
			Titular: d.Nombre, NoDespues: cred.Certificate.NotAfter})
	}
	r.nuevo = cred
	r.T.PFX, r.T.Serial = ruta, serial
	if err := r.guardarCarta(ren.Carta, archivoTerminosRen); err != nil {
		return err
	}
	r.T.Paso = progreso.PasoCertificadoNuevo
	return r.guardar()
}

// FirmarTerminos signs the renewal's Carta de Términos with the new
// certificate (opened again with password after a restart) and sends it:
// the renewal is complete. The signed letter is what the procedure keeps.
func (r *Renovacion) FirmarTerminos(ctx context.Context, password []byte) error {
	if err := r.firmarCarta(ctx, progreso.PasoCertificadoNuevo, progreso.PasoTerminado, &r.nuevo, r.T.PFX, password,
		MotivoTerminos, archivoTerminosRenFirma, r.c.FirmarTerminos); err != nil {
		return err
	}
	r.T.Carta = r.archivo(archivoTerminosRenFirma)
	return r.guardar()
}

// CartaAceptacionFirmada is the signed Carta de Aceptación, once sent.
func (r *Renovacion) CartaAceptacionFirmada() string { return r.archivo(archivoAceptacionFirma) }

// firmar signs the letter kept at ruta with cred and keeps the signed copy
// next to the progress (nombre).
func (r *Renovacion) firmar(ruta string, cred *crypto.Credential, motivo, nombre string) ([]byte, error) {
	pdf, err := credencial.Leer(ruta)
	if err != nil {
		return nil, err
	}
	// The CA's own time-stamp authority, through the pinned client.
	firmada, aviso, err := firma.Firmar(pdf, filepath.Base(ruta), cred, firma.Opciones{Motivo: motivo, Hora: r.ahora(),
		TSA: r.c.URLTSA(), HTTP: r.c.HTTP()})
	if err != nil {
		return nil, err
	}
	r.sello = aviso
	if _, err := r.a.GuardarArchivo(r.T, nombre, firmada); err != nil {
		return nil, msg.Wrap(err, msg.CodeInterno)
	}
	return firmada, nil
}

func (r *Renovacion) guardarCarta(pdf []byte, nombre string) error {
	if len(pdf) == 0 {
		return msg.New(msg.CodeRespuestaInvalida, "carta")
	}
	p, err := r.a.GuardarArchivo(r.T, nombre, pdf)
	if err != nil {
		return msg.Wrap(err, msg.CodeInterno)
	}
	r.T.Carta = p
	return nil
}

func (r *Renovacion) archivo(nombre string) string {
	return filepath.Join(r.a.Dir(), r.T.ID+"-"+nombre)
}

func (r *Renovacion) guardar() error {
	if err := r.a.Guardar(r.T); err != nil {
		return msg.Wrap(err, msg.CodeInterno)
	}
	return nil
}

// DatosRenovacion is everything a whole renewal takes at once (npiectl).
type DatosRenovacion struct {
	Cambios          *patron.Cambios // nil keeps email, phone and fax
	Llave            string          // the new .key
	Password         []byte          // the new password
	PasswordAnterior []byte          // the old certificate's
	PFX              string          // the new .pfx
	Opciones         credencial.Opciones
}

// Completar runs the renewal's remaining steps, from where it stands, to
// the end. After an error the renewal stays at the step that failed and
// Completar can be called again (with the same data) to go on: the key
// written is never made a second time.
func (r *Renovacion) Completar(ctx context.Context, d DatosRenovacion) error {
	for {
		var err error
		switch r.T.Paso {
		case "", progreso.PasoCaptura:
			err = r.GenerarLlave(d.Cambios, d.Llave, d.Password, d.Opciones)
		case progreso.PasoLlaveEscrita:
			err = r.Enviar(ctx, d.PasswordAnterior)
		case progreso.PasoEnviada:
			err = r.FirmarAceptacion(ctx, d.PasswordAnterior)
		case progreso.PasoCartaFirmada:
			err = r.Obtener(ctx, d.Llave, d.Password, d.PFX)
		case progreso.PasoCertificadoNuevo:
			err = r.FirmarTerminos(ctx, d.Password)
		case progreso.PasoTerminado:
			return nil
		default:
			return msg.New(msg.CodeTramitePaso)
		}
		if err != nil {
			return err
		}
	}
}
