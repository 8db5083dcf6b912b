package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seguritools/seguritools/app/msg"
	"github.com/seguritools/seguritools/app/tramite"
	"github.com/seguritools/seguritools/app/unidades"
)

// ventanilla is the clerk's window at the subdelegación: log in, find a
// pending request, check the documents, approve or reject, write the
// certificate onto the employer's USB drive (read back and compared),
// hand over the Constancia, and revoke in person.
type ventanilla struct {
	e       *Entorno
	v       *tramite.Entrega
	usuario string
	raiz    *fyne.Container

	lista       *widget.List
	solicitudes []tramite.Expediente
	detalle     *fyne.Container
	busqueda    *widget.Entry
	estado      *widget.Select
	// vacio says that a search found nothing, over the empty list.
	vacio *widget.Label
}

func vistaVentanilla(e *Entorno) fyne.CanvasObject {
	vt := &ventanilla{e: e, raiz: container.NewStack()}
	vt.raiz.Objects = []fyne.CanvasObject{vt.login()}
	e.estado = vt
	return vt.raiz
}

func (vt *ventanilla) login() fyne.CanvasObject {
	usuario := widget.NewEntry()
	pw := widget.NewPasswordEntry()
	entrar := widget.NewButtonWithIcon(lang.L("Entrar"), theme.LoginIcon(), nil)
	entrar.Importance = widget.HighImportance
	entrar.OnTapped = func() {
		c, err := vt.e.Cliente()
		if err != nil {
			vt.e.MostrarError(err)
			return
		}
		u, p := strings.TrimSpace(usuario.Text), []byte(pw.Text)
		entrar.Disable()
		enSegundoPlano(func() (*tramite.Entrega, error) { return tramite.AbrirVentanilla(context.Background(), c, u, p) },
			func(v *tramite.Entrega, err error) {
				entrar.Enable()
				if err != nil {
					vt.e.MostrarError(err)
					return
				}
				vt.v, vt.usuario = v, u
				vt.raiz.Objects = []fyne.CanvasObject{vt.principal()}
				vt.raiz.Refresh()
				vt.buscar()
			})
	}
	pw.OnSubmitted = func(string) { entrar.OnTapped() }
	partes := []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Ventanilla de la subdelegación"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		parrafo(lang.L("Solo para el personal del IMSS: inicie sesión con su usuario de ventanilla.")),
		container.New(layoutFormulario(), widget.NewLabel(lang.L("Usuario")), usuario, widget.NewLabel(lang.L("Contraseña")), pw),
		entrar,
	}
	if vt.e.Servidor.Embebido && vt.e.Servidor.ClerkDemo != "" {
		demo := parrafo(lang.L("Modo de demostración: la cuenta de ventanilla de prueba es {{.Cuenta}}. Solo existe en el servidor embebido de esta aplicación.", map[string]any{"Cuenta": vt.e.Servidor.ClerkDemo}))
		demo.Importance = widget.WarningImportance
		partes = append(partes, demo)
	}
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), container.NewVBox(partes...)))
}

