"""What an import reports: every issue (sheet, row, column, reason) and each row's outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext

from registry.codes import CodeEnum, labelled
from registry.i18n import lazy_gettext as _l
from registry.imports.spec import COLUMNS, SHEETS


@dataclass(frozen=True)
class Issue:
    """One reason the workbook cannot be imported, where the user will find it."""

    sheet: str | None  #: None: the file itself
    row: int | None  #: as Excel numbers it (headers are row 1); None: the whole sheet
    column: str | None  #: the header; None: the whole row or sheet
    message: str

    def sort_key(self) -> tuple:
        sheet = SHEETS.index(self.sheet) if self.sheet in SHEETS else -1
        headers = [c.header for c in COLUMNS.get(self.sheet, ())] if self.sheet is not None else []
        column = headers.index(self.column) if self.column in headers else -1
        return (sheet, self.row or 0, column)

    def location(self) -> str:
        """'Instrumentos, fila 3, columna contrapartes' (or less, for whole sheets and files)."""
        if self.sheet is None:
            return _("Archivo")
        parts = [self.sheet]
        if self.row is not None:
            parts.append(_("fila %(n)d", n=self.row))
        if self.column is not None:
            parts.append(_("columna %(c)s", c=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


class Action(CodeEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


ACTION_LABELS = labelled(
    Action,
    {
        Action.CREATE: _l("Alta"),
        Action.UPDATE: _l("Cambios"),
        Action.UNCHANGED: _l("Sin cambios"),
    },
)


@dataclass(frozen=True)
class Outcome:
    """What importing one row does (or did) to the registry."""

    sheet: str
    row: int
    folio: str
    title: str
    action: Action
    #: For updates: what changes, as users call it ("Título", "Estatus: Firmado (10/05/2025)").
    changes: tuple[str, ...] = ()


@dataclass
class ImportResult:
    issues: list[Issue] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def written(self) -> bool:
        """Whether the registry was changed (the caller still commits)."""
        return self.ok and not self.dry_run and self.changes_anything

    @property
    def changes_anything(self) -> bool:
        return any(outcome.action != Action.UNCHANGED for outcome in self.outcomes)

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=Issue.sort_key)

    def counts(self, sheet: str) -> dict[Action, int]:
        """How many rows of ``sheet`` are created, updated and unchanged."""
        counter = Counter(outcome.action for outcome in self.outcomes if outcome.sheet == sheet)
        return {action: counter.get(action, 0) for action in Action}

    def summary_lines(self) -> list[str]:
        """One line per sheet: 'Instrumentos: altas 2, con cambios 1, sin cambios 0.'"""
        lines = []
        for sheet in SHEETS:
            counts = self.counts(sheet)
            lines.append(
                _(
                    "%(sheet)s: altas %(new)d, con cambios %(upd)d, sin cambios %(same)d.",
                    sheet=sheet,
                    new=counts[Action.CREATE],
                    upd=counts[Action.UPDATE],
                    same=counts[Action.UNCHANGED],
                )
            )
        return lines

    def to_dict(self) -> dict:
        """The result as JSON-safe data (kept between the preview and its confirmation)."""
        return {
            "dry_run": self.dry_run,
            "issues": [[i.sheet, i.row, i.column, i.message] for i in self.issues],
            "outcomes": [
                [o.sheet, o.row, o.folio, o.title, o.action.value, list(o.changes)]
                for o in self.outcomes
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportResult:
        return cls(
            issues=[Issue(*issue) for issue in data["issues"]],
            outcomes=[
                Outcome(sheet, row, folio, title, Action(action), tuple(changes))
                for sheet, row, folio, title, action, changes in data["outcomes"]
            ],
            dry_run=data["dry_run"],
        )

    def refusal_line(self) -> str:
        """'No se importó nada: 3 errores.'"""
        return ngettext(
            "No se importó nada: %(num)d error.",
            "No se importó nada: %(num)d errores.",
            len(self.issues),
        )
