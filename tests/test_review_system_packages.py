"""scripts/system-packages as a developer who is not root runs it: through sudo, which resets
the environment and may ask for a password. It must install without a question on the way
(debconf's included) or stop at once with the command to run; never prompt, never wait."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "scripts" / "system-packages"


def fake(bin_dir: Path, name: str, body: str) -> None:
    tool = bin_dir / name
    tool.write_text("#!/bin/sh\n" + body)
    tool.chmod(0o755)


def run(tmp_path: Path, sudo: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The script as user 1000 on a Debian missing jq, with `sudo` as the sudo on PATH and an
    apt-get that notes how it was run; what was run, in order."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    fake(bin_dir, "dpkg-query", "for last; do :; done\n"
         "if [ \"$last\" = jq ]; then echo 'unknown ok not-installed';"
         " else echo 'install ok installed'; fi\n")
    fake(bin_dir, "id", "echo 1000\n")
    fake(bin_dir, "sudo", f"echo \"sudo $*\" >> {log}\n" + sudo)
    fake(bin_dir, "apt-get", f"echo \"apt-get $* DEBIAN_FRONTEND=${{DEBIAN_FRONTEND:-}}\""
         f" >> {log}\n")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "APT_GET": "apt-get"}
    result = subprocess.run([str(SCRIPT), "test"], capture_output=True, text=True, env=env,
                            stdin=subprocess.DEVNULL, timeout=60)
    return result, log.read_text().splitlines() if log.exists() else []


# Debian's sudo: the command runs with a reset environment (env_reset).
RUNS_RESET = ('if [ "$1" = -n ]; then shift; fi\n'
              'exec env -i PATH="$PATH" "$@"\n')
# A sudo that wants a password: -n refuses; anything else would prompt.
WANTS_PASSWORD = ('if [ "$1" = -n ]; then echo "sudo: a password is required" >&2; exit 1; fi\n'
                  'echo "PROMPTED FOR A PASSWORD"\nexit 1\n')


def test_through_sudo_apt_get_installs_without_a_question(tmp_path: Path) -> None:
    result, ran = run(tmp_path, RUNS_RESET)
    assert result.returncode == 0, result.stderr
    assert [line for line in ran if line.startswith("sudo")] == [
        "sudo -n true",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
        "--no-install-recommends jq"]
    assert [line for line in ran if line.startswith("apt-get")] == [
        "apt-get update -qq DEBIAN_FRONTEND=noninteractive",
        "apt-get install -y -qq --no-install-recommends jq DEBIAN_FRONTEND=noninteractive"]


def test_a_sudo_that_wants_a_password_is_never_asked(tmp_path: Path) -> None:
    result, ran = run(tmp_path, WANTS_PASSWORD)
    assert result.returncode == 1
    assert ran == ["sudo -n true"]
    assert "Run:  sudo apt-get install -y --no-install-recommends jq" in result.stderr
    assert "PROMPTED" not in result.stdout + result.stderr
