"""A hiring day's schedule read from the CSV (or YAML) a recruiter exports: every problem
located as FILE:ROW:COLUMN, all at once; the example it prints reads back as written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interviewkit.bank.load import load_bank
from interviewkit.errors import InterviewkitError
from interviewkit.models import Bank
from interviewkit.plan.schedule import COLUMNS, example_schedule, read_schedule

ROLE = "senior-python-engineer"
DAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def role_stages(bank: Bank) -> list[str]:
    role = bank.role(ROLE)
    assert role is not None
    return [s.id for s in role.stages]


def write(tmp_path: Path, text: str, name: str = "schedule.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, bank: Bank, stages: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(InterviewkitError) as raised:
        read_schedule(path, bank, stages)
    return raised.value.lines


def test_the_example_reads_back_as_a_fair_day(tmp_path: Path, bank: Bank) -> None:
    path = write(tmp_path, example_schedule(bank, ROLE, DAY))
    schedule = read_schedule(path, bank)
    stages = role_stages(bank)
    assert [name for name, _ in schedule.candidates()] == ["Ada Lovelace", "Grace Hopper",
                                                          "Alan Turing"]
    for _, interviews in schedule.candidates():
        assert sorted(i.stage for i in interviews) == sorted(stages)
        assert all(i.start.tzinfo == ZoneInfo("Europe/Berlin") for i in interviews)
    first = schedule.candidates()[0][1][0]
    assert (first.start, first.minutes, first.interviewers) == (
        datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")), 30, ("Interviewer A",))
    assert first.email == "ada.lovelace@example.com"


def test_every_bad_cell_is_located_and_all_are_said_at_once(tmp_path: Path, bank: Bank) -> None:
    rows = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"]).splitlines()
    header, good = rows[0], rows[1:]
    bad = [
        good[0].replace("2026-12-03", "03/12/2026"),
        good[1].replace("10:15", "10h15"),
        good[2].replace(",debugging,", ",debuging,"),
        good[3].replace("Europe/Berlin", "Europe/Berlinn").replace("ada.lovelace@example.com",
                                                                   "ada at example"),
    ]
    path = write(tmp_path, "\n".join([header, *bad]) + "\n")
    found = problems(path, bank)
    assert f"{path}:2:3: date: '03/12/2026' is not a date: write YYYY-MM-DD" in found
    assert f"{path}:3:4: start: '10h15' is not a time: write HH:MM, 24-hour" in found
    assert (f"{path}:4:5: stage: 'debuging' is not a stage of {ROLE} (did you mean "
            "'debugging'?); its stages are screen, system-design, debugging, "
            "production-engineering, leadership, values") in found
    assert (f"{path}:5:9: time_zone: unknown time zone 'Europe/Berlinn' (did you mean "
            "'Europe/Berlin'?): write an IANA name such as Europe/Berlin or America/New_York"
            ) in found
    assert f"{path}:5:8: email: 'ada at example' is not an e-mail address" in found
    assert len(found) == 5


def test_unknown_and_missing_columns(tmp_path: Path, bank: Bank) -> None:
    path = write(tmp_path, "candidate,role,date,start,stage,intervewers,room\n")
    assert problems(path, bank) == [
        f"{path}:1:6: intervewers: unknown column (did you mean 'interviewers'?); the columns "
        f"are {', '.join(COLUMNS)}",
        f"{path}:1:7: room: unknown column; the columns are {', '.join(COLUMNS)}",
    ]
    path = write(tmp_path, "candidate,role,date,start\n")
    assert problems(path, bank) == [f"{path}:1:1: missing columns: stage, interviewers"]


def test_nobody_is_in_two_places_at_once(tmp_path: Path, bank: Bank) -> None:
    text = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace", "Grace Hopper"])
    # Grace's screen moved onto Ada's, with the same interviewer
    lines = text.splitlines()
    lines[7] = lines[7].replace("10:15", "09:15")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert problems(path, bank) == [
        f"{path}:8:6: interviewers: Interviewer A is already in an interview at that time "
        "(row 2: Ada Lovelace, screen, 09:00-09:30)"]


def test_a_stage_twice_a_second_role_and_a_subset(tmp_path: Path, bank: Bank) -> None:
    lines = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"]).splitlines()
    twice = lines + [lines[1].replace("09:00", "17:00")]
    path = write(tmp_path, "\n".join(twice) + "\n")
    assert problems(path, bank) == [
        f"{path}:8:5: stage: Ada Lovelace already has stage screen on row 2"]
    subset = read_schedule(write(tmp_path, "\n".join(lines[:2]) + "\n"), bank, ("screen",))
    assert [i.stage for i in subset.interviews] == ["screen"]
    kept = read_schedule(write(tmp_path, "\n".join(lines) + "\n"), bank, ("values",))
    assert [i.stage for i in kept.interviews] == ["values"] and len(kept.left_out) == 5


def test_spreadsheet_exports_read(tmp_path: Path, bank: Bank) -> None:
    """Excel's CSV UTF-8 (a byte order mark), semicolons from a comma-decimal locale, headers
    in other case, and interviewers separated by semicolons inside quotes."""
    text = example_schedule(bank, ROLE, DAY, candidates=["Zoë Ünal"]).replace(
        "Interviewer A", "Ann Lee; Bob Ray")
    semicolons = "\n".join(line.replace(",", ";").replace("Ann Lee; Bob Ray",
                                                          '"Ann Lee; Bob Ray"')
                           for line in text.splitlines())
    semicolons = semicolons.replace("candidate;role", "Candidate;Role", 1)
    path = tmp_path / "day.csv"
    path.write_bytes(b"\xef\xbb\xbf" + semicolons.encode())
    schedule = read_schedule(path, bank)
    (name, interviews), = schedule.candidates()
    assert name == "Zoë Ünal"
    assert interviews[0].interviewers == ("Ann Lee", "Bob Ray")


def test_the_same_schedule_as_yaml(tmp_path: Path, bank: Bank) -> None:
    stages = role_stages(bank)
    entries = "".join(
        f"  - candidate: Ada Lovelace\n    role: {ROLE}\n    date: 2026-12-03\n"
        f"    start: {9 + 2 * n:02}:00\n    stage: {stage}\n"
        f"    interviewers: [Ann Lee, Bob Ray]\n" for n, stage in enumerate(stages))
    path = write(tmp_path, "interviews:\n" + entries, "day.yaml")
    schedule = read_schedule(path, bank)
    assert [i.stage for i in schedule.interviews] == stages
    assert schedule.interviews[0].interviewers == ("Ann Lee", "Bob Ray")
    bad = write(tmp_path, "interviews:\n" + entries.replace("    date: 2026-12-03\n",
                                                            "    dates: 2026-12-03\n", 1),
                "bad.yaml")
    found = problems(bad, bank)
    assert f"{bad}:4:5: dates: unknown column (did you mean 'date'?); the columns are " \
           f"{', '.join(COLUMNS)}" in found


def test_a_double_booked_day_is_said_once_a_row(tmp_path: Path, bank: Bank) -> None:
    """Every row where someone is already busy is said, once, naming an interview they are
    in then; a careless schedule of n rows at one time gives n - 1 messages, not n² / 2."""
    header = "candidate,role,date,start,stage,interviewers\n"
    rows = "".join(f"Candidate {n},{ROLE},2026-12-03,09:00,system-design,Ann Lee\n"
                   for n in range(300))
    found = problems(write(tmp_path, header + rows), bank, ("system-design",))
    assert len(found) == 299
    assert len({line.split(": interviewers:")[0] for line in found}) == 299  # one a row
    # a chain: the second overlaps the first, the third only the second
    chain = "".join(f"{name},{ROLE},2026-12-03,{start},system-design,Ann Lee\n"
                    for name, start in (("Ada", "09:00"), ("Bea", "09:30"), ("Cy", "10:15")))
    path = write(tmp_path, header + chain)
    assert problems(path, bank, ("system-design",)) == [
        f"{path}:3:6: interviewers: Ann Lee is already in an interview at that time (row 2: "
        "Ada, system-design, 09:00-10:00)",
        f"{path}:4:6: interviewers: Ann Lee is already in an interview at that time (row 3: "
        "Bea, system-design, 09:30-10:30)"]


def test_a_year_out_of_range_is_said_not_a_traceback(tmp_path: Path, bank: Bank) -> None:
    """The last day there is (an interview ending after year 9999 cannot be worked out) and
    a year typed short are both located problems."""
    lines = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"]).splitlines()
    lines[1] = lines[1].replace("2026-12-03,09:00", "9999-12-31,23:30")
    lines[2] = lines[2].replace("2026-12-03", "0226-12-03")
    path = write(tmp_path, "\n".join(lines) + "\n")
    found = problems(path, bank)
    assert f"{path}:2:3: date: '9999-12-31' is out of range: write a date in the years " \
           "2000 to 2999" in found
    assert f"{path}:3:3: date: '0226-12-03' is out of range: write a date in the years " \
           "2000 to 2999" in found


def test_one_person_has_one_spelling(tmp_path: Path, bank: Bank) -> None:
    """Names that differ in letter case or Unicode form only are one person, as the check
    for double bookings already took them: written everywhere as first given. A panel
    member spelled otherwise on a later row was listed as her own fellow panellist (the
    stack's cover and her calendar: "With interviewer d, Eve Ng")."""
    text = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace", "Zoë Ünal"])
    lines = text.replace(",Interviewer D,", ",Interviewer D; Eve Ng,").splitlines()
    lines[8] = lines[8].replace("Zoë Ünal", "ZOË ÜNAL")
    lines[10] = lines[10].replace("Interviewer D; Eve Ng", "interviewer d; EVE NG; Eve Ng")
    lines[2] = lines[2].replace("Ada Lovelace", "ada lovelace")
    lines[9] = lines[9].replace("Zoë", "Zoe\u0308")  # the same letters, decomposed
    schedule = read_schedule(write(tmp_path, "\n".join(lines) + "\n"), bank)
    assert [name for name, _ in schedule.candidates()] == ["Ada Lovelace", "Zoë Ünal"]
    assert {i.interviewers for i in schedule.interviews
            if i.stage == "production-engineering"} == {("Interviewer D", "Eve Ng")}


def test_names_that_would_share_a_folder_or_a_stack_are_located(tmp_path: Path, bank: Bank
                                                                ) -> None:
    """Two people whose names differ only in punctuation would share a kit folder (or a
    stack and a calendar): said with row and column, with the schedule's other problems (it
    was said after the schedule was read, without a column, or for interviewers without
    file or row)."""
    text = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace", "Ada-Lovelace"])
    lines = text.splitlines()
    lines[8] = lines[8].replace("Interviewer B", "Interviewer-B")
    lines[12] = lines[12].replace("2026-12-03", "2026-12-32")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert problems(path, bank) == [
        f"{path}:8:1: candidate: Ada-Lovelace and Ada Lovelace (row 2) would share the kit "
        "folder ada-lovelace/: write their names so that they differ in letters or digits",
        f"{path}:9:6: interviewers: Interviewer-B and Interviewer B (row 3) would share the "
        "stack stack-interviewer-b.pdf: write their names so that they differ in letters or "
        "digits",
        f"{path}:13:3: date: '2026-12-32' is not a date: write YYYY-MM-DD"]


def test_a_yaml_cell_that_is_not_text_is_said(tmp_path: Path, bank: Bank) -> None:
    """A mapping where a name belongs (a YAML slip: `candidate: {Ada: Lovelace}`, or a
    `- name: Ann` list of mappings) was taken as its Python text, "{'Ada': 'Lovelace'}", a
    candidate or interviewer of that name."""
    stages = role_stages(bank)
    entries = "".join(
        f"  - candidate: {{Ada: Lovelace}}\n    role: {ROLE}\n    date: 2026-12-03\n"
        f"    start: {9 + 2 * n:02}:00\n    stage: {stage}\n"
        f"    interviewers: [Ann Lee, {{name: Bob Ray}}]\n" for n, stage in enumerate(stages))
    path = write(tmp_path, "interviews:\n" + entries.replace(
        "[Ann Lee, {name: Bob Ray}]", "[Ann Lee, Bob Ray]\n    location: [Room 1, Room 2]", 1),
        "day.yaml")
    found = problems(path, bank)
    assert f"{path}:2:5: candidate: expected text, not a mapping" in found
    assert f"{path}:8:5: location: expected text, not a list" in found
    assert f"{path}:14:29: interviewers: expected a name or a list of names, not a mapping" \
        in found
    assert not [line for line in found if "{" in line]


def test_a_clash_across_zones_gives_the_other_rows_zone(tmp_path: Path, bank: Bank) -> None:
    """09:30 in New York is 14:30 in Berlin (in March, between the two changes of clocks):
    the message names the Berlin interview's times in its zone, or it reads as no clash.
    (Within one zone it says none: test_nobody_is_in_two_places_at_once.)"""
    path = write(tmp_path, "candidate,role,date,start,stage,interviewers,time_zone\n"
                 f"Ada,{ROLE},2026-03-10,14:00,system-design,Ann,Europe/Berlin\n"
                 f"Bea,{ROLE},2026-03-10,09:30,system-design,Ann,America/New_York\n")
    assert problems(path, bank, ("system-design",)) == [
        f"{path}:3:6: interviewers: Ann is already in an interview at that time (row 2: Ada, "
        "system-design, 14:00-15:00 Europe/Berlin)"]


def test_a_row_without_the_zone_the_others_give_is_said(tmp_path: Path, bank: Bank) -> None:
    lines = example_schedule(bank, ROLE, DAY).splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ","  # the fourth row's zone left empty
    found = problems(write(tmp_path, "\n".join(lines) + "\n"), bank)
    assert f"{tmp_path / 'schedule.csv'}:4:9: time_zone: missing, while row 2 gives " \
        "Europe/Berlin: write the zone on every row (UTC too, if that is meant)" in found
    # no zone anywhere (no time_zone column): the day is in UTC, as documented
    without = "\n".join(line.rsplit(",", 1)[0] for line in example_schedule(
        bank, ROLE, DAY).splitlines()) + "\n"
    schedule = read_schedule(write(tmp_path, without), bank)
    assert {i.time_zone for i in schedule.interviews} == {"UTC"}


def test_one_address_per_candidate(tmp_path: Path, bank: Bank) -> None:
    lines = example_schedule(bank, ROLE, DAY).splitlines()
    lines[2] = lines[2].replace("ada.lovelace@example.com", "ada@example.org")
    found = problems(write(tmp_path, "\n".join(lines) + "\n"), bank)
    assert found == [f"{tmp_path / 'schedule.csv'}:3:8: email: Ada Lovelace has "
                     "ada.lovelace@example.com on row 2; one address per candidate"]


def test_a_time_the_clocks_skip_or_repeat_is_said(tmp_path: Path, bank: Bank) -> None:
    """02:30 does not exist in Berlin on 29 March 2026 and happens twice on 25 October: either
    was read as some instant (the calendars gave the 60-minute stage 0 and 120 minutes)."""
    header = "candidate,role,date,start,stage,interviewers,time_zone\n"
    path = write(tmp_path, header
                 + f"Ada,{ROLE},2026-03-29,02:30,system-design,Ann,Europe/Berlin\n"
                 + f"Bea,{ROLE},2026-10-25,02:30,system-design,Ann,Europe/Berlin\n"
                 + f"Cy,{ROLE},2026-10-25,01:30,system-design,Bob,Europe/Berlin\n")
    assert problems(path, bank, ("system-design",)) == [
        f"{path}:2:4: start: 02:30 does not exist on 2026-03-29 in Europe/Berlin (the clocks "
        "go forward then): choose another time",
        f"{path}:3:4: start: 02:30 happens twice on 2026-10-25 in Europe/Berlin (the clocks "
        "go back then): choose another time"]


def test_a_zone_is_a_name_of_the_zone_database(tmp_path: Path, bank: Bank) -> None:
    """The zone files' folder holds more than zones: `right/Europe/Berlin` (Python reads its
    leap seconds as an hour of summer time in November) and `localtime` (whatever zone this
    machine is set to) were taken as zones. A name in the wrong case gets its right spelling."""
    header = "candidate,role,date,start,stage,interviewers,time_zone\n"
    path = write(tmp_path, header + "".join(
        f"{who},{ROLE},2026-11-27,{start},system-design,{who} Lee,{zone}\n"
        for who, start, zone in (("Ada", "09:00", "right/Europe/Berlin"),
                                 ("Bea", "10:00", "localtime"),
                                 ("Cy", "11:00", "europe/berlin"))))
    suggestion = "write an IANA name such as Europe/Berlin or America/New_York"
    assert problems(path, bank, ("system-design",)) == [
        f"{path}:2:7: time_zone: unknown time zone 'right/Europe/Berlin' (did you mean "
        f"'Europe/Berlin'?): {suggestion}",
        f"{path}:3:7: time_zone: unknown time zone 'localtime': {suggestion}",
        f"{path}:4:7: time_zone: unknown time zone 'europe/berlin' (did you mean "
        f"'Europe/Berlin'?): {suggestion}"]


def test_a_row_with_a_problem_is_not_also_a_missing_row(tmp_path: Path, bank: Bank) -> None:
    """A candidate's row with a bad cell was also said to be missing ("Ada Lovelace has no
    row for stage debugging"), pointing the recruiter at a row that is there."""
    lines = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"]).splitlines()
    lines[3] = lines[3].replace("2026-12-03", "2026-13-03")  # debugging, a month 13
    lines[6] = lines[6].replace("Interviewer F", "x" * 600)  # values, a name too long
    path = write(tmp_path, "\n".join(lines[:5] + lines[6:]) + "\n")  # leadership left out
    assert problems(path, bank) == [
        f"{path}:2:1: candidate: Ada Lovelace has no row for stage leadership of {ROLE} (or "
        "give --stage to build a subset)",
        f"{path}:4:3: date: '2026-13-03' is not a date: write YYYY-MM-DD",
        f"{path}:6:6: interviewers: 600 characters; the limit is 500"]


def test_a_row_over_several_lines_is_located_at_its_first(tmp_path: Path, bank: Bank) -> None:
    """A spreadsheet cell with a line break is exported as a quoted cell over several lines;
    the csv reader counts lines to the end of the row, so the row's problems were put on its
    last line, where its first cells are not."""
    lines = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"]).splitlines()
    lines[1] = lines[1].replace("2026-12-03", "2026-12-33").replace(
        "https://meet.example.com/senior-python-engineer-screen", '"Room 1\nsecond floor"')
    lines[2] = lines[2].replace("10:15", "10h15")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert problems(path, bank) == [
        f"{path}:2:3: date: '2026-12-33' is not a date: write YYYY-MM-DD",
        f"{path}:4:4: start: '10h15' is not a time: write HH:MM, 24-hour"]


def test_a_yaml_cells_problem_is_on_its_own_line(tmp_path: Path, bank: Bank) -> None:
    """An entry written as a block mapping has each cell on a line of its own: a bad date or
    zone was put on the entry's first line, with the cell's column."""
    path = write(tmp_path, f"interviews:\n  - candidate: Ada Lovelace\n    role: {ROLE}\n"
                 "    date: 2026-13-27\n    start: '09:00'\n    stage: screen\n"
                 "    interviewers: [Ann Lee]\n    time_zone: Europe/Berlinn\n", "day.yaml")
    assert problems(path, bank, ("screen",)) == [
        f"{path}:4:5: date: '2026-13-27' is not a date: write YYYY-MM-DD",
        f"{path}:8:5: time_zone: unknown time zone 'Europe/Berlinn' (did you mean "
        "'Europe/Berlin'?): write an IANA name such as Europe/Berlin or America/New_York"]


def test_an_empty_item_of_a_yaml_list_of_interviewers_is_no_one(tmp_path: Path, bank: Bank
                                                                ) -> None:
    """A YAML list item left empty (`- ` or `~`) is null, which was taken as its Python text:
    an interviewer called None, with a stack and a calendar of their own. It is skipped, as
    an empty name between two semicolons of a CSV cell is."""
    stages = role_stages(bank)
    entries = "".join(
        f"  - candidate: Ada Lovelace\n    role: {ROLE}\n    date: 2026-12-03\n"
        f"    start: {9 + 2 * n:02}:00\n    stage: {stage}\n"
        f"    interviewers:\n      - Ann Lee\n      -\n      - ~\n"
        for n, stage in enumerate(stages))
    schedule = read_schedule(write(tmp_path, "interviews:\n" + entries, "day.yaml"), bank)
    assert {i.interviewers for i in schedule.interviews} == {("Ann Lee",)}
    alone = entries.replace("      - Ann Lee\n", "", 1)
    found = problems(write(tmp_path, "interviews:\n" + alone, "alone.yaml"), bank)
    assert found == [f"{tmp_path / 'alone.yaml'}:7:5: interviewers: missing"]


def test_a_candidate_on_their_own_panel_is_said_as_such(tmp_path: Path, bank: Bank) -> None:
    """The candidate's name among the interviewers (columns swapped, a paste one cell off) was
    said as a double booking with the row itself: "Ada Lovelace is already in an interview
    at that time (row 2: Ada Lovelace, screen, ...)"."""
    lines = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"]).splitlines()
    lines[1] = lines[1].replace("Interviewer A", "Interviewer A; ada lovelace")
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert problems(path, bank) == [
        f"{path}:2:6: interviewers: Ada Lovelace is the candidate of this interview, and on "
        "its panel"]


def test_a_schedule_not_in_utf8_says_how_to_save_it(tmp_path: Path, bank: Bank) -> None:
    """Excel's "Unicode text" is UTF-16, an older "CSV" export is the machine's code page:
    each is said, with the export that works, as the question import says it."""
    text = example_schedule(bank, ROLE, DAY, candidates=["Zoë Ünal"])
    advice = "save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8 (Comma delimited))"
    wide = tmp_path / "wide.csv"
    wide.write_bytes(text.encode("utf-16"))
    assert problems(wide, bank) == [f"{wide}: is UTF-16 text; {advice}"]
    latin = tmp_path / "latin.csv"
    latin.write_bytes(text.encode("latin-1"))
    assert problems(latin, bank) == [
        f"{latin}: not UTF-8 text (the byte 0xEB on line 2); {advice}"]


def test_an_email_with_what_no_address_has_is_refused(tmp_path: Path, bank: Bank) -> None:
    """The candidate's address goes into their calendar file as its attendee: quotes, angle
    brackets and the like are no part of one."""
    text = example_schedule(bank, ROLE, DAY, candidates=["Ada Lovelace"])
    for address in ('a"><script>@x.io', "ada@example.com,eve@example.com", "<ada@x.io>",
                    "ada;x@example.com"):
        quoted = '"' + address.replace('"', '""') + '"'
        path = write(tmp_path, text.replace("ada.lovelace@example.com", quoted))
        assert f"{path}:2:8: email: '{address}' is not an e-mail address" in problems(
            path, bank), address
    path = write(tmp_path, text.replace("ada.lovelace@example.com", "ada+day.o'neil@x.io"))
    assert read_schedule(path, bank).interviews[0].email == "ada+day.o'neil@x.io"


def test_a_yaml_list_item_with_a_semicolon_is_said(tmp_path: Path, bank: Bank) -> None:
    """A YAML list gives each person as an item; the names are joined with ';' as a CSV
    cell's are, so an item holding one would become two people."""
    stages = role_stages(bank)
    entries = "".join(
        f"  - candidate: Ada Lovelace\n    role: {ROLE}\n    date: 2026-12-03\n"
        f"    start: {9 + 2 * n:02}:00\n    stage: {stage}\n"
        f"    interviewers:\n      - Smith; John\n      - Doe, Jane\n"
        for n, stage in enumerate(stages[:1]))
    path = write(tmp_path, "interviews:\n" + entries, "day.yaml")
    found = problems(path, bank, tuple(stages[:1]))
    assert found == [f"{tmp_path / 'day.yaml'}:8:9: interviewers: 'Smith; John' holds ';', "
                     "which separates names: write each person as an item of their own"]
