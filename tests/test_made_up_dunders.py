"""PRR501 and a method named like a dunder that no one but code calls (called_dunders.py): datenwerft's API client
keeps a `__logout_all__` beside the `__logout__` its `__del__` calls; Python calls neither by itself, and nothing calls
`__logout_all__`, so its request is dead, as a private `_name` would be, in a class with a library base too. Dunders
Python or a common library calls stay live (SQLAlchemy's `__declare_last__` on a model)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

from prr_lint.called_dunders import called_outside_code

_CLIENT = (
    "import requests\n\n\nclass PortalClient:\n"
    "    def __init__(self, base):\n        self.base = base\n        self.http = requests.Session()\n\n"
    "    def __del__(self):\n        self.__sign_out__()\n\n"
    "    def __sign_out__(self):\n        self.http.post(self.base + '/sign-out')\n\n"
    "    def __sign_out_everywhere__(self):\n        self.http.post(self.base + '/sign-out-all')\n\n"
    "    def __html__(self):\n        return self.http.get(self.base + '/badge').text\n\n"
    "    def items(self):\n        return self.http.get(self.base + '/items', timeout=5).json()\n"
)
_VIEW = (
    "from flask import Flask\n\nfrom portal.client import PortalClient\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/items')\ndef items():\n    return {'items': PortalClient('https://portal.example.org').items()}\n"
)


def _lines(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"portal/__init__.py": "", **files}, whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_a_made_up_dunder_nothing_calls_is_dead(tmp_path: Path) -> None:
    """`__sign_out__` (run by `__del__`) and `__html__` (markupsafe's protocol) stay reported; `__sign_out_everywhere__` does not."""
    assert _lines(tmp_path, {"portal/client.py": _CLIENT, "portal/app.py": _VIEW}) == [
        ("portal/client.py", 13), ("portal/client.py", 19)]


def test_a_call_by_name_keeps_it(tmp_path: Path) -> None:
    view = _VIEW.replace("    return {", "    PortalClient('https://portal.example.org').__sign_out_everywhere__()\n    return {")
    assert _lines(tmp_path, {"portal/client.py": _CLIENT, "portal/app.py": view}) == [
        ("portal/client.py", 13), ("portal/client.py", 16), ("portal/client.py", 19)]


def test_a_library_base_leaves_a_made_up_dunder_dead_and_calls_its_own(tmp_path: Path) -> None:
    client = _CLIENT.replace("import requests\n", "import requests\nfrom sqlalchemy.orm import DeclarativeBase\n").replace(
        "class PortalClient:", "class PortalClient(DeclarativeBase):").replace("def __html__(self)", "def __declare_last__(self)")
    assert _lines(tmp_path, {"portal/client.py": client, "portal/app.py": _VIEW}) == [("portal/client.py", 14), ("portal/client.py", 20)]


def test_the_names_python_calls() -> None:
    assert all(map(called_outside_code, ("__enter__", "__missing__", "__fspath__", "__unicode__", "__array__", "_missing_")))
    assert not any(map(called_outside_code, ("__logout_all__", "__get_bucket__", "__create__", "_name", "name")))
