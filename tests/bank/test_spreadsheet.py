"""`questions import` and `questions export`: a team's questions from a spreadsheet (CSV and
XLSX, made here as a person's spreadsheet program would), every bad cell said as
FILE:ROW:COLUMN at once with nothing written, the result a bank that validates, lints and
builds; the round trip through a spreadsheet lossless, formula-looking text never a formula,
and files that are not a sheet of questions (a zip bomb, a link out, a huge file) refused."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from interviewkit.bank.load import load_bank
from interviewkit.bank.spreadsheet import (
    MARKER,
    csv_cell,
    questions_yaml,
    unescape_cell,
    xlsx_cell,
)
from interviewkit.bank.yamlsource import parse_yaml
from interviewkit.models import QuestionFile

from ..conftest import SHIPPED, question, write_bank

PLATFORM = {"id": "platform", "name": "Platform operations",
            "description": "How you run the shared platform other teams build on."}
ROLE = {"id": "platform-engineer", "title": "Platform engineer", "level": "senior",
        "summary": "Runs the platform other teams deploy to.",
        "stages": [{"id": "platform", "name": "Platform", "minutes": 45,
                    "competencies": {"platform": 2},
                    "description": "A conversation about running the platform."}]}
COLUMNS = ["id", "competency", "kind", "levels", "minutes", "tags", "prompt", "why", "look_for",
           "follow_ups", "red_flags", "rubric_1", "rubric_2", "rubric_3", "rubric_4",
           "sample_answer"]
UPGRADES = ("Forty product teams deploy to a cluster every day. How would you move it to the "
            "next Kubernetes version?")
CAPACITY = ("Tell me how you decided how many nodes a shared environment needed, and what you "
            "measured.")


def row(topic: str, prompt: str, **cells: Any) -> dict[str, Any]:
    """A platform question's row that `bank lint` passes: anchors that say what is done."""
    return {
        "id": "", "competency": "platform", "kind": "technical", "levels": "senior",
        "minutes": "20", "tags": "kubernetes, platform", "prompt": prompt,
        "why": f"Shows how the candidate runs {topic} for teams that depend on it.",
        "look_for": "Names the steps in order\nSays how a failure is noticed\n"
                    "Plans how the affected teams hear about it",
        "follow_ups": "What would you automate first?\nWho would you tell, and when?",
        "red_flags": "Does it by hand each time\nNever mentions rolling back",
        "rubric_1": f"Names no concrete step for {topic} and cannot say who would notice a "
                    "failure.",
        "rubric_2": f"Describes {topic} for one cluster by hand, with no plan for the teams "
                    "that depend on it.",
        "rubric_3": f"Lays out {topic} with automation, a rollback path and a way to tell the "
                    "affected teams; without the rollback path, rate 2.",
        "rubric_4": f"Designs {topic} so teams serve themselves, measures it, and explains the "
                    "trade-offs they chose; with no measure of it, rate 3.",
        "sample_answer": f"A staged plan for {topic}, measured, with a rollback and a note to "
                         "every team.",
        **cells,
    }


def team_bank(directory: Path, *, roles: bool = True) -> Path:
    """A team's bank before the import: its competency, a role that asks two of the
    questions the import brings, and a handout."""
    write_bank(directory, roles=[ROLE] if roles else [], settings={"competencies": [PLATFORM]})
    (directory / "handouts").mkdir()
    (directory / "handouts" / "cluster.txt").write_text("node pools: 3\n")
    return directory


