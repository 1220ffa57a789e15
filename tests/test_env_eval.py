"""env_eval.py: a test of one environment variable evaluated with the variable unset and at each probe value;
only a test that is false while the variable is unset is a switch, and a shipped value decides as Python would."""

from __future__ import annotations

from typing import Optional

import libcst as cst
import pytest

from prr_lint.env_eval import env_switch, holds


def _on(source: str, value: str) -> bool:
    found = env_switch(cst.parse_expression(source))
    assert found is not None, source
    return holds(found[1], value)


@pytest.mark.parametrize("source", [
    "os.getenv('X', 'false').lower() in ('1', 'true')",
    "os.environ.get('X', '0') == '1'",
    "bool(int(os.getenv('X', '0')))",
    "strtobool(os.getenv('X', 'no'))",
    "distutils.util.strtobool(os.environ.get('X', 'False'))",
    "os.getenv('X') is not None",
    "bool(os.getenv('X'))",
    "os.environ.get('X', False)",
    "env.bool('X', default=False)",
    "os.getenv('X', 'off') != 'off'",
    "int(environ.get('X', default=0)) == 1",  # the default by its keyword
])
def test_tests_false_while_the_variable_is_unset_are_switches(source: str) -> None:
    found = env_switch(cst.parse_expression(source))
    assert found is not None and found[0] == "X", source


@pytest.mark.parametrize("source", [
    "os.getenv('X', 'true').lower() in ('1', 'true')",  # on by default
    "os.getenv('X')",  # a value the deployment fills in, no test
    "os.getenv('X', default) == '1'",  # a default not known
    "os.getenv('X', fallback='0') == '1'",  # no keyword the reader takes
    "os.getenv('X') is None",
    "os.getenv('X') == os.getenv('Y')",
    "env.bool('X')",  # unset is an error
    "settings.X",
])
def test_other_expressions_are_no_environment_switch(source: str) -> None:
    assert env_switch(cst.parse_expression(source)) is None, source


@pytest.mark.parametrize("source, value, on", [
    ("os.getenv('X', 'false').lower() in ('1', 'true')", "True", True),
    ("os.getenv('X', 'false').lower() in ('1', 'true')", "", False),
    ("os.getenv('X', 'false').lower() in ('1', 'true')", "no", False),
    ("os.environ.get('X', '0') == '1'", "1", True),
    ("os.environ.get('X', '0') == '1'", "true", False),
    ("bool(int(os.getenv('X', '0')))", "0", False),
    ("bool(int(os.getenv('X', '0')))", "1", True),
    ("bool(int(os.getenv('X', '0')))", "", True),  # int('') fails: the deployment decides
    ("strtobool(os.getenv('X', 'no'))", "yes", True),
    ("strtobool(os.getenv('X', 'no'))", "off", False),
    ("os.getenv('X') is not None", "", True),  # set, though blank
    ("bool(os.getenv('X'))", "", False),
    ("os.getenv('X', 'off') != 'off'", "https://mirror.example.com", True),  # no probe: on
    ("'eas' in os.getenv('X', 'logger').split(',')", "logger,eas", True),  # no probe: on
    ("'eas' in os.getenv('X', 'logger').split(',')", "true", False),
    ("int(environ.get('X', default=0)) == 1", "0", False),
    ("int(environ.get('X', default=0)) == 1", "1", True),
])
def test_a_shipped_value_decides_as_python_would(source: str, value: Optional[str], on: bool) -> None:
    assert _on(source, value) is on


def _decoupled(source: str) -> Optional[tuple]:
    """env_switch of `source` with `config` taken as decouple's reader (switch_keys resolves the callee)."""
    return env_switch(cst.parse_expression(source), reader=lambda func: isinstance(func, cst.Name) and func.value == "config")


@pytest.mark.parametrize("source, value, on", [
    ("config('X', default=False, cast=bool)", "true", True),
    ("config('X', cast=bool, default=False)", "False", False),
    ("config('X', default=False, cast=bool)", "off", False),
    ("config('X', default=False, cast=bool)", "maybe", True),  # no word the cast knows: the deployment decides
    ("config('X', default='false', cast=bool)", "1", True),  # a string default is cast too
    ("config('X', default=False)", "false", True),  # no cast: any non-empty string is true
    ("config('X', default=False)", "", False),
])
def test_a_decouple_reader_with_a_false_default_is_a_switch_its_cast_decides(source: str, value: str, on: bool) -> None:
    found = _decoupled(source)
    assert found is not None and found[0] == "X", source
    assert holds(found[1], value) is on


@pytest.mark.parametrize("source", [
    "config('X', default=True, cast=bool)",  # on by default
    "config('X', cast=bool)",  # unset is an error
    "config('X', default=5, cast=int)",  # no boolean
    "config('X', default=None, cast=bool)",  # decouple's cast fails on None: unset fails the service
    "config('X', default=False, cast=bool, extra=1)",
])
def test_decouple_reads_that_are_no_switch(source: str) -> None:
    assert _decoupled(source) is None, source


def test_a_call_of_another_reader_of_the_same_shape_is_no_switch() -> None:
    assert env_switch(cst.parse_expression("config('X', default=False, cast=bool)")) is None
