"""A hiring day in one command (`kit batch`), through the CLI on a real CSV: every file of a
3-candidate day, the schedule in the packet, guides and scorecards, each interviewer's
stack in time order with its pages where the cover says, calendars parsed back, fair and
deterministic rotation, located bad rows, and a day that is written whole or not at all."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from interviewkit.bank.load import load_bank
from interviewkit.kit.pool import usable_cores
from interviewkit.plan.schedule import example_schedule, plan_day, read_schedule
from interviewkit.plan.selection import plan_kit

from ..conftest import SHIPPED, fill_with_pypdf, pdf_text, shipped_questions, snapshot
from .test_kit import words

ROLE = "senior-python-engineer"
DAY = date(2026, 12, 3)
BERLIN = ZoneInfo("Europe/Berlin")
PANEL = ("Interviewer F", "Eve Ng")  # the values stage (the day's last) has a panel of two


def schedule_text(candidates: tuple[str, ...] = ("Ada Lovelace", "Grace Hopper",
                                                 "Alan Turing")) -> str:
    return example_schedule(load_bank(), ROLE, DAY, candidates).replace(
        f",{PANEL[0]},", f",{'; '.join(PANEL)},")


def schedule_with(places: dict[str, str], candidate: str | None = None,
                  name: str | None = None) -> str:
    """schedule_text() with the place of each stage in `places`, and `name` for the
    candidate, on the rows of `candidate` (of every candidate when None)."""
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = schedule_text().splitlines()
    for n, line in enumerate(lines[1:], 1):
        cells = line.split(",")
        if candidate is None or cells[0] == candidate:
            cells[6] = cell(places[cells[4]]) if cells[4] in places else cells[6]
            cells[0] = cell(name) if name is not None else cells[0]
        lines[n] = ",".join(cells)
    return "\n".join(lines) + "\n"


def batch(invoke: Any, tmp_path: Path, *args: str, text: str | None = None,
          name: str = "day.csv") -> Any:
    path = tmp_path / name
    if not path.exists() or text is not None:
        path.write_text(schedule_text() if text is None else text, encoding="utf-8")
    return invoke("kit", "batch", str(path), *args)


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from typer.testing import CliRunner

    from interviewkit.cli import app

    root = tmp_path_factory.mktemp("day")
    (root / "day.csv").write_text(schedule_text(), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("INTERVIEWKIT_BANK", raising=False)
        result = CliRunner().invoke(app, ["kit", "batch", str(root / "day.csv"), "--out",
                                          str(root / "day"), "--company", "Example Startup"])
    assert result.exit_code == 0, result.output
    return root / "day", result


FOLDERS = ("ada-lovelace", "grace-hopper", "alan-turing")  # the kits of schedule_text()


def manifests(day: Path) -> dict[str, dict[str, Any]]:
    """The kit.json of each kit of the 3-candidate day built into `day`."""
    return {kit: json.loads((day / kit / "kit.json").read_text()) for kit in FOLDERS}


def rows() -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(schedule_text())))


def handouts(kit: dict[str, Any], stage: str) -> list[str]:
    """The handouts (file stems) of a stage of a kit, from its kit.json: one for each of the
    stage's questions that has one in the bank, in the order they are asked."""
    with_handout = {q.id for q in load_bank().questions if q.handout is not None}
    return [f"handout-{qid}" for record in kit["stages"] if record["stage"] == stage
            for qid in record["questions"] if qid in with_handout]


def times(asked: Iterable[str]) -> Counter[str]:
    """How many times each question id is asked."""
    return Counter(asked)


def shared(asked: Counter[str]) -> int:
    """How often two candidates were asked the same question: once for each pair of the
    candidates asked it, for each question."""
    return sum(n * (n - 1) // 2 for n in asked.values())


def how_often(count: int) -> str:
    """A count of times as the summary says it: 'once', '2 times'."""
    return "once" if count == 1 else f"{count} times"


def documents(kit: dict[str, Any], stage: str) -> list[str]:
    """What a kit has for the interviewer of a stage (file stems): the guide, the handouts
    they give the candidate, the scorecard."""
    return [f"guide-{stage}", *handouts(kit, stage), f"scorecard-{stage}"]


def test_a_day_writes_every_kit_stack_calendar_and_its_index(day: tuple[Path, Any]) -> None:
    out, result = day
    stages = [r["stage"] for r in rows() if r["candidate"] == "Ada Lovelace"]
    people = [*(f"Interviewer {letter}" for letter in "ABCDE"), *PANEL]
    slugs = [*(f"interviewer-{letter}" for letter in "abcde"), "interviewer-f", "eve-ng"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "day.json", "ada-lovelace", "grace-hopper", "alan-turing",
         *(f"stack-{s}.pdf" for s in slugs), *(f"calendar-{s}.ics" for s in slugs)])
    made, pages = 0, 0  # documents and pages of the kits, as the summary counts them
    for kit, record in manifests(out).items():
        docs = ["candidate-packet", *(d for s in stages for d in documents(record, s))]
        names = sorted(p.name for p in (out / kit).iterdir())
        assert names == sorted(["kit.json", "calendar.ics", "scores", *(
            f"{doc}.{ext}" for doc in docs for ext in ("html", "pdf"))])
        made += 2 * len(docs)
        pages += sum(len(PdfReader(out / kit / f"{doc}.pdf").pages) for doc in docs)
    # the debugging exercise has its handout in every kit, the design problems some
    assert all(handouts(record, "debugging") for record in manifests(out).values())
    manifest = json.loads((out / "day.json").read_text())
    assert [k["candidate"] for k in manifest["kits"]] == ["Ada Lovelace", "Grace Hopper",
                                                          "Alan Turing"]
    assert [p["name"] for p in manifest["interviewers"]] == people
    assert manifest["dates"] == [DAY.isoformat()]
    listed = {f["name"] for f in manifest["files"]}
    assert listed == {p.name for p in out.iterdir() if p.is_file()} - {"day.json"}
    # the summary says what was made
    stack_pages = sum(len(PdfReader(out / f"stack-{s}.pdf").pages) for s in slugs)
    assert f"3 kits, {made} documents ({pages} pages), {len(people)} interviewer stacks " \
        f"({stack_pages} pages), {len(people)} interviewer and 3 candidate calendars" \
        in result.stdout
    # and how the day spread its questions, against each kit drawn on its own
    asked = times(q for record in manifests(out).values() for s in record["stages"]
                  for q in s["questions"])
    alone = times(q.id for kit in manifest["kits"] for s in plan_kit(
        load_bank(), ROLE, kit["candidate"]).stages for q in s.questions)
    assert f"questions asked more than once across the day: {len(manifest['repeats'])} of " \
        f"the {len(asked)} asked; two candidates asked the same question: " \
        f"{how_often(shared(asked))} ({shared(alone)} had each kit been drawn on its own)" \
        in result.stdout
    assert manifest["repeats"] == {qid: n for qid, n in asked.items() if n > 1}
    assert result.stderr == ""  # no progress bar in a pipe


