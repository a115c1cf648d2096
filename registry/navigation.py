"""The main navigation and the admin landing page's sections.

Entries whose endpoint is not registered yet are simply not shown, so each domain appears in
the menu as soon as its blueprint exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from registry.auth.models import Role
from registry.dates import today_local
from registry.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    role: Role = Role.READER
    description: str = ""

    @property
    def blueprint(self) -> str:
        return self.endpoint.rpartition(".")[0]


MAIN_MENU = [
    NavItem(_l("Tablero"), "dashboard.index"),
    NavItem(_l("Instrumentos"), "agreements.index"),
    NavItem(_l("Reuniones"), "meetings.index"),
    NavItem(_l("Contrapartes"), "parties.index"),
    NavItem(_l("Mapa"), "map.index"),
    NavItem(_l("Informes"), "reports.index"),
    NavItem(_l("Administración"), "admin.index", Role.ADMIN),
]

ADMIN_SECTIONS = [
    NavItem(
        _l("Cuentas de usuario"),
        "users.index",
        Role.ADMIN,
        _l("Altas, roles y desactivación de cuentas."),
    ),
    NavItem(
        _l("Temas"),
        "topics.index",
        Role.ADMIN,
        _l("La lista de temas de instrumentos y reuniones: altas, cambios de nombre, bajas."),
    ),
    NavItem(
        _l("Áreas del municipio"),
        "areas.index",
        Role.ADMIN,
        _l("Secretarías, institutos y órganos auxiliares propios: nunca son contrapartes."),
    ),
    NavItem(
        _l("Indicadores MIR"),
        "indicators.index",
        Role.ADMIN,
        _l("Qué cuenta cada indicador del informe trimestral y su meta anual."),
    ),
    NavItem(
        _l("Ajustes de los informes"),
        "settings.index",
        Role.ADMIN,
        _l("El nombre de la unidad y quién firma «Autorizó» en el informe trimestral."),
    ),
    NavItem(
        _l("Formato de transparencia"),
        "transparency.columns",
        Role.ADMIN,
        _l("Las columnas del formato de convenios (Art. 70 fr. XXXIII) que se exporta."),
    ),
    NavItem(
        _l("Papelera"),
        "recycle.index",
        Role.ADMIN,
        _l("Instrumentos, documentos, reuniones y evidencias eliminados: verlos y restaurarlos."),
    ),
    NavItem(
        _l("Bitácora de cambios"),
        "audit.index",
        Role.ADMIN,
        _l("Quién cambió qué y cuándo, con los datos antes y después de cada cambio."),
    ),
]


def visible(items: list[NavItem]) -> list[NavItem]:
    """The items this user may open and whose pages exist."""
    if not current_user.is_authenticated:
        return []
    return [
        item
        for item in items
        if item.endpoint in current_app.view_functions and current_user.has_role(item.role)
    ]


def is_current(item: NavItem) -> bool:
    if item.blueprint == "admin":
        return request.blueprint in {"admin", *(section.blueprint for section in ADMIN_SECTIONS)}
    return request.blueprint == item.blueprint


def maybe_url(endpoint: str, **values) -> str | None:
    """``url_for`` for a page that may not exist (yet): None instead of an error.

    Lets one domain link to another's pages (a party's agreements, an agreement's meetings)
    without depending on the order in which domains were built.
    """
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def register_navigation(app: Flask) -> None:
    app.add_template_global(maybe_url)

    @app.context_processor
    def navigation():
        return {
            "main_menu": visible(MAIN_MENU),
            "is_current": is_current,
            "today": today_local(),
        }
