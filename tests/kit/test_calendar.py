"""Calendar files of a hiring day, parsed back with icalendar: the interviews at the times
and in the zone the schedule gave, text that stays text, and nothing for interviewers only
in a candidate's calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone

from interviewkit.bank.load import load_bank
from interviewkit.kit.calendar import candidate_calendar, interviewer_calendar
from interviewkit.plan.schedule import example_schedule, read_schedule

ROLE = "senior-python-engineer"
STAMP = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def day(tmp_path: Path, text: str | None = None) -> Any:
    bank = load_bank()
    path = tmp_path / "day.csv"
    path.write_text(text or example_schedule(bank, ROLE, date(2026, 12, 3)), encoding="utf-8")
    return bank, read_schedule(path, bank)


def events(ics: bytes) -> list[Any]:
    return [c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT"]


def test_an_interviewers_calendar_has_their_interviews_in_their_zone(tmp_path: Path) -> None:
    bank, schedule = day(tmp_path)
    mine = [i for i in schedule.interviews if "Interviewer A" in i.interviewers]
    found = events(interviewer_calendar("Interviewer A", mine, bank, STAMP))
    role = bank.role(ROLE)
    assert role is not None
    screen = role.stages[0]  # Interviewer A's, the first of the loop
    assert len(found) == 3  # the screen, with each of the three candidates
    berlin = ZoneInfo("Europe/Berlin")
    starts = sorted(e.decoded("dtstart") for e in found)
    assert starts == [datetime(2026, 12, 3, h, m, tzinfo=berlin)
                      for h, m in ((9, 0), (10, 15), (11, 30))]
    for event in found:
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(
            minutes=screen.minutes)
        assert str(event["summary"]).endswith(screen.name)
        assert str(event["dtstart"].params["TZID"]) == "Europe/Berlin"
        assert str(event["location"]).startswith("https://meet.example.com/")
    calendar = Calendar.from_ical(interviewer_calendar("Interviewer A", mine, bank, STAMP))
    assert [c["tzid"] for c in calendar.walk() if c.name == "VTIMEZONE"] == ["Europe/Berlin"]


def test_a_candidates_calendar_says_only_what_a_candidate_may_read(tmp_path: Path) -> None:
    bank, schedule = day(tmp_path)
    (name, interviews), *_ = schedule.candidates()
    ics = candidate_calendar(name, interviews, bank, STAMP, company="Example Startup")
    found = events(ics)
    role = bank.role(ROLE)
    assert role is not None
    assert [str(e["summary"]) for e in found] == [
        f"Interview with Example Startup: {s.name}" for s in role.stages]
    text = ics.decode()
    for question in bank.questions:
        for secret in (question.prompt, question.sample_answer, *question.look_for):
            assert " ".join(secret.split())[:40] not in text.replace("\r\n ", "")


def test_names_stay_text_and_ids_stay_put(tmp_path: Path) -> None:
    bank = load_bank()
    hostile = 'Eve\\nBEGIN:VEVENT; DTSTART:19700101T000000Z, "quoted"'
    text = example_schedule(bank, ROLE, date(2026, 12, 3), candidates=["Ada Lovelace"])
    text = text.replace("Ada Lovelace", "Eve Evil").replace("Interviewer A",
                                                            "Mallory Jr.")
    _, schedule = day(tmp_path, text)
    interviews = [i for i in schedule.interviews if "Mallory Jr." in i.interviewers]
    patched = [type(i)(**{**i.__dict__, "candidate": hostile}) for i in interviews]
    ics = interviewer_calendar("Mallory Jr.", patched, bank, STAMP)
    (event,) = events(ics)
    assert str(event["summary"]).startswith(f"Interview: {hostile} · ")
    assert ics.split(b"\r\n").count(b"BEGIN:VEVENT") == 1  # the name made no event
    again = interviewer_calendar("Mallory Jr.", patched, bank, STAMP + timedelta(days=1))
    assert str(events(again)[0]["uid"]) == str(event["uid"])


def test_the_candidate_is_the_attendee_of_their_calendar(tmp_path: Path) -> None:
    bank, schedule = day(tmp_path)
    (name, interviews), *_ = schedule.candidates()
    for event in events(candidate_calendar(name, interviews, bank, STAMP)):
        attendee = event["attendee"]
        assert str(attendee) == "mailto:ada.lovelace@example.com"
        assert attendee.params["cn"] == "Ada Lovelace"


def test_an_interview_across_a_change_of_clocks_lasts_its_minutes(tmp_path: Path) -> None:
    """Its end was worked out on the wall clock: 90 minutes from 01:30 on the night Berlin
    moves its clocks forward ended at 03:00, half an hour later."""
    bank, schedule = day(tmp_path)
    berlin = ZoneInfo("Europe/Berlin")
    night = replace(schedule.interviews[0], start=datetime(2026, 3, 29, 1, 30, tzinfo=berlin),
                    minutes=90)
    assert night.end == datetime(2026, 3, 29, 4, 0, tzinfo=berlin)
    (event,) = events(interviewer_calendar("Interviewer A", [night], bank, STAMP))
    start, end = (event.decoded(key).astimezone(UTC) for key in ("dtstart", "dtend"))
    assert end - start == timedelta(minutes=90)


def test_the_calendars_zone_describes_the_days_it_holds(tmp_path: Path) -> None:
    """A calendar that reads the VTIMEZONE instead of knowing the zone's name gets the
    interview's offset from it: the description stopped at 2038 (icalendar's default), so
    an interview in the summer of 2040 (the schedule takes years to 2999) was an hour off."""
    bank = load_bank()
    _, schedule = day(tmp_path, example_schedule(bank, ROLE, date(2040, 7, 3),
                                                 candidates=["Ada Lovelace"]))
    ics = interviewer_calendar("Interviewer A", list(schedule.interviews[:1]), bank, STAMP)
    # the zone under a name no library knows, so that only its description counts
    calendar = Calendar.from_ical(ics.replace(b"Europe/Berlin", b"X-Described-Berlin"))
    (zone,) = [c for c in calendar.walk() if isinstance(c, Timezone)]
    start = datetime(2040, 7, 3, 9, 0)
    assert zone.to_tz().utcoffset(start) == timedelta(hours=2)
