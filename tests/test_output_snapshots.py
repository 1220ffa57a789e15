"""Snapshots of every output format of `check` on the example service.

Update after an intended change with `pytest --snapshot-update` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO

SNAPSHOTS = Path(__file__).parent / "snapshots" / "example_service"


@pytest.fixture
def at_repo():
    previous = os.getcwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(previous)


@pytest.mark.parametrize("output_format, name", [("text", "check.txt"), ("concise", "check.concise.txt"), ("json", "check.json")])
def test_example_service_output(at_repo, run_cli, snapshot, output_format: str, name: str) -> None:
    result = run_cli("check", "fixtures/example_service", "--no-cache", "--output-format", output_format)
    assert result.exit_code == 1
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(result.output, name)


def test_example_service_statistics(at_repo, run_cli, snapshot) -> None:
    result = run_cli("check", "fixtures/example_service", "--no-cache", "--statistics")
    snapshot.snapshot_dir = SNAPSHOTS
    snapshot.assert_match(result.output, "statistics.txt")