def test_the_index_links_every_file_it_names(day: tuple[Path, Any]) -> None:
    import re

    out, _ = day
    page = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+)"', page))
    local = {link for link in links if not link.startswith("https://")}
    for link in local:
        assert (out / link).exists(), link
    for kit, record in manifests(out).items():
        for name in ("candidate-packet.pdf", "calendar.ics", "guide-system-design.html",
                     "scorecard-values.pdf"):
            assert f"{kit}/{name}" in local
        # the handouts an interviewer gives the candidate, beside the guide
        for stage in (r["stage"] for r in rows() if r["candidate"] == record["candidate"]):
            for handout in handouts(record, stage):
                assert {f"{kit}/{handout}.html", f"{kit}/{handout}.pdf"} <= local
    assert {f"stack-{s}.pdf" for s in ("interviewer-a", "eve-ng")} <= local
    assert "10:15\u201311:15" in page and "Eve Ng" in page  # Ada's system design


def test_the_packet_shows_the_schedule_and_nothing_for_interviewers(day: tuple[Path, Any]
                                                                   ) -> None:
    out, _ = day
    kit = out / "grace-hopper"
    text = " ".join(pdf_text(kit / "candidate-packet.pdf").split())
    html = (kit / "candidate-packet.html").read_text(encoding="utf-8")
    mine = [r for r in rows() if r["candidate"] == "Grace Hopper"]
    for row in mine:
        start = datetime.fromisoformat(f"{row['date']}T{row['start']}")
        assert f"Thursday 3 December 2026, {start:%H:%M}" in text
        assert row["location"] in html
        for person in row["interviewers"].split("; "):
            assert person in text
    assert "(Europe/Berlin)" in text
    secret = []
    for q in shipped_questions():
        secret += [q["id"], q["prompt"], q["why"], q["sample_answer"], *q["look_for"],
                   *q["follow_ups"], *q["red_flags"], *q.get("rubric", {}).values(),
                   *(anchor for level in q.get("level_rubrics", {}).values()
                     for anchor in level.values()),
                   *(step["step"] for step in q.get("timing", []))]
        if q.get("handout"):  # given during the interview, never sent before it
            secret += [line for line in (SHIPPED / "handouts" / q["handout"]).read_text(
                encoding="utf-8").splitlines() if len(line.strip()) >= 30]
    for where in (text, " ".join(html.split()),
                  (kit / "calendar.ics").read_text(encoding="utf-8")):
        assert [s for s in secret if " ".join(s.split()) in where] == []


def test_guides_and_scorecards_carry_the_interviewer_and_the_time(day: tuple[Path, Any]
                                                                 ) -> None:
    import re

    out, _ = day
    kit = out / "alan-turing"
    role = load_bank().role(ROLE)
    assert role is not None
    for row in (r for r in rows() if r["candidate"] == "Alan Turing"):
        start = datetime.fromisoformat(f"{row['date']}T{row['start']}")
        stage = role.stage(row["stage"])
        assert stage is not None
        guide = " ".join(pdf_text(kit / f"guide-{row['stage']}.pdf", 1).split())
        assert f"Thursday 3 December 2026, {start:%H:%M}" in guide
        # the time plan runs on the day's clock: from the start, part after part, to the end
        plan = guide.split("Time plan", 1)[1].split(" Kit ", 1)[0]
        clocks = re.findall(r"(\d\d:\d\d)\u2013(\d\d:\d\d)", plan)
        assert clocks[0][0] == f"{start:%H:%M}", (row["stage"], plan)
        assert clocks[-1][1] == f"{start + timedelta(minutes=stage.minutes):%H:%M}", plan
        assert all(one[1] == two[0] for one, two in pairwise(clocks)), plan
        for person in row["interviewers"].split("; "):
            assert person in guide
        card = PdfReader(kit / f"scorecard-{row['stage']}.pdf")
        named = (card.get_fields() or {})["interviewer"].get("/V")
        # one interviewer: their name is in the card; a panel's members each write their own
        assert named == (row["interviewers"] if ";" not in row["interviewers"] else "")
        assert f"{start:%H:%M}" in pdf_text(kit / f"scorecard-{row['stage']}.pdf")
    manifest = json.loads((kit / "kit.json").read_text())
    assert [(s["stage"], s["start"], s["interviewers"]) for s in manifest["schedule"]] == [
        (r["stage"], datetime.fromisoformat(f"{r['date']}T{r['start']}").replace(
            tzinfo=BERLIN).isoformat(), r["interviewers"].split("; "))
        for r in rows() if r["candidate"] == "Alan Turing"]


def test_a_days_clock_stays_in_its_column_of_the_time_plans(day: tuple[Path, Any]) -> None:
    """A day's clock (09:00-09:05, wider than a blank kit's 0:00-0:05) fits the clock column
    of a guide's time plan and of an exercise's timed steps: it once ran into the next cell,
    and read '09:00-09:05Welcome' on paper and on screen."""
    import re

    out, _ = day
    guides = sorted((out / "alan-turing").glob("guide-*.pdf"))
    assert len(guides) > 1
    for guide in guides:
        text = pdf_text(guide)
        assert re.findall(r"\d\d:\d\d\u2013\d\d:\d\d", text), guide.name
        assert re.findall(r"\d\d:\d\d\u2013\d\d:\d\d\S+", text) == [], guide.name


def test_each_stack_holds_its_interviews_in_time_order_where_the_cover_says(
        day: tuple[Path, Any]) -> None:
    """Each interview's guide, then the handouts its interviewer gives the candidate (the
    stack held none: an interviewer who printed it had no handout for the exercise), then its
    scorecard."""
    out, _ = day
    kits = manifests(out)
    given = 0  # handouts found in stacks
    for person in json.loads((out / "day.json").read_text())["interviewers"]:
        mine = sorted((r for r in rows() if person["name"] in r["interviewers"].split("; ")),
                      key=lambda r: r["start"])
        assert person["interviews"] == len(mine)
        stack = out / person["stack"]
        expected = []  # the text of every page after the cover, as each document has it
        for row in mine:
            folder = row["candidate"].lower().replace(" ", "-")
            for stem in documents(kits[folder], row["stage"]):
                document = out / folder / f"{stem}.pdf"
                expected += [pdf_text(document, n)
                             for n in range(1, len(PdfReader(document).pages) + 1)]
        reader = PdfReader(stack)
        assert len(reader.pages) == 1 + len(expected), person["name"]
        assert reader.get_fields() is None  # the cards' fields are drawn into the pages
        for number, text in enumerate(expected, start=2):
            assert pdf_text(stack, number) == text, (person["name"], number)
        cover = " ".join(pdf_text(stack, 1).split())
        page = 2
        for row in mine:
            folder = row["candidate"].lower().replace(" ", "-")
            for stem in documents(kits[folder], row["stage"]):
                kind = stem.split("-", 1)[0]  # guide, handout, scorecard
                assert f"{kind} {page}" in cover, (person["name"], stem, cover)
                page += len(PdfReader(out / folder / f"{stem}.pdf").pages)
                given += kind == "handout"
        assert f"{page - 1} pages" in cover
    assert given >= len(kits)  # at least the debugging exercise's, in each kit


