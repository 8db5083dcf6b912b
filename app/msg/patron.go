package msg

// Codes of the employer-data rules (package app/patron). Each one names a
// single thing that is wrong, so a form can point at it and say how to fix it.
// A new password's confirmation reuses CodeContrasenasDistintas.
const (
	CodeDatoRequerido    = "DATO_REQUERIDO"
	CodeDatoCaracteres   = "DATO_CARACTERES"
	CodeRazonSocialLarga = "RAZON_SOCIAL_LARGA"
	CodeNombreCaracteres = "NOMBRE_CARACTERES"
	CodeNombreLargo      = "NOMBRE_LARGO"
	CodeDomicilioLargo   = "DOMICILIO_LARGO"
	CodeNumeroLargo      = "NUMERO_LARGO"

	CodeRPLongitud    = "RP_LONGITUD"
	CodeRPFormato     = "RP_FORMATO"
	CodeRPVerificador = "RP_VERIFICADOR"

	CodeRFCLongitud        = "RFC_LONGITUD"
	CodeRFCFormato         = "RFC_FORMATO"
	CodeRFCFecha           = "RFC_FECHA"
	CodeRFCVerificador     = "RFC_VERIFICADOR"
	CodeRFCPersonaMoral    = "RFC_PERSONA_MORAL"
	CodeRFCCURPDistintos   = "RFC_CURP_DISTINTOS"
	CodeCURPLongitud       = "CURP_LONGITUD"
	CodeCURPFormato        = "CURP_FORMATO"
	CodeCURPFecha          = "CURP_FECHA"
	CodeCURPSexo           = "CURP_SEXO"
	CodeCURPEntidad        = "CURP_ENTIDAD"
	CodeCURPVerificador    = "CURP_VERIFICADOR"
	CodeNSSFormato         = "NSS_FORMATO"
	CodeNSSVerificador     = "NSS_VERIFICADOR"
	CodeCPFormato          = "CP_FORMATO"
	CodeCPInexistente      = "CP_INEXISTENTE"
	CodeCorreoFormato      = "CORREO_FORMATO"
	CodeCorreoLargo        = "CORREO_LARGO"
	CodeCorreoConfirmacion = "CORREO_CONFIRMACION"
	CodeTelefonoDigitos    = "TELEFONO_DIGITOS"
	CodeTelefonoLada       = "TELEFONO_LADA"
	CodeEntidadInvalida    = "ENTIDAD_INVALIDA"
	CodeFuncionInvalida    = "FUNCION_INVALIDA"
	CodeUsuarioLongitud    = "USUARIO_LONGITUD"
	CodeUsuarioCaracteres  = "USUARIO_CARACTERES"

	CodeContrasenaCorta        = "CONTRASENA_CORTA"
	CodeContrasenaLarga        = "CONTRASENA_LARGA"
	CodeContrasenaCaracteres   = "CONTRASENA_CARACTERES"
	CodeContrasenaIgualUsuario = "CONTRASENA_IGUAL_USUARIO"
)

