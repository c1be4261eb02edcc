"""A new team's first slips, said so that the team knows what went wrong and how to go on:
a typo in --into, a day run from the wrong folder, a card in the wrong kit, an unfinished
card, a list cell separated the wrong way, a YAML card's evidence as a list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ..conftest import SHIPPED

ROLE = "senior-python-engineer"


@pytest.fixture
def team(tmp_path: Path, invoke: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bank repository as `init` writes it, with the working directory beside it."""
    monkeypatch.chdir(tmp_path)
    made = invoke("init", "team-bank", "--company", "Example")
    assert made.exit_code == 0, made.stderr
    return tmp_path / "team-bank"


def design_sheet(path: Path, competency: str) -> Path:
    """A one-question sheet as `questions export` writes one, of the given competency."""
    header = ("id,competency,kind,levels,minutes,prompt,why,look_for,follow_ups,red_flags,"
              "rubric_1,rubric_2,rubric_3,rubric_4,sample_answer")
    cells = [f"{competency}-typo-check", competency, "behavioral", "senior", "15",
             "Tell me about a launch you measured.", "Shows how they learn from a launch.",
             "Names a measure", "What next?", "Guesses", "None.", "Some.", "Enough.", "All.",
             "A launch."]
    path.write_text(header + "\n" + ",".join(cells) + "\n", encoding="utf-8")
    return path


# -- 1: --into a folder that is no bank ---------------------------------------------------

