"""Which `#!` lines start Python: a program without a `.py` name (`bin/rucio-auditor`, an operator's
`bin/crank-market`) is Python exactly when its interpreter is, whatever else the line holds. The
command is the line's first word, or with `env` the first word after its options and assignments
(`#!/usr/bin/env -S python3 -u`); a `#!/bin/bash` script that mentions python later is no Python."""

from __future__ import annotations

import os
import re
from typing import Optional

_PYTHON = re.compile(r"(?:python|pypy)[0-9.]*(?:-[A-Za-z0-9]+)?")
_ENV = "env"
FIRST_LINE = 256  # bytes read of a file to find its `#!` line


def starts_python(first_line: str) -> bool:
    """Whether a `#!` line runs its file with a Python interpreter."""
    return bool(_PYTHON.fullmatch(_command(first_line)))


def python_major(first_line: str) -> Optional[int]:
    """The major version of the Python a `#!` line runs (`#!/usr/bin/python3`: 3, `#!/usr/bin/env python2.7`: 2);
    None for another program or a bare `python`, which is either."""
    command = _command(first_line)
    return int(command[6]) if _PYTHON.fullmatch(command) and command[6:7] in ("2", "3") else None


def _command(first_line: str) -> str:
    """The program a `#!` line runs: its first word, or with `env` the first after its options and assignments."""
    if not first_line.startswith("#!"):
        return ""
    words = first_line[2:].split()
    command = os.path.basename(words[0]) if words else ""
    if command == _ENV:
        rest = [word for word in words[1:] if not word.startswith("-") and "=" not in word]
        command = os.path.basename(rest[0]) if rest else ""
    return command


def runs_python(head: bytes) -> bool:
    """Whether a file's first bytes start with a `#!` line that runs Python."""
    return head.startswith(b"#!") and starts_python(head.partition(b"\n")[0].decode("utf-8", "replace").rstrip("\r"))


def is_python_program(path: str) -> bool:
    """Whether the file at `path` starts with a `#!` line that runs Python; an unreadable file does not."""
    try:
        with open(path, "rb") as handle:
            return runs_python(handle.read(FIRST_LINE))
    except OSError:
        return False
