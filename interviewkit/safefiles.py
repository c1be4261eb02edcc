"""Reading a file that a team named: only inside the directory it was named in, symlinks
followed, only a regular file, and never more than a limit.

Bank files, templates, the logo, files the PDF renderer fetches and a bank's git metadata are
all read through here, so each refuses the same things the same way: a link that leads out
of its directory (the outside file is never opened), a FIFO or device (refused before it is
opened, so it cannot block or stream forever), and a file larger than its limit (refused
before it is read).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

MIB = 1024 * 1024

# O_NOFOLLOW: the path opened is already resolved, so a link put in its place since is not
# followed. O_NONBLOCK: should a FIFO take the file's place after the check, opening it
# returns at once instead of waiting for a writer (fstat then refuses it).
_OPEN_FLAGS = os.O_RDONLY
for _flag in ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
    _OPEN_FLAGS |= getattr(os, _flag, 0)  # those this system has


class RefusedFile(Exception):
    """A file that is not read; `reason` says why, to follow the file's name in a message
    ("is a named pipe (FIFO), not a regular file")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def csv_text(data: bytes) -> str:
    """A CSV file's text as a spreadsheet saves it, UTF-8 with or without a byte order mark;
    RefusedFile says what to do with anything else (Excel's "Unicode text" is UTF-16)."""
    advice = "save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8 (Comma delimited))"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RefusedFile(f"is UTF-16 text; {advice}")
    try:
        return data.decode("utf-8-sig")  # the byte order mark Excel writes is no cell
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise RefusedFile(f"not UTF-8 text (the byte 0x{data[error.start]:02X} on line "
                          f"{line}); {advice}") from None


class FileTooLarge(RefusedFile):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"is larger than the limit of {size_text(limit)}")
        self.size = size
        self.limit = limit


def size_text(size: int) -> str:
    if size >= MIB:
        return f"{size // MIB} MiB" if size % MIB == 0 else f"{size / MIB:.1f} MiB"
    return f"{size} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _check_mode(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise RefusedFile("is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise RefusedFile(f"is {_kind(mode)}, not a regular file")


@contextmanager
def open_inside(path: Path, directory: Path, where: str) -> Iterator[BinaryIO]:
    """`path` opened for reading, once it is known to resolve, links followed, to a regular
    file inside `directory` (itself resolved, so a directory reached through a link is fine).
    `where` names the directory in messages ("the bank directory team"). Raises RefusedFile.
    """
    try:
        root = directory.resolve(strict=True)
        target = path.resolve(strict=True)
        if not target.is_relative_to(root):
            named = Path(os.path.normpath(path.absolute()))
            linked = named.is_relative_to(os.path.normpath(directory.absolute()))
            raise RefusedFile(f"is {'a link to a file ' if linked else ''}outside {where}; "
                              "only files inside it are read")
        _check_mode(os.stat(target).st_mode)  # before opening: a FIFO would block the open
        fd = os.open(target, _OPEN_FLAGS)
    except FileNotFoundError:
        raise RefusedFile("file not found") from None
    except PermissionError:
        raise RefusedFile("permission denied") from None
    except RuntimeError:  # Python 3.11's Path.resolve on a loop of links
        raise RefusedFile("is a link that leads back to itself") from None
    except OSError as error:
        raise RefusedFile(f"cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        _check_mode(os.fstat(fd).st_mode)  # what was opened, should the path have changed
        yield handle


def read_inside(path: Path, directory: Path, where: str, limit: int) -> bytes:
    """The bytes of `path`, checked as `open_inside` does, when it holds at most `limit`
    bytes; a larger file is refused before it is read."""
    with open_inside(path, directory, where) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise FileTooLarge(size, limit)
        try:
            data = handle.read(limit + 1)  # a file may grow, or not know its size (/proc)
        except OSError as error:
            raise RefusedFile(f"cannot be read ({error.strerror})") from None
    if len(data) > limit:
        raise FileTooLarge(len(data), limit)
    return data
