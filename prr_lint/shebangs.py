"""Which `#!` lines start Python: a program without a `.py` name (`bin/rucio-auditor`, an operator's
`bin/crank-market`) is Python exactly when its interpreter is, whatever else the line holds. The
command is the line's first word, or with `env` the first word after its options and assignments
(`#!/usr/bin/env -S python3 -u`); a `#!/bin/bash` script that mentions python later is no Python."""

from __future__ import annotations

import os
import re

_PYTHON = re.compile(r"(?:python|pypy)[0-9.]*(?:-[A-Za-z0-9]+)?")
_ENV = "env"
FIRST_LINE = 256  # bytes read of a file to find its `#!` line


def starts_python(first_line: str) -> bool:
    """Whether a `#!` line runs its file with a Python interpreter."""
    if not first_line.startswith("#!"):
        return False
    words = first_line[2:].split()
    command = os.path.basename(words[0]) if words else ""
    if command == _ENV:
        rest = [word for word in words[1:] if not word.startswith("-") and "=" not in word]
        command = os.path.basename(rest[0]) if rest else ""
    return bool(_PYTHON.fullmatch(command))


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
