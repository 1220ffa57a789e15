"""`scope = "serving"` for PRR000: files in Python 2 syntax in a project whose deployment runs Python 2.

prr-lint reads Python 3. In a service that still deploys on Python 2.7 (a Cloud Foundry or Heroku
`runtime.txt` of `python-2.7.17`, a pyenv `.python-version` of `2.7`, a Dockerfile built `FROM
python:2.7`), a `print 'x'` is valid code the deployment runs, not a syntax error to fix: reporting
each such file as PRR000 says the service is broken when it is not. Those findings are left out, and
the run says instead, once, how many files it could not check and which runtime declaration shows
the deployment runs Python 2 (runner.py). A file whose failing line is no Python 2 syntax is still
reported, and so is every Python 2 file of a project that declares no Python 2 runtime.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Optional, Sequence, Set, Tuple

from prr_lint.model import Finding
from prr_lint.project.texts import read_bounded
from prr_lint.stamps import RUNTIME_DECLARATIONS

SYNTAX_ERROR = "PRR000"
# The interpreter's messages for Python 2 statements (`print x`, `exec code`, `except E, e:`).
_PY2_MESSAGES = ("Missing parentheses in call to 'print'", "Missing parentheses in call to 'exec'",
                 "multiple exception types must be parenthesized")
# Python 2 syntax on the failing line; no two neighbouring quantifiers take the same character.
_PY2_LINE = re.compile(r"`|<>|\bur['\"]|^\s*(?:print|exec)\s+['\"\w]|^\s*raise\s+[\w.]+\s*,|\bexcept\s+[\w.]+\s*,\s*\w+\s*:")
_RUNTIME = re.compile(r"^\s*(?:python-)?(2\.\d+(?:\.\d+)?)\s*$")
# Within one line: a `\s` that also takes newlines would retry every blank line from each line start (quadratic).
_BASE_IMAGE = re.compile(r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(?:\S+/)?python:(2(?:\.\d+)*)\b", re.IGNORECASE | re.MULTILINE)


def python2_line(finding: Finding) -> bool:
    """The failing line of a PRR000 finding is Python 2."""
    message = finding.message.partition(": ")[2]
    return message.startswith(_PY2_MESSAGES) or bool(_PY2_LINE.search(finding.source_line))


def python2_runtime(root: Optional[str], launch_files: Iterable[str]) -> Optional[str]:
    """Where the deployment declares a Python 2 runtime (`runtime.txt: python-2.7.17`), or None: the
    project root's `runtime.txt` or `.python-version`, or a Dockerfile's `FROM python:2...`."""
    for name in RUNTIME_DECLARATIONS if root else ():
        text = read_bounded(os.path.join(root, name))
        first = text.strip().splitlines()[0] if text and text.strip() else ""
        if (match := _RUNTIME.match(first)) is not None:
            return f"{name}: {first.strip()}"
    for path in launch_files:
        if os.path.basename(path).startswith("Dockerfile") and (text := read_bounded(path)) is not None:
            if (match := _BASE_IMAGE.search(text)) is not None:
                where = os.path.relpath(path, root) if root else path
                return f"{where}: FROM python:{match.group(1)}"
    return None


def python2_files(findings: Sequence[Finding], root: Optional[str], launch_files: Sequence[str]) -> Tuple[Set[int], str]:
    """Positions in `findings` of PRR000 findings on Python 2 lines when the deployment runs Python 2,
    and the declaration that shows it ("" when there is none)."""
    candidates = [position for position, finding in enumerate(findings) if finding.rule == SYNTAX_ERROR and python2_line(finding)]
    runtime = python2_runtime(root, launch_files) if candidates else None
    return (set(candidates), runtime) if runtime else (set(), "")
