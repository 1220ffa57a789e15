"""Python files the project phase reads again as `ast` trees, each parsed once per run.

The per-file pass keeps summaries, not trees; a few project-phase checks need a module's statements
again (which classes a file hands over, what a settings module lists, which name a lazy client is
bound to). They share this one cache, so a file two checks ask about is read and parsed once.
Syntax newer than the interpreter prr-lint runs on is read through its rewriting (parse_guard.py
`newest_tree`), as everywhere the project phase parses linted code.
"""

from __future__ import annotations

import ast
import os
from typing import Callable, Dict, Optional

from prr_lint.parse_guard import newest_tree
from prr_lint.project.texts import job_text
from prr_lint.tree_reads import read_text

TreeOf = Callable[[str], Optional[ast.Module]]


def parsed_tree(analysis, path: str) -> Optional[ast.Module]:
    """The module at root-relative `path`; None when it cannot be read or does not parse."""
    trees: Dict[str, Optional[ast.Module]] = analysis.derived("parsed-trees", dict)
    if path not in trees:
        trees[path] = parse_file(os.path.join(str(analysis.settings.root), path))
    return trees[path]


def job_tree(project, path: str) -> Optional[ast.Module]:
    """The run's module at `path` as an `ast` tree, from its job's bytes (else from disk, `parsed_tree`)."""
    text = job_text(project.job_for(path))
    if text is None:
        return parsed_tree(project.analysis(), path)
    return newest_tree(text)


def tree_reader(analysis) -> TreeOf:
    """`parsed_tree` for code that is handed a reader rather than the analysis."""
    return lambda path: parsed_tree(analysis, path)


def parse_file(path: str) -> Optional[ast.Module]:
    text = read_text(path)
    return newest_tree(text) if text is not None else None


def job_reader(project) -> TreeOf:
    """`job_tree` for code that is handed a reader, each file parsed once per run."""
    trees: Dict[str, Optional[ast.Module]] = project.analysis().derived("job-trees", dict)

    def read(path: str) -> Optional[ast.Module]:
        if path not in trees:
            trees[path] = job_tree(project, path)
        return trees[path]

    return read
