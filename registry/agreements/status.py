"""The agreement status lifecycle: codes, labels, the transitions table and the one check.

``intencion → negociacion → firmado → ratificado``, and the ends ``concluido`` and ``cancelado``
(see docs/records.md). Views, the importer and the CLI all ask :func:`check_move` (through
``services.change_status``), so there is one definition of what may happen:

* **forward** along the progression, skipping steps if needed (a convenio signed with no prior
  letter goes straight to ``firmado``): editors;
* **cancel** any open status (``cancelado``): editors, with a written reason;
* **conclude** a ``firmado`` or ``ratificado`` agreement (``concluido``, its validity is over):
  editors. An agreement never signed cannot conclude: it is cancelled;
* **correct** (a backward move, e.g. ``firmado → negociacion``) and **reopen** (out of an end,
  ``cancelado``/``concluido`` back to a status of the progression): admins only, with a written
  reason; recorded and shown as a correction. Moving from one end straight to the other is
  refused: reopen first, so the history says what happened;
* readers make no moves.

Every move needs the date of the act (for ``firmado``, the signing date): never later than today,
and never earlier than the date of the current status, so the history reads in order.

Pure Python: no request, no database. The reasons are Spanish sentences (``gettext`` returns the
Spanish msgid when there is no app context, e.g. in the state-machine tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flask_babel import gettext as _

from registry.auth.models import Role
from registry.codes import CodeEnum, labelled
from registry.errors import DomainError
from registry.i18n import lazy_gettext as _l


class Status(CodeEnum):
    INTENCION = "intencion"
    NEGOCIACION = "negociacion"
    FIRMADO = "firmado"
    RATIFICADO = "ratificado"
    CONCLUIDO = "concluido"
    CANCELADO = "cancelado"

    @property
    def is_formalized(self) -> bool:
        return self in FORMALIZED

    @property
    def is_open(self) -> bool:
        return self in OPEN

    @property
    def badge(self) -> str:
        """Bootstrap colour of the status badge."""
        return STATUS_BADGES[self]


STATUS_LABELS = labelled(
    Status,
    {
        Status.INTENCION: _l("Intención"),
        Status.NEGOCIACION: _l("Negociación"),
        Status.FIRMADO: _l("Firmado"),
        Status.RATIFICADO: _l("Ratificado"),
        Status.CONCLUIDO: _l("Concluido"),
        Status.CANCELADO: _l("Cancelado"),
    },
)

STATUS_BADGES = {
    Status.INTENCION: "info",
    Status.NEGOCIACION: "warning",
    Status.FIRMADO: "primary",
    Status.RATIFICADO: "success",
    Status.CONCLUIDO: "secondary",
    Status.CANCELADO: "danger",
}

#: Reaching one of these formalizes an agreement; the first such act is its formalization date.
FORMALIZED = frozenset({Status.FIRMADO, Status.RATIFICADO})
#: Not yet at an end.
OPEN = frozenset({Status.INTENCION, Status.NEGOCIACION, Status.FIRMADO, Status.RATIFICADO})
#: The order of progress; ends are not on it.
PROGRESSION = (Status.INTENCION, Status.NEGOCIACION, Status.FIRMADO, Status.RATIFICADO)
#: The ends of the lifecycle.
ENDS = frozenset({Status.CONCLUIDO, Status.CANCELADO})
#: Statuses an agreement may be created with (an ended agreement is recorded, then moved).
INITIAL = PROGRESSION


class MoveKind(StrEnum):
    """What a move means; decides who may make it and what it needs."""

    FORWARD = "forward"
    CANCEL = "cancel"
    CONCLUDE = "conclude"
    CORRECTION = "correction"
    REOPEN = "reopen"


#: Who may make each kind of move.
MOVE_ROLES = {
    MoveKind.FORWARD: Role.EDITOR,
    MoveKind.CANCEL: Role.EDITOR,
    MoveKind.CONCLUDE: Role.EDITOR,
    MoveKind.CORRECTION: Role.ADMIN,
    MoveKind.REOPEN: Role.ADMIN,
}

#: Kinds of move that need a written reason.
NEEDS_REASON = frozenset({MoveKind.CANCEL, MoveKind.CORRECTION, MoveKind.REOPEN})
#: Kinds of move shown in the history as corrections.
CORRECTIONS = frozenset({MoveKind.CORRECTION, MoveKind.REOPEN})


def _transitions() -> dict[tuple[Status, Status], MoveKind]:
    table: dict[tuple[Status, Status], MoveKind] = {}
    for i, source in enumerate(PROGRESSION):
        for j, target in enumerate(PROGRESSION):
            if i != j:
                table[source, target] = MoveKind.FORWARD if j > i else MoveKind.CORRECTION
        table[source, Status.CANCELADO] = MoveKind.CANCEL
    for source in FORMALIZED:
        table[source, Status.CONCLUIDO] = MoveKind.CONCLUDE
    for source in ENDS:
        for target in PROGRESSION:
            table[source, target] = MoveKind.REOPEN
    return table


#: Every allowed (from, to) pair and what kind of move it is; any pair not here is refused.
TRANSITIONS: dict[tuple[Status, Status], MoveKind] = _transitions()


@dataclass(frozen=True)
class Move:
    """An accepted move."""

    source: Status | None
    target: Status
    kind: MoveKind | None  # None: the first status of a new agreement
    acted_on: date  # every accepted move has the date of its act

    @property
    def is_correction(self) -> bool:
        return self.kind in CORRECTIONS


class MoveRefused(DomainError):
    """A refused move; ``problems`` holds every (field, reason), ``message`` the first."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__(problems[0][1], problems[0][0])
        self.problems = problems
        #: What the caller was doing, to say where the refusal belongs (an import's act).
        self.act: object | None = None


