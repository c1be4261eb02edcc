"""A hiring day's schedule, as a recruiter exports it from a spreadsheet: one row per
candidate and stage (CSV, or the same as YAML), read and checked against the bank with every
problem located (`schedule.csv:ROW:COLUMN: message`) and reported at once.

The columns (the YAML keys are the same):

- `candidate`, `role`, `stage`: who, for which role's loop, in which of its stages;
- `date` (YYYY-MM-DD) and `start` (HH:MM, 24-hour), in `time_zone`;
- `interviewers`: one or more names, separated by `;`;
- `location`: a room, an address or a video link (optional);
- `email`: the candidate's address, for their calendar file (optional);
- `time_zone`: an IANA zone such as Europe/Berlin (optional; default UTC).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewkit.errors import InterviewkitError, Problem, display_path, suggest
from interviewkit.models import Bank, KitPlan, Role
from interviewkit.output import slugify
from interviewkit.plan.selection import DrawRules, plan_kit, unknown_values

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from interviewkit.bank.yamlsource import FieldPath, YamlDocument

COLUMNS = ("candidate", "role", "date", "start", "stage", "interviewers", "location", "email",
           "time_zone")
REQUIRED = ("candidate", "role", "date", "start", "stage", "interviewers")
MAX_SCHEDULE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_CELL_CHARS = 500
DEFAULT_ZONE = "UTC"
# A year typed short (0226) is a typo, and an interview on the last day there is cannot end:
# Python's dates stop at 9999-12-31.
FIRST_YEAR, LAST_YEAR = 2000, 2999
# An address as a calendar's attendee takes it: no space, quote, bracket, comma or semicolon
# (which would make it a name, a list or markup), one @, a dot in the domain.
_ADDRESS_CHARS = r"[^@\s\"<>()\[\],;:\\]+"
_EMAIL = re.compile(rf"^{_ADDRESS_CHARS}@{_ADDRESS_CHARS}\.{_ADDRESS_CHARS}$")


@dataclass(frozen=True)
class Interview:
    """One row: a candidate's interview in one stage."""

    candidate: str
    role: str
    stage: str
    start: datetime  # aware, in `time_zone`
    minutes: int  # the stage's length
    interviewers: tuple[str, ...]
    location: str = ""
    email: str = ""
    time_zone: str = DEFAULT_ZONE
    row: int = 0  # line of the CSV file, or of the entry in the YAML file

    @property
    def end(self) -> datetime:
        # in elapsed time: Python adds to an aware datetime on its wall clock, which across a
        # change of the clocks gives an interview an hour more or less than its minutes
        elapsed = self.start.astimezone(UTC) + timedelta(minutes=self.minutes)
        return elapsed.astimezone(self.start.tzinfo)


@dataclass(frozen=True)
class Schedule:
    source: str
    interviews: tuple[Interview, ...]  # in the file's order
    left_out: tuple[Interview, ...] = field(default=())  # rows of stages not asked for

    def candidates(self) -> list[tuple[str, tuple[Interview, ...]]]:
        """Each candidate with their interviews in time order, in order of first row."""
        order: dict[str, list[Interview]] = {}
        for interview in self.interviews:
            order.setdefault(interview.candidate, []).append(interview)
        return [(name, tuple(sorted(rows, key=lambda i: i.start)))
                for name, rows in order.items()]


@dataclass
class _Cells:
    """One row's cells and where each is, for messages."""

    values: dict[str, Any]
    row: int
    where: dict[str, tuple[int, int]]  # each cell's line and column, 1-based

    def at(self, column: str) -> tuple[int, int]:
        """Where a column's cell is, or the row's start when it has none."""
        return self.where.get(column, (self.row, 1))


def read_schedule(path: Path, bank: Bank, stages: Sequence[str] = ()) -> Schedule:
    """The schedule at `path` (.csv, or .yaml/.yml), checked against `bank`: known roles and
    stages, each candidate through every stage of their role (or of `stages`), dates, times,
    zones and e-mail addresses that parse, nobody in two places at once. Raises
    InterviewkitError with every problem located."""
    name = display_path(path)
    yaml = path.suffix.lower() in (".yaml", ".yml")
    return _check(name, _yaml_rows(path) if yaml else _csv_rows(path, name), bank, stages)


