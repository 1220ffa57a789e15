"""Whether a file is valid code for a Python release before 3.7, where `async` and `await` were names (python2_files.py).

A PRR000 on a line that mentions `async` says nothing of the rest of the file, and Python reports only its first
syntax error: a `print 'x'` or a `:=` further down fails on Python 3.6 too. So the whole file is parsed with the
grammar of the release (`ast.parse(feature_version=...)`). Python 3.13 no longer reads `async` and `await` as names
whatever the feature version, so they are first renamed where Python 3.6's tokenizer read them as names: outside an
`async def`'s body, but `async` before `def` (a name of the same length keeps every column). Python 3.9's parser
lets `:=` and positional-only parameters through at any feature version: they are looked for in the tree. A file
too large or too deeply nested to parse safely (parse_guard.py) is not valid here: its finding stays.
"""

from __future__ import annotations

import ast
import io
import tokenize
import warnings
from typing import Optional, Set, Tuple

from prr_lint.parse_guard import looks_pathological
from prr_lint.project.python3_syntax import construct_in

_NAMES = {"async": "_sync", "await": "_wait"}
PYTHON_3_6 = (3, 6)  # the last release where they were names
_LAYOUT = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)


def valid_before_async_keywords(text: str, release: Tuple[int, int]) -> bool:
    """`text` parses as code of `release` (3.0 to 3.6), `async` and `await` as names included."""
    return _tree(text, release) is not None


def valid_python2_with_async_names(text: str) -> bool:
    """`text` parses as code of Python 3.6, `async` and `await` as names included, and holds nothing only Python 3
    parses (python3_syntax.py: an f-string, an annotation, an `async def`): code Python 2 may run."""
    tree = _tree(text, PYTHON_3_6)
    return tree is not None and construct_in(tree) is None


def _tree(text: str, release: Tuple[int, int]) -> Optional[ast.Module]:
    """The module `text` parses to with the grammar of `release`, `async` and `await` as names; None when it does not."""
    if looks_pathological(text):
        return None
    try:
        renamed = _renamed(text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(renamed, feature_version=release)
    except (SyntaxError, tokenize.TokenError, ValueError, RecursionError, MemoryError):
        return None
    newer = any(isinstance(node, ast.NamedExpr) or (isinstance(node, ast.arguments) and node.posonlyargs) for node in ast.walk(tree))
    return None if newer else tree


def _renamed(text: str) -> str:
    """`text` with each `async` and `await` that Python 3.6 reads as a name renamed (module docstring)."""
    lines = io.StringIO(text).readlines()
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    names: Set[Tuple[int, int]] = set()
    depth, body_depth, ended, line_start = 0, -1, False, True  # body_depth: the `async def`'s own depth, -1 outside
    for position, token in enumerate(tokens):
        depth += token.type == tokenize.INDENT
        depth -= token.type == tokenize.DEDENT
        if token.type in _LAYOUT:
            continue
        if line_start and ended and depth <= body_depth:  # the first line after the body: Python 3.6's rule
            body_depth, ended = -1, False
        line_start = token.type == tokenize.NEWLINE
        ended |= line_start and body_depth >= 0
        if token.type != tokenize.NAME or token.string not in _NAMES or body_depth >= 0:
            continue
        if token.string == "async" and position + 1 < len(tokens) and tokens[position + 1].string == "def":
            body_depth = depth
        else:
            names.add(token.start)
    for row, column in sorted(names):
        line = lines[row - 1]
        lines[row - 1] = line[:column] + _NAMES[line[column:column + 5]] + line[column + 5:]
    return "".join(lines)
