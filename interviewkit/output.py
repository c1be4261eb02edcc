"""Writing files safely: atomic replace, never a half-written file at a final path, never a
file we did not write replaced or removed; permissions as the user's umask says."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

# Every temporary file the tool writes starts with this, so that leftovers of a killed run
# are recognised as ours (and only ours are ever removed).
TEMP_PREFIX = ".interviewkit-"
TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """The mode a file we write at `path` gets: as `cp` does, an existing file keeps its
    permissions and a new one gets 0666 less the umask (mkstemp alone would give 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_temporary(path: Path, data: bytes) -> Path:
    """Write `data` to a new temporary file beside `path`, synced and with `path`'s mode;
    the caller renames it into place."""
    fd, temporary = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX,
                                     dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), file_mode(path))
            os.fsync(handle.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, then rename it over `path`."""
    temporary = write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                  *(f"lpt{i}" for i in range(1, 10))}
MAX_SLUG = 60


def slugify(name: str) -> str:
    """A safe directory name for a person's name, on every operating system.

    Lowercase ASCII letters, digits and hyphens only, so no path separators, dots or
    reserved device names get through. When the name loses anything on the way (letters with
    no ASCII form, such as CJK or Arabic; a cut to 60 characters; a reserved name), a short
    hash of the full name is added, so two different names never meet in one directory.
    """
    import hashlib
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    lost = any(ord(c) > 127 for c in ascii_only)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.encode("ascii", "ignore").decode().lower())
    slug = slug.strip("-")
    if len(slug) > MAX_SLUG:
        slug, lost = slug[:MAX_SLUG].rstrip("-"), True
    if not slug or slug in RESERVED_NAMES:
        slug, lost = slug or "candidate", True
    if lost:
        slug += "-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return slug


def sha256_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def is_temporary(path: Path) -> bool:
    """A temporary file of ours (a leftover, when no command is running)."""
    return path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP while a few renames run, so that none of them
    stops the renames half-way; a signal that came meanwhile is acted on right after."""
    if not hasattr(signal, "pthread_sigmask") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def directory_lock(directory: Path) -> Iterator[bool]:
    """An exclusive lock on `directory` for as long as the block runs, taken without
    waiting: yields True when this process holds it, False when another one does. (An
    advisory lock on the folder itself, so no lock file is left behind.)"""
    try:
        import fcntl
    except ImportError:  # no flock on this system: nothing to take
        yield True
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)  # closing it lets the lock go


def replace_files(directory: Path, files: Mapping[str, bytes], *,
                  retire: Mapping[str, str] | None = None, last: str | None = None,
                  journal: str | None = None) -> None:
    """Put `files` into `directory`, then remove the files `retire` names, each only while
    it still has the sha256 given for it; nothing else in the directory is touched.

    Every file is first written whole beside its place; then the renames run, `last` after
    the others, with signals held back, so each file is old or new at every instant. With a
    `journal` the change is also all-or-nothing: before the first rename the journal lists
    every rename still to do, and if the process is killed (SIGKILL, power loss) during them,
    `finish_replacing` completes them from the journal the next time the directory is used.
    """
    retire_sums = {name: digest for name, digest in (retire or {}).items()
                   if name not in files}
    staged: dict[str, Path] = {}
    renaming = False
    try:
        for name, data in files.items():
            staged[name] = write_temporary(directory / name, data)
        order = sorted(files, key=lambda n: n == last)
        with signals_held():
            if journal:
                record = {"replace": [[name, sha256_bytes(files[name]), staged[name].name]
                                      for name in order],
                          "retire": sorted(retire_sums.items())}
                write_bytes_atomic(directory / journal, json.dumps(record, indent=1).encode())
            renaming = True
            for name in order:
                os.replace(staged.pop(name), directory / name)
            _retire(directory, retire_sums)
            renaming = False
            if journal:
                (directory / journal).unlink(missing_ok=True)
            _sync_directory(directory)
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        if journal and not renaming:  # the renames did not start, or all of them ran
            (directory / journal).unlink(missing_ok=True)


