"""Every model module, imported once so the metadata (and Alembic) sees every table."""

from registry.audit.models import AuditEvent  # noqa: F401
from registry.auth.models import LoginThrottle, User  # noqa: F401
