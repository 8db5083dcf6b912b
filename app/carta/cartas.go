package carta

import (
	"fmt"
	"strings"
	"time"
)

// Type sizes of the letters, in points.
const (
	tamInstituto = 13.0
	tamMembrete  = 8.5
	tamTitulo    = 12.0
	tamCuerpo    = 10.0
	tamTerminos  = 9.25
	tamDatos     = 9.5
	tamLlave     = 8.0
	tamNota      = 8.5
	tabDatos     = 150.0 // where values start after their label
)

// cartaLista is a letter's data, checked and formatted for printing.
type cartaLista struct {
	tipo                 Tipo
	d                    Datos
	usuario              string
	llave, llaveAnterior []string // rows of spaced hex
	cadena               string
	nombre               string
}

// prepararCarta checks that d has everything letter t prints and formats
// the keys and the chain.
func prepararCarta(t Tipo, d Datos) (cartaLista, error) {
	c := cartaLista{tipo: t, d: d, usuario: d.Usuario, nombre: d.Solicitud.Representante.NombreCompleto()}
	if c.usuario == "" {
		c.usuario = d.Solicitud.Representante.Usuario
	}
	e, dom := d.Solicitud.Empresa, d.Solicitud.Domicilio
	if err := faltan(
		[2]string{"razón social", e.RazonSocial},
		[2]string{"registro patronal", e.RegistroPatronal},
		[2]string{"RFC", e.RFC},
		[2]string{"nombre del representante", c.nombre},
		[2]string{"usuario", c.usuario},
		[2]string{"NPIE", d.NPIE},
		[2]string{"calle", dom.Calle},
		[2]string{"número exterior", dom.NumExterior},
		[2]string{"colonia", dom.Colonia},
		[2]string{"municipio o delegación", dom.Municipio},
		[2]string{"entidad federativa", dom.Entidad},
		[2]string{"ciudad", dom.Ciudad},
		[2]string{"código postal", dom.CodigoPostal},
	); err != nil {
		return c, err
	}
	if d.Fecha.IsZero() {
		return c, fmt.Errorf("%w: fecha", ErrDatosIncompletos)
	}
	if d.Folio.IsZero() {
		return c, fmt.Errorf("%w: folio", ErrDatosIncompletos)
	}
	if len(d.LlavePublica) == 0 {
		return c, fmt.Errorf("%w: llave pública", ErrDatosIncompletos)
	}
	hexLlave, err := LlaveHex(d.LlavePublica)
	if err != nil {
		return c, err
	}
	c.llave = FilasHex(hexLlave, BytesPorFila)
	if t == TipoRenovacion && len(d.LlavePublicaAnterior) == 0 {
		return c, fmt.Errorf("%w: llave pública anterior", ErrDatosIncompletos)
	}
	if len(d.LlavePublicaAnterior) > 0 {
		hexAnt, err := LlaveHex(d.LlavePublicaAnterior)
		if err != nil {
			return c, fmt.Errorf("llave anterior: %w", err)
		}
		c.llaveAnterior = FilasHex(hexAnt, BytesPorFila)
	}
	if t == TipoTerminosRenovacion {
		if d.CadenaCartaAnterior == "" {
			return c, fmt.Errorf("%w: cadena de identificación de la carta anterior", ErrDatosIncompletos)
		}
		if c.cadena, err = normalizarCadena(d.CadenaCartaAnterior); err != nil {
			return c, err
		}
	}
	return c, nil
}

// membrete is the heading of every letter: the institution, its motto, the
// issuing directorate, a rule, the title and the dateline.
func membrete(titulo, lugar string, fecha time.Time) []bloque {
	return []bloque{
		{texto: instituto, f: fNegrita, tam: tamInstituto, alin: centro, color: verde},
		{texto: lema, f: fSans, tam: tamMembrete, alin: centro, color: verde},
		{texto: direccion, f: fSans, tam: tamMembrete, alin: centro},
		{raya: anchoTexto, tam: 6},
		{texto: titulo, f: fNegrita, tam: tamTitulo, alin: centro, antes: 10},
		{texto: lugarYFecha(lugar, fecha), f: fSans, tam: tamCuerpo, alin: derecha, antes: 14},
	}
}

