"""Inline suppressions: `# prr-lint: ignore[PRR101] reason` and `# noqa: PRR101`.

Comments are read with the tokenizer, so a `#` inside a string never counts (where the running Python's tokenizer
cannot read a file libcst parsed, an f-string of Python 3.12 under 3.11 say, with the string-skipping lexer of the word
counts instead: the file is checked, not crashed on). A suppression on a
line of code silences that line; one alone on its line silences the next line. Peer linters'
suppressions count for the matching rules (config_schema.PEER_SUPPRESSIONS), ruff's file-level
exemption (`# ruff: noqa: T201`, anywhere in the file) for the whole file.
"""

from __future__ import annotations

import bisect
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Iterator, List, Mapping, Optional, Sequence, Set, Tuple

from prr_lint.config_schema import PEER_SUPPRESSIONS
from prr_lint.source_tokens import TOKENIZE_ERRORS
from prr_lint.word_counts import LEXEMES

_PRR_LINT = re.compile(r"#\s*prr-lint\s*:\s*ignore\b(?P<codes>\[[^\]]*\])?(?P<reason>.*)$", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*(?:,\s*)?[A-Z]+[0-9]+)*)", re.IGNORECASE)


@dataclass
class Suppression:
    kind: str  # "prr-lint", "noqa" or "peer" (another linter's suppression of the same problem)
    line: int  # where the comment is
    column: int  # 1-based column of the `#`
    end_column: int
    target_line: int  # the line it silences
    codes: Tuple[str, ...]
    reason: str
    used: Set[str] = field(default_factory=set)


_NEWLINE = re.compile(r"\r\n?|\n")  # a line's end, as the tokenizer reads them (and placing.py)
# ruff's file-level exemption of specific rules; a bare `# ruff: noqa` names no problem and counts for none.
_RUFF_FILE = re.compile(r"#\s*ruff\s*:\s*noqa\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)", re.IGNORECASE)
# The target line of a suppression that covers the whole file.
WHOLE_FILE = 0
_PYLINT = re.compile(r"#\s*pylint\s*:\s*disable\s*=\s*(?P<codes>[\w\-]+(?:\s*,\s*[\w\-]+)*)", re.IGNORECASE)
_NOSEC = re.compile(r"#\s*nosec\b(?P<codes>(?:[\s:,]*B\d{3})*)", re.IGNORECASE)


def has_markers(source: str, peers: Mapping[str, Tuple[str, ...]] = PEER_SUPPRESSIONS) -> bool:
    """Cheap pre-check so files without any suppression skip tokenizing."""
    lowered = source.lower()
    return "prr-lint" in lowered or "noqa" in lowered or (bool(peers) and ("pylint" in lowered or "nosec" in lowered))


def _peer_codes(comment: str, patterns=(_NOQA, _PYLINT, _NOSEC)) -> List[str]:
    codes: List[str] = []
    for pattern in patterns:
        match = pattern.search(comment)
        if match:
            codes.extend(re.findall(r"[A-Za-z][\w\-]*", match.group("codes")))
    return codes


def _peer(comment: str, line: int, column: int, target: int, peers: Mapping[str, Tuple[str, ...]]) -> Optional[Suppression]:
    """A peer linter's specific suppression, as the PRR codes it stands for (kind "peer")."""
    whole_file = _peer_codes(comment, (_RUFF_FILE,))
    if whole_file:
        target = WHOLE_FILE
    named = [code for code in whole_file or _peer_codes(comment) if code in peers or code.upper() in peers]
    ours = tuple(dict.fromkeys(rule for code in named for rule in peers.get(code, peers.get(code.upper(), ()))))
    if not ours:
        return None
    end_column = column + len(comment) + 1
    scope = " (whole file)" if target == WHOLE_FILE else ""
    return Suppression("peer", line, column + 1, end_column, target, ours, f"peer suppression {', '.join(named)}{scope}")


def _comments(source: str) -> Iterator[Tuple[str, int, int, str]]:
    """Each comment of the text: (its text, line, 0-based column, the text of its line before it)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except TOKENIZE_ERRORS:
        yield from _lexed_comments(source)
        return
    for token in tokens:
        if token.type == tokenize.COMMENT:
            yield token.string, token.start[0], token.start[1], token.line[:token.start[1]]


def _lexed_comments(source: str) -> Iterator[Tuple[str, int, int, str]]:
    """The comments the word counts' lexer finds (it skips string literals, and never fails)."""
    starts = [0, *(match.end() for match in _NEWLINE.finditer(source))]
    for match in LEXEMES.finditer(source):
        if match.group(1) is not None:
            line = bisect.bisect_right(starts, match.start(1))
            begin = starts[line - 1]
            yield match.group(1), line, match.start(1) - begin, source[begin:match.start(1)]


def parse(source: str, peers: Mapping[str, Tuple[str, ...]] = PEER_SUPPRESSIONS) -> List[Suppression]:
    """All suppression comments of a module that parsed."""
    found: List[Suppression] = []
    for comment, line, column, before in _comments(source):
        alone = not before.strip()
        target = line + 1 if alone else line
        end_column = column + len(comment) + 1
        match = _PRR_LINT.search(comment)
        if match:
            raw = match.group("codes")
            codes = tuple(c.strip().upper() for c in raw[1:-1].split(",") if c.strip()) if raw else ()
            reason = match.group("reason").strip()
            found.append(Suppression("prr-lint", line, column + 1, end_column, target, codes, reason))
            continue
        match = _NOQA.search(comment)
        if match:
            codes = tuple(c.upper() for c in re.findall(r"[A-Za-z]+[0-9]+", match.group("codes")))
            ours = tuple(c for c in codes if c.startswith("PRR"))
            if ours:
                found.append(Suppression("noqa", line, column + 1, end_column, target, ours, ""))
        peer = _peer(comment, line, column, target, peers) if peers else None
        if peer is not None:
            found.append(peer)
    return found


# A PRR002 whose codes include a rule that the project phase may still report on that line
# (Rule.project_findings) waits for it, pending this condition (project/wrappers.py settles it).
UNUSED_UNLESS_PROJECT = "unused-unless-project-finding"


def unused_message(codes: Sequence[str]) -> str:
    return f"the suppression of {', '.join(codes)} silences nothing on this line"
