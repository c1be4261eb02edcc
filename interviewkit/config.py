"""Team defaults from ./interviewkit.toml: company, logo, accent colour, page size, banks and
templates. Options on the command line win over the file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from interviewkit.errors import InterviewkitError, Problem, display_path, suggest

CONFIG_NAME = "interviewkit.toml"
MAX_CONFIG_BYTES = 1024 * 1024  # a few settings; anything bigger is not one


class TeamConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    company: str | None = None
    logo: Path | None = None
    accent: str | None = Field(None, pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
                               description="A hex colour such as #2f5d8a.")
    page_size: Literal["A4", "letter"] | None = None
    banks: tuple[Path, ...] = ()
    templates: tuple[Path, ...] = ()

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
        text = read_inside(path, path.parent, "its directory", MAX_CONFIG_BYTES).decode("utf-8")
    except RefusedFile as error:
        raise InterviewkitError([Problem(shown, 0, 0, "", error.reason)]) from None
    except UnicodeDecodeError as error:
        raise InterviewkitError([Problem(shown, 0, 0, "", f"not UTF-8 text (byte "
                                         f"{error.start + 1})")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InterviewkitError([_syntax_problem(shown, text, str(error))]) from None
    try:
        config = TeamConfig.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            key = str(item["loc"][0]) if item["loc"] else ""
            line, column = _position_of(text, key)
            if item["type"] == "extra_forbidden":
                column = 1 + (text.splitlines()[line - 1].find(key) if line else -1)
                message = f"unknown setting{suggest(key, TeamConfig.model_fields)}"
            else:
                message = f"expected {EXPECTED.get(key, item['msg'])}"
            problems.append(Problem(shown, line, column, key, message))
        raise InterviewkitError(sorted(set(problems))) from None
    base = path.parent

    def here(p: Path) -> Path:
        return p if p.is_absolute() else base / p

    return config.model_copy(update={
        "logo": here(config.logo) if config.logo else None,
        "banks": tuple(here(p) for p in config.banks),
        "templates": tuple(here(p) for p in config.templates),
    })


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


def _position_of(text: str, key: str) -> tuple[int, int]:
    """Where a top-level setting is written (line, column of its value); (0, 0) if nowhere."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*", re.MULTILINE)
    found = pattern.search(text) if key else None
    if not found:
        return 0, 0
    line = text.count("\n", 0, found.start()) + 1
    column = found.end() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return line, column
