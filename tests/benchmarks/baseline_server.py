"""The bare baseline as a WSGI app for gunicorn (``BASELINE_DB`` names the database)."""

import os

from tests.benchmarks.scale import baseline_app

app = baseline_app(os.environ["BASELINE_DB"])
