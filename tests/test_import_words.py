"""PRR501's dead methods and a module named like a class (project/import_words.py): a file whose only
mention of a class's name is a module path its imports spell (`from svc.ops.DcmWeb import helper`)
loads no class by a string, so the class's methods nothing calls stay dead; a file that names the class
by a dotted path in a string may load it, and its public methods stay."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run_on_disk
from prr_lint.project.import_words import foreign_module_names, import_prefixes

CLIENT = (
    "import requests\n\nclass DcmWeb:\n    def series(self, uid):\n        return requests.get('https://pacs/' + uid, timeout=5).json()\n\n"
    "    def reject_study(self, uid):\n        return requests.post('https://pacs/reject/' + uid)\n"
)
REJECT = ("svc/helper/client.py", 8)
APP = (
    "from flask import Flask\nfrom svc.helper.client import DcmWeb\nfrom svc import jobs\n\napp = Flask(__name__)\n\n"
    "@app.get('/s/<uid>')\ndef series(uid):\n    return jobs.run() or DcmWeb().series(uid)\n"
)
OPS = "def helper():\n    return None\n"
JOBS = "from svc.ops.DcmWeb import helper\n\ndef run():\n    return helper()\n"


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/helper/__init__.py": "", "svc/helper/client.py": CLIENT, "svc/ops/__init__.py": "",
             "svc/ops/DcmWeb.py": OPS, "svc/jobs.py": JOBS, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files).findings)


def test_a_module_named_like_the_class_loads_no_class(tmp_path: Path) -> None:
    """kaapana's `from kaapana.operators.HelperDcmWeb import get_dcmweb_helper` beside the class
    `kaapanapy.helper.HelperDcmWeb.HelperDcmWeb`, whose `reject_study` nothing calls."""
    assert _found(tmp_path, {"svc/app.py": APP}) == []


def test_a_dotted_path_in_a_string_may_load_the_class(tmp_path: Path) -> None:
    settings = "DICOM_CLIENT = 'svc.helper.client.DcmWeb'\n"
    assert _found(tmp_path, {"svc/app.py": APP, "svc/settings.py": settings}) == [REJECT]


def test_the_module_paths_an_import_spells() -> None:
    source = ("import a.Web\nimport b.Web as W\nfrom c.Web import f, g\nfrom d.Web import *\nfrom e import Web\n"
              "from bx.provider.Web import Client\n")
    analysis = analysis_for({"p/__init__.py": "", "p/q.py": source, "p/Web.py": ""})
    summary = analysis.index.modules["p.q"]
    assert import_prefixes(summary, "Web") == {"a.Web", "b.Web", "c.Web", "d.Web", "bx.provider.Web"}
    # `bx.provider.Web` is another distribution's module; `a.Web` may be `p.a.Web` by a shorter name
    assert foreign_module_names(analysis.index, summary, "Web", {"p.a.Web"}) == 4
    assert foreign_module_names(analysis.index, summary, "Web", {"p.Web"}) == 5
