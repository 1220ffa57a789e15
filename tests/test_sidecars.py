"""PRR201 for an app run as an internal sidecar container that the service calls by its compose host name."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

MAIN = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/jobs')\ndef jobs():\n    return []\n"
SIDECAR = ("from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/run')\ndef run(target: str):\n"
           "    return {'target': target}\n")
CALLER = "import requests\n\nURL = 'http://scanner:5001/run'\n\ndef scan(target):\n    return requests.post(URL, json={'target': target}, timeout=30).json()\n"
COMPOSE = "services:\n  scanner:\n    image: example/scanner\n    expose:\n      - \"5001\"\n"


def _found(tmp_path: Path, files: dict) -> list:
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    settings = replace(settings_with(), root=tmp_path)
    plan = Plan(settings, tuple(REGISTRY.select(["PRR201"], [], [])))
    python = {path: text for path, text in files.items() if path.endswith(".py")}
    return sorted(f.path for f in run_jobs(jobs_for(python), plan).findings)


def test_an_internal_sidecar_the_service_calls_is_not_its_surface(tmp_path: Path) -> None:
    """IntelOwl: `integrations/bbot/app.py` runs in a container its compose file only exposes on the
    compose network; the analyzer calls `http://bbot_analyzer:5001/run`."""
    files = {"svc/__init__.py": "", "svc/app.py": MAIN, "svc/scan.py": CALLER,
             "integrations/scanner/app.py": SIDECAR, "integrations/scanner/compose.yml": COMPOSE}
    assert _found(tmp_path, files) == ["svc/app.py"]


def test_a_published_or_uncalled_sidecar_stays_reported(tmp_path: Path) -> None:
    """A compose service publishing its port to the host, or one no project code calls, is a service of its own."""
    published = COMPOSE.replace("    expose:\n", "    ports:\n")
    files = {"svc/__init__.py": "", "svc/app.py": MAIN, "svc/scan.py": CALLER,
             "integrations/scanner/app.py": SIDECAR, "integrations/scanner/compose.yml": published}
    assert "integrations/scanner/app.py" in _found(tmp_path / "a", files)
    uncalled = {**files, "integrations/scanner/compose.yml": COMPOSE, "svc/scan.py": "def scan(target):\n    return target\n"}
    assert "integrations/scanner/app.py" in _found(tmp_path / "b", uncalled)


def _check_absolute(tree: Path, cwd: Path) -> list:
    """The PRR201 findings of `prr-lint check TREE` (an absolute path) run in `cwd`, as absolute paths."""
    command = [sys.executable, "-m", "prr_lint", "check", str(tree), "--select", "PRR201", "--no-cache",
               "--exit-zero", "--output-format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)
    return sorted(str((cwd / finding["path"]).resolve()) for finding in json.loads(done.stdout)["findings"])


def test_a_tree_named_by_its_absolute_path_is_judged_and_the_run_ends(tmp_path: Path) -> None:
    """Looking for an app's compose files once climbed from an absolute path to "/" and never stopped (a
    hung run). Run in the tree, the sidecar is recognised; run from elsewhere (the tree is outside the
    project root, the working directory), the app has no program directory and stays reported."""
    tree, elsewhere = (tmp_path / "tree").resolve(), (tmp_path / "elsewhere").resolve()
    elsewhere.mkdir()
    files = {"svc/__init__.py": "", "svc/app.py": MAIN, "svc/scan.py": CALLER,
             "integrations/scanner/app.py": SIDECAR, "integrations/scanner/compose.yml": COMPOSE}
    for path, text in files.items():
        (tree / path).parent.mkdir(parents=True, exist_ok=True)
        (tree / path).write_text(text)
    assert _check_absolute(tree, tree) == [str(tree / "svc" / "app.py")]
    assert _check_absolute(tree, elsewhere) == [str(tree / "integrations" / "scanner" / "app.py"), str(tree / "svc" / "app.py")]
