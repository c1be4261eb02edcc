"""Questions to and from a spreadsheet: `questions import` reads a CSV or XLSX file (one row a
question, the columns README's "Questions in a spreadsheet" lists), checks every cell and then
the result as a bank, and writes it as YAML in the shipped bank's style; `questions export`
writes the same columns back, so that a round trip through a spreadsheet is lossless.

openpyxl and PyYAML are imported only by the functions that need them: `questions list` never
pays for them."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from interviewkit.bank.files import HANDOUTS, bank_files, default_bank_dir, same_directory
from interviewkit.bank.locate import error_message
from interviewkit.errors import (
    BankError,
    InterviewkitError,
    Problem,
    display_path,
    one_line,
    suggest,
)
from interviewkit.escape import FORMULA_STARTS
from interviewkit.models import SLUG_PATTERN, Bank, Question
from interviewkit.safefiles import (
    MIB,
    FileTooLarge,
    RefusedFile,
    csv_text,
    open_inside,
    read_inside,
)

if TYPE_CHECKING:
    from interviewkit.bank.lint import LintWarning

SUFFIXES = (".csv", ".xlsx")
MAX_SHEET_BYTES = 5 * MIB  # as a bank file: what one import writes must load
MAX_UNPACKED_BYTES = 64 * MIB  # an .xlsx is a zip of verbose XML; a bank's worth is far less
MAX_MEMBERS = 1000  # an .xlsx of one sheet holds about a dozen files
MAX_RATIO = 100  # of a member's unpacked size to its packed size, past 1 MiB
MAX_ROWS = 5000  # questions in one file
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # the most Excel itself keeps in a cell
EXCEL_ROWS = 1_048_576  # the last row a spreadsheet has
# Cells of an .xlsx looked at, the empty ones up to each row's last counted: about a second of
# reading, ten times a sheet of MAX_ROWS questions in MAX_COLUMNS columns.
MAX_CELLS = 10_000_000
MAX_HANDOUTS = 1000  # files of a handouts folder copied to try an import
MAX_NAME = 100  # a sheet's name, the questions file's; a file system keeps 255 bytes

# The columns, in the order export writes them: the key order of the shipped bank's files,
# with the rubric's columns before sample_answer.
BEFORE_RUBRIC = ("id", "competency", "kind", "levels", "minutes", "scored", "family", "tags",
                 "handout", "prompt", "why", "timing", "look_for", "follow_ups", "red_flags")
AFTER_RUBRIC = ("sample_answer",)
REQUIRED = ("competency", "kind", "levels", "minutes", "prompt", "why", "look_for",
            "follow_ups", "red_flags", "sample_answer")
TEXTS = ("prompt", "why", "sample_answer")
LINE_LISTS = ("look_for", "follow_ups", "red_flags")
COMMA_LISTS = ("levels", "tags")

# The first line of every file an import writes: `--force` writes over such a file only.
MARKER = "# Written by `interviewkit questions import`"

# A spreadsheet runs a cell that starts with one of FORMULA_STARTS. Export writes such text
# with one more leading apostrophe and import takes exactly one away, so that text which
# itself starts with apostrophes and then a formula character survives the trip as well.
_STARTS = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
_WOULD_RUN = re.compile("'*" + _STARTS)
_ESCAPED = re.compile("'+" + _STARTS)


def csv_cell(text: str) -> str:
    """Text as a CSV cell that no spreadsheet runs as a formula (import reads it back as is)."""
    return "'" + text if _WOULD_RUN.match(text) else text


def xlsx_cell(text: str) -> str:
    """Text as an .xlsx cell's value: stored as a string (with Excel's quote prefix), a
    formula-looking text needs no apostrophe there; only text that already starts with
    apostrophes before a formula character gets one more, as import takes one away."""
    return "'" + text if _ESCAPED.match(text) else text


def unescape_cell(text: str) -> str:
    return text[1:] if _ESCAPED.match(text) else text


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem in a spreadsheet: `line` is the row as a person sees it (the header is 1, or
    0 for the file as a whole), `field` the column's name, `column` its place (for order)."""

    def __str__(self) -> str:
        where = ":".join([self.file, *([str(self.line)] if self.line else []),
                          *([self.field] if self.field else [])])
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class _Formula:
    """A cell that holds a formula: never evaluated, always refused."""

    text: str
    cell: str


Value = str | int | float | bool | date | time | timedelta | _Formula | None


def _letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column index."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- reading the file ---------------------------------------------------------------------

def _file_error(shown: str, message: str) -> InterviewkitError:
    return InterviewkitError([CellProblem(shown, 0, 0, "", message)])


