"""PRR501's dead code (project/dead_code.py `_unused`): an import binds a name and calls nothing. A
module function a module imports again and again but never uses is dead (foreign_calls.py
`_no_uses`), and so is a class whose name another file binds to another library's class of that name
(typed_calls.py `unbuilt`); a use beside the imports, or an import of the class itself, keeps them."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = (
    "from flask import Flask\nfrom svc.flows import start\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return start()\n"
)
REDIRECT = (
    "import requests\n\ndef url_get(url):\n    return requests.get(url, timeout=5).text\n\n"
    "def json_post(url, payload):\n    return requests.post(url, json=payload).json()\n"
)
FLOWS = (
    "from svc.redirect import json_post\nimport base64\nfrom svc.redirect import url_get\nfrom svc.redirect import json_post\n\n"
    "def start():\n    return url_get('https://issuer/start')\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    tree = {"svc/__init__.py": "", "svc/views.py": VIEWS, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, tree, select=("PRR501",)).findings)


def test_a_function_imported_twice_and_never_used_is_dead(tmp_path: Path) -> None:
    """eudi-srv-web-issuing's `json_post` (Q575): `dynamic_func.py` imports it twice and never calls
    it, so neither import runs it."""
    assert _found(tmp_path, {"svc/redirect.py": REDIRECT, "svc/flows.py": FLOWS}) == []


def test_a_function_imported_twice_and_called_is_reported(tmp_path: Path) -> None:
    flows = FLOWS.replace("return url_get('https://issuer/start')", "return json_post(url_get('https://issuer/start'), {})")
    assert _found(tmp_path, {"svc/redirect.py": REDIRECT, "svc/flows.py": flows}) == [("svc/redirect.py", 7)]
