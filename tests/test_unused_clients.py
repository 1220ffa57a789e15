"""PRR501 and the `serving` scope: a lazy client a module binds to a name nothing reads (project/unused_clients.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

API = (
    "import smtplib\nfrom flask import Flask\nfrom redis import Redis\n\napp = Flask(__name__)\n"
    "redis = Redis.from_url('redis://cache:6379')\nmailer = smtplib.SMTP('mail')\n\n"
    "@app.get('/a')\ndef a():\n    return 'ok'\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings)


def test_a_lazy_client_nothing_reads_is_about_nothing(tmp_path: Path) -> None:
    """Artemis's module-level `redis = Redis.from_url(...)` that no code uses: the client never
    connects. An `smtplib.SMTP(host)` connects as it is built and stays; a client another module
    imports, or the module itself reads, stays."""
    files = {"svc/__init__.py": "", "svc/api.py": API}
    assert _found(tmp_path, files) == [("svc/api.py", 7)]
    files["svc/queue.py"] = "from svc.api import redis\n\ndef size():\n    return redis.llen('q')\n"
    assert _found(tmp_path, files) == [("svc/api.py", 6), ("svc/api.py", 7)]
    del files["svc/queue.py"]
    (tmp_path / "svc/queue.py").unlink()
    files["svc/api.py"] = API + "\n@app.get('/q')\ndef q():\n    return str(redis.llen('q'))\n"
    assert _found(tmp_path, files) == [("svc/api.py", 6), ("svc/api.py", 7)]


def test_a_test_that_imports_the_module_reads_no_client_of_it(tmp_path: Path) -> None:
    """penn-courses' `r = redis.Redis.from_url(...)` in a tasks module nothing of the service reads: a test's
    `from svc import api` and its own `redis` fixture do not make the service use the client. A service module that
    imports the module and names the client does."""
    test = "from svc import api\n\ndef test_a(redis):\n    redis.flushall()\n    assert api.a() == 'ok'\n"
    files = {"svc/__init__.py": "", "svc/api.py": API, "tests/test_api.py": test}
    assert _found(tmp_path, files) == [("svc/api.py", 7)]
    files["svc/queue.py"] = "from svc import api\n\ndef size():\n    return api.redis.llen('q')\n"
    assert _found(tmp_path, files) == [("svc/api.py", 6), ("svc/api.py", 7)]