def _csv_rows(path: Path, name: str) -> list[_Cells]:
    from interviewkit.safefiles import RefusedFile, csv_text, read_inside

    try:
        text = csv_text(read_inside(path, path.parent, "its folder", MAX_SCHEDULE_BYTES))
    except RefusedFile as error:
        raise InterviewkitError([Problem(name, 0, 0, "", error.reason)]) from None
    first = text.split("\n", 1)[0]
    # a spreadsheet set to a comma-decimal locale exports with semicolons
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise InterviewkitError([Problem(name, 1, 1, "", f"not CSV: {error}")]) from None
    keys = [cell.strip().lower().replace(" ", "_") for cell in header]
    problems = _header_problems(name, keys, [(1, n + 1) for n in range(len(keys))])
    if problems:
        raise InterviewkitError(problems)
    rows: list[_Cells] = []
    end = reader.line_num
    try:
        for cells in reader:
            # a row is located at its first line: a quoted line break in a cell makes it span
            # several, and the reader counts to its last
            line, end = end + 1, reader.line_num
            if len(rows) >= MAX_ROWS:
                raise InterviewkitError([Problem(name, line, 1, "",
                                                 f"more than {MAX_ROWS:,} rows")])
            if not any(cell.strip() for cell in cells):
                continue  # a blank line between days
            if len(cells) > len(keys):
                raise InterviewkitError([Problem(name, line, len(keys) + 1, "",
                                                 f"{len(cells)} cells where the header has "
                                                 f"{len(keys)}: a cell with a comma needs "
                                                 "quotes")])
            rows.append(_Cells(dict(zip(keys, cells, strict=False)), line,
                               {key: (line, n + 1) for n, key in enumerate(keys)}))
    except csv.Error as error:
        raise InterviewkitError([Problem(name, reader.line_num, 1, "", f"not CSV: {error}")]
                                ) from None
    return rows


def _yaml_rows(path: Path) -> list[_Cells]:
    from interviewkit.bank.yamlsource import read_yaml

    doc = read_yaml(path, as_text=True)
    data = doc.data
    entries = data.get("interviews") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InterviewkitError([doc.problem((), "expected `interviews:` with a list of "
                                             "interviews (one per candidate and stage)")])
    if len(entries) > MAX_ROWS:
        raise InterviewkitError([doc.problem(("interviews",), f"more than {MAX_ROWS:,} "
                                             "interviews")])
    rows, problems = [], []
    for index, entry in enumerate(entries):
        loc = ("interviews", index)
        if not isinstance(entry, dict):
            problems.append(doc.problem(loc, "expected a mapping of candidate, role, stage, "
                                        "date, start, interviewers"))
            continue
        keys = [str(key) for key in entry]
        positions = [doc.position((*loc, key)) for key in entry]
        problems += _header_problems(doc.name, keys, positions)
        problems += _not_text(doc, loc, entry)
        # a list item left empty is null: no one, as an empty name between semicolons is
        values = {str(k): "; ".join(str(item) for item in v if item is not None)
                  if isinstance(v, list) else v for k, v in entry.items()}
        line = doc.position(loc)[0]
        # each key on its own line, as a block mapping is written: a cell's problem goes there
        rows.append(_Cells(values, line, {str(k): doc.position((*loc, k)) for k in entry}))
    if problems:
        raise InterviewkitError(problems)
    return rows


def _not_text(doc: YamlDocument, loc: FieldPath, entry: dict[Any, Any]) -> list[Problem]:
    """An entry's values are text (interviewers: text or a list of it); a mapping or a list
    elsewhere is a slip in the YAML, not a name to print."""
    def kind(value: Any) -> str:
        return "a mapping" if isinstance(value, dict) else "a list"

    problems = []
    for key, value in entry.items():
        if isinstance(value, dict) or (isinstance(value, list) and key != "interviewers"):
            problems.append(Problem(doc.name, *doc.position((*loc, key)), str(key),
                                    f"expected text, not {kind(value)}"))
        elif isinstance(value, list):
            problems += [Problem(doc.name, *doc.position((*loc, key, n)), str(key),
                                 f"expected a name or a list of names, not {kind(item)}")
                         for n, item in enumerate(value) if isinstance(item, dict | list)]
            # a list's names are joined with ';' as a CSV cell's are, and split again there
            problems += [Problem(doc.name, *doc.position((*loc, key, n)), str(key),
                                 f"'{item}' holds ';', which separates names: write each "
                                 "person as an item of their own")
                         for n, item in enumerate(value) if isinstance(item, str) and ";" in item]
    return problems


