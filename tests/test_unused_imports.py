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


TRANSFORMER = (
    "import requests\n\nclass GraphTransformer:\n    def __init__(self, key):\n        self.key = key\n\n"
    "    def convert(self, documents):\n        return [requests.post('https://nl.example.com', json=d).json() for d in documents]\n"
)
LLM = (
    "from graph_lib.transformers.transform import GraphTransformer\n# from svc.shared.transform import GraphTransformer\n\n"
    "def start():\n    return GraphTransformer(key='k').convert([])\n"
)


def test_a_class_whose_name_a_file_imports_from_another_library_is_dead(tmp_path: Path) -> None:
    """llm-graph-builder's `shared/diffbot.py` `DiffbotGraphTransformer` (Q630): `llm.py` imports
    langchain's class of that name (its import of ours is commented out), so nothing builds ours,
    though a module path of the same last word (`...transformers.transform`) is spelt there."""
    assert _found(tmp_path, {"svc/shared/__init__.py": "", "svc/shared/transform.py": TRANSFORMER, "svc/flows.py": LLM}) == []


def test_a_class_a_file_builds_through_its_module_is_reported(tmp_path: Path) -> None:
    """Beside the other library's class, the file builds ours through its module (`transform.GraphTransformer`),
    or imports ours: the call runs."""
    through = LLM.replace("\ndef start", "from svc.shared import transform\n\ndef start").replace(
        "return GraphTransformer", "return transform.GraphTransformer")
    ours = LLM.replace("from graph_lib.transformers.transform import", "from svc.shared.transform import")
    for flows in (through, ours):
        found = _found(tmp_path, {"svc/shared/__init__.py": "", "svc/shared/transform.py": TRANSFORMER, "svc/flows.py": flows})
        assert found == [("svc/shared/transform.py", 8)]


def test_a_class_imported_through_a_package_by_a_shorter_name_is_reported(tmp_path: Path) -> None:
    """`from shared import GraphTransformer`, from a folder on `sys.path`, may be the package's re-export of ours."""
    package = "from .transform import GraphTransformer\n"
    flows = LLM.replace("from graph_lib.transformers.transform import", "from shared import")
    found = _found(tmp_path, {"svc/shared/__init__.py": package, "svc/shared/transform.py": TRANSFORMER, "svc/flows.py": flows})
    assert found == [("svc/shared/transform.py", 8)]
