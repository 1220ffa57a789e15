"""A project linted through a symlinked directory gives the findings of a run on the real tree: the
project phase reads templates and scripts from the tree (project_tree.py), through links too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Tuple

from prr_lint.project.project_tree import read_tree, walk_top
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


def test_a_service_outside_the_working_directory_is_walked_alone(tmp_path: Path, run_cli, monkeypatch) -> None:
    """`prr-lint check /src/svc` from another folder (a home folder, /tmp): the walk reads the service's
    tree, so what lies in the working directory changes nothing and costs nothing."""
    service, elsewhere = tmp_path / "src", tmp_path / "cwd"
    _write(service, _project())
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    lint = ("check", str(service / "svc"), "--no-cache", "--select", "PRR501", "--output-format", "json", "--exit-zero")
    alone = json.loads(run_cli(*lint).stdout)["findings"]
    _write(elsewhere, {"templates/profile.html": "{{ client._docker_get() }}\n"})
    (elsewhere / "loop").symlink_to(elsewhere, target_is_directory=True)
    assert json.loads(run_cli(*lint).stdout)["findings"] == alone == []
    _write(service, {"svc/templates/profile.html": "{{ client._docker_get() }}\n"})  # the service's own tree is read
    assert [(f["path"], f["line"]) for f in json.loads(run_cli(*lint).stdout)["findings"]] == [(f"{service}/svc/accounts.py", 14)]


def test_a_service_inside_a_working_directory_too_large_to_read_is_walked_alone(tmp_path: Path, run_cli, monkeypatch) -> None:
    """`prr-lint check /work/svc` run from `/`, with no config file or `.git` above: the working directory is
    the root but too large to read, so the service's own tree is read, as from inside it (budgetkey's processors
    that no pipeline spec runs were reported from `/` only)."""
    import prr_lint.project.project_tree as project_tree

    monkeypatch.setattr(project_tree, "MAX_FOLDERS", 30)
    service = tmp_path / "work" / "src"
    _write(service, _project())
    for index in range(40):
        (tmp_path / "home" / f"f{index}").mkdir(parents=True)
    inside = _lint(service, run_cli, monkeypatch)
    monkeypatch.chdir(tmp_path)
    lint = ("check", str(service / "svc"), "--no-cache", "--select", "PRR501", "--output-format", "json", "--exit-zero")
    assert json.loads(run_cli(*lint).stdout)["findings"] == inside == []
    _write(service, {"svc/templates/profile.html": "{{ client._docker_get() }}\n"})
    assert [(f["path"], f["line"]) for f in json.loads(run_cli(*lint).stdout)["findings"]] == [("work/src/svc/accounts.py", 14)]


def test_a_tree_past_the_bounds_is_unknown(tmp_path: Path) -> None:
    """Past either bound nothing is read (callers then call nothing dead), rather than half a tree."""
    for index in range(5):
        (tmp_path / f"f{index}").mkdir()
        (tmp_path / f"f{index}" / "a.txt").write_text("x")
    assert read_tree(tmp_path, tmp_path, max_folders=3).folders is None
    assert read_tree(tmp_path, tmp_path, max_files=4).folders is None
    assert read_tree(tmp_path, tmp_path).known
    assert walk_top(tmp_path, ["svc/a.py", "other/b.py"]) == tmp_path
    assert walk_top(tmp_path, ["/src/svc/a.py", "/src/svc/sub/b.py"]) == Path("/src/svc")