def test_the_stack_prints_what_the_cards_carry(day: tuple[Path, Any], tmp_path: Path) -> None:
    out, _ = day
    stack = out / "stack-interviewer-a.pdf"
    pages = PdfReader(stack).pages
    card_page = next(n for n in range(1, len(pages) + 1)
                     if "Ratings and evidence" in pdf_text(stack, n))
    assert "Interviewer A" in pdf_text(stack, card_page)  # the name, drawn from its field
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(stack),
                    str(tmp_path / "cover")], check=True)
    assert (tmp_path / "cover-01.png").stat().st_size > 5000  # a page with something on it


def test_calendars_parse_back_with_the_scheduled_times(day: tuple[Path, Any]) -> None:
    out, _ = day
    for person in json.loads((out / "day.json").read_text())["interviewers"]:
        calendar = Calendar.from_ical((out / person["calendar"]).read_bytes())
        events = [c for c in calendar.walk() if c.name == "VEVENT"]
        mine = [r for r in rows() if person["name"] in r["interviewers"].split("; ")]
        assert sorted(e.decoded("dtstart") for e in events) == sorted(
            datetime.fromisoformat(f"{r['date']}T{r['start']}").replace(tzinfo=BERLIN)
            for r in mine)
    ics = Calendar.from_ical((out / "ada-lovelace" / "calendar.ics").read_bytes())
    assert len([c for c in ics.walk() if c.name == "VEVENT"]) == len(
        [r for r in rows() if r["candidate"] == "Ada Lovelace"])
    assert all("Example Startup" in str(c["summary"]) for c in ics.walk() if c.name == "VEVENT")


def test_the_day_spreads_its_questions_and_draws_the_same_day_again(tmp_path: Path) -> None:
    """Six candidates through a loop whose families hold two or three questions: some
    questions are asked more than once however the kits are drawn, so rotation shows in how
    evenly. Drawn in the order of the day, a family's questions take turns (none asked
    twice more often than another), and two candidates are asked the same question, and
    could compare notes, less often than had each kit been drawn on its own. The day
    reported only how many questions were asked more than once, against the independent
    draw: 28 against 22 here, as if rotation made it worse (28 against 12 with a seed, where
    each kit drawn on its own is the same kit)."""
    bank = load_bank()
    role = bank.role(ROLE)
    assert role is not None
    names = ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra",
             "Barbara Liskov", "Ken Thompson")
    path = tmp_path / "day.csv"
    path.write_text(example_schedule(bank, ROLE, DAY, names), encoding="utf-8")
    schedule = read_schedule(path, bank)
    planned = plan_day(bank, schedule)

    def asked(plans: list[Any]) -> Counter[str]:
        return times(q.id for p in plans for s in p.stages for q in s.questions)

    alone = [plan_kit(bank, ROLE, name) for name in names]
    together = [plan for plan, _ in planned.kits]
    day = asked(together)
    for stage in role.stages:
        for family in stage.families:
            members = [day[q.id] for q in stage.family_pool(bank.questions, family,
                                                            role.level)]
            assert sum(members) == len(names)  # each kit asks one of the family
            assert max(members) - min(members) <= 1, (stage.id, family, members)
    assert shared(day) < shared(asked(alone))
    # what the day reports: the questions asked more than once, and how often two
    # candidates were asked the same question, beside the same of the independent draw
    assert planned.repeats == {qid: n for qid, n in day.items() if n > 1}
    assert (planned.shared, planned.independent_shared) == (shared(day), shared(asked(alone)))
    again = plan_day(bank, read_schedule(path, bank))
    assert [p.kit_id for p, _ in again.kits] == [p.kit_id for p in together]
    seeded = plan_day(bank, schedule, seed=7)  # the kits alone are one kit, six times
    assert seeded.shared < seeded.independent_shared


def test_the_summary_says_once_for_one_question_two_candidates_shared(
        invoke: Any, tmp_path: Path) -> None:
    """The debugging stage asks one family of two questions, so three candidates share one
    question once: the summary said '1 times'."""
    result = batch(invoke, tmp_path, "--stage", "debugging", "--format", "md", "--out",
                   str(tmp_path / "day"))
    assert result.exit_code == 0, result.output
    assert "two candidates asked the same question: once (" in result.stdout


def test_a_rebuild_gives_the_same_kits(invoke: Any, tmp_path: Path) -> None:
    first = batch(invoke, tmp_path, "--out", str(tmp_path / "one"), "--format", "html")
    second = batch(invoke, tmp_path, "--out", str(tmp_path / "two"), "--format", "html")
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    for one, two in zip(manifests(tmp_path / "one").values(),
                        manifests(tmp_path / "two").values(), strict=True):
        assert one["stages"] == two["stages"] and one["kit_id"] == two["kit_id"]
    assert (tmp_path / "one" / "index.html").read_bytes() == (
        tmp_path / "two" / "index.html").read_bytes()


BAD = [
    ("Ada Lovelace,senior-python-engineer,2026-12-03,9am,", "day.csv:2:4: start: '9am' is not "
     "a time: write HH:MM, 24-hour"),
    ("Ada Lovelace,senior-python-enginer,", "day.csv:6:2: role: unknown role "
     "'senior-python-enginer' (did you mean 'senior-python-engineer'?)"),
    (",Interviewer C,", "day.csv:4:6: interviewers: missing"),
]