def _header_problems(name: str, keys: list[str], positions: list[tuple[int, int]]
                     ) -> list[Problem]:
    problems = []
    for key, (line, column) in zip(keys, positions, strict=True):
        if key not in COLUMNS:
            problems.append(Problem(name, line, column, key, f"unknown column"
                                    f"{suggest(key, COLUMNS)}; the columns are "
                                    f"{', '.join(COLUMNS)}"))
    seen = set()
    for key, (line, column) in zip(keys, positions, strict=True):
        if key in seen:
            problems.append(Problem(name, line, column, key, "column given twice"))
        seen.add(key)
    if positions and positions[0][0] == 1 and not any(p.field for p in problems):
        missing = [key for key in REQUIRED if key not in keys]
        if missing:
            problems.append(Problem(name, 1, 1, "", f"missing column"
                                    f"{'s' * (len(missing) != 1)}: {', '.join(missing)}"))
    return problems


def _check(name: str, rows: list[_Cells], bank: Bank, stages: Sequence[str]) -> Schedule:
    problems: list[Problem] = []

    def problem(cells: _Cells, column: str, message: str) -> None:
        line, col = cells.at(column)
        problems.append(Problem(name, line, col, column, message))

    zones = _Zones()
    interviews: list[Interview] = []
    for cells in rows:
        interview = _interview(cells, bank, zones, problem)
        if interview is not None:
            interviews.append(interview)
    interviews = _one_spelling(interviews)
    if not rows:
        problems.append(Problem(name, 1, 1, "", "no interviews: one row per candidate and "
                                "stage"))
    unknown = _unknown_stages(interviews, bank, stages)  # of the command, not the file
    wanted = set(stages)
    kept = [i for i in interviews if not wanted or i.stage in wanted]
    left_out = tuple(i for i in interviews if wanted and i.stage not in wanted)
    by_row = {cells.row: cells for cells in rows}
    problems += _zones_left_out(name, rows)
    problems += _candidate_problems(name, kept, bank, stages, by_row)
    problems += _overlaps(name, kept, by_row)
    problems += _name_clashes(name, kept, by_row)
    if problems or unknown:
        raise InterviewkitError([*sorted(set(problems)), *unknown])
    return Schedule(name, tuple(kept), left_out)


def _zones_left_out(name: str, rows: list[_Cells]) -> list[Problem]:
    """A row without a time zone in a schedule whose other rows give one would be read as
    UTC, hours away from what the recruiter meant: each is said, with the zone given first."""
    def zone(cells: _Cells) -> str:
        return " ".join(str(cells.values.get("time_zone") or "").split())

    first = next((cells for cells in rows if zone(cells)), None)
    if first is None:
        return []  # no zone anywhere: the whole day is in UTC, as documented
    return [Problem(name, *cells.at("time_zone"), "time_zone",
                    f"missing, while row {first.row} gives {zone(first)}: write the zone on "
                    f"every row ({DEFAULT_ZONE} too, if that is meant)")
            for cells in rows if not zone(cells)]


def _one_spelling(interviews: list[Interview]) -> list[Interview]:
    """Each person's name as first written, on every row: names that differ only in letter
    case or Unicode form (a decomposed ë) are one person, who has one stack, one calendar,
    one kit and is on a panel once."""
    spelling: dict[str, str] = {}

    def first(name: str) -> str:
        return spelling.setdefault(_person(name), name)

    return [replace(i, candidate=first(i.candidate),
                    interviewers=tuple(dict.fromkeys(first(n) for n in i.interviewers)))
            for i in interviews]


def _person(name: str) -> str:
    """Who a name is: its words in one letter case and Unicode form."""
    import unicodedata

    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def _unknown_stages(interviews: list[Interview], bank: Bank, stages: Sequence[str]
                    ) -> list[str]:
    """Each of `stages` (--stage) is a stage of a role the schedule has, or said: with none,
    no interview would be left to build."""
    if not interviews:
        return []  # every row has problems of its own
    roles = dict.fromkeys(i.role for i in interviews)
    valid = list(dict.fromkeys(stage.id for role_id in roles if (role := bank.role(role_id))
                               for stage in role.stages))
    return unknown_values("stage", stages, valid)


