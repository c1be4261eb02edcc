"""kit.json: the record of what a kit asked and which files it wrote. One model, one writer,
one reader; a malformed kit.json is reported like a bank file, by line and field."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from interviewkit.errors import BankError, Problem, display_path

MANIFEST_NAME = "kit.json"
# What a rebuild killed during its renames still had to do (see output.replace_files).
KIT_JOURNAL = ".interviewkit-rebuild.json"
SCHEMA_VERSION = 1
MAX_MANIFEST_BYTES = 5 * 1024 * 1024

# A file the kit wrote, by name only: a rebuild replaces and removes the files kit.json
# lists, so a listed name can never reach outside the kit directory.
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def _file_name(name: str) -> str:
    if not _FILE_NAME.fullmatch(name):
        raise PydanticCustomError("file_name", "'{name}' is not the name of a file in the kit "
                                  "folder (letters, digits, '.', '_' and '-' only)",
                                  {"name": name})
    return name


FileName = Annotated[str, AfterValidator(_file_name)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _Record(BaseModel):
    # Unlike bank models, nothing is stripped: kit.json is read back exactly as written.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class GitRecord(_Record):
    directory: str
    commit: str = Field(description="The commit HEAD pointed at, read from the repository's "
                        "files: git is never run.")
    head: str | None = Field(None, description="The branch HEAD was on (refs/heads/main), or "
                             "'detached'.")
    modified: bool | None = Field(None, description="Whether the work tree had changes, as "
                                  "older kits recorded it; no longer asked of git, since that "
                                  "runs programs a repository configures. bank.sha256 pins "
                                  "the content.")


class BankRecord(_Record):
    sha256: str
    directories: tuple[str, ...]
    git: GitRecord | None = None


class StageRecord(_Record):
    stage: str
    questions: tuple[str, ...]
    reasons: dict[str, str] = {}
    competencies: tuple[str, ...] | None = Field(
        None, description="What the stage's scorecard rates (kits made before 0.1 lack it).")


class FileRecord(_Record):
    name: FileName
    sha256: Sha256


class InterviewRecord(_Record):
    """When, where and with whom a stage was held, as a hiring day's schedule gave it."""

    stage: str
    start: str = Field(description="ISO 8601, with the zone's offset: 2026-12-01T09:00:00+01:00")
    minutes: int
    time_zone: str
    interviewers: tuple[str, ...]
    location: str = ""


class KitManifest(_Record):
    """One kit: its plan, the bank it came from and every file it wrote."""

    schema_version: int = SCHEMA_VERSION
    kit_id: str
    role: str
    candidate: str | None = Field(description="None for a blank kit.")
    seed: int
    date: str = ""
    bank: BankRecord
    stages: tuple[StageRecord, ...]
    pins: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    avoided: tuple[str, ...] = ()
    files: tuple[FileRecord, ...] = ()
    interviewkit: str = ""
    # How the kit was branded, so that its debrief looks the same (older kits: empty). The
    # page size goes into the reports' stylesheet, so it is one of the sizes we write.
    company: str = ""
    page_size: Literal["", "A4", "letter"] = ""
    schedule: tuple[InterviewRecord, ...] = Field(
        (), description="The kit's interviews, in time order, when `kit batch` built it.")

    @property
    def asked(self) -> list[str]:
        """The question ids the kit asked, stage by stage."""
        return [qid for stage in self.stages for qid in stage.questions]

    @property
    def is_blank(self) -> bool:
        return self.candidate is None

    def file_hashes(self) -> dict[str, str]:
        return {entry.name: entry.sha256 for entry in self.files}


DAY_NAME = "day.json"


class DayKitRecord(_Record):
    candidate: str
    role: str
    kit_id: str
    directory: FileName = Field(description="The kit's folder, inside the day's folder.")


class DayInterviewerRecord(_Record):
    name: str
    interviews: int
    stack: FileName | None = Field(None, description="Their guides and scorecards in one "
                                   "PDF, in time order (none when no PDF was made).")
    calendar: FileName


class DayManifest(_Record):
    """One hiring day built by `kit batch`: its kits, its interviewers' stacks and calendars,
    and the day's own files (which a rebuild may replace; each kit keeps its own kit.json)."""

    schema_version: int = SCHEMA_VERSION
    schedule: str = Field(description="The schedule file, as it was named.")
    dates: tuple[str, ...]
    kits: tuple[DayKitRecord, ...]
    interviewers: tuple[DayInterviewerRecord, ...]
    repeats: dict[str, int] = Field(
        {}, description="Questions asked more than once across the day: id -> times asked.")
    history: str | None = Field(None, description="--history: the folder of earlier kits "
                                "whose use the draws took into account.")
    files: tuple[FileRecord, ...] = ()
    interviewkit: str = ""


def manifest_bytes(manifest: KitManifest | DayManifest) -> bytes:
    return (json.dumps(manifest.model_dump(mode="json"), indent=2, ensure_ascii=False)
            + "\n").encode()


