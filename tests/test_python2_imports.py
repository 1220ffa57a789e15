"""Modules no Python 3 can import (project/python2_imports.py): a top-level `import urlparse` stops them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run_on_disk, settings_with

from prr_lint.project.python2_imports import PYTHON2_ONLY, python2_modules
from prr_lint.shebangs import python_major

# A scanner engine of the current generation: Flask, Python 3 imports, a status call without a deadline.
CURRENT = ("import requests\nfrom urllib.parse import urljoin\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
           "@app.route('/engines/current/status')\ndef status():\n"
           "    return jsonify(requests.get(urljoin('https://scanner.example', 'status')).json())\n")
DOCKERFILE = ("FROM alpine:3.18\nRUN apk add --no-cache python3 py3-pip\nCOPY . /opt/engine\nWORKDIR /opt/engine\n"
              "CMD [\"gunicorn\", \"engine-current:app\", \"-b\", \"0.0.0.0:5020\"]\n")
# An engine of the Python 2 days beside it: no image, its imports fail on line {line} under Python 3.
LEGACY = ("{shebang}import os, sys, requests, urlparse\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
          "@app.route('/engines/legacy/scan')\ndef scan():\n"
          "    target = urlparse.urljoin(os.environ['SPIDER'], 'scan')\n    return jsonify(requests.post(target).json())\n\n\n"
          "if __name__ == '__main__':\n    app.run(port=5003)\n")
LEGACY_CALL = 10  # the line of `requests.post` with no shebang


def _findings(root: Path, files: Dict[str, str], shipped: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(root, files, whole_project=True, on_disk_only=shipped, launch_files=tuple(shipped))
    return sorted((f.path, f.span.line) for f in result.findings if f.rule == "PRR501")


def _engines(legacy: str, shipped: Dict[str, str] = None) -> Tuple[Dict[str, str], Dict[str, str]]:
    """Both engines, each with an image that installs python3 and serves it (unless `shipped` says otherwise): the
    deployment runs the legacy engine, so only whether Python 3 can import it decides its findings."""
    files = {"engines/current/engine-current.py": CURRENT, "engines/legacy/engine-legacy.py": legacy}
    images = {"engines/current/Dockerfile": DOCKERFILE, "engines/legacy/Dockerfile": DOCKERFILE.replace("current", "legacy")}
    return files, images if shipped is None else shipped


KEPT = ("engines/current/engine-current.py", 10)
LEGACY_KEPT = ("engines/legacy/engine-legacy.py", LEGACY_CALL)


def test_an_engine_whose_top_level_imports_urlparse_runs_nowhere_in_a_python3_deployment(tmp_path: Path) -> None:
    """PatrowlEngines' burp engine: every image installs python3, the engine's `import urlparse` fails there."""
    assert _findings(tmp_path, *_engines(LEGACY.format(shebang=""))) == [KEPT]


def test_a_python3_shebang_is_evidence_enough_and_a_python2_one_keeps_the_engine(tmp_path: Path) -> None:
    silent = {"README.md": "scanner engines\n"}  # no runtime declaration at all
    shebang3 = LEGACY.format(shebang="#!/usr/bin/python3\n")
    assert _findings(tmp_path / "three", *_engines(shebang3, silent)) == [KEPT]
    assert _findings(tmp_path / "silent", *_engines(LEGACY.format(shebang=""), silent)) == [KEPT, LEGACY_KEPT]
    declared = {".python-version": "3.11\n"}  # the project runs Python 3, but this file names Python 2
    shebang2 = {"engines/legacy/engine-legacy.py": LEGACY.format(shebang="#!/usr/bin/env python2.7\n")}
    assert _failing(tmp_path / "two", shebang2, declared) == {}
    assert _failing(tmp_path / "bare", {"engines/legacy/engine-legacy.py": LEGACY.format(shebang="#!/usr/bin/python\n")}, declared) == {
        "engines.legacy.engine-legacy": 2}


def _failing(root: Path, files: Dict[str, str], shipped: Dict[str, str]) -> Dict[str, int]:
    """The modules python2_imports.py finds failing, and where, over files written under `root`."""
    for name, text in {**files, **shipped}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return python2_modules(analysis_for(files, replace(settings_with(), root=root)))


def test_a_project_that_deploys_or_tests_python2_keeps_the_engine(tmp_path: Path) -> None:
    python2_image = {"engines/current/Dockerfile": DOCKERFILE, "engines/legacy/Dockerfile": "FROM python:2.7-slim\nCMD gunicorn engine-legacy:app\n"}
    assert LEGACY_KEPT in _findings(tmp_path / "image", *_engines(LEGACY.format(shebang=""), python2_image))
    both = {**_engines("")[1], "tox.ini": "[tox]\nenvlist = py27,py39\n"}
    assert LEGACY_KEPT in _findings(tmp_path / "tox", *_engines(LEGACY.format(shebang=""), both))


def test_imports_guarded_for_both_pythons_keep_the_module(tmp_path: Path) -> None:
    """A module written for Python 2 and 3 at once: its fallback or version test runs on Python 3."""
    body = LEGACY.format(shebang="").replace("import os, sys, requests, urlparse\n", "import os, sys, requests\n")
    guarded = body.replace("from flask", "try:\n    import urlparse\nexcept ImportError:\n    from urllib import parse as urlparse\nfrom flask", 1)
    assert ("engines/legacy/engine-legacy.py", LEGACY_CALL + 4) in _findings(tmp_path / "try", *_engines(guarded))
    gated = body.replace("from flask", "if sys.version_info[0] == 2:\n    import urlparse\nelse:\n    import urllib.parse as urlparse\nfrom flask", 1)
    assert ("engines/legacy/engine-legacy.py", LEGACY_CALL + 4) in _findings(tmp_path / "if", *_engines(gated))


def test_a_module_or_dependency_of_that_name_answers_the_import(tmp_path: Path) -> None:
    """The project's own `urlparse.py` on the script's folder, or a declared distribution of that name, is importable."""
    files, shipped = _engines(LEGACY.format(shebang=""))
    own = {**files, "engines/legacy/urlparse.py": "def urljoin(base, path):\n    return base.rstrip('/') + '/' + path\n"}
    assert LEGACY_KEPT in _findings(tmp_path / "own", own, shipped)
    declared = {**shipped, "engines/legacy/requirements.txt": "flask\nrequests\nurlparse==1.0\n"}
    assert LEGACY_KEPT in _findings(tmp_path / "declared", files, declared)


def test_code_before_the_failing_import_runs_and_what_follows_does_not(tmp_path: Path) -> None:
    prelude = "import requests\n\nrequests.get('https://licence.example/check')\n\n"
    legacy = prelude + LEGACY.format(shebang="").replace("import os, sys, requests, urlparse", "import os, sys, urlparse")
    assert _findings(tmp_path, *_engines(legacy)) == [KEPT, ("engines/legacy/engine-legacy.py", 3)]


def test_what_only_the_failing_module_loads_fails_with_it(tmp_path: Path) -> None:
    """A helper only the legacy engine imports runs nowhere; one the current engine imports too stays. Below a
    package whose `__init__.py` fails, every module fails."""
    helper = "import requests\n\n\ndef submit(url):\n    return requests.post(url).json()\n"
    legacy = LEGACY.format(shebang="").replace("from flask", "from spider_client import submit\nfrom flask", 1).replace("requests.post(target).json()", "submit(target)")
    files, shipped = _engines(legacy)
    files = {**files, "engines/legacy/spider_client.py": helper}
    assert ("engines/legacy/spider_client.py", 5) not in _findings(tmp_path / "only", files, shipped)
    shared = {**files, "engines/current/engine-current.py": "from spider_client import submit\n" + CURRENT.replace("requests.get(", "submit(")}
    assert ("engines/legacy/spider_client.py", 5) in _findings(tmp_path / "shared", shared, shipped)
    package = {"engines/current/engine-current.py": CURRENT, "legacy/__init__.py": "import cookielib\n\nJAR = cookielib.CookieJar()\n",
               "legacy/pull.py": helper, "legacy/app.py": ("from flask import Flask\n\nfrom legacy.pull import submit\n\napp = Flask(__name__)\n\n\n"
                                                           "@app.route('/pull')\ndef pull():\n    return submit('https://feed.example/pull')\n")}
    assert _findings(tmp_path / "package", package, shipped) == [KEPT]


def test_the_python2_names_are_no_python3_modules_and_shebangs_name_a_major() -> None:
    import sys

    assert "urlparse" in PYTHON2_ONLY and "urllib2" in PYTHON2_ONLY
    assert not PYTHON2_ONLY & set(getattr(sys, "stdlib_module_names", ()))
    assert [python_major(line) for line in ("#!/usr/bin/python3", "#!/usr/bin/env python2.7", "#!/usr/bin/python", "#!/bin/sh")] == [3, 2, None, None]