def read_rows(path: Path) -> list[tuple[int, list[Value]]]:
    """The non-empty rows of a .csv or .xlsx file, each with its number as a spreadsheet
    shows it. Read through safefiles (a link out is refused), bounded in bytes, rows and (for
    .xlsx) what the zip unpacks to; a problem with the file as a whole is raised at once."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _file_error(shown, "not a .csv or .xlsx file; save the sheet as CSV UTF-8 or "
                          "as an Excel workbook (.xlsx)")
    try:
        data = read_inside(path, path.parent, "its directory", MAX_SHEET_BYTES)
    except FileTooLarge as error:
        raise _file_error(shown, f"is {error.size / MIB:.1f} MiB; the limit is "
                          f"{MAX_SHEET_BYTES // MIB} MiB: split the questions into several "
                          "files") from None
    except RefusedFile as error:
        raise _file_error(shown, error.reason) from None
    rows = _csv_rows(data, shown) if suffix == ".csv" else _xlsx_rows(data, shown)
    if not rows:
        raise _file_error(shown, "the sheet is empty: a header row, then a question a row")
    return rows


def _blank(value: Value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _keep(rows: list[tuple[int, list[Value]]], number: int, values: list[Value],
          shown: str) -> None:
    """Keep a row that holds a value, without the empty cells after its last one: a sheet's
    used range often reaches past its columns (a cell typed in and cleared, a header row
    formatted along), and a CSV writes those cells empty."""
    while values and _blank(values[-1]):
        values.pop()
    if not values:
        return
    if len(values) > MAX_COLUMNS:  # one line for the row, not one for each cell past them
        raise InterviewkitError([CellProblem(shown, number, 0, "", f"more than {MAX_COLUMNS} "
                                             f"columns (a value in column "
                                             f"{_letter(len(values))})")])
    if len(rows) > MAX_ROWS:  # the header and MAX_ROWS questions are already kept
        raise _file_error(shown, f"more than {MAX_ROWS} questions; split them into several "
                          "files")
    rows.append((number, values))


def _csv_rows(data: bytes, shown: str) -> list[tuple[int, list[Value]]]:
    try:
        text = csv_text(data)
    except RefusedFile as error:
        raise _file_error(shown, error.reason) from None
    rows: list[tuple[int, list[Value]]] = []
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                  delimiter=_separator(text)), start=1):
            values: list[Value] = [cell.replace("\r\n", "\n").replace("\r", "\n")
                                   for cell in cells]
            _keep(rows, number, values, shown)
    except csv.Error as error:
        raise InterviewkitError([CellProblem(shown, number + 1, 0, "", "cannot be read as "
                                             f"CSV: {one_line(str(error))}")]) from None
    return rows


def _separator(text: str) -> str:
    """The separator the header row is written with, of those spreadsheets write: Excel
    writes its locale's list separator, a semicolon where the comma is the decimal mark (most
    of Europe), even as "CSV UTF-8 (Comma delimited)"; some tools write tabs. Column names
    hold none of them, so the one that splits the header into the most cells is the one."""
    header = re.split("[\r\n]", text, maxsplit=1)[0]
    return max((",", ";", "\t"), key=lambda separator: len(
        next(csv.reader([header], delimiter=separator), [])))


def _check_archive(data: bytes, shown: str) -> None:
    """Refuse a zip that unpacks to too much, before anything is unpacked. The sizes checked
    are those the zip declares; Python's zipfile never unpacks more than a member declares
    (and fails on the checksum if it would), so the bound holds for openpyxl's reading too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise _file_error(shown, "is not an Excel workbook (not a zip archive); save it from "
                          "the spreadsheet as .xlsx, or as CSV UTF-8") from None
    if len(members) > MAX_MEMBERS:
        raise _file_error(shown, f"holds {len(members)} files; an Excel workbook of "
                          f"questions holds a few dozen (the limit is {MAX_MEMBERS})")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _file_error(shown, f"unpacks to {unpacked / MIB:.0f} MiB; the limit is "
                          f"{MAX_UNPACKED_BYTES // MIB} MiB (not unpacked)")
    # Within the limit, a member packed far tighter than text packs is made to be unpacked:
    # 154 KiB that unpack to 60 MiB of shared strings take openpyxl 19 s and 400 MB. Apache
    # POI's rule: at most MAX_RATIO to 1 (a sheet of questions packs about 4 to 1).
    for member in members:
        if member.file_size > MIB and member.file_size > MAX_RATIO * member.compress_size:
            raise _file_error(shown, f"{member.filename} unpacks to {member.file_size / MIB:.0f} "
                              f"MiB from {member.compress_size / 1024:.0f} KiB, more than "
                              f"{MAX_RATIO} to 1 (a workbook of text packs about 4 to 1); "
                              "not unpacked")


def _xlsx_rows(data: bytes, shown: str) -> list[tuple[int, list[Value]]]:
    _check_archive(data, shown)
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    rows: list[tuple[int, list[Value]]] = []
    try:
        # data_only=False: a formula cell comes as its formula, which is refused; nothing is
        # ever evaluated. keep_links=False: links to other workbooks are not read.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                             keep_links=False)
        # Only a sheet a person sees: a hidden one is not what whoever reviewed the workbook
        # read. The one named questions (a person writes Questions), else the first.
        visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
        sheet = next((sheet for sheet in visible if sheet.title.strip().lower() == "questions"),
                     next(iter(visible), None))
        if not isinstance(sheet, ReadOnlyWorksheet):
            raise _file_error(shown, "the workbook has no visible worksheet")
        # The size a sheet declares is not trusted: read the rows that are there (a sheet
        # that claims a million columns would otherwise make every row that wide).
        sheet.reset_dimensions()
        read = 0
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            # openpyxl makes every row up to the number a row names, and every cell of a row
            # up to its last one: a few kilobytes could name row 10**12, or make every row
            # 16,384 cells wide. Both are bounded before a cell is looked at.
            read += len(cells)
            if number > EXCEL_ROWS:
                raise _file_error(shown, f"has rows beyond row {EXCEL_ROWS:,}, the last a "
                                  "spreadsheet has")
            if read > MAX_CELLS:
                raise _file_error(shown, f"more than {MAX_CELLS:,} cells, counting the empty "
                                  f"ones up to the last cell of each row (row {number} "
                                  f"reaches column {_letter(len(cells))}); delete the empty "
                                  "rows and columns around the questions")
            values: list[Value] = []
            for cell in cells:
                value = cell.value
                if cell.data_type == "f":
                    values.append(_Formula(str(getattr(value, "text", value)),
                                           f"{_letter(len(values) + 1)}{number}"))
                elif isinstance(value, str):
                    values.append(value.replace("\r\n", "\n").replace("\r", "\n"))
                elif value is None or isinstance(value, int | float | date | time | timedelta):
                    values.append(value)
                else:  # a Decimal, say
                    values.append(str(value))
            _keep(rows, number, values, shown)
        book.close()
    except InterviewkitError:
        raise
    except Exception as error:
        # openpyxl raises many kinds of exception on a damaged file (KeyError, ValueError,
        # XML errors, ...); only its reading runs in this block, so what it raises is about
        # the file.
        raise _file_error(shown, "cannot be read as an Excel workbook "
                          f"({type(error).__name__}: {one_line(str(error), 100)}); save it "
                          "again from the spreadsheet as .xlsx") from None
    return rows


# -- rows into questions ------------------------------------------------------------------