def write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows({name: cells.get(name, "") for name in columns} for cells in rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    """A workbook as a person makes one: typed values (numbers stay numbers), formulas."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "questions"
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def rewrite_sheet(source: Path, target: Path, change: Callable[[str], str]) -> Path:
    """A copy of a workbook with the XML of its first sheet changed, as a crafted file is."""
    with zipfile.ZipFile(source) as plain, zipfile.ZipFile(target, "w") as crafted:
        for member in plain.infolist():
            data = plain.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            crafted.writestr(member, data)
    return target


def shipped_origin(qid: str) -> str:
    return load_bank(use_cache=False).origins[qid]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory, where the sheets are; messages name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- bad rows: every problem, located, at once; nothing written ------------------------------

def test_a_csv_with_bad_rows_says_every_problem_by_row_and_column(invoke: Any, work: Path
                                                                   ) -> None:
    team = team_bank(work / "team")
    before = sorted(str(p) for p in team.rglob("*"))
    columns = [*COLUMNS[:5], "scored", "handout", "timing", *COLUMNS[5:], "interviewer notes"]
    write_csv(work / "platform.csv", [
        row("upgrades", UPGRADES, id="platform-upgrades"),                           # 2: good
        row("capacity", CAPACITY, competency="platfrom"),                            # 3
        row("capacity", CAPACITY, kind="technicl", levels="senior, principal"),      # 4
        row("capacity", CAPACITY, minutes="twenty", look_for=""),                    # 5
        row("capacity", CAPACITY, minutes="500", rubric_3=""),                       # 6
        row("capacity", CAPACITY, id="platform-upgrades"),                           # 7
        row("capacity", CAPACITY, id="design-caching-python-services"),              # 8
        row("capacity", CAPACITY, id="Platform Capacity", scored="maybe"),           # 9
        row("capacity", CAPACITY, handout="missing.txt", timing="ten: read"),        # 10
        row("capacity", "   ", rubric_2="=1+1"),                                     # 11
    ], columns)
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert result.exit_code == 2
    origin = shipped_origin("design-caching-python-services")
    assert result.stderr.splitlines() == [
        "platform.csv:1:interviewer notes: unknown column",
        "platform.csv:3:competency: unknown competency 'platfrom' (did you mean 'platform'?); "
        "known: design, ops, leadership, people, culture, coding, platform",
        "platform.csv:4:kind: unknown kind 'technicl' (did you mean 'technical'?); valid kinds: "
        "technical, behavioral, situational, motivational, exercise",
        "platform.csv:4:levels: unknown level 'principal'; known: junior, mid, senior, staff",
        "platform.csv:5:minutes: expected a whole number of minutes, got 'twenty'",
        "platform.csv:5:look_for: required: the cell is empty",
        "platform.csv:6:minutes: input should be less than or equal to 120",
        "platform.csv:6:rubric_3: a scored question needs an anchor for every rating value "
        "(1-4); this one is empty",
        "platform.csv:7:id: duplicate id 'platform-upgrades' (also row 2)",
        f"platform.csv:8:id: the bank already has a question 'design-caching-python-services' "
        f"({origin}); give another id, or pass --replace to replace it",
        "platform.csv:9:id: 'Platform Capacity' is not a valid id: use lowercase letters, "
        "digits and hyphens, starting with a letter or digit",
        "platform.csv:9:scored: expected yes or no, got 'maybe'",
        "platform.csv:10:handout: handouts/missing.txt file not found",
        "platform.csv:10:timing: line 1: expected 'MINUTES: step', such as '10: The candidate "
        "reads the code', got 'ten: read'",
        "platform.csv:11:prompt: required: the cell is empty",
        "15 problems found",
    ]
    # the formula-looking anchor of row 11 is text (as a spreadsheet shows it), not a problem
    assert sorted(str(p) for p in team.rglob("*")) == before


def test_every_problem_is_one_line_whatever_the_cells_hold(invoke: Any, work: Path) -> None:
    """A cell may hold line breaks (Alt+Enter), which a message quoting it printed: a problem
    then took two lines, and a crafted cell could print a line of its own that looks like a
    problem or a success. Banks' own messages quote their values alike."""
    team_bank(work / "team", roles=False)
    odd = "notes\nteam/questions/platform.yaml: ok"
    columns = [*COLUMNS, odd]
    write_csv(work / "platform.csv", [
        {**row("upgrades", UPGRADES, id="platform-up\ngrades"), odd: "x"},
        row("capacity", CAPACITY, id="platform-up\ngrades")], columns)
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "platform.csv:1:notes team/questions/platform.yaml: ok: unknown column",
        "platform.csv:2:id: 'platform-up grades' is not a valid id: use lowercase letters, "
        "digits and hyphens, starting with a letter or digit",
        "platform.csv:3:id: duplicate id 'platform-up grades' (also row 2)",
        "3 problems found",
    ]
    write_bank(work / "yaml", [question("design-a\u2028b")])
    result = invoke("bank", "validate", "--bank", "yaml")
    assert result.stderr.splitlines() == [
        "yaml/questions/q.yaml:2:3: questions[0].id: 'design-a b' is not a valid id: use "
        "lowercase letters, digits and hyphens, starting with a letter or digit"]


def test_problems_the_bank_finds_are_put_back_in_their_row_and_column(invoke: Any, work: Path
                                                                     ) -> None:
    team_bank(work / "team")
    columns = [*COLUMNS[:5], "scored", "handout", "timing", *COLUMNS[5:], "rubric_staff_3"]
    write_csv(work / "platform.csv", [
        row("upgrades", UPGRADES, handout="missing.txt"),                             # 2
        row("capacity", CAPACITY, kind="exercise", minutes="20"),                      # 3
        row("capacity", CAPACITY, timing="10: Read the config", minutes="15"),         # 4
        row("capacity", CAPACITY, rubric_staff_3="Asked at staff, it does not apply."),  # 5
        row("capacity", CAPACITY, scored="no", rubric_1="", rubric_2="", rubric_3="",
            rubric_4="", look_for="x", follow_ups="y\n\n"),                          # 6: ok
    ], columns)
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "platform.csv:2:handout: handouts/missing.txt file not found",
        "platform.csv:3:kind: an exercise needs a handout: the code or text the candidate "
        "works on, in handouts/",
        "platform.csv:3:kind: an exercise needs timing: its steps, each with minutes and what "
        "happens",
        "platform.csv:4:timing: only an exercise (kind: exercise) has timing",
        "platform.csv:5:rubric_staff_3: level 'staff' is not one of the question's levels "
        "(senior)",
        "5 problems found",
    ]
    assert not (work / "team" / "questions" / "platform.yaml").exists()


