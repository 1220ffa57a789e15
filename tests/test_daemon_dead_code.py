"""PRR501 dead code in an unpackaged project whose programs are daemons (dead_scope.py `_daemons_dead`):
a request helper only tests call runs in none of its processes (elife-bot's `requests_provider.post_as_json`);
a project that declares a distribution may be a library, and a one-shot script is no daemon."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import run_on_disk

PROVIDER = (
    "import requests\n\ndef fetch(url):\n    return requests.get(url)\n\n"
    "def fetch_as_params(url, params):\n    return requests.get(url, params=params)\n"
)
WORKER = (
    "import time\nfrom svc import provider\n\ndef work():\n    while True:\n"
    "        provider.fetch('https://queue.example/next')\n        time.sleep(5)\n\n"
    "if __name__ == '__main__':\n    work()\n"
)
TEST = "from svc import provider\n\ndef test_fetch_as_params():\n    assert provider.fetch_as_params('https://a', {})\n"


def _found(tmp_path: Path, worker: str = WORKER, on_disk_only: Optional[Dict[str, str]] = None) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/provider.py": PROVIDER, "worker.py": worker,
             "tests/__init__.py": "", "tests/test_provider.py": TEST}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, on_disk_only=on_disk_only).findings)


def test_a_helper_only_tests_call_is_dead_beside_a_daemon(tmp_path: Path) -> None:
    assert _found(tmp_path) == [("svc/provider.py", 4)]


def test_a_packaged_project_may_be_a_library(tmp_path: Path) -> None:
    packaging = {"pyproject.toml": "[project]\nname = 'svc'\nversion = '1.0'\n"}
    assert _found(tmp_path, on_disk_only=packaging) == [("svc/provider.py", 4), ("svc/provider.py", 7)]


def test_a_one_shot_script_is_no_daemon(tmp_path: Path) -> None:
    once = WORKER.replace("    while True:\n", "    for _ in range(1):\n")
    assert _found(tmp_path, once) == [("svc/provider.py", 4), ("svc/provider.py", 7)]