def test_import_into_a_misspelt_folder_is_refused_and_names_the_bank(
        team: Path, invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    design_sheet(tmp_path / "design.csv", "design")
    monkeypatch.chdir(team)  # where interviewkit.toml names the bank, as a team runs it
    result = invoke("questions", "import", "../design.csv", "--into", "team-bnk")
    assert result.exit_code == 2
    assert not (team / "team-bnk").exists()
    assert "team-bnk" in result.stderr and "does not exist" in result.stderr
    assert "mkdir" in result.stderr  # how to go on: create it ...
    assert "--into ." in result.stderr  # ... or name the team's bank
    # a folder that holds other things but no bank is refused the same way
    (team / "docs").mkdir()
    (team / "docs" / "handbook.md").write_text("# Our handbook\n")
    other = invoke("questions", "import", "../design.csv", "--into", "docs")
    assert other.exit_code == 2
    assert "docs is not a bank directory" in other.stderr
    assert [p.name for p in (team / "docs").iterdir()] == ["handbook.md"]


def test_an_import_into_a_bank_no_command_loads_says_how_to_load_it(
        tmp_path: Path, invoke: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `roles new` does: written where no setting points, the next command would not see
    the questions; it says so once, on stderr, and not when the bank is one in use."""
    monkeypatch.chdir(tmp_path)
    design_sheet(tmp_path / "design.csv", "design")
    (tmp_path / "new-bank").mkdir()
    result = invoke("questions", "import", "design.csv", "--into", "new-bank")
    assert result.exit_code == 0, result.stderr
    assert "new-bank/questions/design.yaml" in result.stdout
    assert "load it with --bank new-bank" in result.stderr
    assert invoke("questions", "show", "design-typo-check").exit_code == 2
    assert invoke("questions", "show", "design-typo-check", "--bank", "new-bank"
                  ).exit_code == 0
    again = invoke("questions", "import", "design.csv", "--bank", "new-bank", "--force")
    assert again.exit_code == 0, again.stderr
    assert "--bank" not in again.stderr


def test_import_from_outside_names_the_close_bank(team: Path, invoke: Any, tmp_path: Path
                                                   ) -> None:
    design_sheet(tmp_path / "design.csv", "product-sense")
    result = invoke("questions", "import", "design.csv", "--into", "team-bnk")
    assert result.exit_code == 2
    assert "unknown competency" not in result.stderr  # the folder is the problem
    assert "team-bnk" in result.stderr and "did you mean 'team-bank'?" in result.stderr
    assert not (tmp_path / "team-bnk").exists()


def test_roles_new_refuses_a_misspelt_folder_as_import_does(team: Path, invoke: Any,
                                                            tmp_path: Path) -> None:
    result = invoke("roles", "new", "platform-engineer", "--into", "team-bnk")
    assert result.exit_code == 2
    assert "team-bnk" in result.stderr and "does not exist" in result.stderr
    assert "did you mean 'team-bank'?" in result.stderr
    assert not (tmp_path / "team-bnk").exists()
    # a folder made for the bank (with a questions/ or roles/ folder) is a bank to write in
    (tmp_path / "our-bank" / "roles").mkdir(parents=True)
    made = invoke("roles", "new", "platform-engineer", "--into", "our-bank")
    assert made.exit_code == 0, made.stderr
    design_sheet(tmp_path / "platform.csv", "design")
    imported = invoke("questions", "import", "platform.csv", "--into", "our-bank")
    assert imported.exit_code == 0, imported.stderr


# -- 2: a day read against the wrong bank --------------------------------------------------

def test_a_problem_on_every_row_is_one_line_with_a_hint_at_the_bank_beside_it(
        team: Path, invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(team)
    example = invoke("kit", "batch", "--example", "our-engineer")
    assert example.exit_code == 0, example.stderr
    (team / "day.csv").write_text(example.stdout, encoding="utf-8")
    rows = len(example.stdout.splitlines())
    monkeypatch.chdir(tmp_path)
    result = invoke("kit", "batch", "team-bank/day.csv", "--out", "out")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    said = [line for line in lines if "unknown role 'our-engineer'" in line]
    assert len(said) == 1, lines
    assert said[0].startswith("team-bank/day.csv:2:2: role: unknown role 'our-engineer'")
    assert said[0].endswith(f"(rows 2-{rows})")
    hint = [line for line in lines if "team-bank/interviewkit.toml" in line]
    assert len(hint) == 1 and "--bank team-bank" in hint[0] and "cd team-bank" in hint[0]
    assert not (tmp_path / "out").exists()


def test_a_bank_problem_repeated_on_lines_says_each_line_once(tmp_path: Path, invoke: Any
                                                              ) -> None:
    # two different problems stay two lines; the same one on two lines is one line
    bank = tmp_path / "b"
    (bank / "roles").mkdir(parents=True)
    stage = ("  - id: s{n}\n    name: S\n    minutes: 30\n    description: d\n"
             "    competencies: {{nope: 1}}\n")
    (bank / "roles" / "r.yaml").write_text(
        "id: r\ntitle: R\nlevel: senior\nsummary: s\nstages:\n"
        + stage.format(n=1) + stage.format(n=2), encoding="utf-8")
    result = invoke("bank", "validate", "--bank", str(bank))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "nope" in line]
    assert len(lines) == 2  # the fields differ (stages[0], stages[1]): two problems


# -- 3 and 4: a card of another kit, an unfinished card ------------------------------------

def _yaml_kit(invoke: Any, out: Path, candidate: str, stage: str = "screen") -> Path:
    built = invoke("kit", "build", "-r", ROLE, "--candidate", candidate, "--out", str(out),
                   "--format", "html", "--yaml-scorecards", "--stage", stage)
    assert built.exit_code == 0, built.stderr
    return out


def _fill(skeleton: Path, target: Path, overall: str = "3") -> Path:
    text = skeleton.read_text(encoding="utf-8")
    text = text.replace('interviewer: ""', 'interviewer: "Eve"')
    text = re.sub(r'^(  "[a-z-]+":)\s+#.*$', r"\1 3", text, flags=re.M)
    text = re.sub(r"^overall:.*$", f"overall: {overall}", text, flags=re.M)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_a_card_of_another_kit_names_both_candidates_and_where_it_belongs(
        invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ada = _yaml_kit(invoke, tmp_path / "day" / "ada", "Ada Lovelace")
    grace = _yaml_kit(invoke, tmp_path / "day" / "grace", "Grace Hopper", "system-design")
    _fill(ada / "scorecard-screen.yaml", ada / "scores" / "screen.yaml")
    _fill(grace / "scorecard-system-design.yaml", ada / "scores" / "deep.yaml")
    result = invoke("debrief", "day/ada", "--format", "html")
    assert result.exit_code == 2
    line = next(x for x in result.stderr.splitlines() if "kit_id:" in x)
    assert "Grace Hopper" in line and "Ada Lovelace" in line
    assert "system-design" in line  # the card's stage, not one of this kit
    assert "day/grace/scores/" in line
    # with no such kit beside it, the card's candidate is still said
    import shutil
    shutil.rmtree(grace)
    alone = invoke("debrief", "day/ada", "--format", "html")
    line = next(x for x in alone.stderr.splitlines() if "kit_id:" in x)
    assert "Grace Hopper" in line and "day/grace" not in line


def test_an_unfinished_card_ends_with_how_to_go_on_once(invoke: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kit = _yaml_kit(invoke, tmp_path / "kit", "Ada Lovelace")
    _fill(kit / "scorecard-screen.yaml", kit / "scores" / "a.yaml", overall="")
    second = _fill(kit / "scorecard-screen.yaml", kit / "scores" / "b.yaml", overall="")
    second.write_text(second.read_text().replace('"Eve"', '"Zed"'))
    result = invoke("debrief", "kit", "--format", "html")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert sum("overall: no overall recommendation" in x for x in lines) == 2
    advice = [x for x in lines if "--partial" in x]
    assert len(advice) == 1 and advice == lines[-1:], lines
    assert "fill" in advice[0]


# -- 5: counts of one ------------------------------------------------------------------------

def test_the_browser_card_says_it_for_one_gap() -> None:
    script = (SHIPPED.parent / "templates" / "scorecard.js").read_text(encoding="utf-8")
    # (a check of the script's text: the sentence is made in the browser) the verb follows
    # the count of gaps, as the list before it does
    sentence = script[script.index("Still missing"):script.index("filled in.")]
    assert '(gaps.length === 1 ? "it is" : "they are")' in sentence


def test_roles_check_counts_in_the_singular(tmp_path: Path, invoke: Any) -> None:
    from ..conftest import question, write_bank

    solo = {"id": "solo", "name": "Solo", "description": "A competency of one question."}
    bank = write_bank(tmp_path / "b", [question("solo-only-one", "solo")], roles=[{
        "id": "tiny", "title": "Tiny", "level": "senior", "summary": "s",
        "stages": [{"id": "s", "name": "S", "minutes": 30, "description": "d",
                    "competencies": {"solo": 1}}]}], settings={"competencies": [solo]})
    result = invoke("roles", "check", "tiny", "--bank", str(bank))
    text = result.stdout + result.stderr
    assert "solo: 1 a kit from 1 question, 1 disjoint kit" in text, text
    assert not re.search(r"\b1 (\w+ )?(questions|kits|candidates)\b", text), text


def test_bank_lint_is_in_file_and_line_order(team: Path, invoke: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(team)
    result = invoke("bank", "lint")
    places = [(line.split(":")[0], int(line.split(":")[1]))
              for line in result.stdout.splitlines() if re.match(r"\S+:\d+: ", line)]
    assert len(places) > 2
    assert places == sorted(places, key=lambda p: ([f for f, _ in places].index(p[0]), p[1]))


# -- 6: a list cell separated the wrong way -------------------------------------------------

def test_levels_separated_by_semicolons_say_use_commas(team: Path, invoke: Any,
                                                       tmp_path: Path) -> None:
    sheet = design_sheet(tmp_path / "design.csv", "design")
    sheet.write_text(sheet.read_text().replace(",senior,", ',"senior; staff",')
                     .replace("sample_answer\n", "sample_answer,tags\n")
                     .replace("A launch.\n", "A launch.,a; b\n"))
    result = invoke("questions", "import", "design.csv", "--into", "team-bank", "--dry-run")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    levels = next(x for x in lines if ":levels:" in x)
    tags = next(x for x in lines if ":tags:" in x)
    for line in (levels, tags):
        assert "separate" in line and "commas" in line, line


# -- 7: a YAML card's evidence as a list -----------------------------------------------------

def test_evidence_as_a_list_is_said_at_its_line(invoke: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kit = _yaml_kit(invoke, tmp_path / "kit", "Ada Lovelace")
    card = _fill(kit / "scorecard-screen.yaml", tmp_path / "card.yaml")
    text = card.read_text()
    text = re.sub(r'^evidence:\n  "leadership": ""$', "evidence: [1]", text, flags=re.M)
    card.write_text(text)
    line = text.splitlines().index("evidence: [1]") + 1
    result = invoke("scores", "read", "card.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"card.yaml:{line}:")
    assert "evidence: expected a mapping of competency to evidence" in result.stderr
    assert "ratings" not in result.stderr
