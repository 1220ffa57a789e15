"""Whether anything in a project shows Python 3 runs it: what vetoes reading Python 2 from its code (python2_code.py).

Reading a project wrongly as Python 3 here only keeps PRR000 findings, so every sign counts, wherever it is:
- syntax only Python 3 parses in a project module (python3_syntax.py);
- a top-level import, not under `try` or `if` and before any `sys.path` or `sys.modules` edit or `install_aliases()`, of a
  module only Python 3's standard library has (`urllib.parse`, `queue`, `http.client`, `configparser`) that no project
  module or folder and no declared dependency of that name answers (python-future's `future` installs several of
  them on Python 2, the `configparser` backport one: a project declaring either is no sign);
- a project module whose `#!` line runs python3, or a launch file (a Procfile, a shell script) running `python3`;
- a tool setting that targets Python 3 (`[tool.black] target-version = ["py38"]`, mypy's `python_version = 3.8`,
  ruff's `target-version = "py311"`);
- a dependency pinned at releases that support only Python 3 (`_PYTHON3_RELEASES`: each the first release that
  dropped Python 2).
"""

from __future__ import annotations

import ast
import os
import re
from typing import Optional, Sequence

from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.pinned_versions import PinnedVersions
from prr_lint.project.python2_imports import first_import, interpreter
from prr_lint.project.python3_syntax import python3_syntax
from prr_lint.tree_reads import read_text

# Modules only Python 3's standard library has (top-level name, or the dotted name where the package is Python 2's too).
_PYTHON3_ONLY = frozenset({"queue", "configparser", "socketserver", "builtins", "reprlib", "_thread", "copyreg",
                           "winreg", "tkinter", "http", "html", "xmlrpc", "asyncio", "dataclasses", "secrets",
                           "contextvars", "zoneinfo", "tomllib", "graphlib"})
_PYTHON3_DOTTED = frozenset({"urllib.parse", "urllib.request", "urllib.error", "urllib.response", "urllib.robotparser",
                             "email.policy", "importlib.util", "importlib.machinery", "importlib.resources",
                             "importlib.metadata", "collections.abc", "concurrent.futures"})
# What a Python 2 distribution installs under those names: python-future's modules, the configparser backport.
_ON_PYTHON2_FROM = {"future": {"queue", "socketserver", "builtins", "reprlib", "_thread", "copyreg", "winreg",
                               "tkinter", "http", "html", "xmlrpc", "urllib.parse", "urllib.request", "urllib.error",
                               "urllib.response", "urllib.robotparser"},
                    "configparser": {"configparser"}, "futures": {"concurrent.futures"},
                    "importlib-metadata": {"importlib.metadata"}, "importlib-resources": {"importlib.resources"}}
# The first release of each distribution that supports only Python 3.
_PYTHON3_RELEASES = {"django": "2.0", "flask": "2.0", "werkzeug": "2.0", "jinja2": "3.0", "celery": "5.0",
                     "numpy": "1.17", "pandas": "0.25", "requests": "2.28", "sqlalchemy": "2.0", "fastapi": "0.1"}
_PYTHON3_RUN = re.compile(r"(?<![\w.-])python3(?:\.\d+)?(?![\w.-])")
_TOOL_TARGETS = re.compile(r"""^\s*(?:target[-_]version\s*=\s*\[?\s*["']?py3\d*|python_version\s*=\s*["']?3(?:\.\d+)?["']?\s*$)""",
                           re.MULTILINE | re.IGNORECASE)
# Calls that make Python 3 names importable on Python 2 (python-future's; `sys.path`/`sys.modules` edits: first_import).
_INSTALLERS = frozenset({"future.standard_library.install_aliases", "future.standard_library.install_hooks"})
_TOOL_FILES = ("pyproject.toml", "setup.cfg", "mypy.ini", ".mypy.ini", "ruff.toml", ".ruff.toml", "tox.ini")


def python3_signs(analysis, launch_files: Sequence[str]) -> Optional[str]:
    """The first sign that Python 3 runs the project (module docstring), or None; read once per run."""
    return analysis.derived("python3-signs", lambda: _first(analysis, launch_files))


def _first(analysis, launch_files: Sequence[str]) -> Optional[str]:
    root = str(analysis.settings.root)
    if (found := python3_syntax(analysis)) is not None:
        return found
    pins = PinnedVersions(root)
    answered = {part for name in analysis.index.modules for part in name.split(".")}
    for name, module in sorted(analysis.index.modules.items()):
        if (line := _python3_import(parsed_tree(analysis, module.path), answered, pins, module.path)) is not None:
            return f"{module.path}:{line}: imports a Python 3 module"
        if interpreter(os.path.join(root, module.path)) == 3:
            return f"{module.path}: runs python3"
    for path in launch_files:
        text = read_text(path if os.path.isabs(path) else os.path.join(root, path)) or ""
        if any(_PYTHON3_RUN.search(line) for line in text.splitlines() if not line.lstrip().startswith("#") or line.startswith("#!")):
            return f"{os.path.relpath(path, root) if os.path.isabs(path) else path}: runs python3"
    for file_name in _TOOL_FILES:
        if _TOOL_TARGETS.search(read_text(os.path.join(root, file_name)) or ""):
            return f"{file_name}: targets Python 3"
    for distribution, release in _PYTHON3_RELEASES.items():
        if pins.admits_only_from(distribution, release):
            return f"requires {distribution} >= {release}"
    return None


def _python3_import(tree: Optional[ast.Module], answered, pins: PinnedVersions, path: str) -> Optional[int]:
    """The line of the first unconditional top-level import of a Python 3 module nothing answers, or None (also after
    a `sys.path` or `sys.modules` edit, or python-future's `install_aliases()`: python2_imports.first_import)."""
    return first_import(tree, lambda name: _python3_module(name, answered, pins, path), _INSTALLERS)


def _python3_module(name: str, answered, pins: PinnedVersions, path: str) -> bool:
    """The dotted import name is a module only Python 3's standard library has, and nothing answers it."""
    first = name.partition(".")[0]
    dotted = ".".join(name.split(".")[:2])
    shown = first if first in _PYTHON3_ONLY else dotted if dotted in _PYTHON3_DOTTED else None
    if shown is None or first in answered or pins.names(first, path):
        return False
    return not any(shown in names and pins.names(distribution, path) for distribution, names in _ON_PYTHON2_FROM.items())
