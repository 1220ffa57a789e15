"""PRR505 and a helper that returns `None` while an environment variable is unset (rules/returned_switches.py): `def
archive_dir(): raw = os.environ.get("ARCHIVE_DIR", "").strip(); return Path(raw) if raw else None`, tested by its caller
(`if target is None: return`), switches off what follows when the deployment files leave the variable unset or blank (a
commented-out line in `.env.example` sets nothing). A Dockerfile or compose file that sets it, no deployment file at all, a
helper with a return that is set without the variable, or a test the helper's off value does not pass (`is None` of a
blank string) keeps the findings."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_ARCHIVE = (
    "import os\nimport subprocess\nfrom pathlib import Path\n\n\n"
    "def archive_dir():\n    raw: str = os.environ.get('ARCHIVE_DIR', '').strip()\n    return Path(raw) if raw else None\n\n\n"
    "def archive_mirror():\n    return os.environ.get('ARCHIVE_MIRROR', '').strip()\n\n\n"
    "def prepare(target):\n    subprocess.run(['git', 'init', str(target)], check=True)\n\n\n"
    "def record(note):\n    target = archive_dir()\n    if target is None:\n        return\n    prepare(target)\n"
    "    subprocess.run(['git', '-C', str(target), 'commit', '-am', note], check=True)\n\n\n"
    "def mirror():\n    remote = archive_mirror()\n    if remote:\n        subprocess.run(['git', 'push', remote], check=True)\n"
)
_APP = (
    "from fastapi import FastAPI\n\nfrom svc.archive import mirror, record\n\napp = FastAPI()\n\n\n"
    "@app.post('/notes')\nasync def add_note(text: str):\n    record(text)\n    mirror()\n    return {'ok': True}\n"
)
_DOCKERFILE = "FROM python:3.12-slim\nCOPY svc /srv/svc\nCMD [\"uvicorn\", \"svc.app:app\", \"--host=0.0.0.0\"]\n"
_ENV_SAMPLE = "LOG_LEVEL=info\n# ARCHIVE_DIR=/data/archive\n# ARCHIVE_MIRROR=git@example.com:notes.git\n"
_ALL = [("svc/archive.py", 16), ("svc/archive.py", 24), ("svc/archive.py", 30)]


def _findings(tmp_path: Path, archive: str = _ARCHIVE, **shipped: str) -> list:
    files = {"svc/__init__.py": "", "svc/archive.py": archive, "svc/app.py": _APP}
    return shipped_findings(tmp_path, files, shipped, rule="PRR505")


def test_a_getter_of_a_variable_no_deployment_file_sets_switches_its_callers_off(tmp_path: Path) -> None:
    assert _findings(tmp_path, Dockerfile=_DOCKERFILE, **{".env.example": _ENV_SAMPLE}) == []


def test_a_blank_value_leaves_the_getter_off(tmp_path: Path) -> None:
    assert _findings(tmp_path, Dockerfile=_DOCKERFILE, **{".env.example": "ARCHIVE_DIR=\nARCHIVE_MIRROR=\n"}) == []


def test_an_early_return_of_none_is_the_same_switch(tmp_path: Path) -> None:
    archive = _ARCHIVE.replace("    return Path(raw) if raw else None\n", "    if not raw:\n        return None\n    return Path(raw)\n")
    assert _findings(tmp_path, archive, Dockerfile=_DOCKERFILE) == []


def test_a_dockerfile_that_sets_the_variable_keeps_the_calls(tmp_path: Path) -> None:
    dockerfile = _DOCKERFILE + "ENV ARCHIVE_DIR=/data/archive\n"
    assert _findings(tmp_path, Dockerfile=dockerfile) == _ALL[:2]


def test_a_compose_file_that_sets_the_variable_keeps_the_calls(tmp_path: Path) -> None:
    compose = "services:\n  notes:\n    build: .\n    environment:\n      ARCHIVE_DIR: /data/archive\n      ARCHIVE_MIRROR: git@example.com:notes.git\n"
    assert _findings(tmp_path, **{"docker-compose.yml": compose}) == _ALL


def test_without_deployment_files_the_getter_tells_nothing(tmp_path: Path) -> None:
    assert _findings(tmp_path) == _ALL


def test_a_getter_with_a_return_set_without_the_variable_keeps_the_calls(tmp_path: Path) -> None:
    archive = _ARCHIVE.replace("    return Path(raw) if raw else None\n", "    if raw == '-':\n        return None\n"
                               "    return Path(raw or '/var/archive')\n").replace("'ARCHIVE_MIRROR', ''", "'ARCHIVE_MIRROR', 'origin'")
    assert _findings(tmp_path, archive, Dockerfile=_DOCKERFILE) == [("svc/archive.py", 18), ("svc/archive.py", 26), ("svc/archive.py", 32)]


def test_an_is_none_test_of_a_getter_returning_a_blank_string_keeps_the_calls(tmp_path: Path) -> None:
    archive = _ARCHIVE.replace("    if remote:\n", "    if remote is not None:\n")
    assert _findings(tmp_path, archive, Dockerfile=_DOCKERFILE) == [("svc/archive.py", 30)]
