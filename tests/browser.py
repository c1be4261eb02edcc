"""The browser the tests and `make bench` drive: Debian's Chromium through Playwright (which
downloads no browser when given its path), and axe-core from tests/engines."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

ENGINES = Path(__file__).parent / "engines"
CHROMIUM = "/usr/bin/chromium"
# As root in a sandbox without network: no sandboxing of its own, no GPU, and none of the
# background calls home that a closed network refuses.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic", "--disable-default-apps"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """What axe-core finds wrong with the page, by its full rule set."""
    page.add_script_tag(path=str(ENGINES / "node_modules" / "axe-core" / "axe.min.js"))
    results: dict[str, Any] = page.evaluate("() => axe.run(document)")
    return [{"id": v["id"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]]} for v in results["violations"]]


def reload_until(page: Any, fields: dict[str, str], timeout: float = 30.0) -> None:
    """Reload the page until each field (a CSS selector) holds its value, for up to
    `timeout` seconds; fail with what the last reload showed.

    Chromium keeps a page's localStorage writes in the page's process and hands them to its
    storage service a moment later. On a busy machine a reload can start before then and
    restore the card as it was one change earlier (it failed so in CI, one time in many).
    A person reloads seconds after typing; so does this, and the card must come back.
    """
    deadline = time.monotonic() + timeout
    while True:
        page.reload()
        shown = {selector: page.input_value(selector) for selector in fields}
        if shown == fields or time.monotonic() > deadline:
            break
        page.wait_for_timeout(250)
    assert shown == fields
