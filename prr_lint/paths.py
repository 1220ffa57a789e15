"""Which files are the service: tests and tool scripts are not (kept free of libcst for cache hits)."""

from __future__ import annotations

import re
from typing import Iterable

_TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*\.pyi?$|_tests?\.pyi?$|(^|/)conftest\.py$")
# Files that run on a developer's or CI machine, never in the service: build and doc scripts, and
# hidden tool folders. Not `tasks.py`: that is where Celery tasks live, which are service code (the
# serving analysis tells batch code from request paths); an invoke `tasks.py` is rare enough.
_TOOL_PATH = re.compile(r"(^|/)(setup|noxfile|fabfile|manage|__main__)\.py$|(^|/)docs?/conf\.py$|(^|/)\.[^/]+/")


# Folders of operator and developer tooling: scripts, CI and release tooling, containers' helper
# scripts, migrations; and example and sample code shipped beside the service (`examples/`,
# `docs/samples/`), which readers copy but nothing deploys. On real repositories most false
# alarms of service-code rules come from here.
_OPERATOR_DIRS = re.compile(
    r"(^|/)(scripts?|bin|tools|dev|ci|cli|docker|release|migrations|alembic|bench|benchmarks?|examples?|samples?)/"
)
# Django management commands are operator tools too, except long-running workers, which the
# serving analysis tells apart (see project/scope.py); rules that cannot, skip them (not_service_path).
_MANAGEMENT_COMMANDS = re.compile(r"(^|/)management/commands/")


def is_service_path(path: str) -> bool:
    """False for tests, tool scripts and operator folders: code that never runs inside the service."""
    return not (_TEST_PATH.search(path) or _TOOL_PATH.search(path) or _OPERATOR_DIRS.search(path))


def is_test_path(path: str) -> bool:
    """Test code: tests/ folders (a test-only plugin in them too), test_*.py, *_test.py, conftest.py."""
    return bool(_TEST_PATH.search(path))


# What only test code imports: test runners and their plugins, property testing, Playwright's test
# assertions (`expect`; a service that renders pages with Playwright never asserts on them).
_TEST_FRAMEWORKS = re.compile(r"^(_?pytest|pytest_\w+|hypothesis|playwright\.(sync|async)_api\.expect)(\.|$)")
# Test case base classes of the standard library and the web frameworks' test clients.
_TEST_CASES = re.compile(r"^(unittest|django\.test|rest_framework\.test|tornado\.testing|aiohttp\.test_utils)\.\w*TestCase$")


def is_test_code(path: str, imports: Iterable[str], bases: Iterable[str] = ()) -> bool:
    """Test code by its path, or by what it does wherever it lives: a module that imports a test
    framework at its top level (`pytest`, `hypothesis`, Playwright's `expect`) or defines a test
    case (a `unittest`/Django/DRF `TestCase` subclass). Service code never imports pytest; an
    end-to-end suite or a pytest plugin shipped inside the package (`playwright_tests/`,
    `pkg/pytest_plugin.py`) does, under any folder name."""
    return is_test_path(path) or any(_TEST_FRAMEWORKS.match(name) for name in imports) \
        or any(_TEST_CASES.match(name) for name in bases)


def is_operator_path(path: str) -> bool:
    """Not the service, management commands included."""
    return not is_service_path(path) or bool(_MANAGEMENT_COMMANDS.search(path))