def test_every_bad_row_is_located_and_nothing_is_written(invoke: Any, tmp_path: Path) -> None:
    lines = schedule_text().splitlines()
    lines[1] = lines[1].replace("2026-12-03,09:00,", "2026-12-03,9am,")
    lines[5] = lines[5].replace("senior-python-engineer,", "senior-python-enginer,", 1)
    lines[3] = lines[3].replace(",Interviewer C,", ",,")
    result = batch(invoke, tmp_path, "--out", str(tmp_path / "out"),
                   text="\n".join(lines) + "\n")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for _, message in BAD:
        assert message.split(" (did")[0] in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_an_unknown_column_and_a_missing_stage_are_said(invoke: Any, tmp_path: Path) -> None:
    text = schedule_text().replace("interviewers,", "interviewer,", 1)
    result = batch(invoke, tmp_path, "--out", str(tmp_path / "out"), text=text)
    assert result.exit_code == 2
    assert "day.csv:1:6: interviewer: unknown column (did you mean 'interviewers'?)" in \
        result.stderr
    missing = "\n".join(line for line in schedule_text().splitlines()
                        if not line.startswith("Alan Turing") or ",values," not in line)
    result = batch(invoke, tmp_path, "--out", str(tmp_path / "out"), text=missing + "\n")
    assert result.exit_code == 2
    assert "Alan Turing has no row for stage values" in result.stderr
    only = batch(invoke, tmp_path, "--out", str(tmp_path / "out"), "--stage", "system-design",
                 "--format", "html", text=missing + "\n")
    assert only.exit_code == 0, only.output
    kit = json.loads((tmp_path / "out" / "alan-turing" / "kit.json").read_text())
    assert [s["stage"] for s in kit["stages"]] == ["system-design"]


def test_a_rebuild_keeps_filled_cards_and_the_teams_files(invoke: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "pdf").exit_code == 0
    card = fill_with_pypdf(out / "ada-lovelace" / "scorecard-system-design.pdf",
                           out / "ada-lovelace" / "scores" / "system-design.pdf",
                           {"interviewer": "Interviewer B", "overall": "3"})
    (out / "notes.md").write_text("Lunch at 12:30 in the kitchen.\n")
    kept = {p: p.read_bytes() for p in (card, out / "notes.md")}
    again = batch(invoke, tmp_path, "--out", str(out), "--format", "pdf")
    assert again.exit_code == 2
    assert "a hiring day is already there; add --force" in again.stderr
    rebuilt = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--force")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert {p: p.read_bytes() for p in kept} == kept
    assert not list(out.glob("stack-*.pdf"))  # an HTML day has no stacks: the old ones go
    assert not (out / "ada-lovelace" / "guide-values.pdf").exists()
    assert (out / "ada-lovelace" / "guide-values.html").exists()


def test_a_failing_kit_leaves_the_day_as_it_was(invoke: Any, tmp_path: Path) -> None:
    out, team = tmp_path / "out", tmp_path / "team"
    team.mkdir()
    # a team's packet that fails for one candidate only
    (team / "packet.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}{% if view.candidate == "Alan Turing" %}'
        '{{ view.no_such_thing.at_all }}{% endif %}{% endblock %}')
    failed = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--templates",
                   str(team))
    assert failed.exit_code == 2 and "Traceback" not in failed.output
    assert "packet.html.j2" in failed.stderr
    assert not out.exists()  # not the two kits that rendered, not the folder
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "html").exit_code == 0
    before = snapshot(out)
    again = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--templates",
                  str(team), "--force")
    assert again.exit_code == 2
    assert snapshot(out) == before
    # a file someone changed in one kit stops the whole rebuild, with every such file named
    (out / "grace-hopper" / "guide-values.html").write_text("my notes")
    (out / "index.html").write_text("my index")
    before = snapshot(out)
    refused = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--force")
    assert refused.exit_code == 2
    assert "grace-hopper/guide-values.html: changed since the kit wrote it" in refused.stderr
    assert "index.html: changed since the hiring day wrote it" in refused.stderr
    assert snapshot(out) == before


def test_the_example_is_a_day_that_builds(invoke: Any, tmp_path: Path) -> None:
    example = invoke("kit", "batch", "--example", ROLE)
    assert example.exit_code == 0, example.output
    built = batch(invoke, tmp_path, "--out", str(tmp_path / "out"), "--format", "html",
                  text=example.stdout)
    assert built.exit_code == 0, built.output
    both = invoke("kit", "batch", str(tmp_path / "day.csv"), "--example", ROLE)
    assert both.exit_code == 2 and "not both" in both.stderr
    neither = invoke("kit", "batch")
    assert neither.exit_code == 2 and "--example ROLE" in neither.stderr


def _run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """The command with its stderr on a pseudo-terminal, as a person runs it."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("INTERVIEWKIT_BANK", None)
    process = subprocess.Popen([sys.executable, "-m", "interviewkit", *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=secondary, env=env)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    return process.wait(), seen.decode(errors="replace")


def test_a_terminal_shows_a_progress_bar_unless_quiet(tmp_path: Path) -> None:
    (tmp_path / "day.csv").write_text(schedule_text(("Ada Lovelace",)), encoding="utf-8")
    code, seen = _run_on_a_terminal(["kit", "batch", "day.csv", "--format", "pdf", "--stage",
                                     "values"], tmp_path)
    assert code == 0, seen
    assert "rendering" in seen and "5/5" in seen  # guide, scorecard, packet, two stacks
    code, seen = _run_on_a_terminal(["kit", "batch", "day.csv", "--format", "pdf", "--stage",
                                     "values", "--quiet", "--out", "quiet"], tmp_path)
    assert code == 0 and seen == ""


def test_a_yaml_schedule_builds_the_same_day(invoke: Any, tmp_path: Path) -> None:
    import yaml

    entries = [{**row, "interviewers": row["interviewers"].split("; ")} for row in rows()]
    path = tmp_path / "day.yaml"
    path.write_text(yaml.safe_dump({"interviews": entries}, sort_keys=False))
    from_yaml = invoke("kit", "batch", str(path), "--out", str(tmp_path / "yaml"), "--format",
                       "html")
    from_csv = batch(invoke, tmp_path, "--out", str(tmp_path / "csv"), "--format", "html")
    assert from_yaml.exit_code == from_csv.exit_code == 0, from_yaml.output + from_csv.output
    for one, two in zip(manifests(tmp_path / "yaml").values(),
                        manifests(tmp_path / "csv").values(), strict=True):
        assert one["schedule"] == two["schedule"] and one["stages"] == two["stages"]
    bad = yaml.safe_dump({"interviews": [{**entries[0], "strat": "09:00"}]}, sort_keys=False)
    path.write_text(bad)
    refused = invoke("kit", "batch", str(path), "--out", str(tmp_path / "bad"))
    assert refused.exit_code == 2
    assert "day.yaml:12:3: strat: unknown column (did you mean " \
        "'start'?)" in refused.stderr
    assert not (tmp_path / "bad").exists()


def test_history_spreads_the_day_and_a_rebuild_leaves_its_own_kits_out(invoke: Any,
                                                                       tmp_path: Path) -> None:
    earlier = tmp_path / "out" / "earlier"
    built = invoke("kit", "build", "-r", ROLE, "--candidate", "Earlier Candidate", "--out",
                   str(earlier), "--format", "html")
    assert built.exit_code == 0, built.output
    asked = set(json.loads((earlier / "kit.json").read_text())["stages"][0]["questions"])
    out = tmp_path / "out" / "day"
    first = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--history",
                  str(tmp_path / "out"))
    assert first.exit_code == 0, first.output
    kits = manifests(out)
    first_kit = kits["ada-lovelace"]["stages"][0]
    # the day's first kit was drawn knowing the earlier kit: its questions least used
    assert not asked & set(first_kit["questions"])
    assert all("earlier kit" in reason for reason in first_kit["reasons"].values())
    assert json.loads((out / "day.json").read_text())["history"] == str(tmp_path / "out")
    again = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--history",
                  str(tmp_path / "out"), "--force")
    assert again.exit_code == 0, again.output
    for name, kit in manifests(out).items():  # its own kits, below out/, were not counted
        assert kit["stages"] == kits[name]["stages"]


def test_a_kit_folder_that_is_a_link_is_never_written_through(invoke: Any, tmp_path: Path
                                                             ) -> None:
    """A kit's folder in the day that someone replaced by a link to a folder elsewhere: the
    rebuild (or a first build) must not write the kit there, outside the day."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "html").exit_code == 0
    elsewhere.mkdir()
    for path in (out / "grace-hopper").iterdir():
        path.rename(elsewhere / path.name)  # the kit moved away, as a person might
    (out / "grace-hopper").rmdir()
    (out / "grace-hopper").symlink_to(elsewhere)
    before, outside = snapshot(out), snapshot(elsewhere)
    rebuilt = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--force")
    assert rebuilt.exit_code == 2 and "Traceback" not in rebuilt.output
    assert f"{out / 'grace-hopper'}: is a link" in rebuilt.stderr
    assert snapshot(out) == before and snapshot(elsewhere) == outside
    # an empty folder elsewhere, linked in before the first build
    empty, first = tmp_path / "empty", tmp_path / "first"
    empty.mkdir()
    first.mkdir()
    (first / "ada-lovelace").symlink_to(empty)
    refused = batch(invoke, tmp_path, "--out", str(first), "--format", "html")
    assert refused.exit_code == 2 and f"{first / 'ada-lovelace'}: is a link" in refused.stderr
    assert not list(empty.iterdir())


