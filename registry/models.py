"""Every model module, imported once so the metadata (and Alembic) sees every table."""

from registry.agreements.models import Agreement, AgreementParty, StatusChange  # noqa: F401
from registry.audit.models import AuditEvent  # noqa: F401
from registry.auth.models import LoginThrottle, User  # noqa: F401
from registry.commitments.models import Commitment  # noqa: F401
from registry.documents.models import Document  # noqa: F401
from registry.files.models import StoredFile  # noqa: F401
from registry.indicators.models import Indicator, IndicatorGoal  # noqa: F401
from registry.meetings.models import Evidence, Meeting, MeetingDate, MeetingPerson  # noqa: F401
from registry.parties.models import BoundaryLayer, Party, PartyBoundary  # noqa: F401
from registry.settings.models import Setting  # noqa: F401
from registry.topics.models import Topic  # noqa: F401
from registry.transparency.models import TransparencyColumn  # noqa: F401
