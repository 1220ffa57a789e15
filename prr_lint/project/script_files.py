"""Script files a distribution installs into `bin/`: the programs they run.

Besides console scripts, a distribution can ship script files as they are: hatch's
`[tool.hatch.build.targets.wheel.shared-scripts]` (`"scripts" = "/"`), setuptools'
`[tool.setuptools] script-files`, setup.cfg's `[options] scripts` or a literal `scripts=[...]` of
setup.py's `setup()` call. Such a file is a launcher (Nominatim's `nominatim-db` ships
`scripts/nominatim`: `from nominatim_db import cli; exit(cli.nominatim())`); it is no module of the
run (no `.py` name), so it is read here, bounded, and parsed with `ast`, never run. The project
functions its top level calls through its imports are what the program runs: project/scope.py
takes them as tool roots, as it takes a console script's target. The script files read are recorded
with a cached run (tree_reads.py), so editing only a script is a cache miss.
"""

from __future__ import annotations

import ast
import configparser
import os
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from prr_lint.ast_imports import imported_dotted, imported_names
from prr_lint.parse_guard import newest_tree
from prr_lint.project.scripts import literal_lines, load_toml, setup_keywords
from prr_lint.project.texts import read_bounded
from prr_lint.tree_reads import is_file, list_folder, real_path

# The files that declare a distribution and what it ships.
DECLARATION_FILES = ("setup.py", "setup.cfg", "pyproject.toml")
_MAX_FILES = 50  # script files read per distribution: a `bin/` folder, not a tree


def distribution_ships(root: str, path: str) -> bool:
    """A distribution in the file's folder or one above it, up to the root, ships it as a script file or names
    it in its declaration (`scripts=["bin/tool"]`, a `data_files` entry), or its setup.py computes what it ships
    (`computes_scripts`)."""
    folder, name = os.path.dirname(path), os.path.basename(path)
    while True:
        texts = [read_bounded(os.path.join(folder, declaration)) for declaration in DECLARATION_FILES]
        if any(text is not None and name in text for text in texts):
            return True
        if real_path(path) in {str(shipped) for shipped in shipped_paths(Path(folder))} or computes_scripts(texts[0]):
            return True
        if os.path.normpath(folder) == os.path.normpath(root) or os.path.dirname(folder) == folder:
            return False
        folder = os.path.dirname(folder)


def script_file_targets(folder: Path) -> Dict[str, str]:
    """Target `pkg.mod.func` -> script name, for the script files `folder`'s distribution ships."""
    found: Dict[str, str] = {}
    for path in shipped_paths(folder):
        text = read_bounded(str(path))
        first = text.split("\n", 1)[0] if text else ""
        if text is None or not (path.suffix == ".py" or (first.startswith("#!") and "python" in first)):
            continue
        for target in _called_targets(text):
            found.setdefault(target, path.name)
    return found


def shipped_paths(folder: Path) -> List[Path]:
    """The script files `folder`'s declarations name (a folder stands for the files directly in it), in the
    distribution: what it installs into `bin/`."""
    found: List[Path] = []
    for name in _declared_names(folder):
        try:
            path = Path(real_path(folder / name))
            if not path.is_relative_to(real_path(folder)):
                continue  # outside the distribution: not its to ship
        except ValueError:  # no path at all (a NUL byte) ships nothing
            continue
        listed = list_folder(path)
        if listed is not None:
            found.extend(path / entry for entry in listed.files)
        elif is_file(path):
            found.append(path)
    return found[:_MAX_FILES]


def _declared_names(folder: Path) -> Iterator[str]:
    data = load_toml(read_bounded(str(folder / "pyproject.toml")))  # an unreadable pyproject ships no scripts
    shared = _table(data, "tool", "hatch", "build", "targets", "wheel", "shared-scripts")
    yield from (str(name) for name in shared) if isinstance(shared, dict) else ()
    files = _table(data, "tool", "setuptools", "script-files")
    yield from (str(name) for name in files if isinstance(name, str)) if isinstance(files, list) else ()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(read_bounded(str(folder / "setup.cfg")) or "")
        yield from parser.get("options", "scripts", fallback="").split()
    except configparser.Error:  # a malformed setup.cfg ships no scripts
        pass
    yield from _setup_py_scripts(read_bounded(str(folder / "setup.py")))


def _table(data: object, *keys: str) -> object:
    """`data[k1][k2]...`, or None where a level is missing or no table."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def computes_scripts(text: Optional[str]) -> bool:
    """A setup.py that may ship script files no literal names: its `setup()` takes `scripts=` it computes
    (`glob("tools/*")`, a comprehension over `os.listdir("tools")`, a variable) or keywords from a mapping
    (`**options`), or it does not parse (a Python 2 setup.py) and spells `scripts`."""
    if text is None or "scripts" not in text and "**" not in text:
        return False
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "scripts" in text
    return any(keyword.arg is None or keyword.arg == "scripts" and not _literal_strings(keyword.value)
               for keyword in setup_keywords(text))


def _literal_strings(node: ast.expr) -> bool:
    """A list or tuple of string literals: what `_setup_py_scripts` reads whole."""
    return isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(item, ast.Constant) and isinstance(item.value, str)
                                                           for item in node.elts)


def _setup_py_scripts(text: Optional[str]) -> Iterator[str]:
    """The literal `scripts=[...]` of a `setup(...)` call (an unparsable setup.py ships none)."""
    for keyword in setup_keywords(text):
        if keyword.arg == "scripts" and isinstance(keyword.value, (ast.List, ast.Tuple)):
            yield from literal_lines(keyword.value)


def _called_targets(text: str) -> Iterator[str]:
    """`pkg.mod.func` for each call of the script's top level (not in a `def` or `class`) to a name it imports."""
    tree = newest_tree(text)
    if tree is None:  # not Python after all
        return
    imported = imported_names(tree.body)
    statements = [node for node in tree.body if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    for statement in statements:
        for node in ast.walk(statement):
            target = imported_dotted(node.func, imported) if isinstance(node, ast.Call) else None
            if target is not None:
                yield target
