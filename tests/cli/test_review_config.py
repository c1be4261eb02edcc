"""interviewkit.toml as a careless or hostile folder writes it: every mistake is a located
message and exit 2, never a traceback, and the line and column are where the mistake is
written (after blank lines, inside a list over several lines, under a quoted name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

EXPECT_LIST = 'expected a list of directory names, such as banks = ["our-bank"]'
EXPECT_NAME = "expected the company's name in quotes, such as company = \"Example Startup\""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems(invoke: Any, folder: Path, text: str) -> list[str]:
    """What `roles list` says of interviewkit.toml holding `text` (it must refuse it)."""
    (folder / "interviewkit.toml").write_text(text)
    result = invoke("roles", "list")
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == 2, result.stdout
    lines: list[str] = result.stderr.splitlines()
    return lines


@pytest.mark.parametrize(("text", "expected"), [
    # the setting after a blank line: the line it is on, not the blank one
    ('company = "X"\n\nbanks = 5\n', f"interviewkit.toml:3:9: banks: {EXPECT_LIST}"),
    ('\n\n  banks = 5\n', f"interviewkit.toml:3:11: banks: {EXPECT_LIST}"),
    # a name in quotes is the same setting
    ('"banks" = 5\n', f"interviewkit.toml:1:11: banks: {EXPECT_LIST}"),
    ("'company' = 5\n", f"interviewkit.toml:1:13: company: {EXPECT_NAME}"),
    ('"page size" = "A4"\n', "interviewkit.toml:1:1: page size: unknown setting (did you "
                             "mean 'page_size'?)"),
    # the same words inside a text over several lines, or a comment, are not the setting
    ('company = """\nbanks = 1\n"""\nbanks = 5\n', f"interviewkit.toml:4:9: banks: "
                                                   f"{EXPECT_LIST}"),
    # a list over several lines: the item that is wrong
    ('banks = [\n  "our-bank",\n  5,\n]\n', f"interviewkit.toml:3:3: banks[1]: {EXPECT_LIST}"),
    ('templates = ["t"]\nbanks = [\n  "a", # 1, [2]\n  "b, c", \'d]\',\n  {x = 1},\n]\n',
     f"interviewkit.toml:5:3: banks[3]: {EXPECT_LIST}"),
    # a setting written as a table
    ('[banks]\nx = 1\n', f"interviewkit.toml:1:2: banks: {EXPECT_LIST}"),
])
def test_a_mistake_is_located_where_it_is_written(text: str, expected: str, folder: Path,
                                                  invoke: Any) -> None:
    assert problems(invoke, folder, text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("banks = " + "[" * 100_000 + "\n", "interviewkit.toml: lists or tables nested too deeply"),
    ("x = " + "{a = " * 100_000 + "\n", "interviewkit.toml: lists or tables nested too deeply"),
    ('banks = ["our\\u0000bank"]\n', "interviewkit.toml:1:10: banks[0]: a path cannot hold "
                                     "the character U+0000"),
    ('logo = "logo\\u0000.png"\n', "interviewkit.toml:1:8: logo: a path cannot hold the "
                                   "character U+0000"),
    ('templates = ["\\u0000"]\n', "interviewkit.toml:1:14: templates[0]: a path cannot hold "
                                  "the character U+0000"),
])
def test_a_file_no_setting_can_hold_is_refused_in_words(text: str, expected: str,
                                                        folder: Path, invoke: Any) -> None:
    assert problems(invoke, folder, text) == [expected]


def test_a_bank_that_is_a_link_to_itself_is_reported(folder: Path, invoke: Any) -> None:
    (folder / "loop").symlink_to("loop")
    assert problems(invoke, folder, 'banks = ["loop"]\n') == [
        f"{folder / 'loop'}: bank directory not found"]
    (folder / "interviewkit.toml").unlink()
    result = invoke("roles", "list", "--bank", "loop")
    assert (result.exit_code, result.stderr.splitlines()[:1]) == (
        2, ["loop: bank directory not found"])


def test_a_file_saved_with_a_byte_order_mark_is_read(folder: Path, invoke: Any) -> None:
    """Windows PowerShell 5.1 (`Out-File -Encoding utf8`) and older Notepad start UTF-8 with a
    byte order mark; it was 'interviewkit.toml:1:1: not a setting' on a line that looks
    right. kit.json already takes one."""
    (folder / "interviewkit.toml").write_bytes('company = "Acme"\r\nbanks = 5\r\n'
                                               .encode("utf-8-sig"))
    result = invoke("roles", "list")
    assert result.stderr.splitlines() == [f"interviewkit.toml:2:9: banks: {EXPECT_LIST}"]


def test_folders_it_names_stay_inside_its_own_folder(folder: Path, tmp_path_factory: Any,
                                                     invoke: Any) -> None:
    """A repository's settings file must not point the template reader (which can embed a
    file it finds into a PDF) or the bank reader at the rest of the machine: a folder
    outside, by path or through a link, is refused where it is written; the person running
    the command can still name one on the command line."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (folder / "linked").symlink_to(elsewhere)
    (folder / "ours").mkdir()
    assert problems(invoke, folder, f'templates = ["ours", "{elsewhere}"]\n'
                                    'banks = [\n  "../",\n  "linked",\n]\n') == [
        f"interviewkit.toml:1:22: templates[1]: '{elsewhere}' is outside the folder of "
        "interviewkit.toml, where the folders it names must be; give a folder elsewhere on "
        "the command line: --templates DIR",
        "interviewkit.toml:3:3: banks[0]: '..' is outside the folder of interviewkit.toml, "
        "where the folders it names must be; give a folder elsewhere on the command line: "
        "--bank DIR",
        "interviewkit.toml:4:3: banks[1]: 'linked' is outside the folder of "
        "interviewkit.toml, where the folders it names must be; give a folder elsewhere on "
        "the command line: --bank DIR",
        "3 problems found"]
    (folder / "interviewkit.toml").write_text('templates = ["ours"]\n')
    assert invoke("kit", "blank", "-r", "senior-python-engineer", "--stage", "values",
                  "--templates", str(elsewhere), "--format", "md", "--out",
                  str(elsewhere / "kit")).exit_code == 0
