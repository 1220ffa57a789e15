"""The `serving` scope on sibling distributions: a client SDK or a tool packaged on its own in the
service's repository, which the service never imports (sibling_distributions.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run, settings_with

VIEWS = (
    "from flask import Flask\nfrom svc import helpers\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return helpers.answer()\n"
)
HELPERS = "def answer():\n    print('answering')\n    return 'ok'\n"
SERVICE = {"setup.py": "from setuptools import setup\nsetup(name='svc')\n", "svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS}
CLIENT = (
    "import requests\n\ndef fetch(url):\n    try:\n        return requests.get(url, timeout=5).json()\n"
    "    except Exception:\n        pass\n\ndef show(url):\n    print(fetch(url))\n"
)
PACKAGING = {"client/setup.py": "from setuptools import setup\nsetup(name='svc-client')\n", "client/svcclient/__init__.py": ""}


def _findings(files: Dict[str, str], root: Path) -> List[Tuple[str, str, int]]:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    settings = replace(settings_with(), root=root)
    result = run(files, select=("PRR401", "PRR101"), settings=settings)
    return sorted((f.rule, f.path, f.span.line) for f in result.findings)


def test_a_client_distribution_the_service_never_imports_is_left_out(tmp_path: Path) -> None:
    """awxkit beside awx: its own setup.py, only its tests import it; its print and swallowed error go."""
    files = {**SERVICE, **PACKAGING, "client/svcclient/api.py": CLIENT,
             "client/test/test_api.py": "import pytest\nfrom svcclient import api\n\ndef test_show():\n    api.show('x')\n"}
    assert _findings(files, tmp_path) == [("PRR401", "svc/helpers.py", 2)]


def test_a_sibling_library_the_service_imports_keeps_its_findings(tmp_path: Path) -> None:
    """opal-common under opal-server: the service imports it, so its code runs in the service."""
    files = {**SERVICE, **PACKAGING, "client/svcclient/api.py": CLIENT,
             "svc/helpers.py": "from svcclient import api\n\ndef answer():\n    print('answering')\n    return api.show('x')\n"}
    assert _findings(files, tmp_path) == [
        ("PRR101", "client/svcclient/api.py", 6), ("PRR401", "client/svcclient/api.py", 10), ("PRR401", "svc/helpers.py", 4)]


def test_a_sibling_distribution_that_serves_keeps_its_findings(tmp_path: Path) -> None:
    """copr's frontend beside its backend: a distribution with its own Flask app is a service too."""
    app = ("from flask import Flask\nfrom svcclient import api\n\napp = Flask(__name__)\n\n"
           "@app.get('/b')\ndef b():\n    return api.show('x')\n")
    files = {**SERVICE, **PACKAGING, "client/svcclient/api.py": CLIENT, "client/svcclient/web.py": app}
    assert _findings(files, tmp_path) == [
        ("PRR101", "client/svcclient/api.py", 6), ("PRR401", "client/svcclient/api.py", 10), ("PRR401", "svc/helpers.py", 2)]