def _text(value: Value) -> str:
    """A cell as the text a person sees in it: a number or a date where text is needed is
    read as its text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unescape_cell(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else \
            value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _split_list(text: str, separator: str) -> list[str]:
    return [item.strip() for item in text.split(separator) if item.strip()]


# Words that say little about what a question asks: left out of an id made from a prompt.
_COMMON_WORDS = frozenset({
    "a", "about", "above", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "done", "during", "each", "either", "for", "from", "had", "has", "have",
    "having", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "let", "like", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not",
    "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own",
    "please", "say", "same", "she", "should", "so", "some", "such", "tell", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "time", "to",
    "too", "under", "until", "up", "us", "very", "was", "way", "we", "were", "what", "when",
    "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours"
})
_ID_WORDS = 4
_ID_LENGTH = 72  # an id holds 80 characters: room for a number


def id_from_prompt(competency: str, prompt: str, taken: set[str]) -> str:
    """An id for a question: its competency and the first significant words of its prompt,
    a valid id, not one of `taken` (a number is added when it would be)."""
    folded = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode().lower()
    said = {*_COMMON_WORDS, *re.split(r"[-_]", competency)}  # the id starts with these
    words = list(dict.fromkeys(w for w in re.findall(r"[a-z0-9]+", folded) if w not in said))
    base = competency[:_ID_LENGTH].rstrip("-_")
    for word in [w for w in words if len(w) < _ID_LENGTH][:_ID_WORDS] or ["question"]:
        if len(base) + 1 + len(word) <= _ID_LENGTH:
            base += "-" + word
    made, number = base, 2
    while made in taken:
        made, number = f"{base}-{number}", number + 1
    return made


@dataclass
class _Row:
    number: int
    record: dict[str, Any]
    made_id: bool = False
    duplicate: bool = False  # its id is another row's or the bank's: not tried in the bank
    question: Question | None = None


@dataclass
class _Rows:
    """Rows turned into question records, and every problem found on the way, by cell."""

    shown: str
    bank: Bank
    columns: dict[str, int]  # the header's names and their 1-based places
    header_row: int
    rubric_columns: dict[str, tuple[str | None, int]]  # rubric_3 -> (None, 3); rubric_staff_3
    problems: list[CellProblem] = field(default_factory=list)
    checked: set[tuple[int, str]] = field(default_factory=set)  # cells with a problem of ours
    absent: set[str] = field(default_factory=set)  # needed columns the header lacks (said)
    rows: list[_Row] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(CellProblem(self.shown, row, self.columns.get(column, 10_000),
                                         column, message))
        self.checked.add((row, column))

    def add_later(self, row: int, columns: Sequence[str], message: str) -> None:
        """A problem found by the model or by loading the bank, in the first of `columns`
        (the cells it is about), unless one of those cells already has a problem of ours or
        its column is missing: one cause, one message."""
        if not any((row, name) in self.checked or name in self.absent for name in columns):
            self.problems.append(CellProblem(self.shown, row, self.columns.get(columns[0],
                                                                               10_000),
                                             columns[0], message))


def _header(rows: list[tuple[int, list[Value]]], shown: str, bank: Bank) -> _Rows:
    """The columns the header row names, each problem with it said at the row."""
    header_row, cells = rows[0]
    scale = [point.value for point in bank.rating_scale]
    rubric_columns: dict[str, tuple[str | None, int]] = {f"rubric_{v}": (None, v)
                                                          for v in scale}
    for level in bank.level_ids:
        rubric_columns.update({f"rubric_{level}_{v}": (level, v) for v in scale})
    known = [*BEFORE_RUBRIC, *AFTER_RUBRIC, *rubric_columns]
    sheet = _Rows(shown, bank, {}, header_row, rubric_columns)
    columns = sheet.columns

    def problem(place: int, name: str, message: str) -> None:
        sheet.problems.append(CellProblem(shown, header_row, place, name, message))

    for place, cell in enumerate(cells, start=1):
        if isinstance(cell, _Formula):
            problem(place, _letter(place), f"{cell.cell} holds a formula; type the column's "
                    "name")
            continue
        name = _text(cell).strip()
        if not name:
            if any(place <= len(values) and _text(values[place - 1]).strip()
                   for _, values in rows[1:]):
                problem(place, _letter(place), f"column {_letter(place)} has no name in the "
                        "header row but holds values: name it, or delete the column")
        elif name in columns:
            problem(place, name, f"the column appears twice (columns "
                    f"{_letter(columns[name])} and {_letter(place)})")
        elif name not in known:
            hint = suggest(name, known)
            if not hint and name.startswith("rubric_"):
                hint = (f"; rubric columns are rubric_1 to rubric_{scale[-1]} and "
                        f"rubric_<level>_<value> with a level of {', '.join(bank.level_ids)}")
            problem(place, name, f"unknown column{hint}")
        else:
            columns[name] = place
    if not columns:  # a title above the header, say: its cells are no columns to report
        raise InterviewkitError([CellProblem(shown, header_row, 0, "", "names none of the "
                                             "columns (id, competency, kind, levels, ...): "
                                             "the header is the first row; delete the rows "
                                             "above it")])
    for name in REQUIRED:
        if name not in columns:
            problem(10_000, name, "missing column (every question needs one)")
            sheet.absent.add(name)
    return sheet


def _parse_rows(rows: list[tuple[int, list[Value]]], shown: str, bank: Bank,
                origins: Mapping[str, str], own: set[str], replace: bool) -> _Rows:
    """Every row's record and every problem a cell alone shows (a missing or unreadable
    value, a competency, level or id the bank does not allow, a rubric the scale does not
    fill), then each record checked as a Question."""
    sheet = _header(rows, shown, bank)
    names = {place: name for name, place in sheet.columns.items()}
    scale = [point.value for point in bank.rating_scale]
    for number, values in rows[1:]:
        cells: dict[str, Value] = {}
        for place, value in enumerate(values, start=1):
            if place in names:
                cells[names[place]] = value
            elif place > len(rows[0][1]) and _text(value).strip():
                sheet.add(number, _letter(place), f"a value in column {_letter(place)}, which "
                          "has no name in the header row")
        sheet.rows.append(_Row(number, _record(sheet, number, cells, scale)))
    _make_ids(sheet, origins, own, replace)
    missing_rubric = {f"rubric_{v}" for v in scale} - set(sheet.columns)
    if any(row.record.get("scored", True) for row in sheet.rows) and missing_rubric:
        sheet.absent |= missing_rubric
        for name in sorted(missing_rubric):
            sheet.problems.append(CellProblem(shown, sheet.header_row, 10_000, name, "missing "
                                              "column: a scored question needs an anchor for "
                                              "every rating value"))
    for row in sheet.rows:
        _check_record(sheet, row, scale)
    return sheet


def _record(sheet: _Rows, number: int, cells: Mapping[str, Value], scale: list[int]
            ) -> dict[str, Any]:
    """One row's cells as the fields of a question: what is blank is left out."""
    record: dict[str, Any] = {}
    level_rubrics: dict[str, dict[int, str]] = {}
    for name, value in cells.items():
        if isinstance(value, _Formula):
            sheet.add(number, name, f"{value.cell} holds a formula "
                      f"({one_line(value.text, 40)}); paste its value instead")
            continue
        text = _text(value)
        if len(text) > MAX_CELL_CHARS:
            sheet.add(number, name, f"{len(text):,} characters; a cell holds at most "
                      f"{MAX_CELL_CHARS:,}")
            continue
        if not text.strip():
            continue
        if name in sheet.rubric_columns:
            level, point = sheet.rubric_columns[name]
            if level is None:
                record.setdefault("rubric", {})[point] = text
            else:
                level_rubrics.setdefault(level, {})[point] = text
        elif name in TEXTS:
            record[name] = text
        elif name in LINE_LISTS:
            record[name] = _split_list(text, "\n")
        elif name in COMMA_LISTS:
            items = _split_list(text.replace("\n", ","), ",")
            other = _other_separator(items)
            if other:
                sheet.add(number, name, f"'{one_line(text, 60)}': separate {name} with "
                          f"commas, not {other} ({', '.join(_comma_list(items))})")
            else:
                record[name] = items
        elif name == "minutes":
            minutes = _whole_number(value)
            if minutes is None:
                sheet.add(number, name, f"expected a whole number of minutes, got "
                          f"'{one_line(text, 40)}'")
            else:
                record[name] = minutes
        elif name == "scored":
            scored = _yes_no(value)
            if scored is None:
                sheet.add(number, name, f"expected yes or no, got '{one_line(text, 40)}'")
            else:
                record[name] = scored
        elif name == "timing":
            steps = []
            for index, line in enumerate(_split_list(text, "\n"), start=1):
                minutes_text, colon, step = line.partition(":")
                if not colon or not minutes_text.strip().isdigit() or not step.strip():
                    sheet.add(number, name, f"line {index}: expected 'MINUTES: step', such "
                              f"as '10: The candidate reads the code', got "
                              f"'{one_line(line, 40)}'")
                else:
                    steps.append({"minutes": int(minutes_text), "step": step.strip()})
            record[name] = steps
        else:  # id, competency, kind, family, handout
            record[name] = text.strip()
    if level_rubrics:
        order = {level: index for index, level in enumerate(sheet.bank.level_ids)}
        record["level_rubrics"] = {level: dict(sorted(anchors.items())) for level, anchors in
                                   sorted(level_rubrics.items(), key=lambda i: order[i[0]])}
    if "rubric" in record:
        record["rubric"] = dict(sorted(record["rubric"].items()))
    for name in REQUIRED:
        if name in sheet.columns and name not in record and (number, name) not in sheet.checked:
            sheet.add(number, name, "required: the cell is empty")
    return record


