"""The Django settings modules that are the tests' configuration, not a deployed variant (PRR501's queue deadlines).

pytest-django loads the settings module its configuration selects: `--ds=app.settings.test` among pytest's
options, or `DJANGO_SETTINGS_MODULE = ...` in `[pytest]`, `[tool:pytest]` or `[tool.pytest.ini_options]` of
pytest.ini / tox.ini / setup.cfg / pyproject.toml. Such a module is the tests' configuration (clerk's
`settings/test.py`, `"sync": True` so that tasks run inline in tests), unless something that may deploy
names it:
* non-test code names it in a string (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` in wsgi.py or
  manage.py);
* a non-test module imports it (a production variant `from app.settings.test import *` inherits its values);
* a launch file names it outside a block that only runs pytest (pytest's own sections of a pytest
  configuration file, a launch file too, are the selection, not a deployment). The block is judged, not the file (a
  Dockerfile that runs pytest at build time and deploys with `ENV DJANGO_SETTINGS_MODULE=...` deploys it):
  a shell script is one block, a Makefile's or justfile's recipe is one, and in any other file (a Dockerfile,
  a compose file, a Procfile) the line naming the module is. A block only runs pytest when each of its
  command lines runs pytest or only sets up the shell (`set`, `export`, `cd`, `NAME=value` ...), and one runs it.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, FrozenSet, List, Sequence, Set

from prr_lint.paths import is_test_path
from prr_lint.project.deadline_values import Sources
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules
from prr_lint.project.texts import read_bounded

if TYPE_CHECKING:
    from prr_lint.project.analysis import ServingAnalysis

_PYTEST_FILES = frozenset({"pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml"})
_PYTEST_SECTIONS = frozenset({"pytest", "tool:pytest", "tool.pytest.ini_options"})
_SECTION = re.compile(r"^\[([^\]\n]+)\][ \t]*$", re.M)
_SELECTED = re.compile(r"--ds[= ]+[\"']?([\w.]+)|^[ \t]*[\"']?DJANGO_SETTINGS_MODULE[\"']?[ \t]*=[ \t]*[\"']?([\w.]+)", re.M)
_RUNS_PYTEST = re.compile(r"\b(?:pytest|py\.test)\b")
# A shell command that only sets the shell up: `set -e`, `export X=...`, `cd app`, `X=value` alone.
_SETUP = re.compile(r"^(?:(?:set|export|unset|cd|pushd|popd|source|echo)\b|\.\s|[A-Za-z_]\w*=\S*\s*$)")
_SEPARATORS = re.compile(r"&&|\|\||[;|]")
_RECIPES = re.compile(r"(?:^|/)(?:GNUmakefile|[Mm]akefile|[Jj]ustfile|\.justfile|[^/]*\.(?:mk|just))$")
_SCRIPTS = re.compile(r"\.(?:sh|bash)$")


def pytest_settings(analysis: "ServingAnalysis", sources: Sources, launch_files: Sequence[str]) -> FrozenSet[str]:
    """The paths of the settings modules pytest-django's configuration selects that nothing deployed names
    or imports (module doc): read once per run."""
    return analysis.derived("pytest-settings", lambda: frozenset(_pytest_settings(analysis, sources, launch_files)))


def _pytest_settings(analysis: "ServingAnalysis", sources: Sources, launch_files: Sequence[str]) -> Set[str]:
    named = _selected(analysis)
    if not named:
        return set()
    index, tests = analysis.index, test_modules(analysis.index)
    code = [module for module in index.modules.values() if module.module not in tests and not is_test_path(module.path)]
    texts = [sources.texts.get(module.path) or "" for module in code]
    launched = [(path, text) for path in launch_files for text in [read_launch_text(path)] if text]
    deployed = set()
    for dotted in named:
        modules = {module.module for module in index.modules.values() if module.module == dotted or module.module.endswith(f".{dotted}")}
        if any(re.search(rf"[\"']{re.escape(dotted)}[\"']", text) for text in texts) \
                or any(_imports(module, modules) for module in code if module.module not in modules) \
                or any(_deploys(path, text, dotted) for path, text in launched):
            deployed.add(dotted)
    kept = named - deployed
    return {module.path for module in index.modules.values() if any(module.module == dotted or module.module.endswith(f".{dotted}") for dotted in kept)}


def _selected(analysis: "ServingAnalysis") -> Set[str]:
    """The dotted settings modules pytest's configuration files select."""
    named: Set[str] = set()
    for folder, name in project_tree(analysis).files():
        if name not in _PYTEST_FILES:
            continue
        text = read_bounded(os.path.join(folder, name)) or ""
        if "DJANGO_SETTINGS_MODULE" not in text and "--ds" not in text:
            continue
        headers = list(_SECTION.finditer(text))
        for at, header in enumerate(headers):
            if header.group(1).strip() in _PYTEST_SECTIONS:
                section = text[header.end():headers[at + 1].start() if at + 1 < len(headers) else len(text)]
                named.update(a or b for a, b in _SELECTED.findall(section))
    return named


def _imports(module, modules: Set[str]) -> bool:
    """Whether `module` imports one of `modules` or a name from it (also by a star import)."""
    targets = [*module.imports.values(), *module.star_imports, *module.dotted_imports]
    return any(target == name or target.startswith(f"{name}.") for target in targets for name in modules)


def _deploys(path: str, text: str, dotted: str) -> bool:
    """Whether the launch file `path` names `dotted` outside a block that only runs pytest (module doc)."""
    lines = text.splitlines()
    at = [number for number, line in enumerate(lines) if re.search(rf"(?<![\w.]){re.escape(dotted)}(?![\w.])", line)]
    selecting = _pytest_lines(text) if os.path.basename(path) in _PYTEST_FILES else set()
    return any(number not in selecting and not _only_pytest(_block(path, lines, number)) for number in at)


def _pytest_lines(text: str) -> Set[int]:
    """The line numbers of pytest's sections of a pytest configuration file: the selection itself, no deployment."""
    headers = list(_SECTION.finditer(text))
    found: Set[int] = set()
    for at, header in enumerate(headers):
        if header.group(1).strip() in _PYTEST_SECTIONS:
            end = headers[at + 1].start() if at + 1 < len(headers) else len(text)
            found.update(range(text.count("\n", 0, header.start()), text.count("\n", 0, end) + 1))
    return found


def _block(path: str, lines: List[str], number: int) -> List[str]:
    """The lines of the block around line `number`: the whole shell script, the make/just recipe, else the line."""
    if _SCRIPTS.search(path) or lines and lines[0].startswith("#!") and "sh" in lines[0]:
        return lines
    if not _RECIPES.search(path.replace(os.sep, "/")):
        return [lines[number]]
    start = number
    while start > 0 and lines[start][:1] in (" ", "\t", ""):
        start -= 1
    end = number + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t", ""):
        end += 1
    return lines[start + 1 if start != number else start:end]


def _only_pytest(block: List[str]) -> bool:
    """Each command of the block (`&&`, `;`, `||` and `|` part lines) runs pytest or only sets the shell up, and one runs pytest."""
    commands = [part.strip() for line in block if not line.strip().startswith("#") for part in _SEPARATORS.split(line) if part.strip()]
    return any(_RUNS_PYTEST.search(part) for part in commands) and all(_RUNS_PYTEST.search(part) or _SETUP.match(part) for part in commands)
