"""The dashboard: each domain's panel, in this order."""

from __future__ import annotations

from flask import Blueprint, render_template

from registry.agreements import queries as agreements
from registry.meetings import queries as meetings

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def index():
    panels = [
        ("agreements/_dashboard.html", agreements.dashboard_panel()),
        ("meetings/_dashboard.html", meetings.dashboard_panel()),
    ]
    return render_template("dashboard/index.html", panels=panels)