func (vt *ventanilla) principal() fyne.CanvasObject {
	vt.busqueda = widget.NewEntry()
	vt.busqueda.SetPlaceHolder(lang.L("Folio, registro patronal o RFC"))
	vt.busqueda.OnSubmitted = func(string) { vt.buscar() }
	vt.estado = widget.NewSelect([]string{lang.L("Pendientes"), lang.L("Todas")}, func(string) { vt.buscar() })
	buscar := widget.NewButtonWithIcon(lang.L("Buscar"), theme.SearchIcon(), vt.buscar)
	salir := widget.NewButtonWithIcon(lang.L("Cerrar sesión"), theme.LogoutIcon(), func() {
		v := vt.v
		go v.Cerrar(context.Background())
		vt.v = nil
		vt.raiz.Objects = []fyne.CanvasObject{vt.login()}
		vt.raiz.Refresh()
	})
	// Each row keeps its state at the right edge, whatever the width: the
	// name and the numbers are cut short before it is.
	vt.lista = widget.NewList(func() int { return len(vt.solicitudes) },
		func() fyne.CanvasObject {
			nombre := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			nombre.Truncation = fyne.TextTruncateEllipsis
			datos := widget.NewLabel("")
			datos.Truncation = fyne.TextTruncateEllipsis
			estado := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			return container.NewBorder(nil, nil, nil, estado, container.NewVBox(nombre, datos))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := vt.solicitudes[i]
			b := o.(*fyne.Container)
			textos := b.Objects[0].(*fyne.Container)
			textos.Objects[0].(*widget.Label).SetText(s.RazonSocial)
			textos.Objects[1].(*widget.Label).SetText(s.RegistroPatronal + " · " + s.Folio)
			b.Objects[1].(*widget.Label).SetText(lang.L(s.Estado))
			b.Refresh()
		})
	vt.vacio = widget.NewLabel("")
	vt.vacio.Alignment = fyne.TextAlignCenter
	vt.vacio.Wrapping = fyne.TextWrapWord
	vt.vacio.Importance = widget.LowImportance
	vt.vacio.Hide()
	vt.lista.OnSelected = func(i widget.ListItemID) { vt.abrir(vt.solicitudes[i].Folio) }
	vt.detalle = container.NewStack(container.NewCenter(widget.NewLabel(lang.L("Elija una solicitud de la lista."))))
	// Selecting the filter runs the first search: only once the list and
	// the detail exist, since a quick answer fills them at once.
	vt.estado.SetSelectedIndex(0)
	barra := container.NewBorder(nil, nil, nil, container.NewHBox(vt.estado, buscar, salir), vt.busqueda)
	lista := container.NewStack(vt.lista, container.NewVBox(vt.vacio))
	solicitudes := container.NewBorder(barra, nil, nil, nil, container.NewHSplit(lista, vt.detalle))
	split := solicitudes.Objects[0].(*container.Split)
	split.Offset = 0.33
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Solicitudes"), theme.ListIcon(), solicitudes),
		container.NewTabItemWithIcon(lang.L("Revocación en ventanilla"), theme.CancelIcon(), vt.revocacion()),
	)
	return tabs
}

// buscar lists the requests matching the search box (a folio, a registro
// patronal or an RFC, told apart by their shape).
func (vt *ventanilla) buscar() {
	if vt.v == nil {
		return
	}
	f := tramite.Filtro{Limite: 200}
	if vt.estado.SelectedIndex() == 0 {
		f.Estado = "pendiente"
	}
	q := strings.ToUpper(strings.TrimSpace(vt.busqueda.Text))
	switch n := len(strings.NewReplacer("-", "", " ", "").Replace(q)); {
	case q == "":
	case n == 11:
		f.RegistroPatronal = q
	case n == 12 || n == 13:
		f.RFC = q
	default:
		f.Folio = q
	}
	v := vt.v
	enSegundoPlano(func() ([]tramite.Expediente, error) { return v.Buscar(context.Background(), f) },
		func(ss []tramite.Expediente, err error) {
			if err != nil {
				vt.e.MostrarError(err)
				return
			}
			vt.mostrarResultado(ss, q != "", f.Estado != "")
		})
}

// mostrarResultado lists ss, or says why the list is empty: nothing
// matched the text searched (buscado), or there is nothing pending, or
// nothing at all.
func (vt *ventanilla) mostrarResultado(ss []tramite.Expediente, buscado, soloPendientes bool) {
	vt.solicitudes = ss
	vt.lista.UnselectAll()
	vt.lista.Refresh()
	switch {
	case len(ss) > 0:
		vt.vacio.Hide()
		return
	case buscado:
		vt.vacio.SetText(lang.L("No se encontraron solicitudes con esa búsqueda."))
	case soloPendientes:
		vt.vacio.SetText(lang.L("No hay solicitudes pendientes."))
	default:
		vt.vacio.SetText(lang.L("No hay solicitudes."))
	}
	vt.vacio.Show()
}

