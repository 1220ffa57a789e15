"""A project linted through a symlinked directory gives the findings of a run on the real tree: the
project phase reads templates and scripts from the tree (project_tree.py), through links too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Tuple

from test_unused_code import _project


def _lint(cwd: Path, run_cli, monkeypatch) -> List[Tuple[str, str, int]]:
    monkeypatch.chdir(cwd)
    result = run_cli("check", "svc", "--no-cache", "--select", "PRR501", "--output-format", "json", "--exit-zero")
    return sorted((f["rule"], f["path"], f["line"]) for f in json.loads(result.stdout)["findings"])


def _write(base: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text(text)


def test_a_tree_reached_through_a_link_reads_the_same_templates(tmp_path: Path, run_cli, monkeypatch) -> None:
    """motioneye linted as `/tmp/x/motioneye -> /src/motioneye`: a method only a template names looked
    dead through the link, and its PRR501 finding went missing."""
    real, linked = tmp_path / "real", tmp_path / "linked"
    _write(real, _project(**{"svc/templates/profile.html": "{{ client._docker_get() }}\n"}))
    (real / "svc" / "loop").symlink_to(real / "svc", target_is_directory=True)  # walked once, no endless walk
    linked.mkdir()
    (linked / "svc").symlink_to(real / "svc", target_is_directory=True)
    direct = _lint(real, run_cli, monkeypatch)
    assert ("PRR501", "svc/accounts.py", 14) in direct
    assert _lint(linked, run_cli, monkeypatch) == direct