def _whole_number(value: Value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value).strip()
    return int(text) if text.isascii() and text.isdigit() else None


_YES_NO = {"yes": True, "no": False, "y": True, "n": False, "true": True, "false": False,
           "1": True, "0": False}  # as people fill a yes/no column, and a checkbox exports it


def _yes_no(value: Value) -> bool | None:
    if isinstance(value, bool):
        return value
    return _YES_NO.get(_text(value).strip().lower())


def _make_ids(sheet: _Rows, origins: Mapping[str, str], own: set[str], replace: bool
              ) -> None:
    """Check each id against the file and the bank (`own`: the ids of the target directory,
    where a question is changed, not replaced); make one from the prompt where the cell is
    blank, unique against both."""
    seen: dict[str, int] = {}
    for row in sheet.rows:
        qid = row.record.get("id")
        if qid is None:
            continue
        row.duplicate = qid in seen or sheet.bank.question(qid) is not None
        if qid in seen:
            sheet.add(row.number, "id", f"duplicate id '{qid}' (also row {seen[qid]})")
            continue
        seen[qid] = row.number
        if qid in own:
            sheet.add(row.number, "id", f"the bank already has a question '{qid}' in this "
                      f"directory ({origins[qid]}); change it there, or give another id")
        elif sheet.bank.question(qid) is not None and replace:
            row.record["replaces"] = True
            row.duplicate = False
        elif sheet.bank.question(qid) is not None:
            sheet.add(row.number, "id", f"the bank already has a question '{qid}' "
                      f"({origins[qid]}); give another id, or pass --replace to replace it")
    taken = set(seen) | {q.id for q in sheet.bank.questions}
    for row in sheet.rows:
        competency, prompt = row.record.get("competency", ""), row.record.get("prompt", "")
        if "id" in row.record:
            continue
        sheet.checked.add((row.number, "id"))  # made here, or said by the cells it needs
        if re.fullmatch(SLUG_PATTERN, competency) and prompt:
            row.record["id"] = id_from_prompt(competency, prompt, taken)
            taken.add(row.record["id"])
            row.made_id = True