def test_a_first_build_killed_before_the_days_files_can_be_built_again(invoke: Any,
                                                                        tmp_path: Path) -> None:
    """A first build killed after writing some kits (kill -9: each kit is whole, the day's
    own files and day.json not yet there), or a folder holding a kit that `kit build` made
    for one of the day's candidates: the day is built with --force, keeping filled cards."""
    out = tmp_path / "out"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "html").exit_code == 0
    for path in out.iterdir():
        if path.is_file():
            path.unlink()  # day.json, index.html, calendars: not written yet
    for path in (out / "alan-turing").iterdir():
        if path.is_file():
            path.unlink()  # the third kit: its folder made, its files not yet renamed in
    (out / "alan-turing" / ".interviewkit-guide-values.html.x1y2z3.tmp").write_text("<h")
    card = out / "ada-lovelace" / "scores" / "values.yaml"
    card.write_text("overall: 3\n")
    again = batch(invoke, tmp_path, "--out", str(out), "--format", "html")
    assert again.exit_code == 2
    assert "not a hiring day" not in again.stderr
    assert f"{out / 'ada-lovelace'}: a kit is already there; add --force" in again.stderr
    rebuilt = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--force")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert (out / "day.json").is_file() and (out / "alan-turing" / "kit.json").is_file()
    assert card.read_text() == "overall: 3\n"
    assert not list(out.rglob("*.tmp"))
    # a kit of one of the day's candidates from `kit build`, in a new day's folder
    day = tmp_path / "day"
    built = invoke("kit", "build", "-r", ROLE, "--candidate", "Grace Hopper", "--out",
                   str(day / "grace-hopper"), "--format", "html")
    assert built.exit_code == 0, built.output
    (day / "notes.md").write_text("not ours")
    refused = batch(invoke, tmp_path, "--out", str(day), "--format", "html", "--force")
    assert refused.exit_code == 2 and "holds files that are not a hiring day" in refused.stderr
    (day / "notes.md").unlink()
    assert batch(invoke, tmp_path, "--out", str(day), "--format", "html",
                 "--force").exit_code == 0
    assert json.loads((day / "day.json").read_text())["kits"][1]["directory"] == "grace-hopper"


