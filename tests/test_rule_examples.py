"""Every rule's embedded examples: INVALID ones produce exactly the marked findings, VALID ones none."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest

from prr_lint.config import Settings
from prr_lint.config_schema import section_defaults
from prr_lint.engine import FileJob, Plan
from prr_lint.registry import default_registry
from prr_lint.rules.base import Example
from prr_lint.runner import run_jobs

REGISTRY = default_registry()
ALL_CODES = tuple(REGISTRY.codes())


def _findings(example: Example) -> List[Tuple[str, int]]:
    sections = section_defaults()
    for section, values in example.options:
        sections[section].update(dict(values))
    plan = Plan(Settings(root=Path("."), sections=sections), ALL_CODES)
    module = example.path[: -len(".py")].replace("/", ".")
    result = run_jobs([FileJob(example.path, module, False, example.code.encode())], plan)
    return sorted((finding.rule, finding.span.line) for finding in result.findings)


def _cases(kind: str) -> list:
    cases = []
    for rule in REGISTRY:
        for index, example in enumerate(getattr(rule, kind)):
            cases.append(pytest.param(rule, example, id=f"{rule.code}-{kind.lower()}-{index}"))
    return cases


@pytest.mark.parametrize("rule, example", _cases("INVALID"))
def test_invalid_example_reports_exactly_the_marked_findings(rule, example: Example) -> None:
    expected = list(example.expected())
    assert expected, f"{rule.code}: an INVALID example must mark at least one '# expect:' line"
    assert _findings(example) == expected


@pytest.mark.parametrize("rule, example", _cases("VALID"))
def test_valid_example_reports_nothing(rule, example: Example) -> None:
    assert _findings(example) == []


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda rule: rule.code)
def test_rule_is_well_formed(rule) -> None:
    assert rule.problems() == ()
