"""The `interviewkit` command's entry point: signals are turned into one line before the
command line's modules load, so even an early Ctrl-C is a message, not a traceback."""

from __future__ import annotations

import signal
import sys

from interviewkit.errors import INTERRUPTED, Terminated, interrupted_exit_code


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    try:
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _terminate)
        if sys.argv[1:2] == ["kit"]:  # only kit commands render PDFs; others import nothing
            from interviewkit.kit import renderhost

            renderhost.start(sys.argv[1:])  # before the command line loads: see renderhost
        from interviewkit.cli import app
    except KeyboardInterrupt as stop:
        sys.stderr.write(INTERRUPTED + "\n")
        raise SystemExit(interrupted_exit_code(stop)) from None
    app()