def test_a_stage_of_no_role_in_the_day_is_said(invoke: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """--stage with a typo: said with the stages the day's roles have, nothing written (it
    ended in a traceback, with --out and without, where the day's folder is named from its
    first interview)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "day.csv").write_text(schedule_text(), encoding="utf-8")
    for out in (("--out", "out"), ()):
        result = invoke("kit", "batch", "day.csv", "--stage", "value", "--format", "html",
                        *out)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "unknown stage 'value' (did you mean 'values'?); valid: screen, " \
               "system-design, debugging, production-engineering, leadership, values" \
               in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["day.csv"]


def two_roles() -> str:
    """A day of two roles: Ada for ROLE, Mae for engineering-manager (with stages of its
    own, and `values` as ROLE has)."""
    manager = example_schedule(load_bank(), "engineering-manager", DAY, ("Mae Jemison",))
    return schedule_text(("Ada Lovelace",)) + "".join(
        line.replace("Interviewer ", "Manager ") + "\n" for line in manager.splitlines()[1:])


def test_stages_of_two_roles_each_build_their_own(invoke: Any, tmp_path: Path) -> None:
    """--stage values --stage delivery on a day of two roles: `delivery` is a stage of the
    manager's role only, and Ada's kit is drawn with `values` alone (it was refused: unknown
    stage 'delivery', naming neither role nor candidate)."""
    out = tmp_path / "out"
    result = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--stage",
                   "values", "--stage", "delivery", text=two_roles())
    assert result.exit_code == 0, result.output
    stages = {kit: [s["stage"] for s in json.loads((out / kit / "kit.json").read_text())[
        "stages"]] for kit in ("ada-lovelace", "mae-jemison")}
    assert stages == {"ada-lovelace": ["values"], "mae-jemison": ["delivery", "values"]}


def test_rows_left_aside_by_stage_are_said(invoke: Any, tmp_path: Path) -> None:
    """--stage system-design on a day of two roles: the manager's role has no such stage, so
    Mae gets no kit at all; the summary said nothing of her or of the rows left aside."""
    result = batch(invoke, tmp_path, "--out", str(tmp_path / "out"), "--format", "html",
                   "--stage", "system-design", text=two_roles())
    assert result.exit_code == 0, result.output
    aside = [line for line in two_roles().splitlines()[1:] if ",system-design," not in line]
    assert f"day.csv: {len(aside)} rows of other stages left aside (--stage system-design); " \
           "no kit for Mae Jemison" in result.stdout
    assert not (tmp_path / "out" / "mae-jemison").exists()


def test_control_characters_from_the_schedule_reach_no_calendar_or_stack(
        invoke: Any, tmp_path: Path) -> None:
    """Names and places with terminal escapes, a NUL and a right-to-left override: the
    pages drop them (render.py), and so must the calendars (RFC 5545 allows no control
    characters; `cat` of one ran the escapes) and the stack's title."""
    from interviewkit.escape import UNSAFE

    text = schedule_text(("Ada \x1b[2J\x1b]0;pwned\x07Love\x00lace\u202egpj.exe",)).replace(
        PANEL[0], "Fay \x1b[31mRed\u202e").replace("https://meet.example.com/",
                                                   "Room \x1b[5m9\u2066 ")
    out = tmp_path / "out"
    result = batch(invoke, tmp_path, "--out", str(out), "--format", "pdf", "--stage", "values",
                   text=text)
    assert result.exit_code == 0, result.output
    calendars = sorted(out.rglob("*.ics"))
    assert len(calendars) == 3  # Fay's, Eve's, the candidate's
    for path in calendars:
        assert not UNSAFE.search(path.read_text(encoding="utf-8")), path
    for path in out.glob("stack-*.pdf"):
        metadata = PdfReader(path).metadata
        title = str(metadata.title if metadata else "")
        assert title.startswith("Interviews of ") and not UNSAFE.search(title), title


def test_the_index_of_two_days_in_two_zones_says_which_day_and_zone(invoke: Any,
                                                                    tmp_path: Path) -> None:
    """Ann sees Ada at 09:00 in Berlin on the 3rd and Mae at 09:00 in New York the same day,
    six hours later; Cat sees both on the 4th. The index's interviewers table showed
    '09:00-10:00 Ada Lovelace' and '09:00-10:00 Mae Jemison' (no day, no zone: a double
    booking to the eye), and the candidates' tables no zone."""
    import html
    import re

    ada = [("screen", "2026-12-03", "08:00", "Eli"),
           ("system-design", "2026-12-03", "09:00", "Ann"),
           ("production-engineering", "2026-12-03", "10:30", "Bob"),
           ("leadership", "2026-12-04", "09:00", "Cat"), ("values", "2026-12-04", "10:00", "Dan"),
           ("debugging", "2026-12-04", "13:00", "Fay")]
    mae = [("screen", "2026-12-03", "08:00", "Eli"),
           ("hiring-and-team", "2026-12-03", "09:00", "Ann"),
           ("delivery", "2026-12-03", "10:30", "Bob"),
           ("technical-judgement", "2026-12-04", "09:00", "Cat"),
           ("values", "2026-12-04", "11:00", "Dan"),
           ("people-development", "2026-12-04", "13:00", "Fay")]
    text = "candidate,role,date,start,stage,interviewers,time_zone\n" + "".join(
        f"Ada Lovelace,{ROLE},{d},{t},{s},{who},Europe/Berlin\n" for s, d, t, who in ada
    ) + "".join(f"Mae Jemison,engineering-manager,{d},{t},{s},{who},America/New_York\n"
                for s, d, t, who in mae)
    out = tmp_path / "out"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "html",
                 text=text).exit_code == 0
    page = html.unescape(re.sub(r"<[^>]+>", " ", (out / "index.html").read_text()))
    page = " ".join(page.split())
    assert ("Ann Thursday 3 December 2026, 09:00\u201310:00 (Europe/Berlin) Ada Lovelace (System "
            "design) Thursday 3 December 2026, 09:00\u201310:00 (America/New_York) Mae Jemison "
            "(Hiring and team design)") in page
    assert "Friday 4 December 2026, 09:00\u201309:45 (America/New_York) Technical judgement" in page


def _workers_of(parent: int) -> list[int]:
    """The processes forked from `parent` and from those (its render host, and the host's
    pool), by their command line, not a program one ran (WeasyPrint runs gcc to find its
    libraries), read from /proc."""
    found: list[int] = []
    command = (Path("/proc") / str(parent) / "cmdline").read_bytes()
    parents = {parent}
    for stat in sorted(Path("/proc").glob("[0-9]*/stat"), key=lambda p: int(p.parent.name)):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (command)"
            if int(fields[1]) in parents and (stat.parent / "cmdline").read_bytes() == command:
                found.append(int(stat.parent.name))
                parents.add(found[-1])
        except (OSError, IndexError):
            continue
    return found


def _running(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a worker that ended, not yet reaped, holds nothing


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes in /proc")
def test_a_rebuild_killed_while_rendering_leaves_no_worker_holding_the_day(tmp_path: Path
                                                                          ) -> None:
    """kill -9 of `kit batch` while its pool renders: the forked workers, which inherit the
    day's lock, must end with it. They waited on the pool's queue for ever, and every later
    run said 'another interviewkit command is writing this hiring day'."""
    import signal
    import time

    (tmp_path / "day.csv").write_text(schedule_text(), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "INTERVIEWKIT_BANK"}
    args = [sys.executable, "-m", "interviewkit", "kit", "batch", "day.csv", "--out", "out",
            "--format", "pdf", "--jobs", "2", "--quiet", "--force"]
    first = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    rebuild = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120  # bounds the wait; nothing is timed
        pool = 2 + (usable_cores() >= 2)  # two workers, and the host that forked them
        while len(workers) < pool and rebuild.poll() is None and time.monotonic() < deadline:
            workers = _workers_of(rebuild.pid)
            time.sleep(0.02)
        assert len(workers) >= pool, "the rebuild ended before its pool started"
        rebuild.kill()
        rebuild.wait()
        deadline = time.monotonic() + 60
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_running, workers))
        again = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
    finally:
        for worker in workers:  # left by a failing run: never by this test's success
            if _running(worker):
                os.kill(worker, signal.SIGKILL)


def test_a_glyph_no_font_has_is_warned_of_in_any_name_or_place(invoke: Any, tmp_path: Path
                                                               ) -> None:
    """The candidate's name was checked for characters no installed font draws; an
    interviewer's name and a place, printed on the same guides, cards and stacks, were not
    (U+E000, a private-use character, is drawn by no font)."""
    text = schedule_text(("Ada Lovelace",)).replace("Interviewer B", "Bob \ue000").replace(
        "https://meet.example.com/senior-python-engineer-system-design", "Room \ue001")
    result = batch(invoke, tmp_path, "--out", str(tmp_path / "out"), "--format", "pdf",
                   "--stage", "system-design", text=text)
    assert result.exit_code == 0, result.output
    assert "(U+E000) from the name of Bob" in result.stderr
    assert "(U+E001) from the place Room" in result.stderr


