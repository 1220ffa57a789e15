"""PRR107 and dead code (project/vanishing.py `_running`): a caller in code the service never runs (PRR501's
dead code) drops no status and owes no test of a give-up value, and a retry loop only a comment calls
(HuixiangDou's `openxlab_security`, whose one call is commented out) gives up for no one."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk

APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
SECURITY = (
    "import time\nimport requests\n\n\ndef audit(text):\n    for attempt in range(3):\n        try:\n"
    "            return requests.post('https://audit.example.com', json={'q': text}, timeout=5).json()['ok']\n"
    "        except requests.RequestException:\n            time.sleep(2 ** attempt)\n    return False\n"
)
AUDIT = ("svc/security.py", 6)


def _audits(tmp_path: Path, route: str) -> set:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/security.py": SECURITY,
                             "svc/app.py": APP + "from svc import security\n\n\n@app.route('/ask')\ndef ask():\n" + route}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR107",), whole_project=True).findings}


def test_a_retry_loop_only_a_comment_calls_gives_up_for_no_one(tmp_path: Path) -> None:
    """HuixiangDou's `openxlab_security`: its one call, `# if openxlab_security(response):`, is commented out."""
    assert AUDIT not in _audits(tmp_path, "    # if security.audit('hi'):\n    return 'ok'\n")


def test_a_retry_loop_a_route_calls_gives_up_for_it(tmp_path: Path) -> None:
    assert AUDIT in _audits(tmp_path, "    return str(security.audit('hi'))\n")


def test_a_dead_caller_that_uses_the_give_up_value_does_not_count(tmp_path: Path) -> None:
    """The route raises when the loop gave up; a helper nothing calls returns the value as an answer."""
    route = "    passed = security.audit('hi')\n    if not passed:\n        raise RuntimeError('audit failed')\n    return 'ok'\n"
    spare = "\n\ndef spare_check():\n    return security.audit('spare')\n"
    assert AUDIT not in _audits(tmp_path / "dead", route + spare)
    assert AUDIT in _audits(tmp_path / "live", route + spare + "\n\n@app.route('/spare')\ndef spare():\n    return str(spare_check())\n")