func (vt *ventanilla) abrir(folio string) {
	v := vt.v
	enSegundoPlano(func() (*tramite.Expediente, error) { return v.Solicitud(context.Background(), folio) },
		func(s *tramite.Expediente, err error) {
			if err != nil {
				vt.e.MostrarError(err)
				return
			}
			vt.mostrarDetalle(s)
		})
}

// mostrarDetalle shows a request: its data, the checklist and, once
// approved, the delivery of the certificate.
func (vt *ventanilla) mostrarDetalle(s *tramite.Expediente) {
	partes := []fyne.CanvasObject{
		container.New(layoutFormulario(),
			widget.NewLabel(lang.L("Folio")), negrita(s.Folio),
			widget.NewLabel(lang.L("NPIE")), negrita(s.NPIE),
			widget.NewLabel(lang.L("Estado")), negrita(lang.L(s.Estado)),
			widget.NewLabel(lang.L("Fecha límite")), negrita(fechaLarga(s.FechaLimite))),
	}
	if s.Datos != nil {
		partes = append(partes, revisionSolicitud(*s.Datos))
	}
	switch s.Estado {
	case "pendiente":
		partes = append(partes, vt.revisar(s))
	case "aprobada":
		partes = append(partes, vt.entregar(s))
	case "rechazada":
		partes = append(partes, parrafo(lang.L("Rechazada: {{.Motivo}}", map[string]any{"Motivo": s.Motivo})))
	}
	vt.detalle.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(container.NewVBox(partes...)))}
	vt.detalle.Refresh()
}

// revisar is the document checklist with Aceptar and Rechazar.
func (vt *ventanilla) revisar(s *tramite.Expediente) fyne.CanvasObject {
	var docs tramite.Documentos
	aprobar := widget.NewButtonWithIcon(lang.L("Aceptar solicitud y emitir certificado"), theme.ConfirmIcon(), nil)
	aprobar.Importance = widget.HighImportance
	aprobar.Disable()
	revisar := func() {
		if docs.CartaFirmadaAutografa && docs.IdentificacionOficial && docs.TarjetaIdentificacionPatronal {
			aprobar.Enable()
		} else {
			aprobar.Disable()
		}
	}
	c1 := widget.NewCheck(lang.L("Carta de Términos y Condiciones firmada de manera autógrafa"), func(b bool) { docs.CartaFirmadaAutografa = b; revisar() })
	c2 := widget.NewCheck(lang.L("Identificación oficial del patrón, sujeto obligado o representante legal"), func(b bool) { docs.IdentificacionOficial = b; revisar() })
	c3 := widget.NewCheck(lang.L("Tarjeta de Identificación Patronal"), func(b bool) { docs.TarjetaIdentificacionPatronal = b; revisar() })
	aprobar.OnTapped = func() {
		v := vt.v
		aprobar.Disable()
		enSegundoPlano(func() (*tramite.Expediente, error) { return v.Aprobar(context.Background(), s.Folio, docs) },
			func(r *tramite.Expediente, err error) {
				if err != nil {
					aprobar.Enable()
					vt.e.MostrarError(err)
					return
				}
				vt.abrir(r.Folio)
				vt.buscar()
			})
	}
	motivo := widget.NewEntry()
	motivo.SetPlaceHolder(lang.L("Motivo del rechazo"))
	rechazar := widget.NewButtonWithIcon(lang.L("Rechazar"), theme.CancelIcon(), func() {
		m := strings.TrimSpace(motivo.Text)
		if m == "" {
			vt.e.MostrarError(msg.New(msg.CodeMotivoRequerido))
			return
		}
		v := vt.v
		enSegundoPlano(func() (*tramite.Expediente, error) { return v.Rechazar(context.Background(), s.Folio, m) },
			func(r *tramite.Expediente, err error) {
				if err != nil {
					vt.e.MostrarError(err)
					return
				}
				vt.abrir(r.Folio)
				vt.buscar()
			})
	})
	rechazar.Importance = widget.DangerImportance
	return container.NewVBox(
		seccion(lang.L("Documentación recibida (original y copia)"), c1, c2, c3, aprobar),
		seccion(lang.L("Rechazar la solicitud"), container.NewBorder(nil, nil, nil, rechazar, motivo)),
	)
}

