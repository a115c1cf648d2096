"""The audit trail in words: Spanish names of entities, actions and fields, values as text.

The trail stores codes (``agreement``, ``status_change``, ``responsible_party_id``) and JSON
values; the audit browser shows them as an official reads them. Unknown codes show as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.agreements.transparency import SipotType
from registry.areas.models import AreaKind
from registry.auth.models import Role
from registry.commitments.models import CommitmentStatus
from registry.dates import DatePrecision
from registry.documents.models import DocumentKind
from registry.filters import fecha, fecha_hora
from registry.i18n import lazy_gettext as _l
from registry.meetings.models import EvidenceKind, MeetingKind, MeetingState
from registry.parties.models import PartyKind

ENTITY_LABELS = {
    "agreement": _l("Instrumento"),
    "document": _l("Documento de instrumento"),
    "meeting": _l("Reunión"),
    "commitment": _l("Acuerdo de reunión"),
    "evidence": _l("Evidencia de reunión"),
    "party": _l("Contraparte"),
    "area": _l("Área del municipio"),
    "party_boundaries": _l("Límites municipales (INEGI)"),
    "topics": _l("Tema"),
    "indicator": _l("Indicador MIR"),
    "areas": _l("Áreas del municipio"),
    "cancellation_reason": _l("Motivo de la cancelación"),
    "needs_outside_party": _l("Solo con contraparte externa"),
    "needs_zmo_municipality": _l("Solo con municipio de la Zona Metropolitana"),
    "users": _l("Cuenta de usuario"),
    "file": _l("Archivo"),
}

ACTION_LABELS = {
    "create": _l("Alta"),
    "update": _l("Edición"),
    "status_change": _l("Cambio de estatus"),
    "delete": _l("Envío a la papelera"),
    "restore": _l("Restauración desde la papelera"),
    "deactivate": _l("Desactivación"),
    "reactivate": _l("Reactivación"),
    "activate": _l("Reactivación"),
    "close": _l("Marcado como cumplido"),
    "cancel": _l("Cancelación"),
    "reopen": _l("Reapertura"),
    "import": _l("Importación"),
    "login": _l("Inicio de sesión"),
    "logout": _l("Cierre de sesión"),
    "password_change": _l("Cambio de contraseña"),
    "password_reset": _l("Restablecimiento de contraseña"),
    "calendar_feed_issued": _l("Calendario personal activado"),
    "calendar_feed_revoked": _l("Calendario personal desactivado"),
}

FIELD_LABELS = {
    # agreements and their documents
    "folio": _l("Folio"),
    "kind": _l("Tipo"),
    "title": _l("Título"),
    "objective": _l("Objetivo"),
    "topics": _l("Temas"),
    "parties": _l("Contrapartes"),
    "responsible_unit": _l("Unidad responsable"),
    "responsible_person": _l("Persona responsable"),
    "valid_from": _l("Inicio de vigencia"),
    "valid_until": _l("Fin de vigencia"),
    "notes": _l("Notas"),
    "sipot_type": _l("Tipo de convenio (transparencia)"),
    "resources_source": _l("Fuente de los recursos"),
    "resources_description": _l("Descripción o monto de los recursos"),
    "published_on": _l("Fecha de publicación oficial"),
    "document_url": _l("Hipervínculo al documento"),
    "amendments_url": _l("Hipervínculo a las modificaciones"),
    "transparency_note": _l("Nota de transparencia"),
    "sre_opinion": _l("Dictamen de procedencia de la SRE"),
    "sre_opinion_on": _l("Fecha del dictamen de la SRE"),
    "sre_registry_number": _l("Número de registro en la SRE"),
    "sre_registered_on": _l("Fecha de registro en la SRE"),
    "status": _l("Estatus"),
    "status_date": _l("Fecha del estatus"),
    "status_date_precision": _l("Precisión de la fecha del estatus"),
    "formalized_on": _l("Fecha de formalización"),
    "acted_on": _l("Fecha del acto"),
    "reason": _l("Motivo"),
    "correction": _l("Corrección"),
    "number": _l("Número"),
    "issued_on": _l("Fecha del documento"),
    "issuer": _l("Emisor"),
    "file_id": _l("Archivo"),
    "agreement_id": _l("Instrumento"),
    # meetings, commitments, evidence
    "first_date": _l("Primera fecha"),
    "dates": _l("Fechas"),
    "start_time": _l("Hora"),
    "place": _l("Lugar"),
    "description": _l("Descripción"),
    "indicator": _l("Indicador MIR"),
    "areas": _l("Áreas del municipio"),
    "cancellation_reason": _l("Motivo de la cancelación"),
    "needs_outside_party": _l("Solo con contraparte externa"),
    "needs_zmo_municipality": _l("Solo con municipio de la Zona Metropolitana"),
    "agreements": _l("Instrumentos vinculados"),
    "people": _l("Personas participantes"),
    "meeting_id": _l("Reunión"),
    "text": _l("Acuerdo"),
    "responsible_party_id": _l("Contraparte responsable"),
    "due_on": _l("Fecha límite"),
    "closed_at": _l("Cerrado el"),
    "closed_by_id": _l("Cerrado por (cuenta)"),
    "closing_note": _l("Nota de cierre"),
    "url": _l("Enlace"),
    # recycle bin
    "deleted_at": _l("En la papelera desde"),
    "deletion_reason": _l("Motivo de eliminación"),
    # parties, topics, accounts
    "name": _l("Nombre"),
    "acronym": _l("Siglas"),
    "cvegeo": _l("Clave INEGI (CVEGEO)"),
    "state": _l("Estado"),
    "country": _l("País"),
    "latitude": _l("Latitud"),
    "longitude": _l("Longitud"),
    "website": _l("Sitio web"),
    "active": _l("Activo"),
    "email": _l("Correo"),
    "full_name": _l("Nombre completo"),
    "role": _l("Rol"),
}

#: Bookkeeping columns a record's "create" snapshot carries that tell an official nothing.
HIDDEN_FIELDS = frozenset(
    {"id", "version", "search_text", "search_key", "name_key", "created_at", "updated_at"}
)

EMPTY: tuple[object, ...] = (None, "", [], {})

#: Fields holding a code, by (entity, field): the enum whose label shows instead.
CODED_FIELDS = {
    ("agreement", "kind"): AgreementKind,
    ("agreement", "status"): Status,
    ("agreement", "sipot_type"): SipotType,
    ("agreement", "status_date_precision"): DatePrecision,
    ("meeting", "state"): MeetingState,
    ("document", "kind"): DocumentKind,
    ("meeting", "kind"): MeetingKind,
    ("commitment", "status"): CommitmentStatus,
    ("evidence", "kind"): EvidenceKind,
    ("party", "kind"): PartyKind,
    ("area", "kind"): AreaKind,
    ("users", "role"): Role,
}


def entity_label(entity: str) -> str:
    return str(ENTITY_LABELS.get(entity, entity))


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def value_text(entity: str, name: str, value: Any) -> str:
    """An audited JSON value as text: labels for codes, es-MX dates, "(vacío)" for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return _("(vacío)")
    if isinstance(value, bool):
        return _("Sí") if value else _("No")
    if isinstance(value, list):
        return "; ".join(value_text(entity, name, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {value_text(entity, key, item)}" for key, item in value.items())
    if name == "file_id":
        return _("adjunto")
    enum_class = CODED_FIELDS.get((entity, name))
    if enum_class is not None and value in enum_class._value2member_map_:
        return enum_class(value).label
    if isinstance(value, str):
        return _date_text(value) or value
    return str(value)


def _date_text(value: str) -> str | None:
    """'2025-04-29' → '29 de abril de 2025'; an ISO instant → its Oaxaca date and time."""
    if len(value) == 10:
        try:
            return fecha(date.fromisoformat(value))
        except ValueError:
            return None
    if 19 <= len(value) <= 32 and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        return fecha_hora(moment) if moment.tzinfo else None
    return None


def changed_fields(event) -> list[tuple[str, str | None, str | None]]:
    """(label, before, after) of each field an event names, in the order it stored them.

    A side the event does not have is None (a creation has no "before", a removal no "after").
    """
    before, after = event.before or {}, event.after or {}
    names = [*before, *(name for name in after if name not in before)]
    rows = []
    for name in names:
        old, new = before.get(name), after.get(name)
        one_side = (name in before) != (name in after)
        if name in HIDDEN_FIELDS or (one_side and old in EMPTY and new in EMPTY):
            continue  # e.g. the blank fields of a new record
        rows.append(
            (
                field_label(name),
                value_text(event.entity, name, old) if name in before else None,
                value_text(event.entity, name, new) if name in after else None,
            )
        )
    return rows