def read_manifest(path: Path) -> KitManifest:
    """A kit's kit.json, checked; every problem is located (file:line:column: field).

    A rebuild of the kit that was killed half-way is completed first, so that what is read
    is always one whole kit."""
    finish_interrupted(path.parent)
    return _read_record(path, KitManifest, "stages", "a kit.json made by interviewkit (no "
                        "stages with questions)")


def read_day(path: Path) -> DayManifest:
    """A hiring day's day.json, checked like a kit.json."""
    finish_interrupted(path.parent)
    return _read_record(path, DayManifest, "kits", "a day.json made by `interviewkit kit "
                        "batch` (no kits)")


_Read = TypeVar("_Read", KitManifest, DayManifest)


def _read_record(path: Path, model: type[_Read], key: str, expected: str) -> _Read:
    from interviewkit.bank.locate import validate_document
    from interviewkit.bank.yamlsource import YamlDocument, parse_yaml

    name = display_path(path)
    raw = _read_bounded(path, name)
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some Windows editors save
        data = json.loads(text)
    except UnicodeDecodeError:
        raise BankError([Problem(name, 0, 0, "", f"not {path.name}: not UTF-8 text")]
                        ) from None
    except json.JSONDecodeError as error:
        raise BankError([Problem(name, error.lineno, error.colno, "",
                                 f"not valid JSON: {error.msg}")]) from None
    except RecursionError:  # the JSON reader recurses once per level of nesting
        raise BankError([Problem(name, 1, 1, "", f"not {path.name}: nested too deeply")]
                        ) from None
    if not isinstance(data, dict) or key not in data:
        raise BankError([Problem(name, 1, 1, "", f"not {expected}")])
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise BankError([Problem(name, 1, 1, "schema_version", f"version {version} is from "
                                 "a newer interviewkit; upgrade to read it")])
    try:
        return model.model_validate(data)
    except ValidationError:
        pass
    try:  # JSON is YAML too: parsed again, only now, to know where each value stands
        doc = parse_yaml(path, text)
    except BankError:
        doc = YamlDocument(path, data, {})
    return validate_document(doc, model, data)


def read_manifests(paths: list[Path]) -> list[tuple[Path, KitManifest]]:
    """Every kit.json of `paths`, checked; the problems of all of them at once."""
    read: list[tuple[Path, KitManifest]] = []
    problems: list[Problem | str] = []
    for path in paths:
        try:
            read.append((path, read_manifest(path)))
        except BankError as error:
            problems += error.problems
    if problems:
        raise BankError(problems)
    return read


def read_interviews(paths: list[Path]) -> tuple[list[tuple[Path, KitManifest]], int]:
    """The kits of `paths` that were interviews, and how many were left out as blank: a kit
    built with `kit blank` has no candidate, was never an interview, and must not count as
    one (in the calibration, the export or a kit's question history)."""
    read = read_manifests(paths)
    interviews = [(path, manifest) for path, manifest in read if not manifest.is_blank]
    return interviews, len(read) - len(interviews)


def finish_interrupted(directory: Path, *, holding_lock: bool = False) -> None:
    """Complete a build or rebuild of the kit in `directory` that was killed during its
    renames (see output.replace_files), so that what is read or rebuilt is one whole kit.
    A build in progress holds the kit folder's lock and finishes its own renames; a reader
    leaves it to that build (`holding_lock`: the caller is that build)."""
    from interviewkit.output import directory_lock, finish_replacing

    if not (directory / KIT_JOURNAL).exists():
        return
    with contextlib.suppress(OSError):  # a kit that cannot be written to is read as is
        if holding_lock:
            finish_replacing(directory, KIT_JOURNAL)
            return
        with directory_lock(directory) as held:
            if held:
                finish_replacing(directory, KIT_JOURNAL)


def _read_bounded(path: Path, name: str) -> bytes:
    from interviewkit.safefiles import RefusedFile, read_inside

    try:
        return read_inside(path, path.parent, "its kit folder", MAX_MANIFEST_BYTES)
    except RefusedFile as error:
        raise BankError([Problem(name, 0, 0, "", error.reason)]) from None


def find_kits(directories: list[Path]) -> list[Path]:
    """Every kit.json below `directories`, in a stable order. Hidden folders (a crash's
    leftovers among them) and symbolic links are not followed, so nothing outside the
    directories given is read and nothing half-made is counted as a kit."""
    import os
    import stat

    found: list[Path] = []
    # A walk of our own, folder by folder from a list: Python 3.11's os.walk recurses once
    # per level, and a tree nested a thousand folders deep would end it in a RecursionError.
    folders = list(directories)
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            with contextlib.suppress(OSError):
                if entry.name == MANIFEST_NAME and stat.S_ISREG(entry.stat(
                        follow_symlinks=False).st_mode):
                    found.append(Path(folder) / entry.name)
                elif not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                    folders.append(Path(folder) / entry.name)
    return sorted(dict.fromkeys(found))
