"""Inline suppressions: `# prr-lint: ignore[PRR101] reason` and `# noqa: PRR101`.

Comments are read with the tokenizer, so a `#` inside a string never counts. A suppression on a
line of code silences that line; one alone on its line silences the next line.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import List, Set, Tuple

_PRR_LINT = re.compile(r"#\s*prr-lint\s*:\s*ignore\b(?P<codes>\[[^\]]*\])?(?P<reason>.*)$", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*)", re.IGNORECASE)


@dataclass
class Suppression:
    kind: str  # "prr-lint" or "noqa"
    line: int  # where the comment is
    column: int  # 1-based column of the `#`
    end_column: int
    target_line: int  # the line it silences
    codes: Tuple[str, ...]
    reason: str
    used: Set[str] = field(default_factory=set)


def has_markers(source: str) -> bool:
    """Cheap pre-check so files without any suppression skip tokenizing."""
    lowered = source.lower()
    return "prr-lint" in lowered or "noqa" in lowered


def parse(source: str) -> List[Suppression]:
    """All suppression comments of a module that parsed (tokenizing cannot fail then)."""
    found: List[Suppression] = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        line, column = token.start
        alone = not token.line[:column].strip()
        target = line + 1 if alone else line
        end_column = column + len(token.string) + 1
        match = _PRR_LINT.search(token.string)
        if match:
            raw = match.group("codes")
            codes = tuple(c.strip().upper() for c in raw[1:-1].split(",") if c.strip()) if raw else ()
            reason = match.group("reason").strip()
            found.append(Suppression("prr-lint", line, column + 1, end_column, target, codes, reason))
            continue
        match = _NOQA.search(token.string)
        if match:
            codes = tuple(c.upper() for c in re.findall(r"[A-Za-z]+[0-9]+", match.group("codes")))
            ours = tuple(c for c in codes if c.startswith("PRR"))
            if ours:
                found.append(Suppression("noqa", line, column + 1, end_column, target, ours, ""))
    return found