def test_an_xlsx_with_bad_rows_says_every_problem_by_row_and_column(invoke: Any, work: Path
                                                                     ) -> None:
    team = team_bank(work / "team")
    header = [c if c != "prompt" else "promt" for c in COLUMNS]
    good = row("upgrades", UPGRADES)
    write_xlsx(work / "platform.xlsx", [
        header,
        [*(good[c] for c in COLUMNS[:4]), 20, *(good[c] for c in COLUMNS[5:])],
        [*(good[c] for c in COLUMNS[:4]), "=10+5", *(good[c] for c in COLUMNS[5:])],
        [*(good[c] for c in COLUMNS[:4]), 15.5, *(good[c] for c in COLUMNS[5:])],
    ])
    result = invoke("questions", "import", "platform.xlsx", "--into", "team")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "platform.xlsx:1:promt: unknown column (did you mean 'prompt'?)",
        "platform.xlsx:1:prompt: missing column (every question needs one)",
        "platform.xlsx:3:minutes: E3 holds a formula (=10+5); paste its value instead",
        "platform.xlsx:4:minutes: expected a whole number of minutes, got '15.5'",
        "4 problems found",
    ]
    assert not (team / "questions" / "platform.yaml").exists()


# -- good files: a bank that validates, lints clean and builds a kit -------------------------

@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_good_sheet_imports_validates_lints_and_builds(invoke: Any, work: Path,
                                                         suffix: str) -> None:
    team = team_bank(work / "team")
    rows = [row("upgrades", UPGRADES), row("capacity", CAPACITY, id="platform-capacity")]
    if suffix == ".csv":
        write_csv(work / f"platform{suffix}", rows)
    else:  # as typed in a spreadsheet: minutes a number, a date where text goes
        rows[1]["why"] = datetime(2026, 3, 1)
        write_xlsx(work / f"platform{suffix}", [COLUMNS, *(
            [int(cells[c]) if c == "minutes" else cells[c] for c in COLUMNS] for cells in rows)])
    result = invoke("questions", "import", f"platform{suffix}", "--into", "team")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "row 2: id platform-forty-product-teams-deploy (made from the prompt; put it in the "
        "sheet to keep it)",
        "wrote 2 questions to team/questions/platform.yaml",
    ]
    written = (team / "questions" / "platform.yaml").read_text()
    assert written.startswith(f"{MARKER} from platform{suffix}.\n")
    assert "  - id: platform-capacity\n    competency: platform\n    kind: technical\n" \
        "    levels: [senior]\n    minutes: 20\n    tags: [kubernetes, platform]\n" \
        "    prompt: >-\n" in written
    assert "\n\n  - id: platform-capacity" in written  # a blank line between questions
    data = yaml.safe_load(written)["questions"]
    assert data[0]["look_for"] == ["Names the steps in order", "Says how a failure is noticed",
                                   "Plans how the affected teams hear about it"]
    assert data[0]["rubric"][3].endswith("without the rollback path, rate 2.")
    assert data[1]["why"] == ("2026-03-01" if suffix == ".xlsx" else rows[1]["why"])
    assert invoke("bank", "validate", "--bank", "team").stdout.startswith("ok: ")
    linted = invoke("bank", "lint", "--bank", "team")
    assert linted.exit_code == 0, linted.stdout
    built = invoke("kit", "build", "--role", "platform-engineer", "--candidate", "Ada Lovelace",
                   "--bank", "team", "--format", "html", "--out", "out")
    assert built.exit_code == 0, built.output
    guide = (work / "out" / "guide-platform.html").read_text()
    assert "Forty product teams deploy to a cluster every day" in guide
    assert "how many nodes a shared environment needed" in guide


def test_ids_made_from_prompts_are_unique_in_the_bank_and_the_file(invoke: Any, work: Path
                                                                  ) -> None:
    team_bank(work / "team", roles=False)
    write_bank(work / "team", [question("platform-forty-product-teams-deploy", "platform")],
               settings={"competencies": [PLATFORM]})
    write_csv(work / "more.csv", [
        row("upgrades", UPGRADES),
        row("upgrades", UPGRADES.replace("a cluster", "two clusters")),
        row("capacity", "Ünïcödé, then: the node pools!", id="platform-forty-product-teams"
            "-deploy-3"),
        row("capacity", "How would you do it?"),
    ])
    result = invoke("questions", "import", "more.csv", "--into", "team")
    assert result.exit_code == 0, result.output
    made = [line.split()[3] for line in result.stdout.splitlines() if "made from" in line]
    assert made == ["platform-forty-product-teams-deploy-2",
                    "platform-forty-product-teams-deploy-4", "platform-question"]
    ids = [q.id for q in load_bank(work / "team", use_cache=False).questions
           if q.competency == "platform"]
    assert ids == [*made[:2], "platform-forty-product-teams-deploy-3", made[2],
                   "platform-forty-product-teams-deploy"]  # more.yaml, then q.yaml


