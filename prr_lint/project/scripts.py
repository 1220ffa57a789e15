"""Console scripts and plug-in groups the project declares (pyproject.toml `[project.scripts]`,
`[project.gui-scripts]` and Poetry's `[tool.poetry.scripts]`, setup.cfg `[options.entry_points]`, a
literal `entry_points=` of setup.py's `setup()` call): the programs installing the project creates,
console and GUI alike; and the functions its build runs (`[tool.setuptools.dynamic]`'s
`{attr = "pkg.version.get_version"}`)."""

from __future__ import annotations

import ast
import configparser
import re
import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple

from prr_lint.parse_guard import newest_tree
from prr_lint.tree_reads import read_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


# The files that declare console scripts, in a distribution's folder.
SCRIPT_DECLARATIONS = ("pyproject.toml", "setup.cfg", "setup.py")
_SCRIPTS = "console_scripts"
_GUI_SCRIPTS = "gui_scripts"
SCRIPTS_GROUPS = frozenset({_SCRIPTS, _GUI_SCRIPTS})  # programs, not plug-ins


def console_scripts(root: Optional[Path]) -> Dict[str, str]:
    """Every declared console or GUI script of the project root: target `pkg.mod.func` -> script name."""
    found: Dict[str, str] = {}
    for target, name in entry_point_targets(_declared(root), SCRIPTS_GROUPS):
        found.setdefault(target, name)
    return found


def entry_point_targets(declared: Iterable[Tuple[str, str, str]], groups: Iterable[str]) -> Iterator[Tuple[str, str]]:
    """(target `pkg.mod.attr`, name) of the declared entry points (group, name, `pkg.mod:attr [extra]`) of `groups`."""
    wanted = set(groups)
    for group, name, value in declared:
        module, _, attribute = value.split()[0].partition(":") if value.strip() else ("", "", "")  # "pkg.cli:main [extra]"
        if group in wanted and module and attribute:
            yield f"{module.strip()}.{attribute.strip()}", name


def entry_point_groups(root: Optional[Path]) -> Dict[str, Set[str]]:
    """The plug-in groups the project registers objects under (`[project.entry-points."svc.manage"]`,
    setup.cfg's and setup.py's other `entry_points` keys): group -> the modules registered there
    (`database = "svc.manage.database:DatabaseCommands"` -> `svc.manage.database`). A program that
    loads a group by its name (stevedore, `importlib.metadata`) imports those modules."""
    found: Dict[str, Set[str]] = {}
    for group, _, value in _declared(root):
        module = value.split()[0].partition(":")[0].strip() if value.strip() else ""
        if group not in SCRIPTS_GROUPS and module:
            found.setdefault(group, set()).add(module)
    return found


def _declared(root: Optional[Path]) -> Iterator[Tuple[str, str, str]]:
    """(group, name, `pkg.mod:attr`) of every entry point the declaration files state."""
    if root is not None:
        yield from declared_in(Path(root))


def declared_in(folder: Path) -> Iterator[Tuple[str, str, str]]:
    """(group, name, `pkg.mod:attr`) of every entry point the declaration files of `folder` state."""
    for file in SCRIPT_DECLARATIONS:
        yield from _READERS[file](read_declaration(folder / file))


# The tables of a pyproject.toml that declare a distribution (PEP 621's `[project]`, a build backend's own); one that holds
# only tools' settings (`[tool.black]`, `[tool.ruff]`) declares none.
_PROJECT_TABLES = frozenset({"project", "build-system"})
_BACKEND_TOOLS = frozenset({"poetry", "flit", "hatch", "pdm", "setuptools", "maturin", "scikit-build"})
# The sections of a setup.cfg that declare a distribution to setuptools; `[flake8]`, `[tool:pytest]`, `[isort]` configure tools.
_CFG_SECTIONS = ("[metadata]", "[options]", "[options.")


def declares_distribution(folder: Path, file: str) -> bool:
    """The declaration file `file` of `folder` declares a distribution: any setup.py, a setup.cfg with a `[metadata]` or
    `[options]` section, a pyproject.toml with a `[project]` or `[build-system]` table or a build backend's (one that does
    not parse may be either). A folder's setup.cfg or pyproject.toml of linters' settings alone (GeoSight's
    `django_project/setup.cfg` of `[flake8]`) installs nothing another project imports."""
    if file == "setup.py":
        return True
    text = read_declaration(folder / file)
    if text is None:
        return False
    if file == "setup.cfg":
        return any(line.strip().lower().startswith(_CFG_SECTIONS) for line in text.splitlines())
    data = load_toml(text)
    tool = data.get("tool")
    return not data and bool(text.strip()) or not _PROJECT_TABLES.isdisjoint(data) \
        or isinstance(tool, dict) and not _BACKEND_TOOLS.isdisjoint(tool)


_NAME = re.compile(r"""(?<![\w.])name\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]*)["']""")  # setup.py, pyproject.toml
_CFG_NAME = re.compile(r"(?m)^name\s*=\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*$")  # setup.cfg's [metadata]


def distribution_name(folder: Path) -> str:
    """The distribution name `folder`'s declaration files give (`name='alerta-gitlab'`), or ""."""
    for file in SCRIPT_DECLARATIONS:
        text = read_declaration(folder / file)
        found = (_CFG_NAME if file == "setup.cfg" else _NAME).search(text) if text is not None else None
        if found:
            return found.group(1)
    return ""


