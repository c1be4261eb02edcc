"""The reports made from filled cards, written to files: a kit's debrief (JSON, HTML, PDF)
and the calibration across kits (JSON, HTML, CSV). The command line parses and prints; the
Python API calls these the same way."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from interviewkit.errors import InterviewkitError
from interviewkit.escape import spreadsheet_cell
from interviewkit.kit.documents import Document, Format, document_files
from interviewkit.kit.manifest import FileRecord, KitManifest
from interviewkit.kit.render import Renderer
from interviewkit.kit.views import Branding, calibration_view, debrief_view
from interviewkit.models import Bank
from interviewkit.output import (
    TEMP_PREFIX,
    directory_lock,
    file_digest,
    finish_replacing,
    read_journal,
    sha256_bytes,
    write_files,
)
from interviewkit.scores.calibrate import (
    LENIENCY_FLAG,
    MIN_KITS_FOR_LENIENCY,
    Calibration,
    build_calibration,
)
from interviewkit.scores.cards import Scorecard
from interviewkit.scores.debrief import Debrief, build_debrief

CalibrationPart = Literal["json", "html", "csv"]


@dataclass(frozen=True)
class ReportStyle:
    """How a report looks: the team's name and colours, and its own templates."""

    company: str = "Hiring team"
    accent: str = "#2f5d8a"
    page_size: str = "A4"
    templates: tuple[Path, ...] = ()
    logo: Path | None = None

    def branding(self, date: str = "") -> Branding:
        from interviewkit.kit.brand import branding

        return branding(self.company, self.accent, self.logo, self.page_size, date)


def _json(record: Any) -> bytes:
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode()


def write_debrief(bank: Bank, kit_dir: Path, manifest: KitManifest,
                  cards: Sequence[Scorecard], format: Format = "both",
                  style: ReportStyle = ReportStyle(), set_aside: Sequence[Scorecard] = ()
                  ) -> tuple[Debrief, list[Path]]:
    """debrief.json, and debrief.html and/or .pdf, beside the kit; the figures and the files
    written. `set_aside`: cards left out as incomplete, named in the flags."""
    figures = build_debrief(bank, manifest, cards, set_aside)
    renderer = Renderer(style.templates)
    html = renderer.render("debrief.html.j2", view=debrief_view(
        bank, figures, style.branding(manifest.date)))
    documents = document_files([Document("debrief", html)], renderer, format)
    return figures, write_report(kit_dir, "debrief.json", figures.as_record(), documents,
                                 DEBRIEF_FILES)


def write_calibration(bank: Bank, kits: Sequence[tuple[KitManifest, Sequence[Scorecard]]],
                      out: Path, parts: Sequence[CalibrationPart] = ("json", "html", "csv"),
                      style: ReportStyle = ReportStyle()) -> tuple[Calibration, list[Path]]:
    """calibration.html and interviewers.csv, questions.csv, roles.csv (the `parts` asked
    for) in `out`, with calibration.json always: the figures, and the record of the report's
    files; the figures and the files written."""
    figures = build_calibration(bank, kits)
    files: dict[str, bytes] = {}
    if "html" in parts:
        view = calibration_view(figures, style.branding(), MIN_KITS_FOR_LENIENCY, LENIENCY_FLAG)
        files["calibration.html"] = Renderer(style.templates).render(
            "calibration.html.j2", view=view).encode()
    if "csv" in parts:
        record = figures.as_record()
        for name in ("interviewers", "questions", "roles"):
            files[f"{name}.csv"] = _csv(record[name])
    return figures, write_report(out, "calibration.json", figures.as_record(), files,
                                 CALIBRATION_FILES)


# The files of one report, as one set: its JSON record (always written) lists the others with
# their sha256, as kit.json lists a kit's files, so that a report written in another format
# removes those of the earlier one it no longer writes, while they are as we wrote them.
DEBRIEF_FILES = ("debrief.json", "debrief.html", "debrief.pdf")
CALIBRATION_FILES = ("calibration.json", "calibration.html", "interviewers.csv",
                     "questions.csv", "roles.csv")
MAX_RECORD_BYTES = 64 * 1024 * 1024


