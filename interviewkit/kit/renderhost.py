"""A process that gets WeasyPrint ready while the command does everything else.

Importing WeasyPrint takes about 0.75 s, longer than everything `kit build` does before its
first PDF (reading the bank, drawing the questions, rendering the HTML: about 0.4 s). Done
one after the other, the import is most of the gap between a kit build and WeasyPrint alone;
a thread cannot overlap them (both are Python, and hold the GIL). So a command that will make
PDFs forks this host first thing, before the command line is even parsed: the host imports
WeasyPrint on the other core while the command reads the bank, then renders the command's
PDFs, forking its worker pool from itself (see pool.render_pdfs).

The host is forked before the command opens any file, so it holds no kit's lock; it reads
nothing but its socket, and writes nothing but answers on it. It ends with the command: at a
normal end the command stops it, and any other end (kill -9 included) closes the socket, so
the host's next read or write on it fails. Whatever goes wrong in the host, the command
renders the PDFs itself, as it would without one, so the host can only make a build faster.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import socket
import struct
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from interviewkit.kit.pool import Document

_HEADER = struct.Struct("!Q")
_host: socket.socket | None = None  # the command's end of the host's socket, once forked


def wants_pdf(args: Sequence[str]) -> bool:
    """Whether a command line asks for PDFs in a way worth starting the host for: a kit build
    or a hiring day that does not ask only for HTML or Markdown, help or an example
    schedule. A wrong guess costs only speed: an unused host, or none."""
    words = [arg for arg in args if not arg.startswith("-")]
    if words[:2] not in (["kit", "build"], ["kit", "batch"]):
        return False
    if any(arg in ("--help", "--example") or arg.startswith("--example=") for arg in args):
        return False
    for index, arg in enumerate(args):
        if arg in ("--format", "-f"):
            value = args[index + 1] if index + 1 < len(args) else None
        elif arg.startswith("--format="):
            value = arg.split("=", 1)[1]
        else:  # -fmd: a short option with its value attached, as Click takes it
            value = arg[2:] if arg.startswith("-f") else None
        if value is not None and value.lower() in ("html", "md"):
            return False
    return True


def start(args: Sequence[str]) -> None:
    """Fork the host when `args` will make PDFs and a second core can import WeasyPrint."""
    global _host
    from interviewkit.kit.pool import usable_cores

    if _host is not None or not hasattr(os, "fork") or usable_cores() < 2 or not wants_pdf(args):
        return
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:  # the host
        ours.close()
        code = 1
        try:
            code = _serve(theirs)
        finally:
            os._exit(code)
    theirs.close()
    _host = ours
    atexit.register(_stop, pid)


def _stop(pid: int) -> None:
    """At the command's end: the host goes with it, at once. It holds no file and writes
    nothing but to us, so killing it loses nothing, and waiting for it means no process
    outlives the command (a host still importing WeasyPrint, say, for a build that failed)."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def render(documents: Sequence[Document], search_path: Sequence[Path], jobs: int | None,
           progress: Callable[[str], None] | None) -> dict[str, bytes] | None:
    """The documents' PDFs as the host renders them (by stem), or None when there is no
    host, or it has gone: the caller renders them itself. A document's own problem (a
    refused fetch, WeasyPrint's error) comes back as the InterviewkitError it raised."""
    global _host
    from interviewkit.errors import InterviewkitError

    if _host is None:
        return None
    try:
        _send(_host, (list(documents), list(search_path), jobs))
        while True:
            kind, value = _receive(_host)
            if kind == "progress":
                if progress:
                    progress(value)
            elif kind == "done":
                return dict(value)
            elif kind == "problems":
                raise InterviewkitError(value)
            else:  # "failed": the host could not render; this process will
                break
    except (OSError, EOFError, pickle.UnpicklingError):
        pass
    _host.close()
    _host = None
    return None


def _serve(connection: socket.socket) -> int:
    """The host's life: get WeasyPrint ready, then render each batch it is sent until the
    command closes the socket."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command handles Ctrl-C; we just end
    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # hold none of the command's pipes open: a caller reads them to EOF
        os.dup2(devnull, fd)
    os.close(devnull)
    try:
        import weasyprint  # noqa: F401  (the point of the host: imported while the command works)

        from interviewkit.errors import InterviewkitError
        from interviewkit.kit import pool
    except BaseException:
        return 1
    while True:
        try:
            batch, search_path, jobs = _receive(connection)
        except (OSError, EOFError):
            return 0  # the command has ended
        try:
            try:
                pdfs = pool.render_pdfs(
                    batch, tuple(search_path), jobs,
                    lambda name: _send(connection, ("progress", name)))
                _send(connection, ("done", pdfs))
            except InterviewkitError as error:
                _send(connection, ("problems", error.problems))
            except (OSError, EOFError):
                raise
            except Exception:  # the command renders them again, and reports what fails
                _send(connection, ("failed", None))
        except (OSError, EOFError):
            return 0  # the command has ended while we rendered


def _send(connection: socket.socket, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    connection.sendall(_HEADER.pack(len(data)) + data)


def _receive(connection: socket.socket) -> Any:
    size = _HEADER.unpack(_exactly(connection, _HEADER.size))[0]
    return pickle.loads(_exactly(connection, size))


def _exactly(connection: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = connection.recv(min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
