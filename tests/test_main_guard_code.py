"""Code written inline in a `__main__` block (project/main_guard_code.py): a module the service imports runs
its top level, never that block, so the block's own calls are the program's, unless the deployment runs the
file or the block serves."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

APP = (
    "from fastapi import FastAPI\n\n"
    "from svc.convert import convert\n\n"
    "app = FastAPI()\n\n\n"
    "@app.post('/convert')\n"
    "def run(pmid: str):\n"
    "    return convert(pmid)\n"
)
CONVERT = (
    "import argparse\n"
    "import urllib.request\n\n\n"
    "def convert(pmid):\n"
    "    return {'pmid': pmid}\n\n\n"
    "if __name__ == '__main__':\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('-u', '--url')\n"
    "    args = parser.parse_args()\n"
    "    if args.url:\n"
    "        for line in urllib.request.urlopen(args.url).read().splitlines():\n"  # 14: run by hand only
    "            convert(line)\n"
    "else:\n"
    "    urllib.request.urlopen('https://cache.example/warm')\n"  # 17: on import
)


def _found(root: Path, convert: str = CONVERT, launch: Dict[str, str] = {}) -> List[str]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/convert.py": convert}
    result = run_on_disk(root, files, whole_project=True, on_disk_only=launch, launch_files=tuple(launch))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings)


def test_the_inline_code_of_a_main_block_nothing_runs_is_not_the_service(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert "svc/convert.py:14" not in found
    assert "svc/convert.py:17" in found  # an `else:` of the guard runs when the service imports the module


def test_a_main_block_the_deployment_runs_stays(tmp_path: Path) -> None:
    cron = {"crontab": "0 3 * * * cd /app && python svc/convert.py -u https://lists.example/pmids\n"}
    assert "svc/convert.py:14" in _found(tmp_path / "path", launch=cron)
    dash_m = {"Procfile": "web: uvicorn svc.app:app\nrelease: python -m svc.convert -u https://lists.example/pmids\n"}
    assert "svc/convert.py:14" in _found(tmp_path / "module", launch=dash_m)


def test_a_main_block_that_serves_stays(tmp_path: Path) -> None:
    serving = CONVERT.replace("            convert(line)\n", "            convert(line)\n    import uvicorn\n    uvicorn.run('svc.app:app')\n")
    assert "svc/convert.py:14" in _found(tmp_path, convert=serving)


LOOPING = CONVERT.replace("    if args.url:\n        for line in", "    while True:\n        for line in")  # 14 still
WORKER = ("import time\n\nfrom svc.convert import convert\n\n\ndef main():\n    while True:\n        convert('next')\n"
          "        time.sleep(5)\n\n\nif __name__ == '__main__':\n    main()\n")


def _looping(root: Path, launch: Dict[str, str]) -> List[str]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/convert.py": LOOPING, "svc/worker.py": WORKER}
    result = run_on_disk(root, files, whole_project=True, on_disk_only=launch, launch_files=tuple(launch))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings)


def test_a_looping_main_block_a_person_starts_with_arguments_is_not_the_service(tmp_path: Path) -> None:
    """d4's queue exporters: the deployment runs the server and its workers, not the exporter an
    operator starts by hand with its queue's arguments."""
    found = _looping(tmp_path, {"Procfile": "web: uvicorn svc.app:app\nworker: python svc/worker.py\n"})
    assert "svc/convert.py:14" not in found


def test_a_looping_main_block_stays_when_the_deployment_runs_it_or_shows_nothing(tmp_path: Path) -> None:
    runs_it = {"Procfile": "web: uvicorn svc.app:app\nworker: python svc/worker.py\nexport: python svc/convert.py -u http://q\n"}
    assert "svc/convert.py:14" in _looping(tmp_path / "runs", runs_it)
    assert "svc/convert.py:14" in _looping(tmp_path / "none", {"Procfile": "web: uvicorn svc.app:app\n"})


# A container's daemon whose `__main__` block itself loops until the process stops: what the loop calls in a module
# beside it (imported by bare name, as running the file puts its folder on sys.path) is the service, as a `main()`
# that loops would be; the same block run once is a command.
_RELAY_LOOP = ("import time\n\nfrom formatting import post\n\n\nif __name__ == '__main__':\n"
               "    while True:\n        post({'text': 'heartbeat'})\n        time.sleep(60)\n")
_FORMATTING = "import requests\n\n\ndef post(event):\n    return requests.post('https://hooks.internal/alerts', json=event)\n"
_IMAGE = {"Dockerfile": "FROM python:3.12\nCOPY relay /app\nCMD [\"python\", \"/app/relay.py\"]\n"}


