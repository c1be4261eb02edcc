"""User-facing errors: problems located in a file, reported together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the user's input, with where it is."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class InterviewkitError(Exception):
    """Bad input from the user. The CLI prints it and exits 2; it is never a traceback."""

    def __init__(self, problems: Iterable[Problem | str], advice: Iterable[str] = ()) -> None:
        self.problems: tuple[Problem | str, ...] = tuple(problems)
        # how to go on, said once after all the problems (and not counted as one)
        self.advice: tuple[str, ...] = tuple(advice)
        super().__init__("\n".join([*map(str, self.problems), *self.advice]))

    @property
    def located(self) -> list[Problem]:
        """The problems that name a file (not the messages about a request as a whole)."""
        return [p for p in self.problems if isinstance(p, Problem)]

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    @property
    def report(self) -> list[str]:
        """The lines for a terminal: a located problem starts with its file and position,
        a message about the request as a whole with "error:". A problem is one line, even
        when the value it quotes holds line breaks (a cell, a quoted YAML string). The same
        problem on many lines of one file (a schedule read against the wrong bank) is one
        line, at its first place, ending with the lines (rows, in a spreadsheet) it is on."""
        lines: dict[tuple[object, ...], list[Problem | str]] = {}
        columns: dict[tuple[object, ...], dict[int, int]] = {}  # a group's lines: column
        for index, problem in enumerate(self.problems):
            key: tuple[object, ...] = (index,)
            if isinstance(problem, Problem) and problem.line:
                key = (problem.file, problem.field, problem.message)
                # the same message in another column of a line already said is another
                # problem (a column named twice, say): it keeps a line of its own
                column = columns.setdefault(key, {}).setdefault(problem.line, problem.column)
                if column != problem.column:
                    key = (*key, problem.line, problem.column)
            lines.setdefault(key, []).append(problem)
        return [" ".join((str(same[0]) + _where_else(same) if isinstance(same[0], Problem)
                          else f"error: {same[0]}").splitlines())
                for same in lines.values()]


def _where_else(same: list[Problem | str]) -> str:
    """" (rows 2-22)" for a problem said once for many lines, "" for one line."""
    numbers = sorted({p.line for p in same if isinstance(p, Problem)})
    if len(numbers) < 2:
        return ""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    shown = [f"{a}-{b}" if b > a else str(a) for a, b in spans]
    if len(shown) > 10:
        shown = [*shown[:10], f"... ({len(numbers)} in all)"]
    kind = "rows" if str(same[0].file if isinstance(same[0], Problem) else ""
                         ).lower().endswith((".csv", ".tsv", ".xlsx")) else "lines"
    return f" ({kind} {', '.join(shown)})"


class BankError(InterviewkitError):
    """The question bank has one or more problems."""


# Every file is written beside its place and renamed in whole, so a stopped command leaves
# each output as it was or complete.
INTERRUPTED = "interrupted; no file was left half-written"


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP), turned into an exception so that clean-up runs as for Ctrl-C."""


def interrupted_exit_code(stop: KeyboardInterrupt) -> int:
    return 143 if isinstance(stop, Terminated) else 130


def display_path(path: Path) -> str:
    """A path as the user named it, relative to the working directory when below it. Links
    are not followed, so a link is named by its own name, never by its target's."""
    import os

    named = Path(os.path.normpath(path.absolute()))
    try:
        return str(named.relative_to(Path.cwd()))
    except ValueError:
        return str(named)


def suggest(word: str, choices: Iterable[str]) -> str:
    """" (did you mean 'x'?)" when one of `choices` is close to `word`, else ""."""
    import difflib  # only when something is wrong: keeps start-up lean

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_line(text: str, limit: int = 160) -> str:
    """A message from a library, which may quote the user's file, as one short printable line
    (no control characters reach the terminal)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."
