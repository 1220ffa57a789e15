"""Where installing the project puts files of its own at absolute paths: the `data_files` of setup.py's
`setup()` call (`("/usr/lib/ubuntu-advantage", glob.glob("lib/[!_]*"))`) and pyproject.toml's
`[tool.setuptools.data-files]` (`"/usr/lib/svc" = ["lib/*.py"]`).

A package built for a system (a Debian package of the project, say) installs its helper programs there,
and its systemd units run them by that path (`ExecStart=/usr/bin/python3 /usr/lib/ubuntu-advantage/daemon.py`),
which names no folder of the project. Such an install places files as an image's COPY does, so
program_runs.py reads a command's path against both alike. Read, never run: a source is a literal path, or
a literal pattern `glob.glob` expands (matched here folder by folder, as glob does).
"""

from __future__ import annotations

import ast
import os
import posixpath
from fnmatch import fnmatchcase
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from prr_lint.parse_guard import newest_tree
from prr_lint.project.scripts import load_toml, setup_keywords
from prr_lint.tree_reads import read_text

_GLOBS = ("glob", "glob.glob", "iglob", "glob.iglob")


def installed_files(root: str, paths: Iterable[str]) -> Dict[str, Tuple[str, ...]]:
    """Absolute install folder -> the project files (of root-relative `paths`) that install puts in it."""
    found: Dict[str, List[str]] = {}
    known = sorted(paths)
    for folder, patterns in [*_setup_py(read_text(os.path.join(root, "setup.py"))), *_pyproject(read_text(os.path.join(root, "pyproject.toml")))]:
        if folder.startswith("/"):
            found.setdefault(posixpath.normpath(folder), []).extend(path for pattern in patterns for path in _matching(pattern, known))
    return {folder: tuple(dict.fromkeys(files)) for folder, files in found.items() if files}


def _setup_py(text: Optional[str]) -> Iterator[Tuple[str, List[str]]]:
    for keyword in setup_keywords(text):
        value = _listed(keyword.value, text or "") if keyword.arg == "data_files" else None
        for item in value.elts if value is not None else ():
            if isinstance(item, ast.Tuple) and len(item.elts) == 2 and isinstance(folder := _literal(item.elts[0]), str):
                yield folder, _sources(item.elts[1])


def _listed(node: ast.expr, text: str) -> Optional[ast.expr]:
    """The list literal of `data_files=`: written there, or returned by the one `return` of the module function
    it calls (`data_files=_get_data_files()`)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return node
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and not node.keywords):
        return None
    tree = newest_tree(text)  # setup_keywords parsed it already
    body = tree.body if tree is not None else []
    defined = [statement for statement in body if isinstance(statement, ast.FunctionDef) and statement.name == node.func.id]
    returns = [statement for statement in ast.walk(defined[-1]) if isinstance(statement, ast.Return)] if defined else []
    return returns[0].value if len(returns) == 1 and isinstance(returns[0].value, (ast.List, ast.Tuple)) else None


def _pyproject(text: Optional[str]) -> Iterator[Tuple[str, List[str]]]:
    tool = load_toml(text).get("tool")
    setuptools = tool.get("setuptools") if isinstance(tool, dict) else None
    table = setuptools.get("data-files") if isinstance(setuptools, dict) else None
    for folder, sources in table.items() if isinstance(table, dict) else ():
        if isinstance(sources, list):
            yield str(folder), [source for source in sources if isinstance(source, str)]


def _sources(node: ast.expr) -> List[str]:
    """The literal paths and glob patterns of a data_files entry's sources (`[...]`, `glob.glob("...")`, `a + b`)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _sources(node.left) + _sources(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [value for value in map(_literal, node.elts) if isinstance(value, str)]
    if isinstance(node, ast.Call) and len(node.args) == 1 and ast.unparse(node.func) in _GLOBS:
        value = _literal(node.args[0])
        return [value] if isinstance(value, str) else []
    return []


def _literal(node: ast.expr) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _matching(pattern: str, paths: List[str]) -> List[str]:
    """The paths a literal path or glob pattern names (`*` stays within a folder, as glob's does)."""
    parts = posixpath.normpath(pattern).split("/")  # `./lib/*` is `lib/*`
    return [path for path in paths if len(path.split("/")) == len(parts)
            and all(fnmatchcase(own, wanted) for own, wanted in zip(path.split("/"), parts))]
