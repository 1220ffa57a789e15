"""PRR101/PRR102 report a handler only on positive evidence that its `try` reaches a dependency; across
modules only the project phase can follow the project's own calls (rules/in_memory.py,
project/in_memory.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.model import Severity
from prr_lint.registry import default_registry
from prr_lint.runner import run_jobs

REGISTRY = default_registry()

CLIENTS = (
    "import requests\n\n"
    "def fetch_rates(url):\n    return requests.get(url, timeout=3).json()\n\n"
    "def rates_of(url):\n    return fetch_rates(url)\n\n"
    "def parse_rates(text):\n    return dict(line.split('=') for line in text.splitlines())\n"
)


def lint(files: Dict[str, str]) -> List[Tuple[str, str, int, Severity]]:
    plan = Plan(Settings(root=Path(".")), tuple(REGISTRY.select(["PRR1"], [], [])))
    jobs = [FileJob(path, path[: -len(".py")].replace("/", "."), False, source.encode()) for path, source in sorted(files.items())]
    return [(f.rule, f.path, f.span.line, f.severity) for f in run_jobs(jobs, plan).findings]


def test_a_project_function_in_another_module_that_reaches_a_dependency_is_evidence() -> None:
    api = (
        "from svc.clients import rates_of, parse_rates\n\n"
        "def remote(url, rates):\n    try:\n        rates.update(rates_of(url))\n    except Exception:\n        pass\n    return rates\n\n"
        "def local(text, rates):\n    try:\n        rates.update(parse_rates(text))\n    except Exception:\n        pass\n    return rates\n"
    )
    assert lint({"svc/clients.py": CLIENTS, "svc/api.py": api}) == [("PRR101", "svc/api.py", 6, Severity.ERROR)]


def test_the_handed_on_note_still_waits_for_a_caller_that_raises_the_error() -> None:
    api = (
        "from svc.clients import rates_of\n\n"
        "def load(url):\n    error = None\n    try:\n        data = rates_of(url)\n    except Exception as e:\n        data = None\n        error = str(e)\n    return data, error\n\n"
        "def show(url):\n    data, error = load(url)\n    if error:\n        raise RuntimeError(error)\n    return data\n"
    )
    unchecked = api.replace("    if error:\n        raise RuntimeError(error)\n", "")
    assert lint({"svc/clients.py": CLIENTS, "svc/api.py": api}) == []
    assert lint({"svc/clients.py": CLIENTS, "svc/api.py": unchecked}) == [("PRR101", "svc/api.py", 7, Severity.NOTE)]


def test_a_generic_error_is_a_dependency_failure_only_when_the_try_reaches_one() -> None:
    api = (
        "from svc.clients import rates_of, parse_rates\n\n"
        "def remote(url):\n    try:\n        rates = rates_of(url)\n    except OSError:\n        rates = {}\n    return rates\n\n"
        "def local(text):\n    try:\n        rates = parse_rates(text)\n    except OSError:\n        rates = {}\n    return rates\n"
    )
    assert lint({"svc/clients.py": CLIENTS, "svc/api.py": api}) == [("PRR102", "svc/api.py", 6, Severity.WARNING)]