class _Zones:
    """The time zones a schedule names, each read once: a name of the zone database. Its
    folder holds more than zones, which ZoneInfo would read too: `localtime` (whatever zone
    this machine is set to) and the `right/` zones (whose leap seconds Python takes for
    offsets: right/Europe/Berlin has summer time in November)."""

    def __init__(self) -> None:
        from zoneinfo import available_timezones

        self.names = available_timezones() - {"localtime"}
        self.read: dict[str, ZoneInfo | str] = {}

    def __call__(self, name: str) -> ZoneInfo | str:
        """The zone called `name`, or why there is none."""
        from zoneinfo import ZoneInfo

        if name in self.read:  # a day repeats its zones
            return self.read[name]
        if name in self.names:
            self.read[name] = ZoneInfo(name)
        else:
            # a suggestion among 600 names takes a millisecond: a file of thousands of
            # made-up zones gets one for the first of them only
            close = suggest(name, self.names) if len(self.read) < 100 else ""
            self.read[name] = (f"unknown time zone '{name}'{close}: write an IANA name such "
                               "as Europe/Berlin or America/New_York")
        return self.read[name]


def _interview(cells: _Cells, bank: Bank, zones: _Zones, problem: Any) -> Interview | None:
    """One row as an interview, or None with its problems said."""
    values = {key: " ".join(str(cells.values.get(key) or "").split()) for key in COLUMNS}
    ok = True
    for key in COLUMNS:
        if len(values[key]) > MAX_CELL_CHARS:
            problem(cells, key, f"{len(values[key]):,} characters; the limit is "
                                f"{MAX_CELL_CHARS}")
            ok = False
    for key in REQUIRED:
        if not values[key]:
            problem(cells, key, "missing")
            ok = False
    role = bank.role(values["role"]) if values["role"] else None
    if values["role"] and role is None:
        problem(cells, "role", f"unknown role '{values['role']}'"
                f"{suggest(values['role'], [r.id for r in bank.roles])}; the roles are "
                f"{', '.join(r.id for r in bank.roles)}")
        ok = False
    stage = None
    if role is not None and values["stage"]:
        stage = role.stage(values["stage"])
        if stage is None:
            ids = [s.id for s in role.stages]
            problem(cells, "stage", f"'{values['stage']}' is not a stage of {role.id}"
                    f"{suggest(values['stage'], ids)}; its stages are {', '.join(ids)}")
            ok = False
    day = clock = None
    if values["date"]:
        try:
            day = date.fromisoformat(values["date"])
        except ValueError:
            problem(cells, "date", f"'{values['date']}' is not a date: write YYYY-MM-DD")
            ok = False
        else:
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                problem(cells, "date", f"'{values['date']}' is out of range: write a date in "
                        f"the years {FIRST_YEAR} to {LAST_YEAR}")
                ok = False
    if values["start"]:
        found = re.fullmatch(r"(\d{1,2}):(\d{2})", values["start"])
        if found and int(found[1]) < 24 and int(found[2]) < 60:
            clock = time(int(found[1]), int(found[2]))
        else:
            problem(cells, "start", f"'{values['start']}' is not a time: write HH:MM, 24-hour")
            ok = False
    zone_name = values["time_zone"] or DEFAULT_ZONE
    zone = zones(zone_name)
    if isinstance(zone, str):
        problem(cells, "time_zone", zone)
        ok = False
    if values["email"] and not _EMAIL.match(values["email"]):
        problem(cells, "email", f"'{values['email']}' is not an e-mail address")
        ok = False
    interviewers = tuple(dict.fromkeys(n.strip() for n in values["interviewers"].split(";")
                                       if n.strip()))
    if not ok or stage is None or day is None or clock is None or role is None \
            or isinstance(zone, str):
        return None
    start = datetime.combine(day, clock, tzinfo=zone)
    if (change := _clocks_change(start)) is not None:
        problem(cells, "start", f"{clock:%H:%M} {change[0]} on {day.isoformat()} in "
                f"{zone_name} (the clocks go {change[1]} then): choose another time")
        return None
    return Interview(
        candidate=values["candidate"], role=role.id, stage=stage.id,
        start=start, minutes=stage.minutes,
        interviewers=interviewers, location=values["location"], email=values["email"],
        time_zone=zone_name, row=cells.row)


def _clocks_change(start: datetime) -> tuple[str, str] | None:
    """Why a local time names no one instant (the clocks skip it or pass it twice, at a
    change of daylight saving time) and which way the clocks go, or None when it names one."""
    if start.astimezone(UTC).astimezone(start.tzinfo).replace(tzinfo=None) != \
            start.replace(tzinfo=None):
        return "does not exist", "forward"
    if start.utcoffset() != start.replace(fold=1).utcoffset():
        return "happens twice", "back"
    return None


