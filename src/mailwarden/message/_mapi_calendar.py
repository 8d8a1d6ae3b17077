"""An Outlook appointment or meeting item → a one-event iCalendar text.

Shared by the .msg, TNEF and PST readers, so the calendar rules see an Outlook item the same
way as an invitation that arrived as `text/calendar`.
"""

from __future__ import annotations

from dataclasses import dataclass

import icalendar

from ._mapi import Party, as_utc


@dataclass(frozen=True, slots=True)
class Appointment:
    """What an Outlook calendar item says, before it is written as iCalendar."""

    summary: str = ""
    start: object = None
    end: object = None
    location: str = ""
    organizer: Party | None = None
    attendees: tuple[tuple[Party, int], ...] = ()
    sensitivity: object = None
    description: str = ""
    uid: str = ""
    method: str = ""


_ROLES = {1: "REQ-PARTICIPANT", 2: "OPT-PARTICIPANT", 3: "NON-PARTICIPANT"}


def _cal_address(party: Party, role: str = "") -> icalendar.vCalAddress:
    smtp = party.address if "@" in party.address else ""
    value = icalendar.vCalAddress(f"mailto:{smtp}")
    if party.name:
        value.params["CN"] = party.name
    if role:
        value.params["ROLE"] = role
    return value


def appointment_ics(item: Appointment) -> bytes:
    """One VEVENT in a VCALENDAR, so the shared calendar reader turns it into a CalendarItem."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//mailwarden//Outlook item//EN")
    calendar.add("version", "2.0")
    if item.method:
        calendar.add("method", item.method)
    event = icalendar.Event()
    for name, value in (
        ("uid", item.uid),
        ("summary", item.summary),
        ("dtstart", as_utc(item.start)),
        ("dtend", as_utc(item.end)),
        ("location", item.location),
        ("description", item.description),
    ):
        if value:
            event.add(name, value)
    if item.organizer is not None:
        event.add("organizer", _cal_address(item.organizer))
    for party, kind in item.attendees:
        event.add("attendee", _cal_address(party, _ROLES.get(kind, "")))
    if item.sensitivity in (2, 3):
        event.add("class", "PRIVATE")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