func init() {
	register(
		Message{CodeDatoRequerido,
			"Este dato es obligatorio. Escríbalo para continuar.",
			"This field is required. Fill it in to continue."},
		Message{CodeDatoCaracteres,
			"El texto contiene caracteres no válidos (de control o ilegibles). Bórrelo y escríbalo de nuevo.",
			"The text contains invalid characters (control or unreadable characters). Delete it and type it again."},
		Message{CodeRazonSocialLarga,
			"La razón social tiene más de 254 caracteres. Escríbala como aparece en su Tarjeta de Identificación Patronal, sin texto adicional.",
			"The company name is longer than 254 characters. Type it as shown on your Tarjeta de Identificación Patronal, with nothing added."},
		Message{CodeNombreCaracteres,
			"Escriba el nombre como aparece en su identificación oficial: solo letras (con acentos o ñ), espacios, punto, guion o apóstrofo.",
			"Type the name as shown on your official ID: only letters (accents and ñ allowed), spaces, period, hyphen or apostrophe."},
		Message{CodeNombreLargo,
			"El nombre o apellido tiene más de 50 caracteres. Revíselo y escríbalo como aparece en su identificación oficial.",
			"The name or surname is longer than 50 characters. Check it and type it as shown on your official ID."},
		Message{CodeDomicilioLargo,
			"Este dato del domicilio tiene más de 100 caracteres. Abrévielo (por ejemplo, AV. en lugar de AVENIDA).",
			"This address field is longer than 100 characters. Abbreviate it (for example, AV. instead of AVENIDA)."},
		Message{CodeNumeroLargo,
			"El número exterior o interior tiene más de 20 caracteres. Escriba solo el número (o S/N si no tiene).",
			"The street or unit number is longer than 20 characters. Type only the number (or S/N if there is none)."},

		Message{CodeRPLongitud,
			"El registro patronal debe tener 11 caracteres: una letra y 10 dígitos (por ejemplo, B752158813-9). Cópielo de su Tarjeta de Identificación Patronal.",
			"The employer registration number must have 11 characters: a letter and 10 digits (for example, B752158813-9). Copy it from your Tarjeta de Identificación Patronal."},
		Message{CodeRPFormato,
			"El registro patronal debe empezar con una letra seguida de 10 dígitos (por ejemplo, B752158813-9). Revise que no haya confundido la letra O con el cero.",
			"The employer registration number must be a letter followed by 10 digits (for example, B752158813-9). Check that you did not confuse the letter O with zero."},
		Message{CodeRPVerificador,
			"El dígito verificador (el último) no corresponde al registro patronal. Revise cada dígito contra su Tarjeta de Identificación Patronal.",
			"The check digit (the last one) does not match the employer registration number. Compare each digit with your Tarjeta de Identificación Patronal."},

		Message{CodeRFCLongitud,
			"El RFC con homoclave debe tener 12 caracteres (persona moral) o 13 (persona física). Revise que incluya la homoclave.",
			"The RFC with homoclave must have 12 characters (company) or 13 (individual). Check that it includes the homoclave."},
		Message{CodeRFCFormato,
			"El RFC no tiene la forma correcta: 3 o 4 letras, la fecha AAMMDD y la homoclave de 3 caracteres. Cópielo de su Constancia de Situación Fiscal.",
			"The RFC is not well formed: 3 or 4 letters, the date YYMMDD and the 3-character homoclave. Copy it from your Constancia de Situación Fiscal."},
		Message{CodeRFCFecha,
			"La fecha dentro del RFC (AAMMDD, después de las letras) no existe. Revise esos seis dígitos.",
			"The date inside the RFC (YYMMDD, after the letters) does not exist. Check those six digits."},
		Message{CodeRFCVerificador,
			"El último carácter del RFC no coincide con el que resulta del cálculo habitual. Verifique el RFC en su Constancia de Situación Fiscal; si está bien escrito, puede continuar.",
			"The last character of the RFC does not match the usual calculation. Check the RFC on your Constancia de Situación Fiscal; if it is typed correctly, you may continue."},
		Message{CodeRFCPersonaMoral,
			"Aquí va el RFC de una persona física (13 caracteres); el que escribió es de persona moral (12). Escriba el RFC personal del patrón o representante.",
			"This field takes an individual's RFC (13 characters); the one typed is a company's (12). Type the personal RFC of the employer or representative."},
		Message{CodeRFCCURPDistintos,
			"Los primeros 10 caracteres del RFC y de la CURP suelen coincidir (iniciales y fecha de nacimiento) y aquí no coinciden. Revise ambos; si están bien escritos, puede continuar.",
			"The first 10 characters of the RFC and the CURP usually match (initials and date of birth) and here they do not. Check both; if they are typed correctly, you may continue."},

		Message{CodeCURPLongitud,
			"La CURP debe tener 18 caracteres. Cópiela de su constancia de CURP.",
			"The CURP must have 18 characters. Copy it from your CURP certificate."},
		Message{CodeCURPFormato,
			"La CURP no tiene la forma correcta: 4 letras, la fecha AAMMDD, el sexo, la entidad, 3 consonantes, 1 carácter y 1 dígito. Cópiela de su constancia de CURP.",
			"The CURP is not well formed: 4 letters, the date YYMMDD, sex, state, 3 consonants, 1 character and 1 digit. Copy it from your CURP certificate."},
		Message{CodeCURPFecha,
			"La fecha de nacimiento dentro de la CURP (caracteres 5 a 10) no existe. Revise esos dígitos.",
			"The date of birth inside the CURP (characters 5 to 10) does not exist. Check those digits."},
		Message{CodeCURPSexo,
			"El carácter 11 de la CURP debe ser H (hombre), M (mujer) o X. Revíselo.",
			"Character 11 of the CURP must be H (male), M (female) or X. Check it."},
		Message{CodeCURPEntidad,
			"Los caracteres 12 y 13 de la CURP no son una clave de entidad federativa (por ejemplo DF, JC o NE). Revíselos.",
			"Characters 12 and 13 of the CURP are not a Mexican state code (for example DF, JC or NE). Check them."},
		Message{CodeCURPVerificador,
			"El dígito verificador (el último) no corresponde a la CURP. Revise cada carácter contra su constancia de CURP.",
			"The check digit (the last one) does not match the CURP. Compare each character with your CURP certificate."},

		Message{CodeNSSFormato,
			"El número de seguridad social debe tener 11 dígitos. Revíselo.",
			"The social security number must have 11 digits. Check it."},
		Message{CodeNSSVerificador,
			"El último dígito del número de seguridad social no corresponde a los demás. Revise cada dígito.",
			"The last digit of the social security number does not match the others. Check each digit."},
		Message{CodeCPFormato,
			"El código postal debe tener exactamente 5 dígitos (por ejemplo, 06600).",
			"The postal code must have exactly 5 digits (for example, 06600)."},
		Message{CodeCPInexistente,
			"Ese código postal no existe en México: ninguno empieza con 00, 17, 18 o 19. Revíselo.",
			"That postal code does not exist in Mexico: none starts with 00, 17, 18 or 19. Check it."},

		Message{CodeCorreoFormato,
			"El correo electrónico no es válido. Escríbalo completo, sin espacios ni acentos, por ejemplo nombre@dominio.com.mx.",
			"The email address is not valid. Type it in full, without spaces or accents, for example name@domain.com.mx."},
		Message{CodeCorreoLargo,
			"El correo electrónico es demasiado largo (más de 254 caracteres). Use otra dirección.",
			"The email address is too long (more than 254 characters). Use another address."},
		Message{CodeCorreoConfirmacion,
			"La confirmación no coincide con el correo electrónico. Escriba la misma dirección en ambos campos.",
			"The confirmation does not match the email address. Type the same address in both fields."},
		Message{CodeTelefonoDigitos,
			"El número debe tener 10 dígitos, con la clave lada (por ejemplo, 55 1234 5678); puede anteponer +52.",
			"The number must have 10 digits, including the area code (for example, 55 1234 5678); you may prefix +52."},
		Message{CodeTelefonoLada,
			"El número no puede empezar con 0 ni con 1. Escriba los 10 dígitos sin los prefijos 01, 044 o 045.",
			"The number cannot start with 0 or 1. Type the 10 digits without the old 01, 044 or 045 prefixes."},

		Message{CodeEntidadInvalida,
			"Elija una de las 32 entidades federativas de la lista.",
			"Choose one of the 32 Mexican states from the list."},
		Message{CodeFuncionInvalida,
			"Elija su función en la empresa: Patrón, Sujeto obligado o Representante legal.",
			"Choose your role in the company: Patrón, Sujeto obligado or Representante legal."},
		Message{CodeUsuarioLongitud,
			"El usuario debe tener de 4 a 30 caracteres.",
			"The user name must have 4 to 30 characters."},
		Message{CodeUsuarioCaracteres,
			"El usuario solo puede tener letras sin acentos ni ñ, dígitos, guion bajo (_) y punto (.).",
			"The user name may only contain letters without accents or ñ, digits, underscore (_) and period (.)."},

		Message{CodeContrasenaCorta,
			"La contraseña debe tener al menos 8 caracteres.",
			"The password must have at least 8 characters."},
		Message{CodeContrasenaLarga,
			"La contraseña puede tener como máximo 20 caracteres.",
			"The password may have at most 20 characters."},
		Message{CodeContrasenaCaracteres,
			"La contraseña solo puede tener letras (sin acentos ni ñ) y dígitos. Quite los espacios y símbolos.",
			"The password may only contain letters (without accents or ñ) and digits. Remove spaces and symbols."},
		Message{CodeContrasenaIgualUsuario,
			"La contraseña no puede ser igual a su usuario. Elija otra.",
			"The password cannot be the same as your user name. Choose another one."},
	)
}
