"""The setup finds Python 3.10 by itself, or says in one sentence how to get it."""

from __future__ import annotations

import subprocess

from bot.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "find-python310.sh"


def test_finds_a_python_310_even_when_it_is_not_the_default(tmp_path):
    result = subprocess.run([SCRIPT], capture_output=True, text=True, check=True)

    interpreter = result.stdout.strip()
    version = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == "(3, 10)"


def test_without_python_310_it_says_how_to_get_it(tmp_path):
    bare_env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    fake_python = tmp_path / "python3.10"
    # An interpreter that is not 3.10 fails the script's version check.
    fake_python.write_text("#!/bin/sh\nexit 1\n")
    fake_python.chmod(0o755)

    result = subprocess.run(
        [SCRIPT],
        capture_output=True,
        text=True,
        env={**bare_env, "WEGWIJZER_PYTHON": str(fake_python)},
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Python 3.10 was not found: install it (for example 'pyenv install 3.10.13') "
        "or set WEGWIJZER_PYTHON to its path, then run make again."
    )
