package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Ids of the screens.
const (
	Inicio        = "inicio"
	SolicitudNPIE = "solicitud"
	Renovacion    = "renovacion"
	Adicional     = "adicional"
	Revocacion    = "revocacion"
	Recuperacion  = "recuperacion"
	FirmarCarta   = "firmar"
	Verificar     = "verificar"
	Certificados  = "certificados"
	Ventanilla    = "ventanilla"
	Configuracion = "configuracion"
)

// Pantalla is one screen: its id, its title and summary as lang keys (the
// Spanish wording), its icon and the function that builds it.
type Pantalla struct {
	ID      string
	Titulo  string
	Resumen string
	Icono   fyne.Resource
	Vista   func(*Entorno) fyne.CanvasObject
}

// Pantallas is every screen, in the order of the IMSS "Menú Certificado
// Digital" followed by what the app adds. Home shows all but itself.
func Pantallas() []Pantalla {
	return []Pantalla{
		{Inicio, "Menú Certificado Digital", "", theme.HomeIcon(), vistaInicio},
		{SolicitudNPIE, "Solicitud NPIE", "Solicite su Número Patronal de Identificación Electrónica y su Certificado Digital.", theme.DocumentCreateIcon(), vistaSolicitud},
		{Renovacion, "Renovación", "Renueve en línea su Certificado Digital vigente o caducado, sin acudir a la subdelegación.", theme.ViewRefreshIcon(), vistaRenovacion},
		{Adicional, "Certificado Digital Adicional", "Solicite un certificado para el personal que usted designe, ligado a su NPIE.", theme.ContentAddIcon(), vistaAdicional},
		{Revocacion, "Revocación", "Revoque su Certificado Digital si lo perdió o alguien más conoce su contraseña.", theme.CancelIcon(), vistaRevocacion},
		{Recuperacion, "Recuperación", "Descargue de nuevo su certificado con su NPIE y vuelva a armar su archivo .pfx.", theme.DownloadIcon(), vistaRecuperacion},
		{FirmarCarta, "Firmar carta", "Firme electrónicamente una carta en PDF con su Certificado Digital.", theme.DocumentSaveIcon(), vistaFirmar},
		{Verificar, "Verificar certificado o carta", "Revise las firmas de una carta o los datos y la vigencia de un certificado.", theme.ConfirmIcon(), vistaVerificar},
		{Certificados, "Mis certificados", "Los certificados que creó o abrió en este equipo y cuántos días les quedan.", theme.StorageIcon(), vistaCertificados},
		{Ventanilla, "Ventanilla", "Para el personal de la subdelegación: atender solicitudes y entregar certificados.", theme.AccountIcon(), vistaVentanilla},
		{Configuracion, "Configuración", "Servidor, certificado raíz de confianza e idioma.", theme.SettingsIcon(), vistaConfiguracion},
	}
}

func pantalla(id string) (Pantalla, bool) {
	for _, p := range Pantallas() {
		if p.ID == id {
			return p, true
		}
	}
	return Pantalla{}, false
}
