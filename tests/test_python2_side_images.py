"""PRR000 for Python 2 files of a Python 3 project that only a Python 2 side image, a shell script run by hand, or an
image's name and tag "run" (python2_leftovers.py, python2_images.py, unloaded_files.py `naming_scripts`,
`run_pattern`), and the shapes beside them the deployment does meet."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

from prr_lint.project.unloaded_files import run_pattern
from test_python2_leftover_tools import _syntax_errors

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
# A service module that lists report sections by name: the word `workers` in a string, no run of a script.
SECTIONS = "SECTIONS = ['queue', 'workers', 'relink']\n"
REPORT = "import urllib2\n\ndef main():\n    print 'status', urllib2.urlopen('http://api/status').read()\n\nmain()\n"
FILES = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/sections.py": SECTIONS,
         "side/code/report.py": REPORT, "admin/worker_status.py": REPORT, "browser/serve.py": REPORT}
MAIN_IMAGE = "FROM ubuntu:22.04\nRUN apt-get install -y python3 python3-pip\nCOPY . /app\nCMD gunicorn svc.views:app\n"
# The compose file runs published images and has a `workers:` service and `links:` keys.
COMPOSE = ("services:\n  web:\n    image: acme/serve:latest\n    command: gunicorn svc.views:app\n    links:\n      - db\n"
           "  workers:\n    image: acme/serve:latest\n    command: celery -A svc.views worker\n  db:\n    image: mysql:8\n")
SIDE_IMAGE = "FROM acme/serve:test\nRUN apt-get install -y cron python python-pip\nADD crontab /etc/cron.d/report\nCMD cron -f\n"
CRONTAB = "0 5 * * * root /usr/bin/python /opt/side/report.py >> /var/log/cron.log 2>&1\n"
WORKERS = "#!/bin/sh\npython web2py.py -S app -M -R scripts/worker_status.py\n"


def _deployment(changed: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The service's Python 3 image and compose file, the Python 2 side image and its crontab, an admin shell script."""
    return {"Dockerfile": MAIN_IMAGE, "docker-compose.yml": COMPOSE, "side/Dockerfile": SIDE_IMAGE,
            "side/crontab": CRONTAB, "admin/workers.sh": WORKERS, **(changed or {})}


def test_python2_files_only_a_side_image_a_hand_run_script_or_an_image_tag_run_are_left_out(tmp_path: Path) -> None:
    """vidjil's shape: a Python 2 reporter image's crontab runs `report.py` under its own `python`, a shell script
    nothing runs but by a compose service's name (`workers:`) runs `worker_status.py`, and only an image name and
    tag (`acme/serve:latest`) spells the word of a Python 2 `serve.py` development server."""
    assert _syntax_errors(tmp_path, FILES, _deployment(), {}) == []


def test_python2_files_a_python3_run_or_a_named_script_gives_the_deployment_stay(tmp_path: Path) -> None:
    """The crontab runs the report with python3, a Python 3 image copies the crontab too, a compose command runs the
    shell script by its file name, a service module runs it by its file name, a command runs `serve:app`."""
    python3_cron = _deployment({"side/crontab": CRONTAB.replace("/usr/bin/python ", "/usr/bin/python3 ")})
    assert _syntax_errors(tmp_path / "python3", FILES, python3_cron, {}) == ["side/code/report.py"]
    copied = _deployment({"Dockerfile": MAIN_IMAGE + "COPY side/crontab /etc/cron.d/report\n"})
    assert _syntax_errors(tmp_path / "copied", FILES, copied, {}) == ["side/code/report.py"]
    composed = _deployment({"docker-compose.yml": COMPOSE + "  status:\n    image: acme/serve:latest\n"
                                                         "    command: sh /app/admin/workers.sh\n"})
    assert _syntax_errors(tmp_path / "composed", FILES, composed, {}) == ["admin/worker_status.py"]
    runner = {**FILES, "svc/sections.py": SECTIONS + "import subprocess\n\ndef refresh():\n"
                                                     "    subprocess.run(['sh', 'admin/workers.sh'], timeout=60)\n"}
    assert _syntax_errors(tmp_path / "runner", runner, _deployment(), {}) == ["admin/worker_status.py"]
    served = _deployment({"Procfile": "web: gunicorn serve:app\n"})
    assert _syntax_errors(tmp_path / "served", FILES, served, {}) == ["browser/serve.py"]


def test_an_image_name_and_tag_runs_no_module() -> None:
    runs = run_pattern("server.py")
    assert not any(runs.search(text) for text in ("image: vidjil/server:latest", "FROM acme/server:test"))
    assert all(runs.search(text) for text in ("gunicorn server:app", "uvicorn server:app --port 80", "python server.py"))
