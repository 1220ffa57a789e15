"""PRR501: confirm, across modules, that an explicit no-deadline only serves streams (rules/stream_relays.py).

The file phase leaves two questions it cannot answer alone: whether a class a relay builds (a
project's `StreamingResponseWithStatusCode`) derives from a library's streaming response, and whether
a module constant holding the no-deadline is imported by name into another module (whose uses it did
not see; a read as `module.CONSTANT` is not followed).
"""

from __future__ import annotations

from typing import Callable, Sequence

from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.rules.stream_relays import STREAMING_RESPONSES, STREAMS_THROUGH, USED_HERE_ONLY


def deliberate_stream_check(index: ProjectIndex) -> Callable[[Sequence[str]], bool]:
    """Whether a finding's stream subjects all hold: each relay builds a streaming response class of
    the project, and no other module imports a constant the file phase followed in its own module."""

    def streams(names: str) -> bool:
        for name in names.split("|"):
            found = index.canonical(name)
            if found is not None and found in index.classes and STREAMING_RESPONSES.intersection(class_ancestors(index, found)):
                return True
        return False

    def used_here_only(constant: str) -> bool:
        module = constant.rpartition(".")[0]
        return not any(target == constant for name, summary in index.modules.items() if name != module
                       for target in summary.imports.values())

    def check(subjects: Sequence[str]) -> bool:
        own = [subject for subject in subjects if subject.startswith((STREAMS_THROUGH, USED_HERE_ONLY))]
        return bool(own) and all(streams(subject[len(STREAMS_THROUGH):]) if subject.startswith(STREAMS_THROUGH)
                                 else used_here_only(subject[len(USED_HERE_ONLY):]) for subject in own)

    return check
