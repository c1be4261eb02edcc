"""A cache of loaded banks, so that commands which only read the bank start fast.

An entry is keyed by every bank file's path, size and change times, by the directories'
order, and by interviewkit's own code, so any edit makes a new key. Only a bank that loaded
without problems is stored; a bad bank is read and checked again every time. Entries are JSON
(never pickle), rebuilt into the same frozen models without validating them again.
"""

from __future__ import annotations

import json
import os
import types
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from . import __version__
from .bank import bank_files
from .models import Bank, Competency, Level, Question, RatingValue, Role

CACHE_ENV = "INTERVIEWKIT_CACHE_DIR"  # a directory, or "off"
FORMAT = 1
KEEP = 16  # entries kept; older ones are removed when a new one is written
_CODE = ("models.py", "bank.py", "yamlsource.py", "bankcache.py")


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
    when one is not a directory (the loader then reports it)."""
    here = Path(__file__).parent
    parts: list[Any] = [FORMAT, __version__, [_stamp(here / name) for name in _CODE]]
    for directory in directories:
        if not directory.is_dir():
            return None
        files = bank_files(directory).all
        parts.append([str(directory.absolute()),
                      *([path.parent.name, *_stamp(path)] for path in files)])
    return json.dumps(parts)


def _entry(key: str) -> Path | None:
    # A short checksum names the file (zlib: no OpenSSL to load at start-up); the full key is
    # stored inside and compared on reading, so two keys that share a name never mix.
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"bank-{zlib.crc32(key.encode()):08x}.json"


def _rebuild(annotation: Any, value: Any) -> Any:
    """A JSON value back into what the model field holds: tuples, int keys, nested models."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _rebuild(get_args(annotation)[0], value)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        return _rebuild(next(a for a in get_args(annotation) if a is not type(None)), value)
    if origin is tuple:
        return tuple(_rebuild(get_args(annotation)[0], item) for item in value)
    if origin is dict:
        key_type, value_type = get_args(annotation)
        return {_rebuild(key_type, k): _rebuild(value_type, v) for k, v in value.items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields
        return annotation.model_construct(
            **{name: _rebuild(fields[name].annotation, item) for name, item in value.items()})
    if annotation is int and isinstance(value, str):
        return int(value)
    return value


def read(key: str) -> Bank | None:
    """The cached bank for `key`, or None when there is none or it cannot be read."""
    path = _entry(key)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("key") != key:
            return None
        return Bank(
            competencies=_rebuild(tuple[Competency, ...], data["competencies"]),
            levels=_rebuild(tuple[Level, ...], data["levels"]),
            rating_scale=_rebuild(tuple[RatingValue, ...], data["rating_scale"]),
            questions=_rebuild(tuple[Question, ...], data["questions"]),
            roles=_rebuild(tuple[Role, ...], data["roles"]),
            directories=tuple(data["directories"]),
            content_hash=data["content_hash"],
            origins=data["origins"],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, unreadable or from an older layout: load the bank instead


def write(key: str, bank: Bank) -> None:
    """Store a loaded bank; a cache that cannot be written is skipped silently."""
    path = _entry(key)
    if path is None:
        return
    from .output import write_text_atomic

    def dump(models: Sequence[BaseModel]) -> list[dict[str, Any]]:
        return [m.model_dump(mode="json") for m in models]

    data = {
        "format": FORMAT, "key": key,
        "competencies": dump(bank.competencies), "levels": dump(bank.levels),
        "rating_scale": dump(bank.rating_scale), "questions": dump(bank.questions),
        "roles": dump(bank.roles), "directories": list(bank.directories),
        "content_hash": bank.content_hash, "origins": dict(bank.origins),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(data))
        entries = sorted(path.parent.glob("bank-*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
