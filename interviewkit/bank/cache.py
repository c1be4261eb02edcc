"""A cache of loaded banks, so that commands which only read the bank start fast.

An entry is keyed by every bank file's path, size and change times, by the directories'
order, and by interviewkit's own code, so any edit makes a new key. Only a bank that loaded
without problems is stored; a bad bank is read and checked again every time. Entries are JSON
(never pickle), rebuilt into the same frozen models without running pydantic again.

Nothing in the cache directory is trusted: an entry is used only when it is exactly what we
wrote (a checksum of its contents, so an entry edited by hand or cut short is read as no
entry), and is rebuilt with every value's type checked, so even a deliberately forged entry
can give only well-typed models or no bank at all. Anything else at an entry's path (a
FIFO, a device, a file too big to be ours) is refused before reading. Checks of the bank
(`bank validate`, `bank lint`) never read the cache.
"""

from __future__ import annotations

import json
import os
import re
import stat
import types
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from interviewkit.bank.files import bank_files
from interviewkit.models import Bank, Competency, Level, Question, RatingValue, Role
from interviewkit.version import __version__

CACHE_ENV = "INTERVIEWKIT_CACHE_DIR"  # a directory, or "off"
FORMAT = 4
KEEP = 16  # entries kept; older ones are removed when a new one is written
# A 10,000-question bank makes an entry of about 14 MB; a bank that would need more than
# this is loaded from its files every time, and a bigger file is never read.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
# The code that makes and reads entries, relative to the package: a change to it is a new key.
_CODE = ("models.py", "safefiles.py", "bank/load.py", "bank/extends.py", "bank/files.py",
         "bank/locate.py", "bank/yamlsource.py", "bank/cache.py")

# Every entry starts with this marker, so pruning can tell our files from a user's.
MARKER = "interviewkit-bank-cache"
_HEADER = re.compile(rb'\{"' + MARKER.encode() + rb'": (\d+), "crc32": "([0-9a-f]{8})", '
                     rb'"entry": ')
_OURS = (b'{"' + MARKER.encode() + b'": ',
         b'{"format": 1, "key": "[1, ')  # entries of interviewkit before the marker
_NAME = re.compile(r"bank-[0-9a-f]{8}\.json")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


def cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "interviewkit"