def test_the_target_is_the_last_bank_of_interviewkit_toml_else_into_is_asked_for(
        invoke: Any, work: Path) -> None:
    write_csv(work / "platform.csv", [row("upgrades", UPGRADES)])
    asked = invoke("questions", "import", "platform.csv")
    assert asked.exit_code == 2
    assert asked.stderr == ("error: say which bank directory the questions go to: --into DIR "
                            "(or banks in interviewkit.toml, INTERVIEWKIT_BANK or --bank)\n")
    team_bank(work / "first", roles=False)
    (work / "interviewkit.toml").write_text('banks = ["first", "second"]\n')
    result = invoke("questions", "import", "platform.csv")
    assert result.exit_code == 0, result.output
    assert (work / "second" / "questions" / "platform.yaml").is_file()
    assert not (work / "first" / "questions" / "platform.yaml").exists()


def test_dry_run_force_and_replace(invoke: Any, work: Path) -> None:
    team = team_bank(work / "team")
    write_csv(work / "platform.csv", [row("upgrades", UPGRADES, id="platform-upgrades"),
                                      row("capacity", CAPACITY, id="platform-capacity")])
    dry = invoke("questions", "import", "platform.csv", "--into", "team", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout == ("ok: 2 questions checked; team/questions/platform.yaml would be "
                          "written (--dry-run: nothing written)\n")
    assert not (team / "questions").exists()
    assert invoke("questions", "import", "platform.csv", "--into", "team").exit_code == 0
    again = invoke("questions", "import", "platform.csv", "--into", "team")
    assert again.exit_code == 2
    assert again.stderr == ("error: team/questions/platform.yaml already exists; --force "
                            "writes over it when an earlier import wrote it\n")
    forced = invoke("questions", "import", "platform.csv", "--into", "team", "--force")
    assert forced.exit_code == 0, forced.output
    assert forced.stdout.endswith("(replacing what an earlier import wrote)\n")
    # a file a person wrote (its first line is theirs) is never written over
    (team / "questions" / "platform.yaml").write_text(
        "# ours\n" + (team / "questions" / "platform.yaml").read_text())
    refused = invoke("questions", "import", "platform.csv", "--into", "team", "--force")
    assert refused.exit_code == 2
    assert "was not written by questions import" in refused.stderr
    assert (team / "questions" / "platform.yaml").read_text().startswith("# ours\n")
    # an id of the bank's: an error, or with --replace a question that replaces it
    shipped = "design-caching-python-services"
    write_csv(work / "ours.csv", [row("capacity", "A changed prompt about node pools?",
                                      id=shipped)])
    duplicate = invoke("questions", "import", "ours.csv", "--into", "team")
    assert duplicate.exit_code == 2
    assert duplicate.stderr == (f"ours.csv:2:id: the bank already has a question '{shipped}' "
                                f"({shipped_origin(shipped)}); give another id, or pass "
                                "--replace to replace it\n")
    replaced = invoke("questions", "import", "ours.csv", "--into", "team", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert f"  - id: {shipped}\n    replaces: true\n" in (team / "questions" / "ours.yaml"
                                                        ).read_text()
    bank = load_bank(team, use_cache=False)
    changed = bank.question(shipped)
    assert changed is not None and changed.prompt == "A changed prompt about node pools?"
    # a question of the team's own directory is changed there, not replaced from a sheet
    write_csv(work / "again.csv", [row("capacity", CAPACITY, id="platform-upgrades")])
    same = invoke("questions", "import", "again.csv", "--into", "team", "--replace")
    assert same.exit_code == 2
    assert same.stderr.startswith("again.csv:2:id: the bank already has a question "
                                  "'platform-upgrades' in this directory "
                                  "(team/questions/platform.yaml:")


def test_questions_are_written_only_where_the_bank_reads_them(invoke: Any, work: Path
                                                             ) -> None:
    """A questions folder that is a link out of the bank directory (the loader refuses what
    is there) or not a folder, and a target that is a file, are said before anything is
    checked or written."""
    team = team_bank(work / "team", roles=False)
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    (team / "questions").symlink_to(elsewhere)
    write_csv(work / "platform.csv", [row("upgrades", UPGRADES, id="platform-upgrades")])
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert (result.exit_code, result.stderr) == (2, (
        "error: team/questions is a link to a directory outside the bank directory team; "
        "the bank reads no questions there\n"))
    assert list(elsewhere.iterdir()) == []
    (team / "questions").unlink()
    (team / "questions").write_text("")
    result = invoke("questions", "import", "platform.csv", "--into", "team", "--dry-run")
    assert (result.exit_code, result.stderr) == (2, "error: team/questions is not a "
                                                 "directory\n")
    (work / "notes.txt").write_text("")
    result = invoke("questions", "import", "platform.csv", "--into", "notes.txt")
    assert (result.exit_code, result.stderr) == (2, "error: notes.txt is not a directory; "
                                                 "questions go to a bank directory\n")
    assert (work / "notes.txt").read_text() == ""
    # a questions folder that is a link inside the bank directory is read, and written
    (team / "questions").unlink()
    (team / "kept").mkdir()
    (team / "questions").symlink_to("kept")
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert result.exit_code == 0, result.output
    assert invoke("bank", "validate", "--bank", "team").exit_code == 0


def test_lint_warnings_are_said_and_fail_the_import_only_when_strict(invoke: Any, work: Path
                                                                    ) -> None:
    team = team_bank(work / "team", roles=False)
    write_csv(work / "platform.csv", [row("upgrades", UPGRADES, id="platform-upgrades",
                                          rubric_1="Says nothing.")])
    strict = invoke("questions", "import", "platform.csv", "--into", "team", "--strict")
    assert strict.exit_code == 1
    said = ("platform-upgrades.rubric.1: anchor has 2 words; describe what the candidate does "
            "in at least 10")
    # where the team edits: the sheet's row and column; bank lint: the YAML's line
    assert strict.stdout == f"platform.csv:2:rubric_1: {said}\n"
    assert strict.stderr == ("1 lint warning on the imported questions, in the sheet's rows "
                             "and columns (bank lint says the same at their lines in "
                             "team/questions/platform.yaml)\nnothing written (--strict)\n")
    assert not (team / "questions").exists()
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"platform.csv:2:rubric_1: {said}"
    assert invoke("bank", "lint", "--bank", "team").stdout.splitlines() == [
        f"team/questions/platform.yaml:5: {said}"]
    # a warning asking for a level's anchor names the column to add
    write_csv(work / "levels.csv", [row("upgrades", UPGRADES, id="platform-levels",
                                        levels="senior, staff")])
    levels = invoke("questions", "import", "levels.csv", "--into", "team", "--dry-run")
    assert levels.stdout.splitlines()[0] == (
        "levels.csv:2:rubric_staff_3: platform-levels.level_rubrics: asked at senior and staff "
        "with one rubric: say in a rubric_staff_3 column what is enough at staff")


# -- the round trip --------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_shipped_bank_survives_a_round_trip_through_a_spreadsheet(
        invoke: Any, work: Path, suffix: str) -> None:
    exported = invoke("questions", "export", "--out", f"bank{suffix}")
    assert exported.exit_code == 0, exported.output
    assert exported.stderr == f"wrote 71 questions to bank{suffix}\n"
    team = work / "team"
    shutil.copytree(SHIPPED / "handouts", team / "handouts")  # a handout is a file of a bank
    imported = invoke("questions", "import", f"bank{suffix}", "--into", "team", "--replace")
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == "wrote 71 questions to team/questions/bank.yaml\n"
    shipped = load_bank(use_cache=False).questions
    again = load_bank(team, use_cache=False).questions
    assert all(q.replaces for q in again)
    assert [q.model_dump(exclude={"replaces"}) for q in again] == \
        [q.model_dump(exclude={"replaces"}) for q in shipped]


def test_export_keeps_formula_looking_text_text_and_the_round_trip_whole(
        invoke: Any, work: Path) -> None:
    texts = {"prompt": '=HYPERLINK("http://example.com/x","Open the runbook")',
             "why": "'=already written with an apostrophe",
             "sample_answer": "@SUM(A1:A9) is not a formula here", "look_for": ["-1 is returned",
                                                                          "+2 more", "plain"]}
    write_bank(work / "team", [question("platform-odd", "platform", **texts)],
               settings={"competencies": [PLATFORM]})
    shown = invoke("questions", "export", "--bank", "team", "-c", "platform")
    assert shown.exit_code == 0, shown.output
    (record,) = csv.DictReader(io.StringIO(shown.stdout))
    assert record["prompt"] == "'" + texts["prompt"]
    assert record["why"] == "''=already written with an apostrophe"
    assert record["sample_answer"] == "'@SUM(A1:A9) is not a formula here"
    assert record["look_for"] == "'-1 is returned\n+2 more\nplain"  # only a cell's start runs
    (work / "platform.csv").write_text(shown.stdout)
    assert invoke("questions", "export", "--bank", "team", "-c", "platform", "--out",
                  "platform.xlsx").exit_code == 0
    sheet = load_workbook(work / "platform.xlsx")["questions"]
    header = [cell.value for cell in sheet[1]]
    prompt = sheet.cell(2, header.index("prompt") + 1)
    assert (prompt.value, prompt.data_type, prompt.quotePrefix) == (texts["prompt"], "s", True)
    why = sheet.cell(2, header.index("why") + 1)
    assert (why.value, why.data_type) == ("''=already written with an apostrophe", "s")
    assert sheet.freeze_panes == "A2"
    original = load_bank(work / "team", use_cache=False).question("platform-odd")
    for name in ("platform.csv", "platform.xlsx"):
        target = work / name.replace(".", "-")
        write_bank(target, settings={"competencies": [PLATFORM]})
        result = invoke("questions", "import", name, "--into", str(target.name))
        assert result.exit_code == 0, result.output
        again = load_bank(target, use_cache=False).question("platform-odd")
        assert again == original


def test_export_writes_only_the_level_columns_used_and_never_over_a_file(invoke: Any,
                                                                          work: Path) -> None:
    shown = invoke("questions", "export", "-c", "people", "-l", "staff")
    assert shown.exit_code == 0
    header = shown.stdout.splitlines()[0].split(",")
    used = sorted({f"rubric_{level}_{value}" for q in load_bank(use_cache=False).questions
                   if q.competency == "people" and "staff" in q.levels
                   for level, anchors in q.level_rubrics.items() for value in anchors})
    assert sorted(c for c in header if c.count("_") == 2 and c.startswith("rubric_")) == used
    (work / "people.csv").write_text("mine\n")
    refused = invoke("questions", "export", "-c", "people", "--out", "people.csv")
    assert refused.exit_code == 2
    assert refused.stderr == "error: people.csv already exists; --force writes over it\n"
    assert (work / "people.csv").read_text() == "mine\n"
    wrong = invoke("questions", "export", "--out", "people.ods")
    assert wrong.stderr == "error: --out people.ods: name a .csv or .xlsx file\n"


# -- files that are not a sheet of questions ---------------------------------------------------

def test_a_zip_bomb_is_refused_before_it_is_unpacked(invoke: Any, work: Path) -> None:
    team_bank(work / "team")
    with zipfile.ZipFile(work / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(100 * 1024 * 1024))
    assert (work / "bomb.xlsx").stat().st_size < 1024 * 1024  # a ratio of over 100 to 1
    result = invoke("questions", "import", "bomb.xlsx", "--into", "team")
    assert result.exit_code == 2
    assert result.stderr == "bomb.xlsx: unpacks to 100 MiB; the limit is 64 MiB (not unpacked)\n"
    # within the size limit, but packed as no text packs: 60 MiB of one repeated string
    with zipfile.ZipFile(work / "dense.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<si><t>x</t></si>" * (60 * 1024 * 1024 // 17))
    dense = invoke("questions", "import", "dense.xlsx", "--into", "team")
    assert dense.exit_code == 2
    assert dense.stderr.startswith("dense.xlsx: xl/sharedStrings.xml unpacks to 60 MiB from ")
    assert "more than 100 to 1" in dense.stderr and "not unpacked" in dense.stderr
    with zipfile.ZipFile(work / "many.xlsx", "w") as archive:
        for index in range(1001):
            archive.writestr(f"xl/{index}.xml", b"")
    many = invoke("questions", "import", "many.xlsx", "--into", "team")
    assert many.stderr == ("many.xlsx: holds 1001 files; an Excel workbook of questions holds a "
                           "few dozen (the limit is 1000)\n")


def test_files_that_are_no_sheet_are_refused_in_one_line(invoke: Any, work: Path) -> None:
    team_bank(work / "team")
    outside = write_csv(work.parent / f"{work.name}-outside.csv", [row("upgrades", UPGRADES)])
    (work / "linked.csv").symlink_to(outside)
    (work / "big.csv").write_bytes(b"id\n" + b"x" * (6 * 1024 * 1024))
    (work / "latin.csv").write_bytes("id,prompt\n,Caf\xe9\n".encode("latin-1"))
    (work / "wide.csv").write_bytes("id\n".encode("utf-16"))
    (work / "fake.xlsx").write_text("id,prompt\n")
    (work / "notes.txt").write_text("id\n")
    (work / "header.csv").write_text(",".join(COLUMNS) + "\n")
    expected = {
        "linked.csv": "linked.csv: is a link to a file outside its directory; only files "
                      "inside it are read",
        "big.csv": "big.csv: is 6.0 MiB; the limit is 5 MiB: split the questions into "
                   "several files",
        "latin.csv": "latin.csv: not UTF-8 text (the byte 0xE9 on line 2); save it as CSV "
                     "UTF-8 (in Excel: Save As, CSV UTF-8 (Comma delimited))",
        "wide.csv": "wide.csv: is UTF-16 text; save it as CSV UTF-8 (in Excel: Save As, CSV "
                    "UTF-8 (Comma delimited))",
        "fake.xlsx": "fake.xlsx: is not an Excel workbook (not a zip archive); save it from "
                     "the spreadsheet as .xlsx, or as CSV UTF-8",
        "notes.txt": "notes.txt: not a .csv or .xlsx file; save the sheet as CSV UTF-8 or as "
                     "an Excel workbook (.xlsx)",
        "header.csv": "header.csv: a header row and no questions below it",
        "missing.csv": "missing.csv: file not found",
    }
    for name, message in expected.items():
        result = invoke("questions", "import", name, "--into", "team")
        assert (result.exit_code, result.stderr) == (2, message + "\n"), name
    assert not (work / "team" / "questions").exists()


def test_an_xml_entity_bomb_in_a_workbook_is_refused_not_expanded(invoke: Any, work: Path
                                                                 ) -> None:
    team_bank(work / "team")
    write_xlsx(work / "plain.xlsx", [COLUMNS, [row("upgrades", UPGRADES)[c] for c in COLUMNS]])
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(work / "plain.xlsx") as plain, \
            zipfile.ZipFile(work / "lol.xlsx", "w") as bomb:
        for member in plain.infolist():
            data = plain.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":  # a billion "lol"s in one cell
                sheet = data.decode()
                sheet = sheet[sheet.index("<worksheet"):].replace(UPGRADES, "&a9;")
                data = f"<!DOCTYPE worksheet [{entities}]>{sheet}".encode()
            bomb.writestr(member, data)
    result = invoke("questions", "import", "lol.xlsx", "--into", "team")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "lol.xlsx: cannot be read as an Excel workbook (ParseError: "), result.stderr


@pytest.mark.parametrize(("name", "reason"), [
    ("a" * 251 + ".csv", "longer than 100 characters"),
    ("platform:ops.csv", "Windows refuses ':' in a file name"),
    ("con.csv", "'con' names a device on Windows"),
    ("platform .csv", "it starts or ends with a space"),
    ("platform..csv", "Windows drops a dot at the end of a name"),
    (".platform.csv", "a name that starts with a dot is hidden"),
])
def test_a_sheet_whose_name_makes_no_portable_file_name_is_refused(invoke: Any, work: Path,
                                                                    name: str, reason: str
                                                                    ) -> None:
    """The questions file is named after the sheet and kept in the team's repository, which
    is checked out on every system (a name of 251 characters was a traceback: the file
    system's limit is 255 bytes)."""
    team = team_bank(work / "team", roles=False)
    write_csv(work / name, [row("upgrades", UPGRADES, id="platform-upgrades")])
    result = invoke("questions", "import", name, "--into", "team")
    assert (result.exit_code, result.stderr) == (2, (
        f"{name}: its name makes no questions file ({reason}): rename it, such as "
        "platform.csv\n"))
    assert not (team / "questions").exists()


def test_a_title_above_the_header_is_one_problem(invoke: Any, work: Path) -> None:
    """A person's sheet often starts with a title, merged across the columns: the header is
    then the second row, and every column seemed missing and every value unnamed (45 lines)."""
    team_bank(work / "team", roles=False)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for values in (["Platform questions, 2025"], COLUMNS,
                   [row("upgrades", UPGRADES)[c] for c in COLUMNS]):
        sheet.append(values)
    sheet.merge_cells("A1:P1")
    book.save(work / "titled.xlsx")
    result = invoke("questions", "import", "titled.xlsx", "--into", "team")
    assert (result.exit_code, result.stderr) == (2, (
        "titled.xlsx:1: names none of the columns (id, competency, kind, levels, ...): the "
        "header is the first row; delete the rows above it\n"))


def test_the_sheet_read_is_a_visible_one_named_questions_in_any_case(invoke: Any, work: Path
                                                                     ) -> None:
    team = team_bank(work / "team", roles=False)
    upgrades = [row("upgrades", UPGRADES, id="platform-upgrades")[c] for c in COLUMNS]
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Read me"
    notes.append(["Fill in the Questions sheet: a question a row."])
    questions = book.create_sheet("Questions")
    for values in (COLUMNS, upgrades):
        questions.append(values)
    book.save(work / "named.xlsx")
    result = invoke("questions", "import", "named.xlsx", "--into", "team", "--dry-run")
    assert result.exit_code == 0, result.output
    # a hidden sheet is not what the person who reviewed the workbook saw
    book = Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.sheet_state = "hidden"
    hidden.append(COLUMNS)
    hidden.append([row("capacity", CAPACITY, id="platform-hidden")[c] for c in COLUMNS])
    shown = book.create_sheet("Platform")
    for values in (COLUMNS, upgrades):
        shown.append(values)
    book.save(work / "hidden.xlsx")
    result = invoke("questions", "import", "hidden.xlsx", "--into", "team")
    assert result.exit_code == 0, result.output
    assert "platform-hidden" not in (team / "questions" / "hidden.yaml").read_text()


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_separated_by_semicolons_or_tabs_is_read_as_written(invoke: Any, work: Path,
                                                                   separator: str) -> None:
    """Excel writes its locale's list separator, a semicolon where the comma is the decimal
    mark (most of Europe), even as "CSV UTF-8 (Comma delimited)"; some tools write tabs."""
    team_bank(work / "team")
    with (work / "platform.csv").open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=separator)
        writer.writeheader()  # cells hold commas and semicolons: "kubernetes, platform"
        writer.writerow(row("upgrades", UPGRADES, id="platform-upgrades"))
        writer.writerow(row("capacity", CAPACITY, id="platform-capacity"))
    result = invoke("questions", "import", "platform.csv", "--into", "team")
    assert result.exit_code == 0, result.output
    bank = load_bank(work / "team", use_cache=False)
    imported = bank.question("platform-upgrades")
    assert imported is not None and imported.tags == ("kubernetes", "platform")
    assert imported.rubric[3].endswith("affected teams; without the rollback path, rate 2.")


def test_empty_cells_after_the_last_column_are_not_columns(invoke: Any, work: Path) -> None:
    """A sheet's used range often reaches past its columns (a cell typed in and cleared, a
    header formatted along the row): a CSV writes those cells empty, an .xlsx keeps them."""
    team_bank(work / "team", roles=False)
    written = io.StringIO()
    writer = csv.DictWriter(written, fieldnames=[*COLUMNS, *(f"x{i}" for i in range(230))],
                            restval="")
    writer.writerow({name: name for name in COLUMNS})  # the header's empty cells after it
    writer.writerow(row("upgrades", UPGRADES, id="platform-upgrades"))
    (work / "used.csv").write_text(written.getvalue(), newline="")
    result = invoke("questions", "import", "used.csv", "--into", "team", "--dry-run")
    assert result.exit_code == 0, result.output
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(COLUMNS)
    sheet.append([row("capacity", CAPACITY, id="platform-capacity")[c] for c in COLUMNS])
    for place in range(1, 261):
        sheet.cell(1, place).font = Font(bold=True)
    book.save(work / "bold.xlsx")
    result = invoke("questions", "import", "bold.xlsx", "--into", "team", "--dry-run")
    assert result.exit_code == 0, result.output
    # values past the 200 columns a sheet may have: one line, not one a cell
    wide = row("upgrades", UPGRADES, id="platform-upgrades")
    lines = [",".join(COLUMNS), ",".join(f'"{wide[c]}"' for c in COLUMNS) + ",x" * 1000]
    (work / "wide.csv").write_text("\n".join(lines) + "\n")
    result = invoke("questions", "import", "wide.csv", "--into", "team")
    assert (result.exit_code, result.stderr) == (2, "wide.csv:2: more than 200 columns (a "
                                                 "value in column AMB)\n")


def test_a_workbook_that_reaches_far_is_refused_before_it_is_read_cell_by_cell(
        invoke: Any, work: Path) -> None:
    """openpyxl makes every row up to the number a row names, and every cell of a row up to
    its last: a few kilobytes could name row 10**12 (hours of empty rows) or make each row
    16,384 cells wide."""
    team = team_bank(work / "team", roles=False)
    before = sorted(str(p) for p in team.rglob("*"))
    plain = write_xlsx(work / "plain.xlsx", [COLUMNS, [row("upgrades", UPGRADES)[c]
                                                       for c in COLUMNS]])
    far = '<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>x</t></is></c></row>'
    rewrite_sheet(plain, work / "far.xlsx", lambda s: s.replace("</sheetData>",
                                                                far + "</sheetData>"))
    result = invoke("questions", "import", "far.xlsx", "--into", "team")
    assert (result.exit_code, result.stderr) == (2, "far.xlsx: has rows beyond row "
                                                 "1,048,576, the last a spreadsheet has\n")
    wide = "".join(f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t></t></is></c></row>'
                   for n in range(3, 1003))  # empty cells in the last column
    rewrite_sheet(plain, work / "wide.xlsx", lambda s: s.replace("</sheetData>",
                                                                 wide + "</sheetData>"))
    result = invoke("questions", "import", "wide.xlsx", "--into", "team")
    assert (result.exit_code, result.stderr) == (2, (
        "wide.xlsx: more than 10,000,000 cells, counting the empty ones up to the last cell "
        "of each row (row 613 reaches column XFD); delete the empty rows and columns around "
        "the questions\n"))
    assert sorted(str(p) for p in team.rglob("*")) == before


# -- properties ------------------------------------------------------------------------------

text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\ufeff"),
               max_size=40)


