"""PRR000 in a project that declares no runtime but whose service code runs only on Python 2 (project/python2_code.py):
a module the service loads that imports, unconditionally, what only Python 2's standard library has leaves the
service's Python 2 files unreported; a Python 3 sign anywhere, or Python 2 imports that no loaded code makes
unconditionally, keeps them reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest

from test_python2_runtime import PYTHON2, VIEWS, _run

# The app imports a Python 2 standard module at its top level, and a module with a Python 2 statement.
PY2_VIEWS = "from urlparse import urljoin\n" + VIEWS
SERVICE = {"svc/__init__.py": "", "svc/views.py": PY2_VIEWS, "svc/report.py": PYTHON2}


def _reported(tmp_path: Path, files: Dict[str, str], declarations: Dict[str, str] = {}):
    run = _run(tmp_path, declarations, files)
    return [finding.path for finding in run.findings if finding.rule == "PRR000"], run


@pytest.mark.parametrize("files", [
    SERVICE,
    # the other Python 2 names of PEP 3108, through `import`, a dotted import and below a package
    {**SERVICE, "svc/views.py": "import urllib2, json\n" + VIEWS},
    {**SERVICE, "svc/views.py": "import os\nimport cookielib.jar\n" + VIEWS},
    {**SERVICE, "svc/views.py": VIEWS.replace("from svc import report\n", "from svc import report, net\n"),
     "svc/net.py": "from StringIO import StringIO\n\nbuffer = StringIO()\n"},
])
def test_a_service_whose_loaded_code_imports_python2_modules_leaves_its_python2_files_unreported(
        tmp_path: Path, files: Dict[str, str]) -> None:
    reported, run = _reported(tmp_path, files)
    assert reported == []
    assert run.python2_files == 1
    assert run.python2_runtime.startswith("no runtime is declared, and modules the service loads import what only Python 2 has: svc/")


@pytest.mark.parametrize("files, declarations", [
    # a Python 3 service with one Python 2 slip and no Python 2 import
    ({"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/report.py": PYTHON2}, {}),
    # the Python 2 import is in a script nothing loads
    ({**SERVICE, "svc/views.py": VIEWS, "scripts/crawl.py": "import urllib2\n\nprint(urllib2.urlopen('http://x').read())\n"}, {}),
    # only a test imports it
    ({**SERVICE, "svc/views.py": VIEWS, "tests/test_views.py": "import urllib2\nfrom svc import views\n\n\ndef test_a():\n"
      "    assert views.a() == 'ok'\n"}, {}),
    # a fallback to the Python 3 name, a version test, an import inside a function, a `sys.path` edit before it
    ({**SERVICE, "svc/views.py": "try:\n    from urlparse import urljoin\nexcept ImportError:\n"
      "    from urllib.parse import urljoin\n" + VIEWS}, {}),
    ({**SERVICE, "svc/views.py": "import sys\nif sys.version_info[0] == 2:\n    from urlparse import urljoin\n" + VIEWS}, {}),
    ({**SERVICE, "svc/views.py": VIEWS + "\n\ndef join(a, b):\n    from urlparse import urljoin\n    return urljoin(a, b)\n"}, {}),
    ({**SERVICE, "svc/views.py": "import sys\nsys.path.insert(0, 'vendor')\nfrom urlparse import urljoin\n" + VIEWS}, {}),
    # a project module answers the name
    ({**SERVICE, "svc/urlparse.py": "def urljoin(a, b):\n    return a + b\n"}, {}),
    # a project module has syntax only Python 3 parses
    ({**SERVICE, "svc/tools.py": "def shown(name):\n    return f'<{name}>'\n"}, {}),
    ({**SERVICE, "svc/tools.py": "def shown(name: str) -> str:\n    return name\n"}, {}),
    # a project program runs python3
    ({**SERVICE, "manage.py": "#!/usr/bin/env python3\nimport sys\n\nprint(sys.argv)\n"}, {}),
    # a declaration of any Python 3 decides, whatever the code imports
    (SERVICE, {"Dockerfile": "FROM python:3.11-slim\nCOPY . /app\nCMD [\"gunicorn\", \"svc.views:app\"]\n"}),
    (SERVICE, {"tox.ini": "[tox]\nenvlist = py27,py36\n"}),
    (SERVICE, {"setup.py": "setup(python_requires='>=2.7')\n"}),
])
def test_python2_imports_that_do_not_show_the_service_runs_python2_keep_its_python2_files_reported(
        tmp_path: Path, files: Dict[str, str], declarations: Dict[str, str]) -> None:
    reported, run = _reported(tmp_path, files, declarations)
    assert reported == ["svc/report.py"]
    assert run.python2_files == 0


def test_a_python2_service_still_reports_a_file_that_fails_on_no_python2_line(tmp_path: Path) -> None:
    reported, run = _reported(tmp_path, {**SERVICE, "svc/report.py": "def check(url)\n    return url\n"})
    assert reported == ["svc/report.py"]
    assert run.python2_files == 0
