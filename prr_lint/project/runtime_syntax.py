"""PRR000 for syntax newer than every Python the project declares it runs (newer_syntax.py).

The per-file phase reads every release's grammar, whichever interpreter prr-lint runs on (lowering.py), and marks the
first piece of each release's syntax newer than Python 3.9 in a file (`type Key = str`: 3.12; `match`: 3.10) as a
pending PRR000. Here the project's runtime declarations decide it (python2_runtime.py: `.python-version`,
`runtime.txt`, Dockerfiles, CI, `requires-python`, classifiers): where each of them admits only older releases
(`before_release`), the deployed interpreter cannot import the file, and the finding stands, naming the
declaration (one a file: the first such piece, as the interpreter reports its first syntax error). Where one
declaration admits the release, names none (`python3`, `requires-python = ">=3.9"`), or there is none, it is
dropped: the file is valid code of a Python the project may run. `except A, B:` without brackets is Python 2's
`except A, e:` too: a project that runs Python 2 (`python2_runtime`) reads it, and it is dropped there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional, Set

from prr_lint.model import NEWER_SYNTAX, PYTHON2_READS, Finding, Pending
from prr_lint.project.python2_runtime import before_release, python2_runtime, runtime_declarations


def runtime_syntax_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    """The pending condition of newer syntax: the finding with the declaration that shows the older runtime, or None."""

    def build() -> Callable[[Pending], Optional[Finding]]:
        declared = runtime_declarations(project.analysis())
        reported: Set[str] = set()  # one syntax error a file, as the interpreter reports the first

        def judge(item: Pending) -> Optional[Finding]:
            release = tuple(int(part) for part in item.subjects[0].split("."))
            where = before_release(declared, release)  # type: ignore[arg-type]
            if where is None or (PYTHON2_READS in item.subjects[1:] and python2_runtime(declared) is not None):
                return None
            if item.finding.path in reported:
                return None
            reported.add(item.finding.path)
            return replace(item.finding, message=f"{item.finding.message}, and the project runs Python before it ({where})")

        return judge

    return {NEWER_SYNTAX: build}
