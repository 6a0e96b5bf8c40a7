#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, or explain in one sentence how to get one.
# Order: $WEGWIJZER_PYTHON, python3.10 on PATH, pyenv's installed 3.10.x, /usr/bin/python3.10.
set -u

is_py310() { [[ -x "$1" ]] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }

candidates=()
[[ -n "${WEGWIJZER_PYTHON:-}" ]] && candidates+=("$WEGWIJZER_PYTHON")
# A pyenv shim answers "command not found" unless pyenv selects 3.10, so ask pyenv for the real path.
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null)
    for dir in $(ls -d "$root"/versions/3.10.* 2>/dev/null | sort -V -r); do
        candidates+=("$dir/bin/python3.10")
    done
fi
for dir in $(ls -d "$HOME"/.pyenv/versions/3.10.* 2>/dev/null | sort -V -r); do
    candidates+=("$dir/bin/python3.10")
done
found=$(command -v python3.10 2>/dev/null) && candidates+=("$found")
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)

for candidate in "${candidates[@]}"; do
    if is_py310 "$candidate"; then
        echo "$candidate"
        exit 0
    fi
done

echo "Python 3.10 was not found: install it (for example 'pyenv install 3.10.13') or set WEGWIJZER_PYTHON to its path, then run make again." >&2
exit 1