def build_hooks(root: Optional[Path]) -> Dict[str, str]:
    """What pyproject.toml's `[tool.setuptools.dynamic]` has setuptools read or call at build time
    (`version = {attr = "pkg.version.get_version"}`): target -> the field it computes."""
    data = load_toml(read_declaration(Path(root) / "pyproject.toml")) if root is not None else {}  # a malformed one declares nothing
    tool = data.get("tool")
    setuptools = tool.get("setuptools") if isinstance(tool, dict) else None
    dynamic = setuptools.get("dynamic") if isinstance(setuptools, dict) else None
    found: Dict[str, str] = {}
    for field, value in dynamic.items() if isinstance(dynamic, dict) else ():
        attr = value.get("attr") if isinstance(value, dict) else None
        if isinstance(attr, str) and "." in attr:
            found[attr.strip()] = str(field)
    return found


def read_declaration(path: Path, limit: int = 0) -> Optional[str]:
    """The file's text; None without a readable UTF-8 file (nothing declared there)."""
    return read_text(path, limit, encoding="utf-8-sig", errors="strict")


def load_toml(text: Optional[str]) -> Dict[str, object]:
    """The TOML document's tables; empty for no text or a malformed one (nested past the parser's depth too),
    which declares nothing."""
    try:
        return tomllib.loads(text) if text is not None else {}
    except (tomllib.TOMLDecodeError, RecursionError):
        return {}


def setup_keywords(text: Optional[str]) -> Iterator[ast.keyword]:
    """The keywords of the `setup(...)` calls of a setup.py (`setuptools.setup` too): read, never run; none of
    one that does not parse."""
    tree = newest_tree(text) if text is not None else None
    for node in ast.walk(tree) if tree is not None else ():
        func = node.func if isinstance(node, ast.Call) else None
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "setup":
            yield from node.keywords  # type: ignore[union-attr]


def _pyproject(text: Optional[str]) -> Iterator[Tuple[str, str, str]]:
    data = load_toml(text)  # a malformed pyproject declares no scripts
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    groups = project.get("entry-points")
    tables = [(_SCRIPTS, project.get("scripts")), (_GUI_SCRIPTS, project.get("gui-scripts"))]
    tables += list(groups.items()) if isinstance(groups, dict) else []
    for group, table in tables:
        if isinstance(table, dict):
            yield from ((str(group), str(name), value) for name, value in table.items() if isinstance(value, str) and value.strip())
    yield from _poetry_scripts(data.get("tool"))


def _poetry_scripts(tool: object) -> Iterator[Tuple[str, str, str]]:
    """Poetry's `[tool.poetry.scripts]`: `name = "pkg.cli:main"`, or a table whose `callable` (or, of
    `type = "console"`, `reference`) names the function; a `type = "file"` script is a file, no target."""
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    scripts = poetry.get("scripts") if isinstance(poetry, dict) else None
    for name, value in scripts.items() if isinstance(scripts, dict) else ():
        if isinstance(value, dict):
            value = value.get("callable") or (value.get("reference") if value.get("type", "console") == "console" else None)
        if isinstance(value, str) and value.strip():
            yield _SCRIPTS, str(name), value


def _setup_cfg(text: Optional[str]) -> Iterator[Tuple[str, str, str]]:
    """setup.cfg's `[options.entry_points]`: each key a group, its value the group's `name = target` lines."""
    for section, name, value in _ini_entry_points(text, lambda parser: ["options.entry_points"]):
        yield from ((name, script, target) for script, target in _assignments(value.splitlines()))


def _ini_entry_points(text: Optional[str], sections: Callable[[configparser.ConfigParser], List[str]]) -> Iterator[Tuple[str, str, str]]:
    """(section, key, value) of the `sections` of an INI text: setup.cfg's, or the string of `[group]` sections a
    setup.py may give as `entry_points` (`[pecan.command]` then `populate = pkg.commands.populate:PopulateCommand`)."""
    if text is None:
        return
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # group and entry names keep their case
    try:
        parser.read_string(text)
        found = [(section, key, value) for section in sections(parser) if parser.has_section(section)
                 for key, value in parser.items(section)]
    except configparser.Error:  # a malformed declaration declares no entry points
        return
    yield from found


def _setup_py(text: Optional[str]) -> Iterator[Tuple[str, str, str]]:
    """The literal `entry_points={"console_scripts": [...]}` of a `setup(...)` call, or the string of INI sections
    setuptools reads as well (`_ini_entry_points`)."""
    for keyword in setup_keywords(text):
        if keyword.arg == "entry_points" and isinstance(keyword.value, ast.Dict):
            for key, value in zip(keyword.value.keys, keyword.value.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    yield from ((key.value, name, target) for name, target in _assignments(literal_lines(value)))
        elif keyword.arg == "entry_points" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
            lines = "\n".join(line.strip() for line in keyword.value.value.splitlines())  # setuptools reads each line stripped
            yield from _ini_entry_points(lines, lambda parser: parser.sections())


def literal_lines(node: ast.expr) -> Iterable[str]:
    """The lines a literal holds: a list/tuple of strings, or one string of lines."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.splitlines()
    if isinstance(node, (ast.List, ast.Tuple)):
        return [item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)]
    return []


def _assignments(lines: Iterable[str]) -> Iterator[Tuple[str, str]]:
    """`name = pkg.mod:func` (or `name = pkg.mod`) lines -> (name, target)."""
    for line in lines:
        name, equals, value = line.partition("=")
        if equals and value.strip() and name.strip():
            yield name.strip(), value.strip()


# How each declaration file (SCRIPT_DECLARATIONS) names its console scripts.
_READERS: Dict[str, Callable[[Optional[str]], Iterator[Tuple[str, str, str]]]] = {
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "setup.py": _setup_py,
}
