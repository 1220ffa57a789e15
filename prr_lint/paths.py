"""Which files are the service: tests and tool scripts are not (kept free of libcst for cache hits)."""

from __future__ import annotations

import re
from typing import Iterable

# A suite's folder may name its kind (`integration_tests/`, `e2e-tests/`): a list of kinds, not any
# `*_testing/`, which may be a feature of the service (an `ab_testing` app).
_TEST_PATH = re.compile(
    r"(^|/)((integration|functional|acceptance|e2e|end_to_end|system|smoke|load|performance|regression|contract)[_-])?"
    r"(tests?|testing)/|(^|/)[\w-]+[_-]tests/|(^|/)test_[^/]*\.(pyi?|sh)$|_tests?\.(pyi?|sh)$|(^|/)conftest\.py$"
)
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
# Documentation and example or sample code (`docs/`, `examples/`, `docs/samples/`): what readers copy, not what
# the service deploys (a sample `examples/apache/app.wsgi` says nothing of the deployment's interpreter).
_SAMPLE_DIRS = re.compile(r"(^|/)(docs?|examples?|samples?)/")
# Django management commands are operator tools too, except long-running workers, which the
# serving analysis tells apart (see project/scope.py); rules that cannot, skip them (not_service_path).
_MANAGEMENT_COMMANDS = re.compile(r"(^|/)management/commands/")


def is_service_path(path: str) -> bool:
    """False for tests, tool scripts and operator folders: code that never runs inside the service."""
    return not (_TEST_PATH.search(path) or _TOOL_PATH.search(path) or _OPERATOR_DIRS.search(path))


def is_sample_path(path: str) -> bool:
    """A file in a documentation, example or sample folder (`_SAMPLE_DIRS`)."""
    return bool(_SAMPLE_DIRS.search(path))


def is_test_path(path: str) -> bool:
    """Test code: tests/ folders, named suites' folders (`integration_tests/`: the mock servers in
    their assets too; any `<name>_tests/`, as magma's `integ_tests/` harness), test_*.py, *_test.py,
    conftest.py, and test shell scripts (`test_sync_after_policy.sh`, `run_tests.sh`). Not `<name>_testing/`: `ab_testing/` is a feature of the service."""
    return bool(_TEST_PATH.search(path))


# What only test code imports: test runners and their plugins, property testing, behave's step
# decorators (acceptance tests: `features/steps/*.py`), Playwright's test assertions (`expect`; a
# service that renders pages with Playwright never asserts on them), OpenStack's test case library and
# integration suite framework (`testtools`, `testscenarios`, `tempest`), and the test runners of Abseil
# (`absl.testing`: absltest, parameterized, flagsaver) and Twisted (`twisted.trial`): a service imports
# `absl.flags` or `twisted.internet`, never these. And locust, a load generator: its `HttpUser` runs
# against the service from another process (`locust -f locustfile.py`), never in it.
_TEST_FRAMEWORKS = re.compile(
    r"^(_?pytest|pytest_\w+|hypothesis|behave|playwright\.(sync|async)_api\.expect|testtools|testscenarios|tempest"
    r"|absl\.testing|twisted\.trial|locust)(\.|$)"
)
# Test case base classes of the standard library (`unittest.TestCase`, `IsolatedAsyncioTestCase`,
# `unittest.case.TestCase`), the test runners' (absltest's and parameterized's, trial's
# `SynchronousTestCase`) and the web frameworks' test clients (Django's and DRF's, also through
# `django.test.testcases`; tornado's `AsyncHTTPTestCase`); at most one module level between the
# package and the class.
_TEST_CASES = re.compile(
    r"^(unittest|django\.test|rest_framework\.test|tornado\.testing|aiohttp\.test_utils|absl\.testing|twisted\.trial)"
    r"(\.[A-Za-z_]\w*)?\.\w*TestCase$"
)


def is_test_code(path: str, imports: Iterable[str], bases: Iterable[str] = ()) -> bool:
    """Test code by its path, or by what it does wherever it lives: a module that imports a test
    framework at its top level (`pytest`, `hypothesis`, `behave`, Playwright's `expect`, `absl.testing`,
    `twisted.trial`; locust, whose load test runs against the service, not in it) or defines a test case (a `unittest`/absltest/trial/Django/DRF/tornado `TestCase` subclass). Service code never imports pytest; an
    end-to-end suite or a pytest plugin shipped inside the package (`playwright_tests/`,
    `pkg/pytest_plugin.py`) does, under any folder name."""
    return is_test_path(path) or any(_TEST_FRAMEWORKS.match(name) for name in imports) or any(map(is_test_case, bases))


def is_test_case(name: str) -> bool:
    """`name` (a resolved class name) is a library's test case class (`_TEST_CASES`)."""
    return bool(_TEST_CASES.match(name))


# A file header that says the file is made by a tool: `@generated` (the marker of Phabricator and
# other linters) anywhere in it, or a comment line saying "DO NOT EDIT", "Generated by versioneer-0.20",
# "This file is automatically generated". Not a docstring's "Generated by 'django-admin
# startproject'": a scaffold the authors go on editing (settings.py, urls.py) is theirs.
_GENERATED_MARK = re.compile(r"@generated\b")
_GENERATED_COMMENT = re.compile(
    r"\bdo not edit\b|\bthis (?:file|module|code) (?:is|was|has been) (?:auto-?|automatically )?generated\b"
    r"|(?:^|[.!:]\s+)(?:(?:auto-?|automatically )generated\b|generated (?:by|from|with|using)\b)",
    re.IGNORECASE,
)
_HEADER_LINES = 12


def is_generated(text: str) -> bool:
    """The header (the first lines) says a tool generated the file: the service's authors did not
    write it and regenerate rather than edit it (a versioneer `_version.py`, protobuf stubs)."""
    lines = text[:2000].splitlines()[:_HEADER_LINES]
    return any(
        _GENERATED_MARK.search(line) or (line.lstrip().startswith("#") and _GENERATED_COMMENT.search(line.lstrip("# \t")))
        for line in lines
    )


def is_operator_path(path: str) -> bool:
    """Not the service, management commands included."""
    return not is_service_path(path) or bool(_MANAGEMENT_COMMANDS.search(path))


def is_template_path(path: str) -> bool:
    """A file in (or named by) a template placeholder, `{{cookiecutter.pkg}}/views.py`: a cookiecutter
    or copier template, rendered into a project elsewhere. Its Jinja often does not parse as Python."""
    start = path.find("{{")
    return start >= 0 and path.find("}}", start) > start


_TEMPLATE_MARKUP = re.compile(r"\{%-?\s*\w[^%]*%\}|\{\{-?\s*\w[^{}]*\}\}")
_TEMPLATE_STATEMENT = re.compile(r"^[ \t]*\{%-?[ \t]*\w[^%\n]*%\}[ \t]*$", re.MULTILINE)  # a line that is only `{% if x %}`
_MARKUP_LINE = 1000  # characters of the failing line searched: a minified line stays cheap


def has_template_markup(text: str, failing_line: str) -> bool:
    """Jinja in a file that does not parse: a statement alone on a line (`{% for s in api.services %}`)
    anywhere, or a statement or expression on the line that fails (`from polar.{{ version }}.client`).
    Such a file is a template, not Python until rendered."""
    return bool(_TEMPLATE_MARKUP.search(failing_line[:_MARKUP_LINE]) or _TEMPLATE_STATEMENT.search(text))
