"""GitHub code scanning's `primaryLocationLineHash`, computed the way its upload action does.

GitHub reconciles alerts across commits by `partialFingerprints.primaryLocationLineHash`. The
`upload-sarif` action fills it in when it is missing, but uploads through the REST API do not, so
prr-lint computes it itself. The algorithm (github/codeql-action, `src/fingerprints.ts`):

- the file is read as UTF-8 text and walked one UTF-16 code unit at a time (JavaScript strings);
- spaces and tabs are skipped; `\\r\\n` and lone `\\r` count as `\\n`;
- a line's hash is a polynomial hash, base 37 in signed 64-bit arithmetic that wraps around, of
  the 100 characters that start at its first kept character (they run on into the next lines);
- after the last character comes the marker 65535, then zeros, so that lines near the end also
  have 100 characters;
- the value is the unsigned 64-bit hash in lower-case hex without leading zeros, then `:n`, where n
  counts how many lines of the file so far had that same hash.

This module is an independent implementation of that description; `tests/test_sarif.py` checks it
against values worked out by hand and against the ones published in codeql-action's own tests.
"""

from __future__ import annotations

from itertools import chain
from typing import Dict, Iterator, List

BLOCK_SIZE = 100
_BASE = 37
_MASK = (1 << 64) - 1
_END_OF_FILE = 65535
_SPACE, _TAB, _LF, _CR = 0x20, 0x09, 0x0A, 0x0D
# 37 ** 100 modulo 2 ** 64: the weight of the character leaving the window.
_LEAVING_WEIGHT = pow(_BASE, BLOCK_SIZE, 1 << 64)


def _code_units(text: str) -> Iterator[int]:
    """The UTF-16 code units of `text`, as JavaScript's `charCodeAt` sees them."""
    for char in text:
        point = ord(char)
        if point > 0xFFFF:
            point -= 0x10000
            yield 0xD800 + (point >> 10)
            yield 0xDC00 + (point & 0x3FF)
        else:
            yield point


def decode(data: bytes) -> str:
    """File bytes as the upload action reads them: UTF-8, invalid bytes replaced, a BOM kept."""
    return data.decode("utf-8", errors="replace")


def line_hashes(text: str) -> Dict[int, str]:
    """`{line number (1-based): "hex:n"}` for every line of `text`, as codeql-action computes them."""
    window: List[int] = [0] * BLOCK_SIZE
    line_at: List[int] = [-1] * BLOCK_SIZE  # the line that starts at each window slot, or -1
    seen: Dict[str, int] = {}
    hashes: Dict[int, str] = {}
    state = {"hash": 0, "index": 0}

    def emit() -> None:
        index = state["index"]
        value = format(state["hash"], "x")
        seen[value] = seen.get(value, 0) + 1
        hashes[line_at[index]] = f"{value}:{seen[value]}"
        line_at[index] = -1

    def push(unit: int) -> None:
        index = state["index"]
        leaving = window[index]
        window[index] = unit
        state["hash"] = (_BASE * state["hash"] + unit - _LEAVING_WEIGHT * leaving) & _MASK
        state["index"] = (index + 1) % BLOCK_SIZE

    line = 0
    at_line_start = True
    after_cr = False
    for unit in chain(_code_units(text), (_END_OF_FILE,)):
        if unit in (_SPACE, _TAB) or (after_cr and unit == _LF):
            after_cr = False
            continue
        after_cr = unit == _CR
        if after_cr:
            unit = _LF
        if line_at[state["index"]] != -1:
            emit()
        if at_line_start:
            at_line_start = False
            line += 1
            line_at[state["index"]] = line
        if unit == _LF:
            at_line_start = True
        push(unit)
    for _ in range(BLOCK_SIZE):
        if line_at[state["index"]] != -1:
            emit()
        push(0)
    return hashes
