"""A launch file runs nothing on a commented-out line (project/live_lines.py `uncommented_text`): a module
named only there is not launched, one named on a live line is."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk
from prr_lint.project.live_lines import uncommented_text

MAIN = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
BROKEN = "def sync(:\n    pass\n"  # an unfinished worker nothing imports
# A maintainer's loop in a folder of scripts (no package): the deployment may run it by its path.
SYNC = "import requests\n\nfor shop in ('a', 'b'):\n    requests.post('https://stock.example/sync/' + shop)\n"


def _findings(root: Path, files: Dict[str, str], launch: Dict[str, str]) -> List[str]:
    result = run_on_disk(root, files, select=("PRR000", "PRR501"), whole_project=True, on_disk_only=launch,
                         launch_files=tuple(launch))
    return sorted(f"{f.rule} {f.path}" for f in result.findings)


def test_comments_are_read_by_the_kind_of_launch_file() -> None:
    assert uncommented_text("Dockerfile", "FROM python\n# CMD python legacy_worker.py\nCMD uvicorn svc.main:app\n") \
        == "FROM python\n\nCMD uvicorn svc.main:app"
    assert uncommented_text("docker-compose.yml", "    command:\n    #   - python sync.py\n      - uvicorn  # the api\n") \
        == "    command:\n\n      - uvicorn"
    assert uncommented_text("start.sh", "curl http://host/#part\necho $# # count\n") == "curl http://host/#part\necho $#"
    assert uncommented_text("Procfile", "web: gunicorn app:app\n#worker: python sync.py\n") == "web: gunicorn app:app\n"
    # supervisord and ini files: `;` starts a comment line too, an inline `#` is part of the value
    assert uncommented_text("supervisord.conf", "[program:sync]\n;command=python sync.py\ncommand=run #1\n") \
        == "[program:sync]\n\ncommand=run #1"
    assert uncommented_text("uwsgi.ini", "; module = legacy:app\n# module = old:app\nmodule = svc.main:app\n") == "\n\nmodule = svc.main:app"


def test_a_file_a_commented_out_cmd_names_is_not_launched(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/legacy_worker.py": BROKEN}
    commented = {"Dockerfile": "FROM python\n# CMD python svc/legacy_worker.py\nCMD uvicorn svc.main:app\n"}
    assert _findings(tmp_path / "commented", files, commented) == []
    live = {"Dockerfile": "FROM python\nCMD python svc/legacy_worker.py\n"}
    assert _findings(tmp_path / "live", files, live) == ["PRR000 svc/legacy_worker.py"]


def test_a_supervisord_program_commented_out_with_a_semicolon_is_not_launched(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/legacy_worker.py": BROKEN}
    program = "[program:web]\ncommand=uvicorn svc.main:app\n\n{c}[program:sync]\n{c}command=python svc/legacy_worker.py\n"
    assert _findings(tmp_path / "commented", files, {"supervisord.conf": program.format(c=";")}) == []
    assert _findings(tmp_path / "live", files, {"supervisord.conf": program.format(c="")}) == ["PRR000 svc/legacy_worker.py"]


def test_a_script_only_a_commented_out_compose_service_runs_is_not_the_service(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/main.py": MAIN, "jobs/sync_stock.py": SYNC}
    compose = "services:\n  web:\n    command: uvicorn svc.main:app\n{c}sync:\n{c}  command: python jobs/sync_stock.py\n"
    assert _findings(tmp_path / "commented", files, {"docker-compose.yml": compose.format(c="  # ")}) == []
    assert _findings(tmp_path / "live", files, {"docker-compose.yml": compose.format(c="  ")}) == ["PRR501 jobs/sync_stock.py"]