// declaracion is the paragraph in which the representative identifies
// himself, the company and its fiscal address (seed 002's wording).
func declaracion(c cartaLista) string {
	s := c.d.Solicitud
	dom := s.Domicilio
	ubicado := "en el Estado de " + dom.Entidad
	if strings.EqualFold(dom.Entidad, "Ciudad de México") {
		ubicado = "en la Ciudad de México"
	}
	if !strings.EqualFold(dom.Ciudad, dom.Entidad) {
		ubicado += " en la ciudad de " + dom.Ciudad
	}
	numero := "Número Exterior " + dom.NumExterior
	if dom.NumInterior != "" {
		numero += ", Número Interior " + dom.NumInterior
	}
	manifiesto := "manifiesto mi conocimiento y aceptación"
	if c.tipo == TipoRenovacion {
		manifiesto = "manifiesto mi aceptación de la renovación de mi Certificado Digital, cuyas llaves públicas nueva y anterior constan al final de esta carta, ratifico la Carta de Términos y Condiciones que firmé al obtenerlo y manifiesto mi conocimiento y aceptación"
	}
	return fmt.Sprintf("El que suscribe Sr.(a) %s, patrón, sujeto obligado o representante legal de la empresa %s "+
		"con Número de Registro Patronal %s, con domicilio fiscal ubicado %s, "+
		"Municipio o Delegación %s, Colonia %s, Calle %s, %s y Código Postal %s, "+
		"con Número de Registro Federal de Contribuyentes %s, %s de los términos y condiciones "+
		"a los que me hago acreedor por la obtención, uso y manejo de:",
		c.nombre, s.Empresa.RazonSocial, s.Empresa.RegistroPatronal, ubicado,
		dom.Municipio, dom.Colonia, dom.Calle, numero, dom.CodigoPostal, s.Empresa.RFC, manifiesto)
}

func bloquesCarta(c cartaLista) []bloque {
	bb := membrete(c.tipo.Titulo(), c.d.Lugar, c.d.Fecha)
	bb = append(bb,
		bloque{texto: destinatario, f: fSans, tam: tamCuerpo, antes: 14},
		bloque{texto: presente, f: fSans, tam: tamCuerpo},
		bloque{texto: declaracion(c), f: fSans, tam: tamCuerpo, alin: justificado, antes: 10},
	)
	for _, m := range manejoDe {
		bb = append(bb, bloque{texto: m, f: fSans, tam: tamCuerpo, sangria: 30, vineta: "•", vinetaX: 18, antes: 2})
	}
	bb = append(bb,
		bloque{texto: mismosQue, f: fSans, tam: tamCuerpo, alin: justificado, antes: 6},
		bloque{texto: encabezadoTyC, f: fNegrita, tam: tamCuerpo, alin: centro, antes: 12, conSig: true},
	)
	for i, t := range terminos {
		bb = append(bb, bloque{texto: t, f: fSans, tam: tamTerminos, alin: justificado,
			sangria: 20, vineta: fmt.Sprintf("%d.", i+1), antes: 5})
		if i == 8 {
			for _, e := range envios {
				bb = append(bb, bloque{texto: e, f: fSans, tam: tamTerminos, sangria: 42, vineta: "•", vinetaX: 30, antes: 2})
			}
		}
	}
	bb = append(bb, bloque{texto: protesta, f: fSans, tam: tamCuerpo, alin: justificado, antes: 10})
	bb = append(bb, firma(c.nombre)...)
	bb = append(bb, datosCarta(c)...)
	nota := notaTerminos
	switch c.tipo {
	case TipoRenovacion:
		nota = notaRenov
	case TipoTerminosRenovacion:
		nota = notaTyCRenov
	}
	return append(bb,
		bloque{raya: anchoTexto, tam: 4, antes: 8, conSig: true},
		bloque{texto: nota, f: fSans, tam: tamNota, alin: justificado},
	)
}

// firma is the signature block, kept on one page.
func firma(nombre string) []bloque {
	return []bloque{
		{texto: atentamente, f: fNegrita, tam: tamCuerpo, alin: centro, antes: 12, conSig: true},
		{raya: 220, tam: tamCuerpo, antes: 26, conSig: true},
		{texto: nombre, f: fNegrita, tam: tamCuerpo, alin: centro, conSig: true},
		{texto: firmaCargo, f: fSans, tam: tamDatos, alin: centro},
	}
}

// llave is a public key under its label, kept on one page.
func llave(etiqueta string, filas []string) []bloque {
	return []bloque{
		{texto: etiqueta, f: fNegrita, tam: tamDatos, antes: 9, conSig: true},
		{texto: strings.Join(filas, "\n"), f: fMono, tam: tamLlave, lineas: 1.2, antes: 2, entero: true},
	}
}