def write_report(directory: Path, record_name: str, record: dict[str, Any],
                 files: dict[str, bytes], names: Sequence[str]) -> list[Path]:
    """`files` and the JSON `record` (at `record_name`, with a `files` list added) into
    `directory`, all or none; the files of the set `names` an earlier report listed and this
    one does not write are removed while unchanged. Returns the paths written."""
    journal = f"{TEMP_PREFIX}{record_name.removesuffix('.json')}-journal.json"
    with _writing(directory):
        _finish_interrupted(directory, journal, names)
        earlier = _earlier_report(directory / record_name, names)
        in_the_way = _not_ours(directory, record_name, files, earlier)
        if in_the_way:
            raise InterviewkitError(in_the_way)
        retire = {name: digest for name, digest in (earlier or {}).items()
                  if name not in files and file_digest(directory / name) == digest}
        listed = [{"name": name, "sha256": sha256_bytes(data)}
                  for name, data in sorted(files.items())]
        return write_files(directory,
                           {record_name: _json({**record, "files": listed}), **files},
                           retire=retire, last=record_name, journal=journal)


@contextmanager
def _writing(directory: Path) -> Iterator[None]:
    """The folder's lock while a report is written (the kit build takes the same one): two
    commands writing one folder at once would each remove the other's temporary files."""
    if not directory.is_dir() or not os.access(directory, os.R_OK):
        # a new folder (nobody else is writing in it), or one we cannot open: the write
        # itself says what is wrong
        yield
        return
    with directory_lock(directory) as held:
        if not held:
            raise InterviewkitError([f"{directory}: another interviewkit command is writing "
                                     "in this folder; run this one again when it has "
                                     "finished"])
        yield


def _finish_interrupted(directory: Path, journal: str, names: Sequence[str]) -> None:
    """Complete the renames of a report that was killed during them, from its journal, so
    that the set is whole again before it is judged; a journal that names anything but the
    report's own files is not ours to follow."""
    unfinished = read_journal(directory / journal)
    if unfinished is None:
        return
    replace, retire = unfinished
    if all(name in names for name in [*(n for n, _, _ in replace), *retire]):
        with suppress(OSError):  # a folder we cannot write to is said by the write itself
            finish_replacing(directory, journal)


def _not_ours(directory: Path, record_name: str, files: dict[str, bytes],
              earlier: dict[str, str] | None) -> list[str]:
    """Why `files` may not be written: a file at one of their names that the earlier report
    did not write, or that was changed since (a panel's notes in debrief.pdf, a team's own
    questions.csv where --out points). The record itself is the report's, always rewritten;
    a record from before reports listed their files (`earlier` None) vouches for them all."""
    what = record_name.removesuffix(".json")
    problems = []
    for name in files:
        path = directory / name
        if earlier is None or not os.path.lexists(path) or \
                (os.path.isdir(path) and not os.path.islink(path)):  # write_files says so
            continue
        if name not in earlier:
            problems.append(f"{path}: not written by a {what} here ({record_name} does not "
                            "list it), and would be replaced; move it away, then run again "
                            "(nothing was written)")
        elif file_digest(path) != earlier[name]:
            problems.append(f"{path}: changed since the {what} wrote it, and would be "
                            "replaced; move it away, then run again (nothing was written)")
    return problems


def _earlier_report(path: Path, names: Sequence[str]) -> dict[str, str] | None:
    """The files an earlier report's record lists, name -> sha256, only among `names` (the
    record is a file anyone can edit: it never names anything else for removal); nothing
    when there is no record of ours to read; None for a record of an interviewkit that did
    not list the files yet (a JSON object without `files`)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode) or path.lstat().st_size > MAX_RECORD_BYTES:
            return {}
        record = json.loads(path.read_bytes())
        if isinstance(record, dict) and "files" not in record:
            return None
        listed = [FileRecord.model_validate(entry) for entry in record["files"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # ValidationError too
        return {}
    return {entry.name: entry.sha256 for entry in listed if entry.name in names
            and entry.name != path.name}


def kept_beside(directory: Path, written: Sequence[Path], names: Sequence[str]
                ) -> list[Path]:
    """The files of the set `names` in `directory` that the report just `written` did not
    write: a file of the user's, or one changed since an earlier report wrote it. They were
    kept, and do not show the report's figures."""
    return [directory / name for name in names
            if directory / name not in written and os.path.lexists(directory / name)]


def _csv(rows: list[dict[str, Any]]) -> bytes:
    """Rows as CSV a spreadsheet shows as written: nested values as JSON, formula-looking
    text neutralised."""
    import csv
    import io

    buffer = io.StringIO()
    flat = [{k: spreadsheet_cell(json.dumps(v) if isinstance(v, dict) else v)
             for k, v in row.items()} for row in rows]
    writer = csv.DictWriter(buffer, fieldnames=list(flat[0]) if flat else ["none"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buffer.getvalue().encode()
