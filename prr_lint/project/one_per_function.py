"""One problem, one finding: the blocking calls of one function on an event loop (PRR505).

A function that does blocking I/O while an async handler waits for it is fixed once, in that
function (an async client, or `asyncio.to_thread` around it), however many calls it makes: the
branches of a generated REST client's `request()` each call the pool, a CRUD helper queries and
commits. Its blocking calls reached by the same path from the same handler are one finding, at the
first call, with every call in `related` and the count in the message; a call suppressed on its own
line stays suppressed and is not merged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, Sequence

from prr_lint.model import Finding

# The rules whose findings are merged per function and call path.
MERGED_RULES = frozenset({"PRR505"})


def one_per_function(findings: Sequence[Finding]) -> List[Finding]:
    """`findings` with each function's blocking calls on one path folded into its first call's finding."""
    groups: Dict[object, List[Finding]] = {}
    for position, finding in enumerate(findings):
        merged = finding.rule in MERGED_RULES and bool(finding.related)
        key = (finding.rule, finding.path, finding.related[:-1]) if merged else position
        groups.setdefault(key, []).append(finding)
    return [_folded(group) for group in groups.values()]


def _folded(group: List[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    ordered = sorted(group, key=lambda finding: finding.sort_key)
    first, others = ordered[0], ordered[1:]
    lines = ", ".join(str(finding.span.line) for finding in others)
    message = f"{first.message} (and {len(others)} more blocking call(s) of this function, lines {lines})"
    related = (*first.related, *(finding.related[-1] for finding in others))
    return replace(first, message=message, related=related)
