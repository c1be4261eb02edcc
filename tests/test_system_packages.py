"""`make demo` and `make test` check the system first (scripts/system-packages): with a
package missing and no way to install it without a password, they stop at once with the
exact command to run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "system-packages"


def run(mode: str, tmp_path: Path, missing: set[str]) -> subprocess.CompletedProcess[str]:
    """The script, on a Debian whose dpkg reports `missing` as not installed, with no
    apt-get to install them."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    dpkg = fake / "dpkg-query"
    dpkg.write_text("#!/bin/sh\nfor last; do :; done\ncase \" " + " ".join(sorted(missing))
                    + " \" in *\" $last \"*) echo 'unknown ok not-installed' ;; "
                    "*) echo 'install ok installed' ;; esac\n")
    dpkg.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}",
           "APT_GET": str(tmp_path / "no-apt-get")}
    return subprocess.run([str(SCRIPT), mode], capture_output=True, text=True, env=env,
                          timeout=60)


@pytest.mark.parametrize(("mode", "missing", "expected"), [
    ("demo", {"fonts-noto-cjk"}, "fonts-noto-cjk"),
    ("test", {"qpdf", "chromium"}, "qpdf chromium"),
    ("demo", {"qpdf"}, None),  # the demo does not need the test tools
])
def test_a_missing_package_stops_with_the_command_to_run(mode: str, missing: set[str],
                                                        expected: str | None,
                                                        tmp_path: Path) -> None:
    result = run(mode, tmp_path, missing)
    if expected is None:
        assert (result.returncode, result.stderr) == (0, "")
        return
    assert result.returncode == 1
    assert (f"Run:  sudo apt-get install -y --no-install-recommends {expected}"
            in result.stderr.splitlines())
    assert f"make {mode}" in result.stderr


def test_nothing_missing_says_nothing(tmp_path: Path) -> None:
    result = run("test", tmp_path, set())
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
