"""PRR201 for an app run as an internal sidecar container that the service calls by its compose host name."""

from __future__ import annotations

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
