"""Team defaults from ./interviewkit.toml: company, logo, accent colour, page size, banks and
templates. Options on the command line win over the file."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from interviewkit.errors import InterviewkitError, Problem, display_path, suggest

CONFIG_NAME = "interviewkit.toml"
MAX_CONFIG_BYTES = 1024 * 1024  # a few settings; anything bigger is not one


def _no_nul(value: object) -> object:
    """TOML text may hold U+0000 (written \\u0000); no file name can."""
    if isinstance(value, str) and "\0" in value:
        raise PydanticCustomError("nul_in_path", "a path cannot hold the character U+0000")
    return value


FilePath = Annotated[Path, BeforeValidator(_no_nul)]


class TeamConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    company: str | None = None
    logo: FilePath | None = None
    accent: str | None = Field(None, pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
                               description="A hex colour such as #2f5d8a.")
    page_size: Literal["A4", "letter"] | None = None
    banks: tuple[FilePath, ...] = ()
    templates: tuple[FilePath, ...] = ()

    @field_validator("page_size", mode="before")
    @classmethod
    def _any_case(cls, value: object) -> object:
        """a4, A4 and Letter all name a page size."""
        if isinstance(value, str):
            return {size.lower(): size for size in PAGE_SIZES}.get(value.lower(), value)
        return value


PAGE_SIZES = ("A4", "letter")
# What each setting holds, in the words a message about it uses.
EXPECTED = {
    "company": "the company's name in quotes, such as company = \"Example Startup\"",
    "logo": "a path in quotes, such as logo = \"logo.png\"",
    "accent": "a hex colour in quotes, such as accent = \"#2f5d8a\"",
    "page_size": "\"A4\" or \"letter\"",
    "banks": "a list of directory names, such as banks = [\"our-bank\"]",
    "templates": "a list of directory names, such as templates = [\"our-templates\"]",
}


def load_config(directory: Path | None = None) -> TeamConfig:
    """The team's interviewkit.toml in `directory` (default: the working directory), with its
    paths made relative to the file; an empty config when there is none. Every problem is
    located (line and column) and said in words, all at once."""
    from interviewkit.safefiles import RefusedFile, read_inside

    path = (directory or Path.cwd()) / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return TeamConfig()
    shown = display_path(path)
    try:
        raw = read_inside(path, path.parent, "its directory", MAX_CONFIG_BYTES)
        text = raw.decode("utf-8-sig")  # a byte order mark, as Windows tools may write
    except RefusedFile as error:
        raise InterviewkitError([Problem(shown, 0, 0, "", error.reason)]) from None
    except UnicodeDecodeError as error:
        raise InterviewkitError([Problem(shown, 0, 0, "", f"not UTF-8 text (byte "
                                         f"{error.start + 1})")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InterviewkitError([_syntax_problem(shown, text, str(error))]) from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise InterviewkitError([Problem(shown, 0, 0, "", "lists or tables nested too "
                                         "deeply")]) from None
    try:
        config = TeamConfig.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            key = str(item["loc"][0]) if item["loc"] else ""
            index = item["loc"][1] if len(item["loc"]) > 1 else None
            line, name_column, column = _position_of(text, key, index)
            field = key if not isinstance(index, int) else f"{key}[{index}]"
            if item["type"] == "extra_forbidden":
                column = name_column
                message = f"unknown setting{suggest(key, TeamConfig.model_fields)}"
            elif item["type"] == "nul_in_path":
                message = item["msg"]
            else:
                message = f"expected {EXPECTED.get(key, item['msg'])}"
            problems.append(Problem(shown, line, column, field, message))
        raise InterviewkitError(sorted(set(problems))) from None
    base = path.parent

    def here(p: Path) -> Path:
        return p if p.is_absolute() else base / p

    # A folder the file names is inside the file's own folder, links resolved: a settings
    # file that came with a repository must not point our template reader (which may embed
    # what it finds in a PDF) or bank reader at the rest of the machine. A folder elsewhere
    # is given on the command line, by the person who runs it.
    inside = Path(os.path.realpath(base))
    outside = [
        Problem(shown, *_position_of(text, key, index)[::2], f"{key}[{index}]",
                f"'{folder}' is outside the folder of {CONFIG_NAME}, where the folders it "
                f"names must be; give a folder elsewhere on the command line: {flag} DIR")
        for key, flag in (("banks", "--bank"), ("templates", "--templates"))
        for index, folder in enumerate(getattr(config, key))
        if not Path(os.path.realpath(here(folder))).is_relative_to(inside)]
    if outside:
        raise InterviewkitError(sorted(outside))
    return config.model_copy(update={
        "logo": here(config.logo) if config.logo else None,
        "banks": tuple(here(p) for p in config.banks),
        "templates": tuple(here(p) for p in config.templates),
    })


def config_beside(path: Path) -> Path | None:
    """The interviewkit.toml nearest a file (in its folder or one above), or None. Whether it
    is the one in use is for the caller to judge: commands read the working directory's."""
    for folder in Path(os.path.realpath(path)).parents:
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")
# tomllib's messages, in the words of someone who writes a settings file
_WORDS = {
    "Illegal character '\\n'": "unterminated string: close the quotes on the same line",
    "Unterminated string": "unterminated string: close the quotes",
    "Invalid value": "not a value: text needs quotes, a list square brackets",
    "Invalid statement": "not a setting: write name = value",
    "Expected '=' after a key in a key/value pair": "expected '=' after the setting's name",
    "Unclosed array": "list not closed: end it with ]",
    "Cannot overwrite a value": "set twice",
    "Expected newline or end of document after a statement": "one setting per line",
}