def test_a_markdown_day_is_the_html_day_for_a_wiki(day: tuple[Path, Any], invoke: Any,
                                                   tmp_path: Path) -> None:
    """--format md: the same kits (same draws), their pages as Markdown that shows what the
    HTML day shows, YAML cards, calendars, and index.md linking each file; no stacks."""
    import re

    from .test_markdown import html_blocks, rendered, shown

    html_day, _ = day
    out = tmp_path / "md"
    result = batch(invoke, tmp_path, "--out", str(out), "--format", "md", "--company",
                   "Example Startup")
    assert result.exit_code == 0, result.stderr
    assert f"open {out / 'index.md'}" in result.stdout
    assert "stack" not in result.stdout.splitlines()[-2]  # the summary: no PDFs, no stacks
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(
        ["day.json", "index.md", *(p.name for p in html_day.glob("calendar-*.ics"))])
    for kit, record in manifests(out).items():
        assert record["stages"] == manifests(html_day)[kit]["stages"]
        pages = {p.stem for p in (html_day / kit).glob("*.html")}
        cards = {stem for stem in pages if stem.startswith("scorecard-")}
        assert {p.stem for p in (out / kit).glob("*.md")} == pages - cards
        assert {p.stem for p in (out / kit).glob("*.yaml")} == cards
        assert (out / kit / "calendar.ics").read_bytes().count(b"BEGIN:VEVENT") == 6
        for page in (out / kit).glob("*.md"):
            text = shown(page.read_text(encoding="utf-8"))
            missing = [b for b in html_blocks(html_day / kit / f"{page.stem}.html")
                       if b not in text and not b.startswith("Handout: share")]
            assert missing == [], f"{kit}/{page.name}"
    # a video link is a link in the packet and the guide, as in the HTML
    packet = rendered((out / "ada-lovelace" / "candidate-packet.md").read_text())
    link = "https://meet.example.com/senior-python-engineer-system-design"
    assert f'<a href="{link}">{link}</a>' in packet
    assert "10:15\u201311:15" in packet and "Interviewer B" in packet
    guide = shown((out / "ada-lovelace" / "guide-system-design.md").read_text())
    assert "Interviewer: Interviewer B" in guide and "10:15\u201311:15" in guide
    # the index: a table for each candidate and one of the interviewers, every file linked
    index = rendered((out / "index.md").read_text(encoding="utf-8"))
    assert index.count("<table>") == len(FOLDERS) + 1
    local = {href for href in re.findall(r'href="([^"]+)"', index)
             if not href.startswith("https://")}
    for href in local:
        assert (out / href).exists(), href
    for kit in FOLDERS:
        for name in ("candidate-packet.md", "calendar.ics", "guide-values.md",
                     "scorecard-values.yaml"):
            assert f"{kit}/{name}" in local
    assert {f"calendar-{p}.ics" for p in ("interviewer-a", "eve-ng")} <= local
    assert "Eve Ng" in shown((out / "index.md").read_text())


def test_a_markdown_day_prints_the_schedules_text_as_written(invoke: Any, tmp_path: Path
                                                             ) -> None:
    """Names and places from the schedule are text in every Markdown page: no link, image,
    emphasis or table cell comes of them; only an http(s) address is a link."""
    import re

    from .test_markdown import rendered, shown

    name = "Ada *Bold* <img src=x onerror=alert(1)> [x](https://evil.example)"
    places = {"screen": "Room [1](javascript:alert(1)) | B",
              "system-design": "https://meet.example.com/a|b><img/src=x/onerror=alert(1)>",
              "debugging": "javascript:alert(1)"}
    out = tmp_path / "md"
    result = batch(invoke, tmp_path, "--out", str(out), "--format", "md",
                   text=schedule_with(places, "Ada Lovelace", name))
    assert result.exit_code == 0, result.stderr
    (folder,) = {p.parent for p in out.glob("*/candidate-packet.md")} - {
        out / "grace-hopper", out / "alan-turing"}
    for page in (out / "index.md", folder / "candidate-packet.md", folder / "guide-screen.md",
                 folder / "guide-system-design.md"):
        raw = page.read_text(encoding="utf-8")
        made = rendered(raw)
        for tag in ("<img", "<strong>Bold", "<em>Bold", 'href="javascript', "evil.example\""):
            assert tag not in made, (page.name, tag)
        assert "https://meet.example.com/a" not in re.findall(r'href="([^"]*)"', made)
        text = shown(raw)
        assert words(name) in text, page.name
    index = shown((out / "index.md").read_text(encoding="utf-8"))
    for place in places.values():
        assert words(place) in index, place
    # each candidate's table keeps its seven columns whatever a cell holds
    for table in re.findall(r"<table>.*?</table>", rendered((out / "index.md").read_text()),
                            flags=re.S)[:-1]:
        assert {row.count("<td") for row in re.findall(r"<tr>.*?</tr>", table, re.S)
                if "<td" in row} == {7}


def test_a_day_rebuilt_between_markdown_and_html_keeps_filled_cards(invoke: Any,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "md").exit_code == 0
    card = out / "ada-lovelace" / "scores" / "screen.yaml"
    card.write_text((out / "ada-lovelace" / "scorecard-screen.yaml").read_text()
                    .replace('interviewer: ""', 'interviewer: "Interviewer A"'))
    (out / "notes.md").write_text("Lunch at 12:30 in the kitchen.\n")
    kept = snapshot(out / "ada-lovelace" / "scores") | {"notes": (out / "notes.md").read_bytes()}
    rebuilt = batch(invoke, tmp_path, "--out", str(out), "--format", "html", "--force")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert not (out / "index.md").exists() and (out / "index.html").exists()
    assert not list(out.glob("*/*.md")) and not list(out.glob("*/scorecard-*.yaml"))
    again = batch(invoke, tmp_path, "--out", str(out), "--format", "md", "--force")
    assert again.exit_code == 0, again.stderr
    assert not (out / "index.html").exists() and not list(out.glob("*/*.html"))
    assert snapshot(out / "ada-lovelace" / "scores") | {
        "notes": (out / "notes.md").read_bytes()} == kept


def test_a_markdown_day_never_imports_weasyprint(tmp_path: Path) -> None:
    """Through the real entry point, which starts a render host for a day that makes PDFs
    (none here)."""
    schedule = tmp_path / "day.csv"
    schedule.write_text(schedule_text(), encoding="utf-8")
    probe = (
        "import sys\n"
        "from interviewkit.entry import main\n"
        f"sys.argv = ['interviewkit', 'kit', 'batch', {str(schedule)!r}, '--format', 'md',\n"
        f"            '--out', {str(tmp_path / 'day')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pypdf')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEWKIT_BANK"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=False, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "day" / "index.md").exists()