def _check_record(sheet: _Rows, row: _Row, scale: list[int]) -> None:
    """What the bank allows (known competency and levels, a rubric that fills the scale,
    none for an unscored question), then the record as a Question."""
    from interviewkit.bank.load import unknown_message  # the bank's own words

    record, number, bank = row.record, row.number, sheet.bank
    competency = record.get("competency")
    if competency is not None and competency not in bank.competency_ids \
            and re.fullmatch(SLUG_PATTERN, competency):
        sheet.add(number, "competency", unknown_message("competency", competency,
                                                        bank.competency_ids))
    for level in record.get("levels", ()):
        if level not in bank.level_ids and re.fullmatch(SLUG_PATTERN, level):
            sheet.add(number, "levels", unknown_message("level", level, bank.level_ids))
    anchors = [name for name in sheet.rubric_columns
               if (number, name) not in sheet.checked and _has_anchor(record, sheet, name)]
    if record.get("scored", True):
        for value in scale:
            name = f"rubric_{value}"
            if name in sheet.columns and value not in record.get("rubric", {}) \
                    and (number, name) not in sheet.checked:
                sheet.add(number, name, "a scored question needs an anchor for every "
                          f"rating value ({scale[0]}-{scale[-1]}); this one is empty")
    else:
        for name in anchors:
            sheet.add(number, name, "an unscored question (scored: no) is not rated: clear "
                      "its anchors, or make it scored")
    try:
        row.question = Question.model_validate(record)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            columns, line = _columns_of(tuple(item["loc"]), sheet)
            message = error_message(item, Question)
            sheet.add_later(number, columns, f"line {line}: {message}" if line else message)


def _has_anchor(record: Mapping[str, Any], sheet: _Rows, name: str) -> bool:
    level, value = sheet.rubric_columns[name]
    anchors = record.get("rubric", {}) if level is None else \
        record.get("level_rubrics", {}).get(level, {})
    return value in anchors


def _columns_of(loc: tuple[Any, ...], sheet: _Rows) -> tuple[list[str], int]:
    """The cells a value of a question comes from, by its location in the question (for a
    whole rubric, each of its cells), and the line within the cell of a line list (else 0)."""
    head = str(loc[0]) if loc else "id"
    if head == "rubric" and len(loc) > 1:
        return [f"rubric_{loc[1]}"], 0
    if head == "level_rubrics" and len(loc) > 2:
        return [f"rubric_{loc[1]}_{loc[2]}"], 0
    if head in ("rubric", "level_rubrics"):
        level = None if head == "rubric" else str(loc[1]) if len(loc) > 1 else "any"
        cells = sorted((name for name, (of, _) in sheet.rubric_columns.items()
                        if name in sheet.columns
                        and (of == level or (level == "any" and of is not None))),
                       key=sheet.columns.__getitem__)
        return cells or [f"rubric_{sheet.bank.rating_scale[0].value}" if level is None
                         else "id"], 0
    if head in (*LINE_LISTS, "timing") and len(loc) > 1 and isinstance(loc[1], int):
        return [head], loc[1] + 1
    return [head if head in (*BEFORE_RUBRIC, *AFTER_RUBRIC) else "id"], 0


# -- the YAML a bank keeps ------------------------------------------------------------------

KEY_ORDER = ("id", "replaces", "competency", "kind", "levels", "minutes", "scored", "family",
             "tags", "handout", "prompt", "why", "timing", "look_for", "follow_ups",
             "red_flags", "rubric", "level_rubrics", "sample_answer")
_FOLDED_TEXTS = ("prompt", "why", "sample_answer")
_SHORT = 60  # text longer than this is folded (`>-`), as the shipped files write it


def questions_yaml(questions: Sequence[Question], source: str) -> str:
    """A questions file in the shipped bank's style: block style, the shipped key order,
    long text folded (`>-`), levels and tags as short flow lists, a blank line between
    questions, and the marker comment on the first line."""
    import yaml

    class Folded(str):
        pass

    class Flow(list[str]):
        pass

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # lists indented under their key

        def analyze_scalar(self, scalar: str) -> yaml.emitter.ScalarAnalysis:
            analysis = super().analyze_scalar(scalar)
            if "\x85" in scalar:
                # PyYAML writes NEL (U+0085) as it is in every style but double quotes, and
                # reading takes it for a line break: "a\x85b" came back as "a b"
                analysis.allow_flow_plain = analysis.allow_block_plain = False
                analysis.allow_single_quoted = analysis.allow_block = False
            return analysis

    def folded(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        # PyYAML writes another style where folding could not keep the text exactly
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=">")

    def flow(dumper: yaml.SafeDumper, items: list[str]) -> yaml.SequenceNode:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)

    Dumper.add_representer(Folded, folded)
    Dumper.add_representer(Flow, flow)

    def text(value: str) -> str:
        return Folded(value) if len(value) > _SHORT or "\n" in value else value

    records = []
    for question in questions:
        dumped = question.model_dump(exclude_defaults=True)
        record: dict[str, Any] = {}
        for key in KEY_ORDER:
            if key not in dumped:
                continue
            value = dumped[key]
            if key in ("levels", "tags"):
                value = Flow(value)
            elif key in _FOLDED_TEXTS:
                value = Folded(value)
            elif key in LINE_LISTS:
                value = [text(item) for item in value]
            elif key == "timing":
                value = [{"minutes": step["minutes"], "step": Folded(step["step"])}
                         for step in value]
            elif key == "rubric":
                value = {point: text(anchor) for point, anchor in value.items()}
            elif key == "level_rubrics":
                value = {level: {point: text(anchor) for point, anchor in anchors.items()}
                         for level, anchors in value.items()}
            record[key] = value
        records.append(record)
    body = yaml.dump({"questions": records}, Dumper=Dumper, sort_keys=False,
                     allow_unicode=True, width=84, default_flow_style=False)
    # a blank line between questions; a question's own lines are indented further
    body = body.replace("\n  - id: ", "\n\n  - id: ").replace("\n\n  - id: ", "\n  - id: ", 1)
    return (f"{MARKER} from {one_line(source, 60)}.\n"
            "# To change these questions, edit the sheet and import it again with --force; or\n"
            "# edit this file, and delete these lines so that no import writes over it.\n"
            + body)


# -- importing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportPlan:
    """A checked import, not yet written: the file, its text, and what to tell a person."""

    sheet: Path
    output: Path
    text: str
    questions: tuple[Question, ...]
    made_ids: tuple[tuple[int, str], ...]  # (row, id) of each id made from a prompt
    warnings: tuple[LintWarning, ...]  # bank lint's, for the imported questions
    replacing: bool  # the output exists (an earlier import wrote it; --force)
    # the same warnings, each at the sheet's row and column, where the team edits
    sheet_warnings: tuple[str, ...] = ()


