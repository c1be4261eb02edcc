"""The `interviewkit` command's entry point: signals are turned into one line before the
command line's modules load, so even an early Ctrl-C is a message, not a traceback."""

from __future__ import annotations

import signal
import sys

INTERRUPTED = "interrupted; no file was left half-written"


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP), turned into an exception so that clean-up runs as for Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def exit_code(stop: KeyboardInterrupt) -> int:
    return 143 if isinstance(stop, Terminated) else 130


def main() -> None:
    try:
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _terminate)
        from .cli import app
    except KeyboardInterrupt as stop:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(exit_code(stop)) from None
    app()