def _syntax_problem(shown: str, text: str, message: str) -> Problem:
    found = _AT.search(message)
    reason = message[:found.start()] if found else message
    if found and found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    else:  # at the end of the document
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        column = len(text.rstrip("\n").rsplit("\n", 1)[-1]) + 1
    if reason == "Illegal character '\\n'":
        # point at the quote that was never closed, not at the end of the line
        before = text.splitlines()[line - 1][:column - 1] if text.splitlines() else ""
        quote = max(before.rfind('"'), before.rfind("'"))
        column = quote + 1 if quote >= 0 else column
    words = _WORDS.get(reason) or (reason[:1].lower() + reason[1:])
    return Problem(shown, line, column, "", words)


def _position_of(text: str, key: str, index: object = None) -> tuple[int, int, int]:
    """Where a top-level setting is written: (line, column of its name, column of its value,
    or of item `index` of its list); zeros if nowhere. Only a statement of the top table
    counts: not the same words inside a text or a list, nor a key under a [table]."""
    if not key:
        return 0, 0, 0
    name = "|".join(re.escape(quoted) for quoted in (key, f'"{key}"', f"'{key}'"))
    setting = re.compile(rf"^[ \t]*(?:(?P<name>{name})[ \t]*(?:=[ \t]*|\.)"
                         rf"|\[\[?[ \t]*(?P<table>{name})[ \t]*[\].])", re.MULTILINE)
    statements: dict[int, bool] | None = None
    for found in setting.finditer(text):
        statements = _statements(text) if statements is None else statements
        line_start = found.start()
        if line_start not in statements or (found["name"] and not statements[line_start]):
            continue
        start = found.start("name") if found["name"] else found.start("table")
        value = found.end() if found["name"] else start
        if isinstance(index, int) and text.startswith("[", value):
            value = _item_start(text, value, index) or value
        value_line_start = text.rfind("\n", 0, value) + 1
        return (text.count("\n", 0, value) + 1, start - line_start + 1,
                value - value_line_start + 1)
    return 0, 0, 0


_BLANKS = re.compile(r"[ \t]*")


def _statements(text: str) -> dict[int, bool]:
    """Each line of a parsed file that starts outside a text or a list: its offset -> whether
    it is in the top table (no [table] header above it)."""
    starts: dict[int, bool] = {}
    top, depth, at = True, 0, 0
    while at < len(text):
        if depth == 0 and (at == 0 or text[at - 1] == "\n"):
            blanks = _BLANKS.match(text, at)
            top = top and not (blanks is not None and text.startswith("[", blanks.end()))
            starts[at] = top
        char = text[at]
        if char in "#\"'":
            at = _skip(text, at)
            continue
        depth += (char in "[{") - (char in "]}")
        at += 1
    return starts


def _item_start(text: str, start: int, index: int) -> int | None:
    """Where item `index` of the list that opens at text[start] begins."""
    depth, item, at, next_item = 0, -1, start, False
    while at < len(text):
        char = text[at]
        if depth == 1 and next_item and not char.isspace() and char not in ",]#":
            item, next_item = item + 1, False
            if item == index:
                return at
        if char in "#\"'":
            at = _skip(text, at)
            continue
        if char in "[{":
            depth += 1
            next_item = next_item or depth == 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return None
        elif char == "," and depth == 1:
            next_item = True
        at += 1
    return None


def _skip(text: str, at: int) -> int:
    """Past the comment or the text that starts at text[at]."""
    if text[at] == "#":  # to the end of the line
        end = text.find("\n", at)
        return len(text) if end < 0 else end
    quote = text[at:at + 3] if text[at:at + 3] in ('"""', "'''") else text[at]
    end = at + len(quote)
    while (end := text.find(quote, end)) >= 0:
        backslashes = 0
        while quote[0] == '"' and text[end - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:  # not an escaped quote
            return end + len(quote)
        end += 1
    return len(text)