@dataclass
class _Stage:
    """A copy of the target bank directory in which the import is tried: loaded with the
    other bank directories exactly as `bank validate` loads them, with the new file in it.
    Its roles are copied last: a role may ask for questions that only the import brings."""

    path: Path
    target: Path
    others: list[Path]  # the bank directories before and after the target, in order
    at: int  # where the target stands among them
    refused: list[Problem]  # the target's files that cannot be read, as the loader says
    handouts_refused: dict[str, str] = field(default_factory=dict)  # file name: why

    def remap(self, text: str) -> str:
        """Names in the stage made names in the target, in messages and file names; a
        handout the stage lacks because the target's was refused, said with its reason."""
        shown, real = display_path(self.path / "x")[:-1], display_path(self.target / "x")[:-1]
        for name, reason in self.handouts_refused.items():
            text = text.replace(f"{HANDOUTS}/{name} file not found", f"{HANDOUTS}/{name} "
                                f"{reason}")
        return text.replace(shown, real).replace(display_path(self.path),
                                                 display_path(self.target))

    def load(self) -> Bank:
        """The bank with the stage in the target's place; its problems as the loader says
        them (in the stage's names: `remap` names them in the target)."""
        from interviewkit.bank.load import load_bank

        dirs = list(self.others)
        if bank_files(self.path).all:  # a new or empty team directory is no bank yet
            dirs.insert(self.at, self.path)
        try:
            bank = load_bank(*dirs, include_default=False, use_cache=False)
        except BankError as error:
            raise BankError([*self.refused, *error.problems]) from None
        if self.refused:
            raise BankError(self.refused)
        return bank

    def copy(self, paths: Sequence[Path]) -> None:
        """Copy files of the target into the stage; one that cannot be read is not copied,
        and the loader's own words for it are kept, to be reported."""
        from interviewkit.bank.yamlsource import read_yaml

        where = f"the bank directory {display_path(self.target)}"
        for path in paths:
            copy = self.path / path.relative_to(self.target)
            copy.parent.mkdir(exist_ok=True)
            try:
                copy.write_bytes(read_inside(path, self.target, where, MAX_SHEET_BYTES))
            except RefusedFile:
                try:
                    read_yaml(path, inside=self.target)
                except BankError as error:
                    self.refused += error.located

    def copy_handouts(self) -> None:
        """The target's handouts, read as the loader reads them (from inside the bank
        directory, at most MAX_HANDOUT_BYTES); one that is refused is not copied, and the
        reason is kept to say in place of "not found"."""
        from interviewkit.bank.load import MAX_HANDOUT_BYTES

        folder = self.target / HANDOUTS
        if not folder.is_dir():
            return
        (self.path / HANDOUTS).mkdir()
        for path in sorted(folder.iterdir())[:MAX_HANDOUTS]:
            try:
                data = read_inside(path, self.target, "the bank directory", MAX_HANDOUT_BYTES)
            except RefusedFile as error:
                self.handouts_refused[path.name] = error.reason
                continue
            (self.path / HANDOUTS / path.name).write_bytes(data)

    def remap_problem(self, problem: Problem | str) -> Problem | str:
        if isinstance(problem, str):
            return self.remap(problem)
        return Problem(self.remap(problem.file), problem.line, problem.column, problem.field,
                       self.remap(problem.message))


@contextmanager
def _staged(target: Path, bank_dirs: Sequence[Path], include_default: bool,
            leave_out: Path) -> Iterator[_Stage]:
    """The target bank directory's settings, questions and handouts copied into a temporary
    one (the file the import writes left out)."""
    dirs: list[Path] = []
    for directory in [*([default_bank_dir()] if include_default else []), *bank_dirs]:
        if same_directory(directory) not in {same_directory(d) for d in dirs}:
            dirs.append(directory)
    at = next((i for i, d in enumerate(dirs) if same_directory(d) == same_directory(target)),
              len(dirs))
    others = [d for d in dirs if same_directory(d) != same_directory(target)]
    with tempfile.TemporaryDirectory(prefix="interviewkit-import-") as scratch:
        stage = _Stage(Path(scratch) / "bank", target, others, at, [])
        stage.path.mkdir()
        if target.is_dir():
            files = bank_files(target)
            stage.copy([*files.settings, *(p for p in files.questions if p.name != leave_out.name)])
            stage.copy_handouts()
        yield stage


# What a spreadsheet's user may put between a list's ids instead of the comma: each item
# that is not an id but splits on one of these into ids was separated the wrong way.
_OTHER_SEPARATORS = {";": "semicolons", "|": "bars", "/": "slashes", " ": "spaces"}


def _other_separator(items: Sequence[str]) -> str | None:
    """The name of the separator a comma list was written with instead of commas, or None."""
    for item in items:
        if re.fullmatch(SLUG_PATTERN, item):
            continue
        for mark, called in _OTHER_SEPARATORS.items():
            parts = [p.strip() for p in item.split(mark) if p.strip()]
            if len(parts) > 1 and all(re.fullmatch(SLUG_PATTERN, p) for p in parts):
                return called
    return None


def _comma_list(items: Sequence[str]) -> list[str]:
    """The list as it should be written: every id of `items`, however they were separated."""
    return re.split(r"[;|/\s,]+", ", ".join(items))


def _check_folders(target: Path) -> None:
    """The questions file is written where the loader reads it: in a bank directory's
    questions folder, which may be a link, but only to a folder inside the bank directory."""
    folder = target / "questions"
    if target.exists() and not target.is_dir():
        raise InterviewkitError([f"{display_path(target)} is not a directory; questions go to "
                                 "a bank directory"])
    if not (folder.exists() or folder.is_symlink()):
        return
    if not folder.is_dir():
        raise InterviewkitError([f"{display_path(folder)} is not a directory"])
    if not folder.resolve().is_relative_to(target.resolve()):
        raise InterviewkitError([f"{display_path(folder)} is a link to a directory outside "
                                 f"the bank directory {display_path(target)}; the bank reads "
                                 "no questions there"])