@given(text)
def test_cell_escapes_are_undone_exactly_and_leave_nothing_to_run(value: str) -> None:
    for escaped in (csv_cell(value), xlsx_cell(value)):
        assert unescape_cell(escaped) == value
    assert not csv_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))


# Any text a cell can hold: control characters, line and paragraph separators too.
words = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=120
                ).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(prompt=words, item=words, anchor=words,
       paragraphs=st.lists(words, min_size=1, max_size=3).map("\n\n".join))
# NEL (U+0085, what a Windows-1252 ellipsis becomes when read as Latin-1): PyYAML wrote it
# as a line break, which reads back as a space
@example(prompt="Wait\x85 what then?", item="One\x85two", anchor="Says\x85 more",
         paragraphs="First\x85")
@example(prompt="A\u2028B\u2029C", item="\x1b[31mred", anchor="\ufeffmark", paragraphs="\x00")
def test_written_yaml_reads_back_as_the_same_questions(prompt: str, item: str, anchor: str,
                                                       paragraphs: str) -> None:
    made = QuestionFile.model_validate({"questions": [question(
        "design-any", prompt=prompt, look_for=[item, "x " * 40], why=paragraphs,
        rubric={1: anchor, 2: "b", 3: "c", 4: "d"}, level_rubrics={"staff": {3: anchor}},
        levels=["senior", "staff"], tags=["yes", "no"])]}).questions
    document = parse_yaml(Path("questions.yaml"), questions_yaml(made, "sheet.csv"))
    assert QuestionFile.model_validate(document.data).questions == made


@pytest.mark.parametrize("written", ["No", "n", "FALSE", "0", 0, False])
def test_scored_is_read_as_people_fill_a_yes_no_column(invoke: Any, work: Path,
                                                       written: Any) -> None:
    team_bank(work / "team", roles=False)
    cells = row("capacity", CAPACITY, id="platform-notes", rubric_1="", rubric_2="",
                rubric_3="", rubric_4="") | {"scored": written}
    values = [cells.get(name, "") for name in [*COLUMNS, "scored"]]
    write_xlsx(work / "notes.xlsx", [[*COLUMNS, "scored"],
                                     [None if value == "" else value for value in values]])
    result = invoke("questions", "import", "notes.xlsx", "--into", "team", "--dry-run")
    assert result.exit_code == 0, result.output