def _stamp(path: Path) -> list[Any]:
    st = path.stat()
    return [path.name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def fingerprint(directories: Sequence[Path]) -> str | None:
    """The cache key of these bank directories (a JSON text of every file's stamps), or None
    when one is not a directory or a file cannot be looked at (the loader then reports it)."""
    here = Path(__file__).resolve().parent.parent
    parts: list[Any] = [FORMAT, __version__, [_stamp(here / name) for name in _CODE]]
    for directory in directories:
        if not directory.is_dir():
            return None
        try:
            found = bank_files(directory)
            files = [[path.parent.name, *_stamp(path)] for path in [*found.all, *found.handouts]]
        except OSError:  # a dangling link, say: the loader reports it
            return None
        parts.append([str(directory.absolute()), *files])
    return json.dumps(parts)


def _entry(key: str) -> Path | None:
    # A short checksum names the file (zlib: no OpenSSL to load at start-up); the full key is
    # stored inside and compared on reading, so two keys that share a name never mix.
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"bank-{zlib.crc32(key.encode()):08x}.json"


def _open_regular(path: Path) -> BinaryIO | None:
    """`path` opened for reading when it is a regular file, else None. Opening never waits
    (a FIFO would block until a writer came) and never follows a symbolic link."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(fd)
        return None
    return open(fd, "rb")


class _Malformed(ValueError):
    """An entry's contents are not what `write` makes."""


def _require(ok: bool) -> None:
    if not ok:
        raise _Malformed


def _rebuild(annotation: Any, value: Any) -> Any:
    """A JSON value back into what the model field holds (tuples, int keys, nested models),
    with every value's type checked against the field: anything else raises _Malformed."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _rebuild(args[0], value)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (a for a in args if a is not type(None))  # the models use only `X | None`
        return _rebuild(inner, value)
    if origin is Literal:
        _require(any(type(value) is type(choice) and value == choice for choice in args))
        return value
    if origin is tuple and args[1:] == (Ellipsis,):
        _require(type(value) is list)
        return tuple(_rebuild(args[0], item) for item in value)
    if origin is dict:
        _require(type(value) is dict)
        return {_rebuild_key(args[0], k): _rebuild(args[1], v) for k, v in value.items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields
        _require(type(value) is dict and value.keys() == fields.keys())
        return annotation.model_construct(
            **{name: _rebuild(fields[name].annotation, item) for name, item in value.items()})
    if annotation in (str, int, bool):
        _require(type(value) is annotation)
        return value
    raise TypeError(f"the bank cache cannot rebuild {annotation!r}")  # a new field type: our bug


def _rebuild_key(annotation: Any, key: str) -> Any:
    # JSON keys are text; an int key must be the text json.dumps makes of one
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if annotation is int:
        _require(key.lstrip("-").isdigit() and str(int(key)) == key)
        return int(key)
    return _rebuild(annotation, key)


_FIELDS = {"key", "competencies", "levels", "rating_scale", "questions", "roles", "directories",
           "content_hash", "origins", "placeholders", "handouts"}


def read(key: str) -> Bank | None:
    """The cached bank for `key`, or None when there is none or it is not exactly an entry
    that `write` made for this key."""
    path = _entry(key)
    if path is None:
        return None
    handle = _open_regular(path)
    if handle is None:
        return None
    try:
        with handle:
            if os.fstat(handle.fileno()).st_size > MAX_ENTRY_BYTES:
                return None
            raw = handle.read(MAX_ENTRY_BYTES + 1)  # bounded even if the file grows meanwhile
        header = _HEADER.match(raw)
        if (len(raw) > MAX_ENTRY_BYTES or header is None or int(header[1]) != FORMAT
                or not raw.endswith(b"}")):
            return None
        payload = raw[header.end():-1]
        if f"{zlib.crc32(payload):08x}".encode() != header[2]:
            return None  # damaged or edited
        data = json.loads(payload)
        _require(type(data) is dict and data.keys() == _FIELDS and data["key"] == key)
        return Bank(
            competencies=_rebuild(tuple[Competency, ...], data["competencies"]),
            levels=_rebuild(tuple[Level, ...], data["levels"]),
            rating_scale=_rebuild(tuple[RatingValue, ...], data["rating_scale"]),
            questions=_rebuild(tuple[Question, ...], data["questions"]),
            roles=_rebuild(tuple[Role, ...], data["roles"]),
            directories=_rebuild(tuple[str, ...], data["directories"]),
            content_hash=_rebuild(str, data["content_hash"]),
            origins=_rebuild(dict[str, str], data["origins"]),
            placeholders=_rebuild(dict[str, str], data["placeholders"]),
            handouts=_rebuild(dict[str, str], data["handouts"]),
        )
    except (OSError, ValueError, RecursionError):
        return None  # unreadable, or too deeply nested for the JSON reader: load the bank


def write(key: str, bank: Bank) -> None:
    """Store a loaded bank; a cache that cannot be written is skipped silently."""
    path = _entry(key)
    if path is None:
        return
    from interviewkit.output import write_bytes_atomic

    def dump(models: Sequence[BaseModel]) -> list[dict[str, Any]]:
        return [m.model_dump(mode="json") for m in models]

    data = {
        "key": key,
        "competencies": dump(bank.competencies), "levels": dump(bank.levels),
        "rating_scale": dump(bank.rating_scale), "questions": dump(bank.questions),
        "roles": dump(bank.roles), "directories": list(bank.directories),
        "content_hash": bank.content_hash, "origins": dict(bank.origins),
        "placeholders": dict(bank.placeholders), "handouts": dict(bank.handouts),
    }
    payload = json.dumps(data).encode()
    if len(payload) > MAX_ENTRY_BYTES:
        return
    header = f'{{"{MARKER}": {FORMAT}, "crc32": "{zlib.crc32(payload):08x}", "entry": '
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, header.encode() + payload + b"}")
        _prune(path.parent)
    except OSError:
        pass


def _prune(directory: Path) -> None:
    """Keep the newest KEEP entries. Only files that we wrote are counted or removed: a
    regular file named like an entry and starting with our marker; a user's own
    `bank-notes.json` in the same directory is never touched."""
    ours: list[tuple[int, Path]] = []
    for path in directory.iterdir():
        if not _NAME.fullmatch(path.name):
            continue
        handle = _open_regular(path)
        if handle is None:
            continue
        with handle:
            if handle.read(max(map(len, _OURS))).startswith(_OURS):
                ours.append((os.fstat(handle.fileno()).st_mtime_ns, path))
    for _, old in sorted(ours)[:-KEEP]:
        old.unlink(missing_ok=True)