def _unfit_name(stem: str) -> str | None:
    """Why a sheet's name makes no name for its questions file, which is kept in the team's
    repository and checked out on every system (Windows the strictest), or None."""
    from interviewkit.output import RESERVED_NAMES

    if len(stem) > MAX_NAME:
        return f"longer than {MAX_NAME} characters"
    if not stem.isprintable():
        return "it holds a character that does not print"
    if stem.startswith("."):
        return "a name that starts with a dot is hidden"
    if stem != stem.strip():
        return "it starts or ends with a space"
    if stem.endswith("."):
        return "Windows drops a dot at the end of a name"
    if refused := re.search(r'[<>:"/\\|?*]', stem):
        return f"Windows refuses '{refused[0]}' in a file name"
    if stem.split(".")[0].lower() in RESERVED_NAMES:
        return f"'{stem}' names a device on Windows"
    return None


def _written_by_import(path: Path) -> bool:
    try:
        with open_inside(path, path.parent, "its directory") as handle:
            return handle.read(len(MARKER)) == MARKER.encode()
    except RefusedFile:
        return False


def plan_import(sheet_path: Path, target: Path, bank_dirs: Sequence[Path], *,
                include_default: bool = True, replace: bool = False, force: bool = False
                ) -> ImportPlan:
    """Read a spreadsheet of questions and check it all: every cell, then the questions in
    the target bank directory, loaded with the other bank directories as `bank validate`
    loads them, then linted. Raises InterviewkitError with every problem, each located as
    FILE:ROW:COLUMN; writes nothing."""
    from interviewkit.bank.lint import lint_bank

    shown = display_path(sheet_path)
    rows = read_rows(sheet_path)
    if len(rows) == 1:
        raise _file_error(shown, "a header row and no questions below it")
    stem = sheet_path.stem
    refused = _unfit_name(stem)
    if refused:
        raise _file_error(shown, f"its name makes no questions file ({refused}): rename it, "
                          "such as platform.csv")
    _check_folders(target)
    output = target / "questions" / f"{stem}.yaml"
    exists = output.exists() or output.is_symlink()
    request: list[Problem | str] = []
    if exists and not force:
        request.append(f"{display_path(output)} already exists; --force writes over it when "
                       "an earlier import wrote it")
    elif exists and not _written_by_import(output):
        request.append(f"{display_path(output)} was not written by questions import (its "
                       "first line does not say so): --force writes only over such a file; "
                       "move it away, or name the sheet otherwise")
    with _staged(target, bank_dirs, include_default, output) as stage:
        try:
            bank = stage.load()
        except BankError as error:
            raise BankError([*map(stage.remap_problem, error.problems), "the bank does not "
                             "load without this import: fix the problems above first"]
                            ) from None
        origins = {qid: stage.remap(where) for qid, where in bank.origins.items()}
        own = {qid for qid, where in bank.origins.items()
               if where.startswith(display_path(stage.path / "x")[:-1])}
        sheet = _parse_rows(rows, shown, bank, origins, own, replace)
        valid = [row for row in sheet.rows if row.question is not None and not row.duplicate]
        written = stage.path / "questions" / output.name
        text = questions_yaml([row.question for row in valid if row.question], shown)
        others: list[Problem] = []
        loaded: Bank | None = None
        if valid:
            written.parent.mkdir(exist_ok=True)
            written.write_text(text, encoding="utf-8")
            if target.is_dir():
                stage.copy(bank_files(target).roles)
            try:
                loaded = stage.load()
            except BankError as error:
                others = _place(error.located, stage, written, sheet, valid)
                if not others and not sheet.problems:
                    others = [Problem(stage.remap(p.file), p.line, p.column, p.field,
                                      stage.remap(p.message)) for p in error.located]
        said = {problem.line for problem in sheet.problems}
        for row in sheet.rows:  # a row left out has its reason said (or the header's)
            if (row.question is None or row.duplicate) and row.number not in said \
                    and not sheet.absent:
                sheet.add(row.number, "id", "cannot be read as a question")
        found = sorted(sheet.problems)
        if found or others or request or not valid:
            raise InterviewkitError([*found, *others, *request]
                                    or [f"{shown}: no question could be read"])
        assert loaded is not None
        ours = {row.question.id for row in valid if row.question}
        origin = display_path(written)
        warnings = tuple(
            dataclasses.replace(w, where=stage.remap(w.where))
            for w in lint_bank(loaded, only=ours) if w.where.startswith(origin + ":"))
    return ImportPlan(sheet_path, output, text, tuple(row.question for row in valid
                                                       if row.question),
                      tuple((row.number, row.record["id"]) for row in valid if row.made_id),
                      warnings, exists, _in_sheet(warnings, sheet, valid))


def _in_sheet(warnings: Sequence[LintWarning], sheet: _Rows, valid: Sequence[_Row]
              ) -> tuple[str, ...]:
    """Each lint warning where the team edits: FILE:ROW:COLUMN (and the line in a list
    cell), by the question's row and the cell its field comes from."""
    rows = {row.record["id"]: row.number for row in valid}
    said = []
    for warning in warnings:
        loc = tuple(int(part) if part.isdigit() else part for part in warning.field.split("."))
        columns, line = _columns_of(loc, sheet)
        # a level's anchor the warning asks for is a column of the sheet, perhaps one to add
        message = re.sub(r"level_rubrics\.([\w-]+)\.(\d+)", r"a rubric_\1_\2 column",
                         warning.message)
        if loc == ("level_rubrics",) and (asked := re.search(r"rubric_[\w-]+_\d+", message)):
            columns = [asked[0]]
        where = f"{sheet.shown}:{rows[warning.question]}:{columns[0]}"
        said.append(f"{where}: {warning.question}.{warning.field}: "
                    + (f"line {line}: " if line else "") + message)
    return tuple(said)


def _place(problems: Sequence[Problem], stage: _Stage, written: Path, sheet: _Rows,
           valid: Sequence[_Row]) -> list[Problem]:
    """The loader's problems: those in the imported file put back in their row and column;
    those elsewhere named in the target bank directory."""
    shown = display_path(written)
    elsewhere: list[Problem] = []
    for problem in problems:
        found = re.match(r"questions\[(\d+)\]\.?(.*)", problem.field)
        if problem.file == shown and found and int(found[1]) < len(valid):
            row = valid[int(found[1])]
            loc = tuple(int(part[1:-1]) if part.startswith("[") else part
                        for part in re.findall(r"\[\d+\]|[^.\[\]]+", found[2]))
            columns, line = _columns_of(loc, sheet)
            message = stage.remap(problem.message)
            sheet.add_later(row.number, columns, f"line {line}: {message}" if line else message)
        else:
            elsewhere.append(Problem(stage.remap(problem.file), problem.line, problem.column,
                                     problem.field, stage.remap(problem.message)))
    return sorted(set(elsewhere))