func campo(etiqueta, valor string, f fuente) bloque {
	return bloque{texto: valor, f: f, tam: tamDatos, sangria: tabDatos, vineta: etiqueta, negrita: true, antes: 3}
}

func datosCarta(c cartaLista) []bloque {
	var bb []bloque
	if c.llaveAnterior == nil {
		bb = append(bb, llave("Llave Pública", c.llave)...)
	} else {
		bb = append(bb, llave("Llave Pública Nueva", c.llave)...)
		bb = append(bb, llave("Llave Pública Anterior", c.llaveAnterior)...)
	}
	if c.cadena != "" {
		bb = append(bb,
			bloque{texto: "Cadena de Identificación de Carta Anterior", f: fNegrita, tam: tamDatos, antes: 9, conSig: true},
			bloque{texto: c.cadena, f: fMono, tam: tamLlave, antes: 2},
		)
	}
	correo := c.d.Solicitud.Representante.Correo
	bb = append(bb,
		campo("No. de Folio:", FolioHex(c.d.Folio), fMono),
		campo("Usuario:", c.usuario, fSans),
		campo("NPIE:", c.d.NPIE, fSans),
		campo("Correo Electrónico:", correo, fSans),
	)
	bb[len(bb)-4].antes = 9
	for i := len(bb) - 4; i < len(bb)-1; i++ {
		bb[i].conSig = true
	}
	return bb
}

// fechaHora prints an instant of a certificate's validity.
func fechaHora(t time.Time) string {
	return FechaEnPalabras(t) + ", " + t.Format("15:04:05") + " h (UTC" + t.Format("-07:00") + ")"
}

func bloquesConstancia(c DatosConstancia) []bloque {
	bb := membrete(tituloConstancia, c.Lugar, c.Fecha)
	cuerpo := fmt.Sprintf("El Instituto Mexicano del Seguro Social, por conducto de la Subdelegación %s, "+
		"hace constar que en esta fecha entregó el Certificado Digital asociado al Número Patronal de "+
		"Identificación Electrónica del patrón que se indica, con los datos siguientes:", c.Subdelegacion)
	bb = append(bb, bloque{texto: cuerpo, f: fSans, tam: tamCuerpo, alin: justificado, antes: 18})
	funcion := c.Representante.Funcion
	if funcion == "" {
		funcion = "Patrón, Sujeto Obligado o Representante Legal"
	}
	campos := []bloque{
		campo("Razón Social:", c.Empresa.RazonSocial, fSans),
		campo("Registro Patronal:", c.Empresa.RegistroPatronal, fSans),
		campo("RFC:", c.Empresa.RFC, fSans),
		campo("Nombre:", c.Representante.NombreCompleto(), fSans),
		campo("Función:", funcion, fSans),
		campo("NPIE:", c.NPIE, fSans),
		campo("Número de Serie:", c.NumeroSerie, fMono),
		campo("Vigencia desde:", fechaHora(c.VigenciaDesde), fSans),
		campo("Vigencia hasta:", fechaHora(c.VigenciaHasta), fSans),
	}
	campos[0].antes = 12
	bb = append(bb, campos...)
	bb = append(bb,
		bloque{texto: "El Certificado Digital se entregó en el dispositivo de almacenamiento que proporcionó el patrón, " +
			"sujeto obligado o representante legal, y se verificó su lectura. La llave privada y su contraseña " +
			"permanecen bajo su resguardo exclusivo: el Instituto no las conoce ni puede recuperarlas.",
			f: fSans, tam: tamCuerpo, alin: justificado, antes: 14},
		bloque{texto: "El uso del Certificado Digital se rige por la Carta de Términos y Condiciones para la Obtención " +
			"y Uso del Número Patronal de Identificación Electrónica y Certificado Digital que el patrón, sujeto " +
			"obligado o representante legal firmó.",
			f: fSans, tam: tamCuerpo, alin: justificado, antes: 8},
		bloque{texto: "ENTREGÓ\tRECIBIÓ", f: fNegrita, tam: tamCuerpo, columnas: true, antes: 28, conSig: true},
		bloque{raya: 200, columnas: true, tam: tamCuerpo, antes: 34, conSig: true},
		bloque{texto: c.Funcionario + "\t" + c.Representante.NombreCompleto(), f: fNegrita, tam: tamCuerpo, columnas: true, conSig: true},
		bloque{texto: "Subdelegación " + c.Subdelegacion + "\t" + funcion, f: fSans, tam: tamDatos, columnas: true},
	)
	return bb
}
