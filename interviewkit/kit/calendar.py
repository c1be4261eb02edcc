"""Calendar files (.ics, RFC 5545) of a hiring day: one per interviewer with their
interviews, one per candidate with theirs. Written with `icalendar`, which escapes text,
folds lines and describes each time zone (VTIMEZONE) from the zone database, so that any
calendar shows the times the schedule gave. A candidate's calendar holds only what a
candidate may read: the stage's name and description, its length, where, and with whom."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from interviewkit.escape import UNSAFE
from interviewkit.kit.views import name_list
from interviewkit.models import Bank, Stage
from interviewkit.plan.schedule import Interview

PRODUCT = "-//interviewkit//hiring day//EN"


def interviewer_calendar(interviewer: str, interviews: Sequence[Interview], bank: Bank,
                         stamp: datetime) -> bytes:
    """The calendar of one interviewer: each of their interviews, with the candidate, the
    stage, the place and the rest of the panel."""
    events = []
    for interview in interviews:
        others = [name for name in interview.interviewers if name != interviewer]
        stage = _stage_name(bank, interview)
        lines = [f"{interview.candidate}, {stage} ({interview.minutes} minutes) for "
                 f"{_role_title(bank, interview)}."]
        if others:
            lines.append(f"With {name_list(others)}.")
        lines.append("Score on your own, before the debrief.")
        events.append(_event(interview, f"Interview: {interview.candidate} · {stage}",
                             "\n".join(lines), f"{interviewer}", stamp))
    return _calendar(f"Interviews: {interviewer}", events, interviews)


def candidate_calendar(candidate: str, interviews: Sequence[Interview], bank: Bank,
                       stamp: datetime, company: str = "") -> bytes:
    """The calendar of one candidate: each interview's name, what it explores (the text
    the candidate packet shows), its length, the place and the interviewers."""
    events = []
    for interview in interviews:
        stage = _stage(bank, interview)
        lines = [" ".join(stage.description.split())] if stage else []
        lines.append(f"{interview.minutes} minutes with {name_list(interview.interviewers)}.")
        where = f" with {company}" if company else ""
        event = _event(interview, f"Interview{where}: {_stage_name(bank, interview)}",
                       "\n".join(lines), candidate, stamp)
        if interview.email:  # the candidate, as the calendar's attendee
            from icalendar import vCalAddress

            attendee = vCalAddress(f"mailto:{interview.email}")
            attendee.params["cn"] = _text(candidate)
            attendee.params["role"] = "REQ-PARTICIPANT"
            event.add("attendee", attendee)
        events.append(event)
    return _calendar(f"Interviews: {candidate}", events, interviews)


def _event(interview: Interview, summary: str, description: str, owner: str,
           stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    # the same interview keeps its id in every rebuild, so a calendar updates it in place
    key = "\0".join((owner, interview.candidate, interview.role, interview.stage))
    event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:32] + "@interviewkit")
    event.add("dtstamp", stamp)
    event.add("dtstart", interview.start)
    event.add("dtend", interview.end)
    event.add("summary", _text(summary))
    event.add("description", _text(description))
    if interview.location:
        event.add("location", _text(interview.location))
    return event


def _text(value: str) -> str:
    """Text from the schedule, as a calendar may hold it: RFC 5545 allows no control
    characters (icalendar escapes commas and newlines, not these), and a bidirectional
    override would reorder the summary a calendar shows; the pages drop the same ones."""
    return UNSAFE.sub("", value)


def _calendar(name: str, events: Sequence[Any], interviews: Sequence[Interview]) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _text(name))
    for event in events:
        calendar.add_component(event)
    # each zone described for the years of the interviews: icalendar's default, 1970 to
    # 2038, misdates a later day for a calendar that reads the description (the schedule
    # takes years to 2999), and a zone's history since 1970 is most of the file
    years = [moment.year for i in interviews for moment in (i.start, i.end)] or [1970, 2037]
    calendar.add_missing_timezones(first_date=date(min(years), 1, 1),
                                   last_date=date(max(years) + 1, 1, 1))
    data: bytes = calendar.to_ical()
    return data


def _stage(bank: Bank, interview: Interview) -> Stage | None:
    role = bank.role(interview.role)
    return role.stage(interview.stage) if role else None


def _stage_name(bank: Bank, interview: Interview) -> str:
    stage = _stage(bank, interview)
    return stage.name if stage else interview.stage


def _role_title(bank: Bank, interview: Interview) -> str:
    role = bank.role(interview.role)
    return role.title if role else interview.role
