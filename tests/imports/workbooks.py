"""The rows the import tests start from: a correct workbook built from the seed's records."""

from __future__ import annotations

from datetime import datetime

ENSENADA = {
    "folio": "HER-2025-002",
    "tipo": "hermanamiento",
    "titulo": "Hermanamiento Oaxaca de Juárez – Ensenada",
    "objetivo": "Cooperación en turismo; cultura y educación.",
    "temas": "turismo; CULTURA; educacion",
    "contrapartes": "02001",
    "estatus": "intencion",
    "fecha_intencion": "2025-04-29",
    "oficio": "OPM/EXT/0064/2025",
}
COZUMEL = {
    "folio": "HER-2025-001",
    "tipo": "Hermanamiento",
    "titulo": "Hermanamiento Oaxaca de Juárez – Cozumel",
    "contrapartes": "Cozumel",
    "estatus": "ratificado",
    "fecha_ratificacion": datetime(2025, 6, 30),
    "notas": "El documento no indica el día.",
}
#: Letter, then signed (an Excel date cell), by a municipality and a state body.
CONVENIO = {
    "folio": "CON-2025-001",
    "tipo": "convenio",
    "titulo": "Convenio de colaboración en materia de agua",
    "temas": "Agua",
    "contrapartes": "20157; Comisión Estatal del Agua",
    "estatus": "firmado",
    "fecha_intencion": "2025-04-10",
    "fecha_firma": datetime(2025, 5, 9),
    "vigencia_inicio": "2025-05-09",
    "vigencia_fin": "2027-12-31",
}
CANCELLED = {
    "folio": "ALI-2025-001",
    "tipo": "alianza",
    "titulo": "Alianza por la movilidad",
    "contrapartes": "20390",
    "estatus": "cancelado",
    "fecha_negociacion": "2025-04-02",
    "fecha_cancelacion": "2025-06-01",
    "motivo": "La contraparte desistió.",
}

RECORRIDO = {
    "folio": "REU-2025-006",
    "tipo": "recorrido",
    "titulo": "Recorridos en los límites de Oaxaca de Juárez y San Jacinto Amilpas",
    "fechas": "2025-05-15; 2025-05-22",
    "participantes": "20157",
    "temas": "Medio ambiente",
    "descripcion": "Inspecciones conjuntas en las zonas limítrofes.",
    "acuerdos": "Retirar los residuos sólidos; Revisar el uso de escombros",
    "evidencia": "https://www.facebook.com/MunicipioOaxacaDeJuarez/posts/1",
    "indicador": "12.2",
}
#: An Excel date cell, parties by name, no indicador: the default of its kind (12.1).
MESA = {
    "folio": "REU-2025-003",
    "tipo": "Mesa de seguridad",
    "titulo": "Mesa de Seguridad de la Coordinación Metropolitana",
    "fechas": datetime(2025, 5, 9),
    "lugar": "Palacio Municipal",
    "participantes": "Gobierno del Estado de Oaxaca; Secretaría de Gobierno",
    "temas": "seguridad",
}

AGREEMENT_ROWS = [ENSENADA, COZUMEL, CONVENIO, CANCELLED]
MEETING_ROWS = [RECORRIDO, MESA]
