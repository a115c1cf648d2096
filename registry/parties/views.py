"""Parties pages (/contrapartes): list, detail, create, edit, deactivate; and the ZMO layer."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from registry.extensions import db
from registry.meetings import queries as meeting_queries
from registry.pagination import paginate
from registry.parties import layers, queries, services
from registry.parties.forms import MunicipalityForm, PartyForm
from registry.parties.models import PARTY_KIND_LABELS, Party, PartyKind, zmo_delimitation
from registry.saving import save

#: Meetings listed on a party's page; the rest are one click away in the meetings list.
PARTY_PAGE_MEETINGS = 20

bp = Blueprint("parties", __name__, url_prefix="/contrapartes")


@bp.route("/")
def index():
    filters = queries.PartyFilters.from_args(request.args)
    page = paginate(queries.party_list(filters))
    return render_template(
        "parties/index.html",
        page=page,
        filters=filters,
        kinds=PARTY_KIND_LABELS,
        states=queries.states_in_use(),
        delimitation=zmo_delimitation(),
    )


@bp.route("/<int:party_id>")
def detail(party_id: int):
    party = db.get_or_404(Party, party_id)
    return render_template(
        "parties/detail.html",
        party=party,
        boundary=queries.boundary_facts(party),
        agreements=queries.party_agreements(party),
        meetings=meeting_queries.for_party(party.id, limit=PARTY_PAGE_MEETINGS),
        meeting_count=meeting_queries.count_for_party(party.id),
        delimitation=zmo_delimitation(),
    )


@bp.route("/nueva", methods=["GET", "POST"])
def create():
    form = PartyForm()
    if request.method == "GET" and request.args.get("tipo") in PartyKind._value2member_map_:
        form.kind.data = request.args["tipo"]
    if form.validate_on_submit():
        party = save(form, lambda: services.create_party(form.values()))
        if party is not None:
            flash(_("Contraparte «%(name)s» registrada.", name=party.name), "success")
            return redirect(url_for(".detail", party_id=party.id))
    return render_template("parties/form.html", form=form, party=None)


@bp.route("/<int:party_id>/editar", methods=["GET", "POST"])
def edit(party_id: int):
    party = db.get_or_404(Party, party_id)
    if party.kind == PartyKind.MUNICIPIO:
        form = MunicipalityForm(obj=party)
    else:
        form = PartyForm(obj=party, new=False)
    if form.validate_on_submit():
        saved = save(form, lambda: services.update_party(party, form.values()))
        if saved is not None:
            flash(_("Contraparte «%(name)s» actualizada.", name=party.name), "success")
            return redirect(url_for(".detail", party_id=party.id))
    return render_template("parties/form.html", form=form, party=party)


@bp.route("/<int:party_id>/desactivar", methods=["POST"])
def deactivate(party_id: int):
    return _set_active(party_id, False, _("«%(name)s» desactivada: ya no se ofrece al registrar."))


@bp.route("/<int:party_id>/reactivar", methods=["POST"])
def reactivate(party_id: int):
    return _set_active(party_id, True, _("«%(name)s» reactivada."))


def _set_active(party_id: int, active: bool, message: str):
    party = db.get_or_404(Party, party_id)
    if save(None, lambda: services.set_active(party, active)) is not None:
        flash(message % {"name": party.name}, "success")
    return redirect(url_for(".detail", party_id=party.id))


@bp.route("/capas/zmo.geojson")
def zmo_layer():
    """The ZMO municipalities as GeoJSON, revalidated by an ETag of its content."""
    response = make_response(layers.zmo_layer())
    response.content_type = "application/geo+json"
    response.add_etag()
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response.make_conditional(request)
