"""One tokenization shared by the word counts and the `def` lines (prr_lint/source_tokens.py): each
reader gets what it got from a tokenization of its own, whichever reads first."""

from __future__ import annotations

import pytest

from prr_lint.def_lines import definition_lines
from prr_lint.source_tokens import SourceTokens
from prr_lint.word_counts import tokenized_words

SOURCES = [
    'def f():\n    """>>> def g(): pass\n    """\n    return 0x1f\n\n\nasync def h(): pass\n',
    'def f():\r\n    return "é"\r\n\r\ndef g(): pass\r\n',  # CRLF: the two readers read different lines
    "x = 1\rdef f(): pass\n",  # a lone CR
    'def f():\n    return """unfinished\n',  # the tokenizer stops early
]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("words_first", [True, False])
def test_shared_tokens_answer_as_separate_ones(source: str, words_first: bool) -> None:
    shared = SourceTokens(source)
    names = ["f", "g", "h"]
    if words_first:
        words = tokenized_words(source, shared)
        lines = definition_lines(source, names, True, shared)
    else:
        lines = definition_lines(source, names, True, shared)
        words = tokenized_words(source, shared)
    assert words == tokenized_words(source)
    assert lines == definition_lines(source, names, True)
