from flask import Blueprint, render_template

from registry.auth.models import Role
from registry.auth.permissions import requires
from registry.navigation import ADMIN_SECTIONS, visible

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@requires(Role.ADMIN)
def index():
    return render_template("admin/index.html", sections=visible(ADMIN_SECTIONS))