def allowed_targets(current: Status, role: Role) -> list[Status]:
    """The statuses ``role`` may move an agreement in ``current`` to, in lifecycle order."""
    return [
        target
        for target in Status
        if (current, target) in TRANSITIONS
        and role.includes(MOVE_ROLES[TRANSITIONS[current, target]])
    ]


def check_move(
    current: Status | None,
    target: Status,
    *,
    role: Role,
    acted_on: date | None,
    today: date,
    current_since: date | None = None,
    reason: str | None = None,
) -> Move:
    """Accept or refuse a proposed move; raises :class:`MoveRefused` with Spanish reasons.

    ``current`` is None for the first status of a new agreement. ``current_since`` is the date
    of the act that set the current status.
    """
    problems: list[tuple[str | None, str]] = []
    kind = _classify(current, target, role, problems)
    if kind is not None and kind in NEEDS_REASON and not (reason or "").strip():
        problems.append(("reason", _reason_required(kind)))
    problems.extend(_date_problems(target, acted_on, today, current_since))
    if problems or acted_on is None:  # (no date is always one of the problems)
        raise MoveRefused(problems)
    return Move(current, target, kind, acted_on)


def _classify(current, target, role, problems) -> MoveKind | None:
    if not role.includes(Role.EDITOR):
        problems.append(("target", _("Su cuenta es de consulta: no puede cambiar el estatus.")))
        return None
    if current is None:
        if target not in INITIAL:
            problems.append(("target", _initial_refusal(target)))
        return None
    if current == target:
        problems.append(
            ("target", _("El instrumento ya está en «%(status)s».", status=target.label))
        )
        return None
    kind = TRANSITIONS.get((current, target))
    if kind is None:
        problems.append(("target", _transition_refusal(current, target)))
        return None
    if not role.includes(MOVE_ROLES[kind]):
        problems.append(("target", _correction_refusal(current, target)))
    return kind


def _initial_refusal(target: Status) -> str:
    return _(
        "Un instrumento nuevo no puede registrarse como «%(status)s»: regístrelo con el estatus "
        "que tuvo antes y después muévalo a «%(status)s».",
        status=target.label,
    )


def _transition_refusal(current: Status, target: Status) -> str:
    if target == Status.CONCLUIDO and current in OPEN:
        return _(
            "Solo un instrumento firmado o ratificado puede concluir; si no prosperó, cancélelo."
        )
    return _(
        "No se puede pasar de «%(current)s» a «%(target)s»: primero reabra el instrumento "
        "(corrección de administración).",
        current=current.label,
        target=target.label,
    )