def _relay(root: Path, relay: str) -> List[str]:
    files = {"relay/relay.py": relay, "relay/formatting.py": _FORMATTING}
    result = run_on_disk(root, files, whole_project=True, on_disk_only=_IMAGE, launch_files=tuple(_IMAGE))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings if f.rule == "PRR501")


def test_what_a_looping_main_block_calls_is_the_service(tmp_path: Path) -> None:
    assert _relay(tmp_path, _RELAY_LOOP) == ["relay/formatting.py:5"]


def test_what_a_main_block_run_once_calls_is_a_command(tmp_path: Path) -> None:
    once = "import sys\n\nfrom formatting import post\n\n\nif __name__ == '__main__':\n    post({'text': sys.argv[1]})\n"
    assert _relay(tmp_path, once) == []


# A project prr-lint sees no serving entry point of (fitsstorage: a WSGI router of its own), whose deployment runs its
# queue daemons by name (a systemd unit), beside a folder of one-off scripts an operator runs by hand.
_DAEMON = ("import time\n\nimport requests\n\n\ndef main():\n    while True:\n"
           "        requests.get('http://queue.internal/next', timeout=5)\n        time.sleep(1)\n\n\n"
           "if __name__ == '__main__':\n    main()\n")
_PROBE = "import requests\n\n\nif __name__ == '__main__':\n    reply = requests.get('https://odb.example/auth')\n    print(reply.text)\n"  # 5
_UNIT = {"deploy/queue.service": "[Service]\nExecStart=/usr/bin/python3 /opt/svc/daemons/service_queue.py\n"}


def _unrouted(root: Path, scripts: Dict[str, str], launch: Dict[str, str] = _UNIT, extra: Dict[str, str] = {}) -> List[str]:
    files = {"daemons/service_queue.py": _DAEMON, **scripts, **extra}
    result = run_on_disk(root, files, whole_project=True, on_disk_only=launch, launch_files=tuple(launch))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings if f.rule == "PRR501")


def test_a_main_block_nothing_runs_or_names_beside_deployed_programs_is_not_the_service_without_entries(tmp_path: Path) -> None:
    """fitsstorage's `bespoke_housekeeping_scripts/odbtest.py` and `user_clients/example_list_files.py`: no entry
    point, but the units run the project's daemons by name and nothing runs or names these (a file name that is
    no identifier, `fetch-example.py`, too)."""
    assert _unrouted(tmp_path / "plain", {"oneoff/probe.py": _PROBE}) == []
    assert _unrouted(tmp_path / "hyphen", {"oneoff/fetch-example.py": _PROBE}) == []


def test_without_entries_a_main_block_stays_when_run_named_or_nothing_shows_how_the_project_runs(tmp_path: Path) -> None:
    probe = {"oneoff/probe.py": _PROBE}
    cron = {**_UNIT, "deploy/crontab": "0 3 * * * python3 /opt/svc/oneoff/probe.py\n"}
    assert _unrouted(tmp_path / "cron", probe, cron) == ["oneoff/probe.py:5"]
    glob = {**_UNIT, "deploy/crontab": "0 3 * * * for f in /opt/svc/oneoff/*.py; do python3 $f; done\n"}
    assert _unrouted(tmp_path / "glob", probe, glob) == ["oneoff/probe.py:5"]
    assert _unrouted(tmp_path / "unit", {"daemons/probe.py": _PROBE}, {"deploy/queue.service": "[Service]\n"
                     "ExecStart=/usr/bin/python3 /opt/svc/daemons/probe.py\n"}) == ["daemons/probe.py:5"]
    # a deployment that runs none of the project's programs by name shows nothing
    assert _unrouted(tmp_path / "none", probe, {"deploy/notes.service": "[Service]\nExecStart=/usr/bin/true\n"}) == ["oneoff/probe.py:5"]
    # a module of the project that names the script (a runner, a path string, a comment) may run it
    runner = {"daemons/nightly.py": "import subprocess\n\nsubprocess.run(['python3', 'oneoff/probe.py'], check=True)\n"}
    assert _unrouted(tmp_path / "named", probe, extra=runner) == ["oneoff/probe.py:5"]
    hyphen = {"oneoff/fetch-example.py": _PROBE}
    spawn = {"daemons/nightly.py": "import subprocess\n\nsubprocess.run(['python3', 'oneoff/fetch-example.py'], check=True)\n"}
    assert _unrouted(tmp_path / "hyphen-named", hyphen, extra=spawn) == ["oneoff/fetch-example.py:5"]
    # every word of a hyphenated name in one module may be a name built of them: kept
    words = {"daemons/nightly.py": "import subprocess\n\nKIND = 'fetch'\nsubprocess.run(['python3', f'oneoff/{KIND}-example.py'], check=True)\n"}
    assert _unrouted(tmp_path / "hyphen-built", hyphen, extra=words) == ["oneoff/fetch-example.py:5"]


