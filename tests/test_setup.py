"""The setup finds Python 3.10 by itself, or says in one sentence how to get it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "find-python310.sh"


def executable(path: Path, script: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script)
    path.chmod(0o755)
    return path


def version_of(command: str, env: dict[str, str]) -> str:
    result = subprocess.run([command, "--version"], capture_output=True, text=True, env=env)
    return (result.stdout + result.stderr).strip()


@pytest.fixture
def default_is_not_310(tmp_path) -> dict[str, str]:
    """An environment whose default `python3` and `python` are Python 3.12, and whose
    `python3.10` is a pyenv shim that says pyenv has not selected 3.10."""
    bin_dir = tmp_path / "bin"
    for name in ("python3", "python"):
        executable(
            bin_dir / name,
            "#!/bin/sh\n"
            '[ "$1" = --version ] && { echo "Python 3.12.1"; exit 0; }\n'
            "exit 1  # any other use: this is not the interpreter asked for\n",
        )
    executable(
        bin_dir / "python3.10",
        "#!/bin/sh\n"
        'echo "pyenv: python3.10: command not found" >&2\n'
        'echo "The `python3.10\' command exists in these Python versions: 3.10.13" >&2\n'
        "exit 127\n",
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(home)}
    for command in ("python3", "python"):
        assert version_of(command, env) == "Python 3.12.1"
    assert "command not found" in version_of("python3.10", env)
    return env


def a_real_python_310_at(path: Path) -> Path:
    """A link at `path` to the Python 3.10 running these tests."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(os.path.realpath(sys.executable))
    return path


def assert_is_python_310(interpreter: str) -> None:
    version = subprocess.run(
        [interpreter, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == "(3, 10)"


def test_finds_a_python_310_through_pyenv_when_it_is_not_the_default(tmp_path, default_is_not_310):
    # pyenv is installed and has a 3.10, but selects another version.
    pyenv_root = tmp_path / "pyenv"
    executable(
        tmp_path / "bin" / "pyenv",
        f'#!/bin/sh\n[ "$1" = root ] && echo "{pyenv_root}" && exit 0\nexit 1\n',
    )
    (pyenv_root / "versions" / "3.12.1" / "bin").mkdir(parents=True)
    expected = a_real_python_310_at(pyenv_root / "versions" / "3.10.13" / "bin" / "python3.10")

    result = subprocess.run(
        [SCRIPT], capture_output=True, text=True, env=default_is_not_310, check=True
    )

    assert result.stdout.strip() == str(expected)
    assert_is_python_310(result.stdout.strip())


def test_finds_the_python_310_in_wegwijzer_python_when_it_is_not_the_default(
    tmp_path, default_is_not_310
):
    expected = a_real_python_310_at(tmp_path / "elsewhere" / "python")

    result = subprocess.run(
        [SCRIPT],
        capture_output=True,
        text=True,
        env={**default_is_not_310, "WEGWIJZER_PYTHON": str(expected)},
        check=True,
    )

    assert result.stdout.strip() == str(expected)
    assert_is_python_310(result.stdout.strip())


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