def _candidate_problems(name: str, interviews: list[Interview], bank: Bank,
                        stages: Sequence[str], rows: dict[int, _Cells]) -> list[Problem]:
    """Each candidate has one role and exactly one row for each stage wanted."""
    problems = []
    first: dict[str, Interview] = {}
    seen: dict[tuple[str, str], Interview] = {}
    for interview in interviews:
        cells = rows[interview.row]
        earlier = first.setdefault(interview.candidate, interview)
        if earlier.role != interview.role:
            problems.append(Problem(name, *cells.at("role"), "role", f"{interview.candidate} "
                                    f"is for {earlier.role} on row {earlier.row}; one role "
                                    "per candidate"))
        if interview.email and earlier.email and interview.email != earlier.email:
            problems.append(Problem(name, *cells.at("email"), "email", f"{interview.candidate}"
                                    f" has {earlier.email} on row {earlier.row}; one address "
                                    "per candidate"))
        twice = seen.setdefault((interview.candidate, interview.stage), interview)
        if twice is not interview:
            problems.append(Problem(name, *cells.at("stage"), "stage", f"{interview.candidate}"
                                    f" already has stage {interview.stage} on row "
                                    f"{twice.row}"))
    # a row with problems of its own is there: it is not said again as a missing one
    written = {(_person(str(cells.values.get("candidate") or "")),
                " ".join(str(cells.values.get("stage") or "").split()))
               for cells in rows.values()}
    for candidate, interview in first.items():
        role: Role | None = bank.role(interview.role)
        if role is None:
            continue
        expected = [s.id for s in role.stages if not stages or s.id in stages]
        missing = [s for s in expected if (_person(candidate), s) not in written]
        if missing:
            problems.append(Problem(name, *rows[interview.row].at("candidate"), "candidate",
                                    f"{candidate} has no row for stage"
                                    f"{'s' * (len(missing) != 1)} {', '.join(missing)} of "
                                    f"{role.id} (or give --stage to build a subset)"))
    return problems


def _overlaps(name: str, interviews: list[Interview], rows: dict[int, _Cells]
              ) -> list[Problem]:
    """Nobody, candidate or interviewer, in two interviews at once, and no candidate on their
    own panel. Each row where someone is already busy is said once for them, naming an
    interview they are in then: each person's interviews are sorted once, so that a schedule
    of thousands of rows at one time gives one message a row, quickly, and not one for every
    pair."""
    booked: dict[str, list[tuple[Interview, str, str]]] = {}
    for interview in interviews:
        people = [("candidate", interview.candidate)] + [
            ("interviewers", person) for person in interview.interviewers
            if person != interview.candidate]  # said on its own: a slip, not a clash
        for column, person in people:
            booked.setdefault(person, []).append((interview, column, person))
    problems = [Problem(name, *rows[interview.row].at("interviewers"), "interviewers",
                        f"{interview.candidate} is the candidate of this interview, and on "
                        "its panel")
                for interview in interviews if interview.candidate in interview.interviewers]
    for times in booked.values():
        times.sort(key=lambda entry: (entry[0].start, entry[0].row))
        latest: Interview | None = None  # of those started so far, the one ending last
        for interview, column, person in times:
            if latest is not None and interview.start < latest.end:
                # its times in its own zone, named when the row said is in another one
                zone = f" {latest.time_zone}" if latest.time_zone != interview.time_zone \
                    else ""
                problems.append(Problem(
                    name, *rows[interview.row].at(column), column,
                    f"{person} is already in an interview at that time (row {latest.row}: "
                    f"{latest.candidate}, {latest.stage}, {_clock(latest)}{zone})"))
            if latest is None or interview.end > latest.end:
                latest = interview
    return problems


def _name_clashes(name: str, interviews: list[Interview], rows: dict[int, _Cells]
                  ) -> list[Problem]:
    """Different people whose names differ in letters or digits: a day names a candidate's
    kit folder, and an interviewer's stack and calendar, from the name (output.slugify)."""
    problems = []
    for column, what in (("candidate", "kit folder {}/"), ("interviewers",
                                                          "stack stack-{}.pdf")):
        first: dict[str, tuple[str, int]] = {}  # slug -> the first name with it, its row
        said: set[str] = set()
        for interview in interviews:
            people = (interview.candidate,) if column == "candidate" else interview.interviewers
            for person in people:
                other, row = first.setdefault(slugify(person), (person, interview.row))
                if other != person and person not in said:
                    said.add(person)
                    problems.append(Problem(
                        name, *rows[interview.row].at(column), column,
                        f"{person} and {other} (row {row}) would share the "
                        f"{what.format(slugify(person))}: write their names so that they "
                        "differ in letters or digits"))
    return problems