def _correction_refusal(current: Status, target: Status) -> str:
    return _(
        "Pasar de «%(current)s» a «%(target)s» es una corrección: solo una cuenta de "
        "administración puede hacerla, con el motivo por escrito.",
        current=current.label,
        target=target.label,
    )


def _reason_required(kind: MoveKind) -> str:
    if kind == MoveKind.CANCEL:
        return _("Escriba el motivo de la cancelación.")
    return _("Escriba el motivo de la corrección.")


def _date_problems(target, acted_on, today, current_since) -> list[tuple[str, str]]:
    if acted_on is None:
        if target == Status.FIRMADO:
            return [("acted_on", _("Indique la fecha de firma."))]
        return [("acted_on", _("Indique la fecha del acto."))]
    if acted_on > today:
        return [("acted_on", _("La fecha del acto no puede ser posterior a hoy."))]
    if current_since is not None and acted_on < current_since:
        return [
            (
                "acted_on",
                _(
                    "La fecha del acto no puede ser anterior a la del estatus actual "
                    "(%(date)s): el historial va en orden.",
                    date=current_since.strftime("%d/%m/%Y"),
                ),
            )
        ]
    return []


@dataclass(frozen=True)
class Act:
    """One recorded move, as :func:`first_reached` reads it (in recording order)."""

    target: Status
    acted_on: date
    is_correction: bool = False
    #: How precise ``acted_on`` is (``dates.DatePrecision``: day, month, quarter).
    precision: str = "day"


def _rank(status: Status) -> int:
    """Place in the lifecycle: the progression in order, then the ends (after ratificado)."""
    return PROGRESSION.index(status) if status in PROGRESSION else len(PROGRESSION)


def first_reached(history: list[Act], statuses: frozenset[Status] | set[Status]) -> date | None:
    """The date of the first act that reached one of ``statuses`` and still stands, or None.

    The one definition of "first reached" (after corrections) that the formalization date,
    the report's sections and the MIR indicators all use (docs/counting-rules.md):

    * a later move onwards does not undo it ("formalized in Q2, cancelled in Q3" still counts
      in Q2);
    * a correction (or reopening) back to a status before all of ``statuses`` does: the acts
      before it were recorded in error, so they no longer count; if the agreement reaches the
      statuses again later, that later act's date counts;
    * with no statuses named, the date of its first act (when it was first recorded).

    ``history`` is in the order the moves were recorded.
    """
    act = first_reaching_act(history, statuses)
    return act.acted_on if act else None


def first_reaching_act(history: list[Act], statuses: frozenset[Status] | set[Status]) -> Act | None:
    """The act :func:`first_reached` dates the agreement by (its precision included)."""
    if not statuses:
        return history[0] if history else None
    lowest = min(_rank(status) for status in statuses)
    reached: Act | None = None
    for act in history:
        if act.target in statuses:
            if reached is None or act.acted_on < reached.acted_on:
                reached = act
        elif act.is_correction and _rank(act.target) < lowest:
            reached = None
    return reached


def formalization_date(history: list[Act]) -> date | None:
    """The date of the first act that reached ``firmado`` or ``ratificado`` and still stands:
    :func:`first_reached` of ``FORMALIZED``."""
    return first_reached(history, FORMALIZED)


def party_status(
    agreement_status: Status, *, signed: bool, withdrawn: bool, any_party_signed: bool
) -> Status:
    """One party's own status in an agreement, from the agreement's and the party's own acts.

    * a party that withdrew is ``cancelado`` for itself;
    * in a formalized agreement (``firmado``/``ratificado``) whose parties' signatures were
      recorded, a party that has not signed is still ``negociacion`` ("sin firma") while the
      others are the agreement's status; if no party's signature was recorded at all (an
      import, an older record) the agreement's status is all that is known;
    * otherwise the agreement's status.
    """
    if withdrawn:
        return Status.CANCELADO
    if agreement_status in FORMALIZED and any_party_signed and not signed:
        return Status.NEGOCIACION
    return agreement_status
