#!/bin/sh
# Prints the path of a working Python 3.10 interpreter, or explains what to install.
# Rasa 3.6 runs on Python 3.8-3.10 only, so the project pins 3.10.
# Order: PATH first, then pyenv's versions folder.
ok() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

for candidate in python3.10 python3 python; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if ok "$path"; then echo "$path"; exit 0; fi
done
for path in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do
    if [ -x "$path" ] && ok "$path"; then echo "$path"; exit 0; fi
done

cat >&2 <<'MSG'
Geen Python 3.10 gevonden (nodig voor Rasa 3.6, dat alleen op Python 3.8-3.10 draait).
Installeer Python 3.10, bijvoorbeeld:
  - met pyenv:            pyenv install 3.10
  - op Debian/Ubuntu:     apt-get install python3.10 python3.10-venv
  - op macOS (Homebrew):  brew install python@3.10
Daarna opnieuw: make run
MSG
exit 1