def test_without_entries_a_main_block_that_serves_or_loops_stays(tmp_path: Path) -> None:
    """Without entry points such a block may be the service itself, whatever names it."""
    looping = _PROBE.replace("    reply = requests", "    while True:\n        reply = requests").replace("    print(", "        print(")
    assert _unrouted(tmp_path / "loop", {"oneoff/probe.py": looping}) == ["oneoff/probe.py:6"]
    serving = _PROBE + "    import http.server\n    http.server.HTTPServer(('', 8000), http.server.SimpleHTTPRequestHandler).serve_forever()\n"
    assert _unrouted(tmp_path / "serve", {"oneoff/probe.py": serving}) == ["oneoff/probe.py:5"]


def test_without_entries_a_main_block_stays_when_a_launch_file_names_its_word(tmp_path: Path) -> None:
    """An installed copy runs under the word of the file's name (`/usr/local/bin/fetch_example`, the hyphenated
    `bin/fetch-example`), or runpy runs its module: the launch file names it (unloaded_files.DeploymentNames `names`)."""
    plain, hyphen = {"oneoff/fetch_example.py": _PROBE}, {"oneoff/fetch-example.py": _PROBE}
    cron = {**_UNIT, "deploy/crontab": "0 3 * * * /usr/local/bin/fetch_example --all\n"}
    assert _unrouted(tmp_path / "cron", plain, cron) == ["oneoff/fetch_example.py:5"]
    copy = {"deploy/queue.service": _UNIT["deploy/queue.service"] + "ExecStartPost=/opt/svc/oneoff/fetch_example\n"}
    assert _unrouted(tmp_path / "unit", plain, copy) == ["oneoff/fetch_example.py:5"]
    runpy = {"deploy/queue.service": _UNIT["deploy/queue.service"] + "ExecStartPost=/usr/bin/python3 -c \"import runpy; "
             "runpy.run_module('oneoff.probe', run_name='__main__')\"\n"}
    assert _unrouted(tmp_path / "runpy", {"oneoff/probe.py": _PROBE}, runpy) == ["oneoff/probe.py:5"]
    bin_ = {"deploy/queue.service": _UNIT["deploy/queue.service"] + "ExecStartPost=/opt/svc/bin/fetch-example\n"}
    assert _unrouted(tmp_path / "hyphen", hyphen, bin_) == ["oneoff/fetch-example.py:5"]


def test_without_entries_a_main_block_stays_beside_a_program_run_by_a_computed_path(tmp_path: Path) -> None:
    """A daemon that runs the interpreter on a script it computes (a folder's listing, an f-string, a glob, a command
    held in a name) may run any file of the project (rules/child_programs.py, unloaded_files.Loaders)."""
    probe = {"oneoff/probe.py": _PROBE}
    runners = {
        "listdir": "import os, subprocess, sys\n\nfor f in os.listdir('/opt/svc/oneoff'):\n"
                   "    subprocess.run([sys.executable, os.path.join('/opt/svc/oneoff', f)])\n",
        "fstring": "import subprocess, sys\n\nKIND = 'pro'\nsubprocess.run([sys.executable, f'/opt/svc/oneoff/{KIND}be.py'])\n",
        "glob": "import glob, subprocess\n\nfor f in glob.glob('/opt/svc/oneoff/*.py'):\n    subprocess.run(['python3', f])\n",
        "shell": "import os\n\nos.system(f\"python3 /opt/svc/oneoff/{os.environ['JOB']}\")\n",
        "held": "import os, subprocess, sys\n\ncmd = [sys.executable, os.environ['JOB_SCRIPT']]\nsubprocess.run(cmd)\n",
    }
    for kind, runner in runners.items():
        assert _unrouted(tmp_path / kind, probe, extra={"daemons/nightly.py": runner}) == ["oneoff/probe.py:5"], kind
    # a command spelled whole, or one held in a name in a module that never names the interpreter, runs no script of it
    spelled = "import subprocess, sys\n\nsubprocess.run([sys.executable, '/opt/svc/daemons/other.py'])\n"
    assert _unrouted(tmp_path / "spelled", probe, extra={"daemons/nightly.py": spelled}) == []
    held = "import subprocess\n\ncmd = ['pg_dump', 'fits']\nsubprocess.run(cmd)\n"
    assert _unrouted(tmp_path / "tool", probe, extra={"daemons/nightly.py": held}) == []