def write_import(plan: ImportPlan) -> None:
    """Write what `plan_import` checked, whole (renamed into place); never over a file that
    appeared since it was checked."""
    if not plan.replacing and (plan.output.exists() or plan.output.is_symlink()):
        raise InterviewkitError([f"{display_path(plan.output)} appeared while the sheet was "
                                 "checked; nothing was written"])
    _write(plan.output, plan.text.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """`data` renamed into `path` whole, its folder made if need be; a file system that
    refuses is said in a line."""
    from interviewkit.output import write_bytes_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
    except OSError as error:
        raise InterviewkitError([f"{display_path(path)}: cannot be written "
                                 f"({error.strerror or error})"]) from None


# -- exporting ------------------------------------------------------------------------------

def sheet_columns(bank: Bank, questions: Sequence[Question]) -> list[str]:
    """The header: every column, rubric columns for the bank's scale, and a level's column
    for each (level, value) that one of `questions` has an anchor for."""
    scale = [point.value for point in bank.rating_scale]
    used = {(level, value) for q in questions for level, anchors in q.level_rubrics.items()
            for value in anchors}
    return [*BEFORE_RUBRIC, *(f"rubric_{v}" for v in scale),
            *(f"rubric_{level}_{v}" for level in bank.level_ids for v in scale
              if (level, v) in used), *AFTER_RUBRIC]


def question_cells(question: Question, notes: list[str]) -> dict[str, str | int]:
    """A question's cells by column name, as import reads them back. A list item or a timing
    step that spans lines cannot be a line of a cell: its line breaks become spaces, and a
    note says so."""

    def lines(name: str, items: Sequence[str]) -> str:
        for index, item in enumerate(items, start=1):
            if "\n" in item:
                notes.append(f"{question.id}: {name} item {index} spans lines; written on "
                             "one line (a list cell holds one item a line)")
        return "\n".join(" ".join(item.split()) if "\n" in item else item for item in items)

    cells: dict[str, str | int] = {
        "id": question.id, "competency": question.competency, "kind": question.kind,
        "levels": ", ".join(question.levels), "minutes": question.minutes,
        "scored": "yes" if question.scored else "no", "family": question.family or "",
        "tags": ", ".join(question.tags), "handout": question.handout or "",
        "prompt": question.prompt, "why": question.why,
        "timing": lines("timing", [f"{s.minutes}: {s.step}" for s in question.timing]),
        **{name: lines(name, getattr(question, name)) for name in LINE_LISTS},
        **{f"rubric_{v}": anchor for v, anchor in question.rubric.items()},
        **{f"rubric_{level}_{v}": anchor for level, anchors in question.level_rubrics.items()
           for v, anchor in anchors.items()},
        "sample_answer": question.sample_answer,
    }
    for name, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise InterviewkitError([f"{question.id}: {name} is {len(value):,} characters; a "
                                     f"spreadsheet cell holds at most {MAX_CELL_CHARS:,}"])
    return cells


def _table(bank: Bank, questions: Sequence[Question], notes: list[str]
           ) -> tuple[list[str], list[dict[str, str | int]]]:
    return sheet_columns(bank, questions), [question_cells(q, notes) for q in questions]


def sheet_csv(bank: Bank, questions: Sequence[Question], notes: list[str], *,
              line_end: str = "\r\n") -> str:
    """The questions as CSV: a header row, a question a row, formula-looking text escaped."""
    columns, rows = _table(bank, questions, notes)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(columns)
    for cells in rows:
        writer.writerow([csv_cell(value) if isinstance(value, str) else value
                         for value in (cells.get(name, "") for name in columns)])
    return out.getvalue()


_WIDTHS = {"id": 36, "competency": 14, "kind": 12, "levels": 18, "minutes": 9, "scored": 8,
           "family": 24, "tags": 24, "handout": 24}


def sheet_xlsx(bank: Bank, questions: Sequence[Question], notes: list[str]) -> bytes:
    """The questions as an Excel workbook: one sheet named questions, a bold, frozen header
    row with filters, wrapped text; every text cell a string, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.exceptions import IllegalCharacterError

    columns, rows = _table(bank, questions, notes)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "questions"
    wrap = Alignment(wrap_text=True, vertical="top")
    for place, name in enumerate(columns, start=1):
        heading = sheet.cell(1, place, name)
        heading.font = Font(bold=True)
        sheet.column_dimensions[_letter(place)].width = _WIDTHS.get(name, 60)
    for number, cells in enumerate(rows, start=2):
        for place, name in enumerate(columns, start=1):
            value = cells.get(name, "")
            if value == "":
                continue
            cell = sheet.cell(number, place)
            assert isinstance(cell, Cell)
            cell.alignment = wrap
            if not isinstance(value, str):
                cell.value = value
                continue
            try:
                cell.value = xlsx_cell(value)
            except IllegalCharacterError:
                raise InterviewkitError([f"{cells['id']}: {name} holds a control character "
                                         "that an Excel workbook cannot; export as CSV"]
                                        ) from None
            # openpyxl makes text that starts with "=" a formula and "#N/A" an error: it is
            # text, and the quote prefix keeps it text when someone edits the cell in Excel
            cell.data_type = "s"
            if _WOULD_RUN.match(value):
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{_letter(len(columns))}{len(rows) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_file(path: Path, bank: Bank, questions: Sequence[Question], notes: list[str]
                ) -> None:
    """Write `questions export --out`: by the suffix, an Excel workbook, or CSV for Excel
    (UTF-8 with the byte order mark Excel needs to read it as UTF-8, CRLF line ends)."""
    if path.suffix.lower() == ".xlsx":
        data = sheet_xlsx(bank, questions, notes)
    else:
        data = b"\xef\xbb\xbf" + sheet_csv(bank, questions, notes).encode("utf-8")
    _write(path, data)
