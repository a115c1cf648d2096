"""Meetings as iCalendar (RFC 5545): one meeting's .ics, and the feed phones subscribe to.

Design choices, for the phone calendars officials use (iOS, Android with ICSx⁵ or the vendor's
app, Outlook, Thunderbird):

* **One VEVENT per date** of a multi-date meeting, not one event with RDATEs: several clients
  ignore or mishandle RDATE without an RRULE (especially on subscribed calendars), while
  separate events show everywhere. Their UIDs are stable (meeting id + date), so a changed date
  replaces its event on the next refresh and an unchanged one is left alone.
* With a start time, ``DTSTART;TZID=America/Mexico_City`` plus the matching VTIMEZONE (built
  from the zoneinfo database for the years concerned). No end time is recorded, so there is no
  DTEND: the event is the instant it starts, as RFC 5545 defines it; nothing is invented.
* Without a time, an all-day event (``VALUE=DATE``, DTEND the next day, exclusive).
* DTSTAMP and LAST-MODIFIED are when the meeting was last saved, SEQUENCE its version: the
  same meeting always gives the same bytes, and clients see when it changed.
* Text is the user's, so it cannot be trusted to fit: one-line properties (title, place, the
  calendar's name) get every line break and control character as a space, and the description
  keeps its line breaks as plain newlines (icalendar escapes them); a raw CR never reaches the
  file, and no text can end a line and start a property of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from icalendar import Calendar, Event

from registry.dates import LOCAL_ZONE
from registry.meetings.models import Meeting

PRODID = "-//Municipio de Oaxaca de Juárez//Registro Metropolitano//ES"
UID_DOMAIN = "registro-metropolitano.oaxaca"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line: breaks, tabs and other control characters become single spaces."""
    return " ".join(_CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " ")).split())


def multi_line(text: str) -> str:
    """``text`` with CRLF and lone CR as newlines and no other control character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", text)


def calendar_for(meetings: Iterable[Meeting], name: str, url_for_meeting=None) -> bytes:
    """An iCalendar document with an event per date of each meeting.

    ``url_for_meeting(meeting)`` gives the link to the meeting's page (the URL property).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))
    cal.add("x-wr-timezone", LOCAL_ZONE.key)
    timed_days: list[date] = []
    for meeting in meetings:
        for row in meeting.dates:
            cal.add_component(event_for(meeting, row.day, url_for_meeting))
            if meeting.start_time is not None:
                timed_days.append(row.day)
    if timed_days:
        cal.add_missing_timezones(
            first_date=min(timed_days) - timedelta(days=1),
            last_date=max(timed_days) + timedelta(days=1),
        )
    return cal.to_ical()


def event_for(meeting: Meeting, day: date, url_for_meeting=None) -> Event:
    """The VEVENT of one date of ``meeting``."""
    event = Event()
    event.add("uid", event_uid(meeting, day))
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
    event.add("sequence", max(meeting.version - 1, 0))
    event.add("summary", one_line(meeting.title))
    if meeting.start_time is not None:
        event.add("dtstart", datetime.combine(day, meeting.start_time, tzinfo=LOCAL_ZONE))
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    if meeting.place:
        event.add("location", one_line(meeting.place))
    event.add("description", multi_line(description(meeting)))
    event.add("categories", [one_line(str(meeting.kind.label))])
    # a cancelled meeting stays in the feed, cancelled, so that phones take it off the agenda
    event.add("status", "CANCELLED" if meeting.state == "cancelada" else "CONFIRMED")
    event.add("transp", "OPAQUE" if meeting.start_time else "TRANSPARENT")
    if url_for_meeting is not None:
        event.add("url", url_for_meeting(meeting))
    return event


def event_uid(meeting: Meeting, day: date) -> str:
    """Stable per meeting and date: the same event is updated, never duplicated."""
    return f"reunion-{meeting.id}-{day:%Y%m%d}@{UID_DOMAIN}"


def description(meeting: Meeting) -> str:
    """The meeting's description as written, then who took part and its folio."""
    parts = [meeting.description] if meeting.description else []
    footer = []
    if meeting.parties:
        names = ", ".join(party.name for party in meeting.parties)
        footer.append(_("Participantes: %(names)s", names=names))
    if len(meeting.dates) > 1:
        days = ", ".join(format_date(row.day, "dd/MM/y") for row in meeting.dates)
        footer.append(_("Fechas de este registro: %(days)s", days=days))
    footer.append(_("Folio: %(folio)s", folio=meeting.folio))
    parts.append("\n".join(footer))
    return "\n\n".join(parts)
