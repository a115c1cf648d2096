"""Every Flask extension, created unbound; ``create_app`` binds them with ``init_app``."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_compress import Compress
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from registry.models_base import Base

#: Objects keep their values when a transaction commits: a request that saves then flashes and
#: redirects (``registry.saving``) must not read the record again.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})

# Every model subclasses ``Model``. At run time it is ``db.Model``, the class Flask-SQLAlchemy
# builds from ``Base`` (same metadata and registry, plus its naming and binding mixins); a type
# checker cannot follow a base class made at run time ("db.Model is not defined"), so it sees
# ``Base``, whose ``Mapped[...]`` columns and constructor are what models actually have.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model

migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
compress = Compress()  # bound by registry.assets, once the blueprints exist
