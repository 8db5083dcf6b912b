package carta

// The wording below is the IMSS's own, from the Carta de Términos y
// Condiciones para la Obtención y Uso del NPIE y Certificado Digital as the
// "Manual de Renovación de Certificados Digitales" reproduces it (two copies
// of the letter; where an OCR error spoiled one copy the other decided it).
// Only the sentences that carry the employer's data are built in cartas.go.
// Term 2's "por parte de Instituto Mexicano de Seguro Social" is how both
// copies read: the IMSS's wording, kept as is.
//
// Term 9 is ours. The IMSS's letter says the Institute emails the
// "Archivo de Llave Privada"; in this product the private key is made and
// kept on the employer's computer and never leaves it, so the letter says
// exactly that and lists what the IMSS does hand over.

const (
	instituto     = "INSTITUTO MEXICANO DEL SEGURO SOCIAL"
	lema          = "SEGURIDAD Y SOLIDARIDAD SOCIAL"
	direccion     = "Dirección de Incorporación y Recaudación del Seguro Social"
	destinatario  = "C. Subdelegado del Instituto Mexicano del Seguro Social."
	presente      = "Presente:"
	lugarOmision  = "Ciudad de México"
	atentamente   = "ATENTAMENTE."
	firmaCargo    = "Patrón, Sujeto Obligado o Representante Legal"
	encabezadoTyC = "TÉRMINOS Y CONDICIONES."
)

// Títulos of the letters.
const (
	tituloTerminos    = "Carta de Términos y Condiciones para la Obtención y Uso del Número Patronal de Identificación Electrónica y Certificado Digital"
	tituloRenovacion  = "Carta de Aceptación de Renovación de Certificado Digital"
	tituloTerminosRen = "Carta de Términos y Condiciones para la Obtención-Renovación y Uso del Número Patronal de Identificación Electrónica y Certificado Digital"
	tituloConstancia  = "Constancia de Recepción del Certificado Digital"
)

var manejoDe = []string{
	"Número Patronal de Identificación Electrónica",
	"y Certificado Digital.",
}

const mismosQue = "Mismos que se requerirán para el intercambio de información segura a través de aplicaciones y medios de comunicación electrónica entre la empresa que represento y el Instituto Mexicano del Seguro Social."

// terminos are the ten numbered terms. Term 9 is followed by envios.
var terminos = [10]string{
	"El patrón, sujeto obligado o su representante legal, manifiestan conocer los lineamientos para la Asignación del Número Patronal de Identificación Electrónica y Certificado Digital, aprobados por el H. Consejo Técnico del Instituto Mexicano del Seguro Social mediante Acuerdo 43/2004, en su sesión celebrada el 21 de enero de 2004, publicados en el Diario Oficial de la Federación el 3 de marzo de 2004.",
	"El patrón, sujeto obligado o representante legal obligado es responsable del uso adecuado y la guarda del Número Patronal de Identificación Electrónica, y Certificado Digital, en caso contrario se hará merecedor a las sanciones contenidas en las Leyes respectivas y aplicables, estando considerada la revocación administrativa del Certificado Digital, por parte de Instituto Mexicano de Seguro Social.",
	"En caso de que se presentara una controversia legal entre el patrón o sujeto obligado y el Instituto, las partes se someterán a la competencia de las autoridades y tribunales Federales.",
	"Los patrones y sujetos obligados que utilicen el intercambio de información por medios electrónicos seguros, estarán expresando su voluntad para que en sustitución de su firma autógrafa se utilice su Número Patronal de Identificación Electrónica y Certificado Digital.",
	"Los patrones y sujetos obligados aceptan y manifiestan su conformidad al realizar el intercambio de información a través de medios electrónicos seguros para la recepción de notificaciones electrónicas, así mismo se obligan a dar respuesta por la misma vía al Instituto. Dichas promociones, producirán los mismos efectos legales que los documentos firmados autógrafamente y en consecuencia tendrán el mismo valor probatorio que las disposiciones aplicables les otorgan a estos, siendo considerada como prueba la información contenida en los medios electrónicos, ópticos, magneto ópticos o de cualquier otra tecnología.",
	"El patrón, sujeto obligado o su representante legal deberá notificar al Instituto Mexicano del Seguro Social de la pérdida, robo o destrucción de su Certificado Digital, para proceder a su cancelación y posterior reposición, sujetándose a los procesos y lineamientos que el Instituto Mexicano del Seguro Social señale.",
	"La presentación de la notificación por pérdida, robo o destrucción a la que se refiere el párrafo anterior, no exime al patrón, sujeto obligado o representante legal de cumplir con sus obligaciones legales de todos los actos realizados bajo el amparo de dicho Certificado Digital y serán válidos hasta la presentación de la notificación correspondiente.",
	"Es necesario que para la utilización del Número Patronal de Identificación Electrónica y el Certificado Digital el patrón, sujeto obligado o representante legal realice el procedimiento de activación, para que el Instituto Mexicano del Seguro Social certifique la validez del uso de los medios de identificación digital.",
	ClausulaLlavePrivada + " El Instituto Mexicano del Seguro Social entregará al patrón, sujeto obligado o representante legal, en forma confidencial, lo siguiente:",
	"Para obtener acceso a los sistemas de intercambio de información electrónica del Instituto Mexicano del Seguro Social que así lo requieran, el patrón, sujeto obligado o representante legal, deberá utilizar los archivos de identificación digital señalados en el párrafo que precede, de acuerdo con los lineamientos de cada sistema.",
}

// ClausulaLlavePrivada opens term 9 of the Cartas de Términos y
// Condiciones: where the private key is made and who has it.
const ClausulaLlavePrivada = "La llave privada (Archivo de Llave Privada, .key) se genera y se guarda en la computadora del patrón, sujeto obligado o representante legal, protegida con la contraseña que él mismo elige; el Instituto Mexicano del Seguro Social nunca la recibe ni la conoce, y no puede recuperarla."

// envios is the list that closes term 9.
var envios = []string{
	"Número Patronal de Identificación Electrónica.",
	"Archivo de Certificado Digital, que junto con la llave privada valida la utilización del concepto anterior.",
}

const protesta = "Asimismo, manifiesto bajo protesta de decir verdad que los datos contenidos en el presente documento son correctos y que la empresa cubre el total de los requisitos señalados por esa Institución."

// Closing notes: what to do with each letter (seed 000, Paso 4; seed 002,
// Pasos 6, 7 and 11).
const (
	notaTerminos = "Presente esta carta firmada de manera autógrafa, en original y copia, en la Subdelegación que le corresponde dentro de los 10 días hábiles siguientes a su emisión, con su identificación oficial y la Tarjeta de Identificación Patronal; de lo contrario la solicitud se cancelará."
	notaRenov    = "Esta carta se firma electrónicamente con el Certificado Digital y la contraseña actuales. No es necesario que acuda a la Subdelegación del IMSS para la renovación del Certificado Digital."
	notaTyCRenov = "Esta carta se firma electrónicamente con el Certificado Digital y la contraseña que acaba de obtener. No es necesario que acuda a la Subdelegación del IMSS para la renovación del Certificado Digital."
)
