"""Where installing the project puts files of its own at absolute paths: the `data_files` of setup.py's
`setup()` call (`("/usr/lib/ubuntu-advantage", glob.glob("lib/[!_]*"))`) and pyproject.toml's
`[tool.setuptools.data-files]` (`"/usr/lib/svc" = ["lib/*.py"]`).

A package built for a system (a Debian package of the project, say) installs its helper programs there,
and its systemd units run them by that path (`ExecStart=/usr/bin/python3 /usr/lib/ubuntu-advantage/daemon.py`),
which names no folder of the project. Such an install places files as an image's COPY does, so
program_runs.py reads a command's path against both alike. Read, never run: a source is a literal path, or
a literal pattern `glob.glob` expands (matched here folder by folder, as glob does).

`data_file_sources` asks only which project files install places as data, wherever: setup.py often builds its
`data_files` in loops (ztpserver's `for filename in glob("actions/*"): file_list += [(name, folder, filename)]`,
then `for filename, dst, src in file_list: data_files += [(dst, glob(src))]`), so it follows a name to every value
setup.py binds it to (an assignment, `+=`, `.append`, `.extend`, a `for` target and its place in a tuple target),
whatever the order: more strings than one run would give, each a path or pattern the install may name.
"""

from __future__ import annotations

import ast
import os
import posixpath
from fnmatch import fnmatchcase
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

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


def data_file_sources(root: str, paths: Iterable[str]) -> Set[str]:
    """The project files (of root-relative `paths`) that setup.py's `data_files` or pyproject.toml's
    `[tool.setuptools.data-files]` install, to any folder (module docstring)."""
    known = sorted(paths)
    patterns = [*_setup_py_sources(read_text(os.path.join(root, "setup.py"))),
                *(pattern for _, sources in _pyproject(read_text(os.path.join(root, "pyproject.toml"))) for pattern in sources)]
    return {path for pattern in patterns for path in _matching(pattern, known)}


def _setup_py_sources(text: Optional[str]) -> List[str]:
    """The literal paths and patterns the second item of each `data_files` entry of setup.py may hold."""
    values = [keyword.value for keyword in setup_keywords(text) if keyword.arg == "data_files"]
    if not values:
        return []
    bindings = _Bindings(ast.parse(text or ""))  # setup_keywords parsed it already
    return [pattern for value in values for entry in bindings.items(value)
            for sources in bindings.element(entry, 1) for pattern in bindings.strings(sources)]


_Binding = Tuple[bool, ast.expr, int]  # (an appended item, not a value; the expression; the place in a `for` tuple target, or -1)


class _Bindings:
    """What each name of a setup.py is bound to anywhere in it; `items` and `strings` follow names through them,
    each expression worked out once (a name bound to itself, `files = files + more`, adds nothing more)."""

    def __init__(self, tree: ast.Module) -> None:
        self.bound: Dict[str, List[_Binding]] = {}
        self.loops: Dict[int, ast.expr] = {}  # id of a `for` target's binding -> what the loop walks
        self.known: Dict[Tuple[str, int], list] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, False, node.value)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value is not None:
                self._bind(node.target, False, node.value)
            elif isinstance(node, (ast.For, ast.comprehension)):
                names = node.target.elts if isinstance(node.target, (ast.Tuple, ast.List)) else [node.target]
                for place, name in enumerate(names):
                    self._bind(name, False, node.iter, place if name is not node.target else -1, loop=True)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("append", "extend") \
                    and len(node.args) == 1:
                self._bind(node.func.value, node.func.attr == "append", node.args[0])

    def _bind(self, target: ast.expr, appended: bool, value: ast.expr, place: int = -1, loop: bool = False) -> None:
        if isinstance(target, ast.Name):
            self.bound.setdefault(target.id, []).append((appended, ast.Starred(value=value) if loop else value, place))

    def _once(self, kind: str, node: ast.expr, work: Callable[[], list]) -> list:
        key = (kind, id(node))
        if key not in self.known:
            self.known[key] = []  # under way: a cycle adds nothing
            self.known[key] = work()
        return self.known[key]

    def values(self, name: ast.Name) -> List[ast.expr]:
        """What a name may stand for: the values bound to it, and for a `for` target each item (or the item's
        place in a tuple target) of what the loop walks."""
        found: List[ast.expr] = []
        for appended, value, place in self.bound.get(name.id, ()):
            if isinstance(value, ast.Starred):  # a loop's target
                found.extend(part for item in self.items(value.value) for part in (self.element(item, place) if place >= 0 else [item]))
            elif not appended:
                found.append(value)
        return found

    def items(self, node: ast.expr) -> List[ast.expr]:
        """The items a list-like expression may hold: a literal's, both sides of `+`, a name's values' and
        appended items; a glob stands for its own items."""
        def work() -> List[ast.expr]:
            if isinstance(node, (ast.List, ast.Tuple)):
                return list(node.elts)
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                return self.items(node.left) + self.items(node.right)
            if _is_glob(node):
                return [node]
            if isinstance(node, ast.Name):
                appended = [value for is_item, value, _ in self.bound.get(node.id, ()) if is_item]
                return appended + [item for value in self.values(node) for item in self.items(value)]
            return []
        return self._once("items", node, work)

    def element(self, node: ast.expr, place: int) -> List[ast.expr]:
        """The item at `place` of a tuple expression (`(folder, [sources])`), or of what a name may stand for."""
        if isinstance(node, (ast.Tuple, ast.List)):
            return [node.elts[place]] if place < len(node.elts) else []
        if isinstance(node, ast.Name):
            return self._once(f"element{place}", node, lambda: [part for value in self.values(node) for part in self.element(value, place)])
        return []

    def strings(self, node: ast.expr) -> List[str]:
        """The literal paths and patterns an expression of sources may stand for."""
        def work() -> List[str]:
            if isinstance(node, ast.Constant):
                return [node.value] if isinstance(node.value, str) else []
            if isinstance(node, (ast.List, ast.Tuple)):
                return [text for item in node.elts for text in self.strings(item)]
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                return self.strings(node.left) + self.strings(node.right)
            if _is_glob(node):
                return self.strings(node.args[0])  # type: ignore[attr-defined]
            if isinstance(node, ast.Name):
                return [text for value in self.values(node) for text in self.strings(value)]
            return []
        return self._once("strings", node, work)


def _is_glob(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and len(node.args) == 1 and ast.unparse(node.func) in _GLOBS


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
    body = ast.parse(text).body  # setup_keywords parsed it already
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