// entregar writes NPIE.cer onto the employer's drive, verified, and
// offers the Constancia de recepción.
func (vt *ventanilla) entregar(s *tramite.Expediente) fyne.CanvasObject {
	destino := binding.NewString()
	unidadesSel := widget.NewSelect(nil, nil)
	var us []unidades.Unidad
	refrescar := func() {
		us, _ = unidades.Listar()
		ops := make([]string, len(us))
		for i, u := range us {
			ops[i] = fmt.Sprintf("%s (%s)", u.Nombre, u.Ruta)
		}
		unidadesSel.Options = ops
		unidadesSel.PlaceHolder = lang.L("(Seleccione la unidad USB)")
		if len(us) == 0 {
			unidadesSel.PlaceHolder = lang.L("(No hay unidades USB conectadas)")
		}
		unidadesSel.Refresh()
	}
	unidadesSel.OnChanged = func(string) {
		if i := unidadesSel.SelectedIndex(); i >= 0 && i < len(us) {
			destino.Set(us[i].Ruta)
		}
	}
	refrescar()
	actualizar := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), refrescar)
	carpeta := widget.NewEntryWithData(destino)
	carpeta.SetPlaceHolder(lang.L("Carpeta de destino"))
	elegir := widget.NewButton(lang.L("Elegir carpeta..."), func() { elegirCarpeta(vt.e, destino) })
	nombre := widget.NewEntry()
	nombre.SetText("NPIE.cer")
	resultado := parrafo("")
	resultado.Hide()
	escribir := widget.NewButtonWithIcon(lang.L("Escribir el certificado y verificar"), theme.DocumentSaveIcon(), func() {
		dir, _ := destino.Get()
		if strings.TrimSpace(dir) == "" {
			vt.e.MostrarError(msg.New(msg.CodeUISinUnidades))
			return
		}
		n := strings.TrimSpace(nombre.Text)
		if n == "" {
			n = "NPIE.cer"
		}
		v := vt.v
		enSegundoPlano(func() (unidades.Resultado, error) {
			return v.EscribirCertificado(context.Background(), s.Serial, dir, n)
		}, func(r unidades.Resultado, err error) {
			if err != nil {
				// A taken name: the free one is offered in the field.
				if msg.CodeOf(err) == msg.CodeArchivoExisteSugerido {
					nombre.SetText(tramite.NombreLibre(dir, n))
				}
				vt.e.MostrarError(err)
				return
			}
			resultado.SetText(lang.L("Se escribió {{.Ruta}}, se leyó de nuevo y coincide (SHA-256 {{.Huella}}). Puede entregar la unidad al patrón.", map[string]any{"Ruta": r.Ruta, "Huella": r.SHA256}))
			resultado.Importance = widget.SuccessImportance
			resultado.Show()
			resultado.Refresh()
		})
	})
	escribir.Importance = widget.HighImportance
	constancia := widget.NewButtonWithIcon(lang.L("Constancia de recepción"), theme.DocumentPrintIcon(), func() {
		v := vt.v
		guardarComo(vt.e, "ConstanciadeRecepcion-"+s.Folio+".pdf", func(ruta string, listo func(error)) {
			enSegundoPlano(func() (struct{}, error) {
				return struct{}{}, v.GuardarConstancia(context.Background(), s.Folio, ruta)
			}, func(_ struct{}, err error) { listo(err) })
		})
	})
	return container.NewVBox(
		seccion(lang.L("Entregar el Certificado Digital"),
			parrafo(lang.L("Conecte la memoria USB del patrón, elíjala (o elija una carpeta) y escriba el certificado. Se lee de nuevo para comprobar que quedó bien.")),
			container.NewBorder(nil, nil, nil, actualizar, unidadesSel),
			container.NewBorder(nil, nil, nil, elegir, carpeta),
			container.New(layoutFormulario(), widget.NewLabel(lang.L("Nombre del archivo")), nombre),
			escribir, resultado),
		seccion(lang.L("Constancia de recepción del Certificado Digital"), constancia),
	)
}