def test_a_day_rebuilt_into_other_draws_keeps_the_kits_with_filled_cards(invoke: Any,
                                                                         tmp_path: Path
                                                                         ) -> None:
    """A rebuilt day that would draw another kit for a candidate whose cards are filled (a
    seed changed, the order of the day moved) is refused for that kit, by name; nothing of
    the day changes."""
    out = tmp_path / "out"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "md", "--seed", "1"
                 ).exit_code == 0
    kit_id = json.loads((out / "ada-lovelace" / "kit.json").read_text())["kit_id"]
    card = out / "ada-lovelace" / "scores" / "screen.yaml"
    card.write_text((out / "ada-lovelace" / "scorecard-screen.yaml").read_text()
                    .replace('interviewer: ""', 'interviewer: "Interviewer A"'))
    before = snapshot(out)
    again = batch(invoke, tmp_path, "--out", str(out), "--format", "md", "--seed", "2",
                  "--force")
    assert again.exit_code == 2, again.stdout
    assert again.stderr.count("filled card") == 1  # only the kit that has one
    assert f"{out / 'ada-lovelace'}: scores/ holds a filled card of kit {kit_id} " \
        "(screen.yaml)" in again.stderr
    assert snapshot(out) == before


def test_a_panel_of_names_with_commas_reads_as_its_people(invoke: Any, tmp_path: Path) -> None:
    """Names written as an HR system exports them (Smith, John) are listed with semicolons
    wherever a panel is one line, so that two people never read as four."""
    panel = ("Smith, John", "Doe, Jane")
    text = schedule_text().replace(f",{'; '.join(PANEL)},", f",\"{'; '.join(panel)}\",")
    listed = "Smith, John; Doe, Jane"
    for output in ("html", "md"):
        out = tmp_path / output
        result = batch(invoke, tmp_path, "--out", str(out), "--format", output, text=text)
        assert result.exit_code == 0, result.stderr
        kit = out / "ada-lovelace"
        for page in (kit / f"guide-values.{output}", kit / f"candidate-packet.{output}",
                     out / f"index.{output}"):
            assert listed in page.read_text(encoding="utf-8"), page.name
    calendar = Calendar.from_ical((tmp_path / "md" / "ada-lovelace" / "calendar.ics")
                                  .read_bytes())
    values = [e for e in calendar.walk("VEVENT") if "Values" in str(e["summary"])]
    assert f"with {listed}." in str(values[0]["description"])
    smith = Calendar.from_ical((tmp_path / "md" / "calendar-smith-john.ics").read_bytes())
    assert "With Doe, Jane." in str(next(iter(smith.walk("VEVENT")))["description"])


def test_a_markdown_day_shows_each_video_link_as_the_schedule_writes_it(invoke: Any,
                                                                         tmp_path: Path
                                                                         ) -> None:
    """A wiki renderer shows an autolink's text decoded (markdown-it: percent-escapes as the
    characters they stand for, an xn-- host in its own script), so an address could read
    otherwise than it leads: a right-to-left override turning the rest around, a Cyrillic a
    in paypal. Every page shows the address as written, and links to it."""
    import html
    import re

    from .test_markdown import rendered

    places = {"screen": "https://meet.example.com/%E2%80%AEmoc.elpmaxe",
              "system-design": "https://xn--pypal-4ve.com/join?a=1&amp;b=%0A%1b",
              "debugging": "https://x.example/a)b]*_c_/[d]"}
    out = tmp_path / "md"
    result = batch(invoke, tmp_path, "--out", str(out), "--format", "md",
                   text=schedule_with(places))
    assert result.exit_code == 0, result.stderr
    kit = out / "ada-lovelace"
    for page, stages in ((out / "index.md", places), (kit / "candidate-packet.md", places),
                         *((kit / f"guide-{s}.md", [s]) for s in places)):
        links = {html.unescape(text): html.unescape(href) for href, text in re.findall(
            r'<a href="([^"]*)">([^<]*)</a>', rendered(page.read_text(encoding="utf-8")))}
        for stage in stages:
            assert places[stage] in links, (page.name, stage, links)
            # the address it leads to (brackets percent-encoded by the renderer)
            assert links[places[stage]] == places[stage].replace("[", "%5B").replace("]", "%5D")


def test_html_and_markdown_days_link_the_same_places(invoke: Any, tmp_path: Path) -> None:
    """A web address is linked whatever the case of its scheme, in both kinds of page; an
    address with a character no address has (a right-to-left override, a space) is text in
    both, so a link never reads otherwise than where it leads."""
    import html
    import re

    from .test_markdown import rendered

    places = {"screen": "HTTPS://Meet.Example.com/Ada",
              "system-design": "https://meet.example.com/\u202emoc.live",
              "debugging": "http://meet.example.com/a b"}
    linked = {"HTTPS://Meet.Example.com/Ada"}
    for output in ("html", "md"):
        out = tmp_path / output
        result = batch(invoke, tmp_path, "--out", str(out), "--format", output,
                       text=schedule_with(places))
        assert result.exit_code == 0, result.stderr
        page = (out / "ada-lovelace" / f"candidate-packet.{output}").read_text(encoding="utf-8")
        shown = rendered(page) if output == "md" else page
        links = {html.unescape(text) for href, text in re.findall(
            r'<a href="([^"]*)">([^<]*)</a>', shown) if "://" in href}
        assert {place for place in places.values() if place in links} == linked, output
        for place in places.values():  # shown, linked or not (HTML drops the override)
            assert html.escape(place.replace("\u202e", ""), quote=False
                               ) in shown.replace("\u202e", ""), (output, place)


def test_a_days_yaml_cards_carry_the_interview_as_its_html_cards_do(invoke: Any,
                                                                    tmp_path: Path) -> None:
    """A Markdown day's cards (and --yaml-scorecards) name the interview's time, place and
    panel, and the interviewer when there is one, as the HTML and PDF cards do; a place
    with a line break of YAML's in it stays in its comment."""
    import yaml

    text = schedule_with({"screen": "Room 1\u2028overall: 4"}, "Ada Lovelace")
    out = tmp_path / "md"
    assert batch(invoke, tmp_path, "--out", str(out), "--format", "md", text=text
                 ).exit_code == 0
    kit = out / "ada-lovelace"
    design = (kit / "scorecard-system-design.yaml").read_text(encoding="utf-8")
    assert "# The interview: Thursday 3 December 2026, 10:15\u201311:15 (Europe/Berlin), " \
        "with Interviewer B, at https://meet.example.com/senior-python-engineer-" \
        "system-design" in design
    card = yaml.safe_load(design)
    assert card["interviewer"] == "Interviewer B" and card["date"] == "2026-12-03"
    values = yaml.safe_load((kit / "scorecard-values.yaml").read_text(encoding="utf-8"))
    assert values["interviewer"] == ""  # a panel: each member writes their own
    assert f"with {', '.join(PANEL)}," in (kit / "scorecard-values.yaml").read_text()
    screen = (kit / "scorecard-screen.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(screen)["overall"] is None
    assert "at Room 1 overall: 4" in screen
