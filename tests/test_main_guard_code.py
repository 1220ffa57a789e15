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