def write_files(directory: Path, files: Mapping[str, bytes], *,
                retire: Mapping[str, str] | None = None, last: str | None = None,
                journal: str | None = None) -> list[Path]:
    """Write a command's output files (`files`: names relative to `directory`, which may
    name folders), all of them or none: what stands in the way is said for every file before
    anything is written (a folder where a file goes, a file where a folder goes), then each
    file is written whole beside its place and they are renamed in together, `last` last;
    then the files of an earlier run that `retire` names go, each only while it has the
    sha256 given (see `replace_files`, and its `journal`, for a run killed meanwhile).
    Temporary files an earlier, killed run left for these names are removed first.
    Raises InterviewkitError, never OSError; returns the paths written."""
    from interviewkit.errors import InterviewkitError

    def in_the_way(path: Path) -> str | None:
        for folder in reversed(path.relative_to(directory).parents[:-1]):
            if os.path.lexists(directory / folder) and not (directory / folder).is_dir():
                return f"{directory / folder}: is a file where a folder goes"
        if os.path.isdir(path) and not os.path.islink(path):  # a link is replaced itself
            return f"{path}: is a folder where this file goes; move it away, then run again"
        return None

    if os.path.lexists(directory) and not directory.is_dir():
        raise InterviewkitError([f"{directory}: is a file where a folder goes (nothing was "
                                 "written)"])
    problems = dict.fromkeys(p for name in files if (p := in_the_way(directory / name)))
    if problems:
        raise InterviewkitError([f"{p} (nothing was written)" for p in problems])
    try:
        by_folder: dict[Path, set[str]] = {}
        for name in [*files, *([journal] if journal else [])]:
            by_folder.setdefault((directory / name).parent, set()).add((directory / name).name)
        for folder, names in by_folder.items():
            folder.mkdir(parents=True, exist_ok=True)
            remove_leftovers(folder, names)
        replace_files(directory, files, retire=retire, last=last, journal=journal)
    except OSError as error:
        where = error.filename or directory
        raise InterviewkitError([f"{where}: cannot be written ({error.strerror or error})"]
                                ) from None
    return [directory / name for name in files]


def remove_leftovers(folder: Path, names: Collection[str] | None = None) -> None:
    """The temporary files a killed run of ours left in `folder` (regular files only); with
    `names`, only those written for these file names."""
    for leftover in folder.iterdir():
        if is_temporary(leftover) and stat.S_ISREG(leftover.lstat().st_mode) and (
                names is None or _written_for(leftover) in names):
            leftover.unlink(missing_ok=True)


def _written_for(temporary: Path) -> str:
    """The file name a temporary file (`write_bytes_atomic`'s) was written for."""
    return temporary.name.removeprefix(TEMP_PREFIX).removesuffix(TEMP_SUFFIX).rsplit(".", 1)[0]


def finish_replacing(directory: Path, journal: str) -> bool:
    """Complete a `replace_files` that was killed during its renames, from its journal.
    True when there was one to complete; False when there was none, or when it can no
    longer be completed (the journal is then left for the caller to judge)."""
    record = read_journal(directory / journal)
    if record is None:
        return False
    replace, retire = record
    with signals_held():
        for name, digest, temporary in replace:
            staged = directory / temporary
            if file_digest(staged) == digest:
                os.replace(staged, directory / name)
            elif file_digest(directory / name) != digest:
                return False  # neither renamed nor waiting to be: not ours to finish
        _retire(directory, retire)
        (directory / journal).unlink(missing_ok=True)
        _sync_directory(directory)
    return True


_PLAIN_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9._-]*$")


def read_journal(path: Path) -> tuple[list[tuple[str, str, str]], dict[str, str]] | None:
    """A journal as `replace_files` wrote it, or None (missing, or not one of ours: then
    nothing in it is trusted)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode) or path.lstat().st_size > 1024 * 1024:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
        replace = [(str(n), str(d), str(t)) for n, d, t in record["replace"]]
        retire = {str(n): str(d) for n, d in record["retire"]}
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # nested too deeply
        return None
    names = [n for n, _, _ in replace] + list(retire)
    temporaries = [t for _, _, t in replace]
    if not all(_PLAIN_NAME.match(n) and n not in (".", "..") for n in names + temporaries) \
            or not all(is_temporary(Path(t)) for t in temporaries):
        return None
    return replace, retire


def _retire(directory: Path, retire: Mapping[str, str]) -> None:
    """Remove files we wrote earlier, each only while it still holds what we wrote."""
    for name, digest in retire.items():
        if file_digest(directory / name) == digest:
            (directory / name).unlink(missing_ok=True)


def file_digest(path: Path) -> str | None:
    """The sha256 of a regular file (not a link, a FIFO or a folder), else None."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def _sync_directory(directory: Path) -> None:
    # The renames are only durable once the directory itself is on disk.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
