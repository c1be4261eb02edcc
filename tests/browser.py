"""The browser the tests and `make bench` drive: Debian's Chromium through Playwright (which
downloads no browser when given its path), and axe-core from tests/engines."""

from __future__ import annotations

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
