"""PRR501 and a flag no job passes: a download under `if refresh_photos or fetch_photos:` in an import helper whose
flags two public functions pass on, one that a job route calls by a computed name (`getattr(jobs, word)()`, through
the jobs module's alias of it) with no arguments, one that nothing names (dead code, run by no process). Every run
leaves both flags at False, so the download never runs (param_guards.py `computed_lookup_sites`, param_switches.py
`_idle`, switched_reach.py). A runner that hands the job arguments of its own, a live caller that turns a flag on, or
a job the runner cannot leave at its defaults keeps the finding."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

_MODELS = (
    "import requests\n\n\n"
    "class Member:\n"
    "    def __init__(self, name):\n        self.name = name\n        self.photo = None\n\n"
    "    def fetch_photo(self, url):\n"
    "        reply = requests.get(url)\n        reply.raise_for_status()\n        self.photo = reply.content\n"
)
_IMPORTER = (
    "from roster.models import Member\n\n\n"
    "def load_from_registry(fetch_photos=False, refresh_photos=False):\n"
    "    rows = [{'name': 'a', 'photo': 'https://registry.example.org/a.jpg'}]\n"
    "    return _merge(rows, fetch_photos, refresh_photos)\n\n\n"
    "def load_from_archive(fetch_photos=False, refresh_photos=False):\n"
    "    rows = [{'name': 'b', 'photo': 'https://archive.example.org/b.jpg'}]\n"
    "    return _merge(rows, fetch_photos, refresh_photos)\n\n\n"
    "def _merge(rows, fetch_photos=False, refresh_photos=False):\n"
    "    for row in rows:\n"
    "        member = Member(row['name'])\n"
    "        if refresh_photos or fetch_photos:\n"
    "            member.fetch_photo(row['photo'])\n"
    "    return len(rows)\n"
)
_JOBS = (
    "from roster.importer import load_from_registry\n\n"
    "members = load_from_registry\n\n\n"
    "def cleanup():\n    return 0\n"
)
_APP = (
    "from flask import Flask\n\nfrom roster import jobs\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/health')\ndef health():\n    return str(jobs.cleanup())\n\n\n"
    "@app.route('/jobs/<word>', methods=['POST'])\ndef run_job(word):\n    getattr(jobs, word)()\n    return 'started'\n"
)
_FETCH = [("roster/models.py", 10)]


def _found(tmp_path: Path, **changed: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"roster/__init__.py": "", "roster/models.py": _MODELS, "roster/importer.py": _IMPORTER,
                             "roster/jobs.py": _JOBS, "roster/app.py": _APP}
    files.update({f"roster/{name}.py": text for name, text in changed.items()})
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_download_only_flags_no_job_passes_turn_on_is_not_reported(tmp_path: Path) -> None:
    assert _found(tmp_path) == []


def test_a_runner_that_hands_the_request_arguments_to_the_job_keeps_it(tmp_path: Path) -> None:
    app = _APP.replace("from flask import Flask", "from flask import Flask, request") \
        .replace("getattr(jobs, word)()", "getattr(jobs, word)(**request.args)")
    assert _found(tmp_path, app=app) == _FETCH


def test_a_runner_passing_a_true_flag_keeps_it(tmp_path: Path) -> None:
    assert _found(tmp_path, app=_APP.replace("getattr(jobs, word)()", "getattr(jobs, word)(True)")) == _FETCH


def test_a_live_caller_turning_a_flag_on_keeps_it(tmp_path: Path) -> None:
    app = _APP + "\n\n@app.route('/photos')\ndef photos():\n    from roster.importer import load_from_archive\n" \
                 "    return str(load_from_archive(refresh_photos=True))\n"
    assert _found(tmp_path, app=app) == _FETCH


def test_a_job_only_a_hand_call_could_start_keeps_it_without_a_runner(tmp_path: Path) -> None:
    assert _found(tmp_path, app=_APP.replace("getattr(jobs, word)()", "print(word)")) == _FETCH


def test_a_runner_looking_up_another_module_keeps_it(tmp_path: Path) -> None:
    app = _APP.replace("getattr(jobs, word)()", "getattr(app, word)()")
    assert _found(tmp_path, app=app) == _FETCH


def test_a_job_also_handed_on_as_a_value_keeps_it(tmp_path: Path) -> None:
    app = _APP + "\n\nfrom roster.importer import load_from_registry\n\nSCHEDULE = [(load_from_registry, {'refresh_photos': True})]\n"
    assert _found(tmp_path, app=app) == _FETCH


def test_a_job_the_runner_module_defines_itself_is_looked_up_too(tmp_path: Path) -> None:
    jobs = "from roster.importer import _merge\n\n\ndef members(fetch_photos=False):\n    return _merge([], fetch_photos)\n\n\n" \
           "def cleanup():\n    return 0\n"
    assert _found(tmp_path, jobs=jobs) == []