// revocacion is the in-person revocation: find the certificate by NPIE,
// registro patronal or RFC, record the reason and the ID shown.
func (vt *ventanilla) revocacion() fyne.CanvasObject {
	clave := widget.NewEntry()
	clave.SetPlaceHolder(lang.L("NPIE, registro patronal o RFC"))
	encontrado := container.NewVBox()
	motivos := []string{lang.L("Pérdida del certificado o de la llave privada"), lang.L("Olvido de la contraseña"), lang.L("La contraseña dejó de ser secreta"), lang.L("Otro")}
	// The words the API records for each reason, in the same order.
	palabras := []string{"perdida", "olvido_contrasena", "contrasena_expuesta", "otro"}
	motivo := widget.NewSelect(motivos, nil)
	motivo.SetSelectedIndex(0)
	identificacion := widget.NewEntry()
	identificacion.SetPlaceHolder(lang.L("Tipo y número de la identificación oficial presentada"))
	buscar := widget.NewButtonWithIcon(lang.L("Buscar"), theme.SearchIcon(), func() {
		q := clave.Text
		v := vt.v
		enSegundoPlano(func() ([]tramite.Expediente, error) {
			return v.BuscarCertificados(context.Background(), q)
		}, func(ss []tramite.Expediente, err error) {
			encontrado.Objects = nil
			if err != nil {
				vt.e.MostrarError(err)
				encontrado.Refresh()
				return
			}
			if len(ss) == 0 {
				encontrado.Add(parrafo(msg.New(msg.CodeBusquedaSinResultados, q).Mensaje(Idioma())))
			}
			for _, s := range ss {
				s := s
				if s.Serial == "" {
					continue
				}
				texto := fmt.Sprintf("%s · NPIE %s · %s %s", s.RazonSocial, s.NPIE, lang.L("serie"), s.Serial)
				b := widget.NewButtonWithIcon(lang.L("Revocar"), theme.CancelIcon(), func() {
					if strings.TrimSpace(identificacion.Text) == "" {
						vt.e.MostrarError(msg.New(msg.CodeIdentificacionRequerida))
						return
					}
					r := tramite.RevocacionEnPersona{Identificacion: strings.TrimSpace(identificacion.Text)}
					if i := motivo.SelectedIndex(); i >= 0 {
						r.Motivo = palabras[i]
					}
					vt.revocar(s.Serial, s.NPIE, r, encontrado)
				})
				b.Importance = widget.DangerImportance
				encontrado.Add(container.NewBorder(nil, nil, nil, b, parrafo(texto)))
			}
			encontrado.Refresh()
		})
	})
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		parrafo(lang.L("Revoque en persona el certificado de un patrón que lo perdió u olvidó su contraseña. Verifique su identificación oficial antes de revocar.")),
		container.NewBorder(nil, nil, nil, buscar, clave),
		container.New(layoutFormulario(), widget.NewLabel(lang.L("Motivo")), motivo, widget.NewLabel(lang.L("Identificación")), identificacion),
		encontrado,
	)))
}

func (vt *ventanilla) revocar(serial, npie string, r tramite.RevocacionEnPersona, donde *fyne.Container) {
	confirmarEscrito(vt.e, lang.L("Revocar certificado"),
		lang.L("El certificado {{.Serial}} (NPIE {{.NPIE}}) y sus adicionales dejarán de servir de inmediato. Esto no se puede deshacer.", map[string]any{"Serial": serial, "NPIE": npie}),
		"REVOCAR", func() {
			v := vt.v
			enSegundoPlano(func() (*tramite.EstadoCertificado, error) { return v.Revocar(context.Background(), serial, r) },
				func(st *tramite.EstadoCertificado, err error) {
					if err != nil {
						vt.e.MostrarError(err)
						return
					}
					l := parrafo(lang.L("El certificado {{.Serial}} quedó revocado.", map[string]any{"Serial": st.Serial}))
					l.Importance = widget.SuccessImportance
					donde.Objects = []fyne.CanvasObject{l}
					donde.Refresh()
				})
		})
}
