"""Console scripts the project declares (pyproject.toml `[project.scripts]`, setup.cfg
`[options.entry_points]`, a literal `entry_points=` of setup.py's `setup()` call): operator tools;
and the functions its build runs (`[tool.setuptools.dynamic]`'s `{attr = "pkg.version.get_version"}`)."""

from __future__ import annotations

import ast
import configparser
import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, Optional, Tuple

from prr_lint.stamps import SCRIPT_DECLARATIONS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


def console_scripts(root: Optional[Path]) -> Dict[str, str]:
    """Every declared console script of the project root: target `pkg.mod.func` -> script name."""
    if root is None:
        return {}
    found: Dict[str, str] = {}
    declared = (_READERS[name](_read(Path(root) / name)) for name in SCRIPT_DECLARATIONS)
    for name, value in (pair for pairs in declared for pair in pairs):
        module, _, attribute = value.split()[0].partition(":") if value.strip() else ("", "", "")  # "pkg.cli:main [extra]"
        if module and attribute:
            found.setdefault(f"{module.strip()}.{attribute.strip()}", name)
    return found


def build_hooks(root: Optional[Path]) -> Dict[str, str]:
    """What pyproject.toml's `[tool.setuptools.dynamic]` has setuptools read or call at build time
    (`version = {attr = "pkg.version.get_version"}`): target -> the field it computes."""
    try:
        data = tomllib.loads(_read(Path(root) / "pyproject.toml") or "") if root is not None else {}
    except tomllib.TOMLDecodeError:  # an unreadable pyproject declares nothing
        return {}
    tool = data.get("tool")
    setuptools = tool.get("setuptools") if isinstance(tool, dict) else None
    dynamic = setuptools.get("dynamic") if isinstance(setuptools, dict) else None
    found: Dict[str, str] = {}
    for field, value in dynamic.items() if isinstance(dynamic, dict) else ():
        attr = value.get("attr") if isinstance(value, dict) else None
        if isinstance(attr, str) and "." in attr:
            found[attr.strip()] = str(field)
    return found


def _read(path: Path) -> Optional[str]:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):  # no readable file: nothing declared there
        return None


def _pyproject(text: Optional[str]) -> Iterator[Tuple[str, str]]:
    try:
        data = tomllib.loads(text) if text is not None else {}
    except tomllib.TOMLDecodeError:  # an unreadable pyproject declares no scripts
        return
    project = data.get("project")
    scripts = project.get("scripts") if isinstance(project, dict) else None
    if isinstance(scripts, dict):
        yield from ((str(name), value) for name, value in scripts.items() if isinstance(value, str) and ":" in value)


def _setup_cfg(text: Optional[str]) -> Iterator[Tuple[str, str]]:
    if text is None:
        return
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
        value = parser.get("options.entry_points", "console_scripts", fallback="")
    except configparser.Error:  # a malformed setup.cfg declares no scripts
        return
    yield from _assignments(value.splitlines())


def _setup_py(text: Optional[str]) -> Iterator[Tuple[str, str]]:
    """The literal `entry_points={"console_scripts": [...]}` of a `setup(...)` call: read, never run."""
    try:
        tree = ast.parse(text) if text is not None else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # an unparsable setup.py declares no scripts
        return
    for node in ast.walk(tree) if tree is not None else ():
        func = node.func if isinstance(node, ast.Call) else None
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name != "setup":
            continue
        for keyword in node.keywords:
            if keyword.arg == "entry_points" and isinstance(keyword.value, ast.Dict):
                for key, value in zip(keyword.value.keys, keyword.value.values):
                    if isinstance(key, ast.Constant) and key.value == "console_scripts":
                        yield from _assignments(_strings(value))


def _strings(node: ast.expr) -> Iterable[str]:
    """The lines a literal holds: a list/tuple of strings, or one string of lines."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.splitlines()
    if isinstance(node, (ast.List, ast.Tuple)):
        return [item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)]
    return []


def _assignments(lines: Iterable[str]) -> Iterator[Tuple[str, str]]:
    """`name = pkg.mod:func` lines -> (name, target)."""
    for line in lines:
        name, equals, value = line.partition("=")
        if equals and ":" in value and name.strip():
            yield name.strip(), value.strip()


# How each declaration file (stamps.SCRIPT_DECLARATIONS) names its console scripts.
_READERS: Dict[str, Callable[[Optional[str]], Iterator[Tuple[str, str]]]] = {
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
}