@dataclass(frozen=True)
class DayPlan:
    """A hiring day's kits, drawn in the order of the day."""

    kits: tuple[tuple[KitPlan, tuple[Interview, ...]], ...]  # each with its interviews
    repeats: dict[str, int]  # questions asked more than once: id -> times
    # How often two candidates were asked the same question (and could compare notes on
    # it), and how often drawing each kit on its own gives that. Rotation shows here, not in
    # the count of repeats: a family of two asked of six candidates has both its questions
    # asked more than once however evenly they take turns.
    shared: int
    independent_shared: int
    questions: int  # different questions asked across the day
    asks: int  # questions asked, counting each kit's


def plan_day(bank: Bank, schedule: Schedule, seed: int | None = None,
             history: Mapping[str, Mapping[str, int]] | None = None,
             stages: Sequence[str] = ()) -> DayPlan:
    """Each candidate's kit, drawn in the order of the day (by their first interview), each
    with the use of the role's questions by the kits drawn before it (and by `history`:
    role -> question -> times asked in earlier kits), least used first, so that the day
    spreads its questions across the pool. The same schedule, seed and history give the
    same day."""
    used = {role: dict(counts) for role, counts in (history or {}).items()}
    order = sorted(schedule.candidates(), key=lambda item: (min(i.start for i in item[1]),
                                                           min(i.row for i in item[1])))
    kits = []
    for candidate, interviews in order:
        role = interviews[0].role
        counts = used.setdefault(role, {})
        plan = plan_kit(bank, role, candidate, seed, _own(bank, role, stages),
                        DrawRules(usage=dict(counts)))
        _times([plan], counts)
        kits.append((plan, interviews))
    alone = _times(plan_kit(bank, interviews[0].role, candidate, seed,
                            _own(bank, interviews[0].role, stages))
                   for candidate, interviews in order)
    times = _times(plan for plan, _ in kits)
    return DayPlan(tuple(kits), {qid: n for qid, n in sorted(times.items()) if n > 1},
                   _pairs(times), _pairs(alone), len(times), sum(times.values()))


def _own(bank: Bank, role_id: str, stages: Sequence[str]) -> list[str]:
    """Of the stages asked for (--stage), those of the role: a day of several roles may ask
    for a stage that only one of them has."""
    role = bank.role(role_id)
    return [s for s in stages if role is not None and role.stage(s) is not None]


def _times(plans: Iterable[KitPlan], times: dict[str, int] | None = None) -> dict[str, int]:
    """How many of `plans` ask each question (added to `times` when given)."""
    times = {} if times is None else times
    for plan in plans:
        for stage in plan.stages:
            for question in stage.questions:
                times[question.id] = times.get(question.id, 0) + 1
    return times


def _pairs(times: Mapping[str, int]) -> int:
    """Pairs of kits that ask the same question, counted once for each question they share."""
    return sum(n * (n - 1) // 2 for n in times.values())


def _clock(interview: Interview) -> str:
    return f"{interview.start:%H:%M}-{interview.end:%H:%M}"


def example_schedule(bank: Bank, role_id: str, day: date, candidates: Iterable[str] = (
        "Ada Lovelace", "Grace Hopper", "Alan Turing"), zone: str = "Europe/Berlin") -> str:
    """A schedule that works as written: the candidates through every stage of the role on
    one day, rotating so that each stage's interviewer sees one candidate at a time."""
    role = bank.role(role_id)
    if role is None:
        raise InterviewkitError(unknown_values("role", [role_id], [r.id for r in bank.roles]))
    slot = max(s.minutes for s in role.stages) + 15  # a break between interviews
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    names = list(candidates)
    for c_index, candidate in enumerate(names):
        email = re.sub(r"[^a-z]+", ".", candidate.lower()).strip(".") + "@example.com"
        for s_index, stage in enumerate(role.stages):
            at = datetime.combine(day, time(9, 0)) + timedelta(minutes=slot * (c_index
                                                                               + s_index))
            panel = f"Interviewer {chr(ord('A') + s_index)}"
            writer.writerow([candidate, role.id, day.isoformat(), f"{at:%H:%M}", stage.id,
                             panel, f"https://meet.example.com/{role.id}-{stage.id}", email,
                             zone])
    return out.getvalue()
