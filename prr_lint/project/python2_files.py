"""`scope = "serving"` for PRR000: files in Python 2 syntax in a project whose deployment runs Python 2.

prr-lint reads Python 3. In a service that still runs Python 2.7 (a Cloud Foundry or Heroku
`runtime.txt` of `python-2.7.17`, a Dockerfile built `FROM python:2.7` or installing `python-pip` on
Ubuntu 18.04, a tox envlist of `py27` only: python2_runtime.py says which declarations count), a
`print 'x'` is valid code the deployment runs, not a syntax error to fix: reporting
each such file as PRR000 says the service is broken when it is not. Those findings are left out, and
the run says instead, once, how many files it could not check and which runtime declaration shows
the deployment runs Python 2 (runner.py). A file whose failing line is no Python 2 syntax is still
reported, and so is every Python 2 file of a project that declares no Python 2 runtime. A file
whose only fault is a string Python 3 reads as unicode and Python 2 as bytes (`"\\Noselect"`, a malformed
`\\N{...}` escape only to Python 3: python2_literals.py) is Python 2 code too, and left out the same way.
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Optional, Sequence, Set, Tuple

from prr_lint.model import Finding
from prr_lint.project.python2_runtime import python2_runtime
from prr_lint.python2_literals import PYTHON2_BYTES

SYNTAX_ERROR = "PRR000"
# The interpreter's messages for Python 2 statements (`print x`, `exec code`, `except E, e:`), octal
# literals (`os.umask(022)`) and indentation that mixes tabs and spaces, which Python 2 reads with a tab
# as eight columns and Python 3 refuses (Mailpile's and domogik's modules).
_PY2_MESSAGES = ("Missing parentheses in call to 'print'", "Missing parentheses in call to 'exec'",
                 "multiple exception types must be parenthesized",
                 "leading zeros in decimal integer literals are not permitted",
                 "inconsistent use of tabs and spaces in indentation")
# Python 2 syntax on the failing line (`lambda (key, value):` and `def f(self, (body, header)):` unpack an
# argument, `except IOError as (errno, text):` an exception; `async` and `await` were names until 3.7:
# `async = task.apply_async()`; `0L` is a long literal);
# no two neighbouring quantifiers take the same character.
_PY2_LINE = re.compile(r"`|<>|\bur['\"]|^\s*(?:print|exec)\s+['\"\w]|\bexcept\s+[\w.]+\s*,\s*\w+\s*:"
                       r"|\bexcept\s+[\w.]+\s+as\s*\("
                       r"|\blambda\s*\(|\bdef\s+\w+\s*\((?:[^()=]*,)?\s*\(|(?<![\w.])(?:async|await)\s*[=,)]|\.(?:async|await)\b|(?<![\w.])\d+[lL](?!\w)")
_RAISE = re.compile(r"^\s*raise\s")
_OPENING, _CLOSING = "([{", ")]}"


def python2_line(finding: Finding) -> bool:
    """The failing line of a PRR000 finding is Python 2."""
    message = finding.message.partition(": ")[2]
    line = finding.source_line
    return message.startswith(_PY2_MESSAGES) or bool(_PY2_LINE.search(line)) or _raise_with_arguments(line)


def _raise_with_arguments(line: str) -> bool:
    """`raise E, "message"` or `raise E(message), None, traceback`: a comma outside brackets and strings."""
    if (match := _RAISE.match(line)) is None:
        return False
    depth, quote, escaped = 0, "", False
    for character in line[match.end():]:
        if quote:
            quote = "" if character == quote and not escaped else quote
            escaped = character == "\\" and not escaped
        elif character in "'\"":
            quote = character
        elif character in _OPENING:
            depth += 1
        elif character in _CLOSING:
            depth -= 1
        elif character == "#":
            return False
        elif character == "," and depth == 0:
            return True
    return False


def runtime_reader(root: Optional[str], launch_files: Sequence[str]) -> Callable[[], Optional[str]]:
    """The project's Python 2 declaration (python2_runtime.py), read on the first ask only: a run's findings
    and its suppressed findings both ask."""
    return functools.lru_cache(maxsize=None)(lambda: python2_runtime(root, launch_files))


def python2_files(findings: Sequence[Finding], runtime: Callable[[], Optional[str]]) -> Tuple[Set[int], str]:
    """Positions in `findings` of PRR000 findings on Python 2 lines, or in a literal Python 2 reads as bytes
    (python2_literals.py), when the deployment runs Python 2,
    and the declaration that shows it ("" when there is none); `runtime` gives the declaration."""
    candidates = [position for position, finding in enumerate(findings)
                  if finding.rule == SYNTAX_ERROR and (python2_line(finding) or finding.message.endswith(PYTHON2_BYTES))]
    declared = runtime() if candidates else None
    return (set(candidates), declared) if declared else (set(), "")
