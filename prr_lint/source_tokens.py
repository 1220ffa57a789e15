"""One tokenization of a module's source, shared by the word counts (word_counts.py) and the `def`
lines (def_lines.py).

Each of them falls back to the tokenizer for some files (the pure-Python one before 3.12 costs about
a fifth of a libcst parse), now and then the same file (4 of the 47 files the 200 largest of the
standard library tokenize). The word counts read the text as it is, the `def` lines with universal
newlines; without a carriage return the two read the same lines, so the tokens are made once, and kept
only by the first reader.
"""

from __future__ import annotations

import io
import tokenize
from typing import Dict, Iterator, List, Optional, Tuple

# What the tokenizer raises on text it cannot read to the end (tokens up to there are kept).
TOKENIZE_ERRORS = (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError)


class SourceTokens:
    """The tokens of one source text, made on first use."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._read: Dict[bool, Tuple[List[tokenize.TokenInfo], Optional[BaseException]]] = {}

    def read(self, universal_newlines: bool) -> Tuple[List[tokenize.TokenInfo], Optional[BaseException]]:
        """(the tokens as far as the tokenizer got, the error that stopped it or None), kept for a later reader."""
        key = universal_newlines and "\r" in self.source
        found = self._read.get(key)
        if found is None:
            tokens: List[tokenize.TokenInfo] = []
            error: Optional[BaseException] = None
            try:
                tokens.extend(self._tokens(universal_newlines))
            except TOKENIZE_ERRORS as stopped:
                error = stopped
            found = self._read[key] = (tokens, error)
        return found

    def each(self, universal_newlines: bool) -> Iterator[tokenize.TokenInfo]:
        """The tokens as far as the tokenizer gets: those kept by `read`, else made one by one and dropped
        (the last reader keeps no list: a list of every token costs the cyclic collector more to scan)."""
        found = self._read.get(universal_newlines and "\r" in self.source)
        if found is not None:
            yield from found[0]
            return
        try:
            yield from self._tokens(universal_newlines)
        except TOKENIZE_ERRORS:
            return

    def _tokens(self, universal_newlines: bool) -> Iterator[tokenize.TokenInfo]:
        return tokenize.generate_tokens(io.StringIO(self.source, newline=None if universal_newlines else "\n").readline)
