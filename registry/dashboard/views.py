from importlib import import_module

from flask import Blueprint, render_template

from registry.page_cache import cached_page

bp = Blueprint("dashboard", __name__)

#: Each domain's panel on the dashboard: (template, "module:function" returning its context).
#: Panels render in this order; a domain adds its line when it has something to show.
PANELS: list[tuple[str, str]] = [
    ("agreements/_dashboard.html", "registry.agreements.queries:dashboard_panel"),
    ("meetings/_dashboard.html", "registry.meetings.queries:dashboard_panel"),
]


@bp.route("/")
@cached_page
def index():
    panels = [(template, _resolve(function)()) for template, function in PANELS]
    return render_template("dashboard/index.html", panels=panels)


def _resolve(path: str):
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)
