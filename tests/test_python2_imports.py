"""Modules no Python 3 can import (project/python2_imports.py): a top-level `import urlparse` stops them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import analysis_for, run_on_disk, settings_with

from prr_lint.project.python2_imports import PYTHON2_ONLY, python2_modules
from prr_lint.shebangs import python_major

# A scanner engine of the current generation: Flask, Python 3 imports, a status call without a deadline.
CURRENT = ("import requests\nfrom urllib.parse import urljoin\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
           "@app.route('/engines/current/status')\ndef status():\n"
           "    return jsonify(requests.get(urljoin('https://scanner.example', 'status')).json())\n")
DOCKERFILE = ("FROM alpine:3.18\nRUN apk add --no-cache python3 py3-pip\nCOPY . /opt/engine\nWORKDIR /opt/engine\n"
              "CMD [\"gunicorn\", \"engine-current:app\", \"-b\", \"0.0.0.0:5020\"]\n")
# Each engine's CI job, which names its image after the engine: a word of the legacy engine's name in a launch file.
CI_JOB = "build-{name}:\n  variables:\n    IMAGE: \"engine-{name}\"\n    CONTEXT: \"engines/{name}\"\n  extends: .kaniko-build\n"
IMAGES = {"engines/current/Dockerfile": DOCKERFILE, "engines/current/.current.gitlab-ci.yml": CI_JOB.format(name="current"),
          "engines/legacy/.legacy.gitlab-ci.yml": CI_JOB.format(name="legacy")}
# An engine of the Python 2 days beside it, which no image runs: its imports fail on its first line under Python 3.
LEGACY = ("{shebang}import os, sys, requests, urlparse\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
          "@app.route('/engines/legacy/scan')\ndef scan():\n"
          "    target = urlparse.urljoin(os.environ['SPIDER'], 'scan')\n    return jsonify(requests.post(target).json())\n\n\n"
          "if __name__ == '__main__':\n    app.run(port=5003)\n")
LEGACY_PATH, LEGACY_MODULE = "engines/legacy/engine-legacy.py", "engines.legacy.engine-legacy"
KEPT = ("engines/current/engine-current.py", 10)
LEGACY_KEPT = (LEGACY_PATH, 10)  # `requests.post` with no `#!` line


def _findings(root: Path, files: Dict[str, str], shipped: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(root, files, whole_project=True, on_disk_only=shipped, launch_files=tuple(shipped))
    return sorted((f.path, f.span.line) for f in result.findings if f.rule == "PRR501")


def _engines(legacy: str) -> Dict[str, str]:
    return {"engines/current/engine-current.py": CURRENT, LEGACY_PATH: legacy}


def _failing(root: Path, files: Dict[str, str], shipped: Optional[Dict[str, str]] = None) -> Dict[str, int]:
    """The modules python2_imports.py finds failing, and where, over files written under `root` (`shipped`: the
    deployment files, all read as launch files; the images by default)."""
    shipped = IMAGES if shipped is None else shipped
    for name, text in {**files, **shipped}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    settings = replace(settings_with(), root=root)
    analysis = analysis_for(files, settings)
    analysis.derived("launch-files", lambda: tuple(str(root / name) for name in shipped))
    return python2_modules(analysis)


def test_an_engine_whose_top_level_imports_urlparse_runs_nowhere_in_a_python3_deployment(tmp_path: Path) -> None:
    """PatrowlEngines' burp engine: every image installs python3, no image runs the engine, whose `import urlparse`
    fails under Python 3 before any route is registered."""
    assert _findings(tmp_path, _engines(LEGACY.format(shebang="")), IMAGES) == [KEPT]


def test_a_python3_shebang_is_evidence_enough_and_a_python2_one_keeps_the_engine(tmp_path: Path) -> None:
    silent = {"README.md": "scanner engines\n"}  # no runtime declaration at all
    assert _findings(tmp_path / "three", _engines(LEGACY.format(shebang="#!/usr/bin/python3\n")), silent) == [KEPT]
    assert _failing(tmp_path / "silent", _engines(LEGACY.format(shebang="")), silent) == {}
    assert _failing(tmp_path / "two", _engines(LEGACY.format(shebang="#!/usr/bin/env python2.7\n"))) == {}
    assert _failing(tmp_path / "bare", _engines(LEGACY.format(shebang="#!/usr/bin/python\n"))) == {LEGACY_MODULE: 2}


def test_an_engine_the_deployment_runs_stays_reported(tmp_path: Path) -> None:
    """An image that serves the engine takes it for the service: the import error is a defect to fix, and the
    calls run once it is fixed."""
    images = {**IMAGES, "engines/legacy/Dockerfile": DOCKERFILE.replace("current", "legacy")}
    assert _findings(tmp_path, _engines(LEGACY.format(shebang="")), images) == [KEPT, LEGACY_KEPT]


def test_a_project_that_deploys_or_tests_python2_keeps_the_engine(tmp_path: Path) -> None:
    python2_image = {**IMAGES, "engines/legacy/Dockerfile": "FROM python:2.7-slim\nCMD python -c 'import legacy'\n"}
    assert _failing(tmp_path / "image", _engines(LEGACY.format(shebang="")), python2_image) == {}
    both = {**IMAGES, "tox.ini": "[tox]\nenvlist = py27,py39\n"}
    assert _failing(tmp_path / "tox", _engines(LEGACY.format(shebang="")), both) == {}
    only3 = {**IMAGES, "tox.ini": "[tox]\nenvlist = py39,py311\n"}
    assert _failing(tmp_path / "only3", _engines(LEGACY.format(shebang="")), only3) == {LEGACY_MODULE: 1}


def test_imports_guarded_for_both_pythons_keep_the_module(tmp_path: Path) -> None:
    """A module written for Python 2 and 3 at once: its fallback or version test runs on Python 3."""
    body = LEGACY.format(shebang="").replace("import os, sys, requests, urlparse\n", "import os, sys, requests\n")
    guarded = body.replace("from flask", "try:\n    import urlparse\nexcept ImportError:\n    from urllib import parse as urlparse\nfrom flask", 1)
    assert _failing(tmp_path / "try", _engines(guarded)) == {}
    gated = body.replace("from flask", "if sys.version_info[0] == 2:\n    import urlparse\nelse:\n    import urllib.parse as urlparse\nfrom flask", 1)
    assert _failing(tmp_path / "if", _engines(gated)) == {}


def test_a_module_a_dependency_or_a_path_edit_of_that_name_answers_the_import(tmp_path: Path) -> None:
    """The project's own `urlparse.py` beside the script, a declared distribution of that name, or a folder the
    module puts on `sys.path` first may hold the module."""
    files = _engines(LEGACY.format(shebang=""))
    own = {**files, "engines/legacy/urlparse.py": "def urljoin(base, path):\n    return base.rstrip('/') + '/' + path\n"}
    assert _failing(tmp_path / "own", own) == {}
    declared = {**IMAGES, "engines/legacy/requirements.txt": "flask\nrequests\nurlparse==1.0\n"}
    assert _failing(tmp_path / "declared", files, declared) == {}
    edited = {**files, LEGACY_PATH: "import sys\nsys.path.insert(0, 'vendor')\n" + LEGACY.format(shebang="")}
    assert _failing(tmp_path / "edited", edited) == {}
    renamed = {**files, LEGACY_PATH: "import sys as system\nsystem.path.append('vendor')\n" + LEGACY.format(shebang="")}
    assert _failing(tmp_path / "renamed", renamed) == {}


def test_the_module_fails_at_its_first_unguarded_python2_import(tmp_path: Path) -> None:
    """What its top level runs before that line runs (a licence check at import); what follows never does."""
    prelude = "import requests\n\nrequests.get('https://licence.example/check')\n\n"
    legacy = prelude + LEGACY.format(shebang="").replace("import os, sys, requests, urlparse", "import os, sys, urlparse")
    assert _failing(tmp_path, _engines(legacy)) == {LEGACY_MODULE: 5}


def test_what_only_the_failing_module_loads_fails_with_it(tmp_path: Path) -> None:
    """A helper only the legacy engine imports runs nowhere; one the current engine uses too stays. Below a
    package whose `__init__.py` fails, every module fails, but a program run by its path, which imports no package."""
    helper = "import requests\n\n\ndef submit(url):\n    return requests.post(url).json()\n"
    legacy = LEGACY.format(shebang="").replace("from flask", "from spider_client import submit\nfrom flask", 1).replace("requests.post(target).json()", "submit(target)")
    files = {**_engines(legacy), "engines/legacy/spider_client.py": helper}
    assert ("engines/legacy/spider_client.py", 5) not in _findings(tmp_path / "only", files, IMAGES)
    shared = {**files, "engines/current/engine-current.py": "from spider_client import submit\n" + CURRENT.replace("requests.get(", "submit(")}
    assert ("engines/legacy/spider_client.py", 5) in _findings(tmp_path / "shared", shared, IMAGES)
    package = {"engines/current/engine-current.py": CURRENT, "legacy/__init__.py": "import cookielib\n\nJAR = cookielib.CookieJar()\n",
               "legacy/pull.py": helper, "legacy/app.py": ("from flask import Flask\n\nfrom legacy.pull import submit\n\napp = Flask(__name__)\n\n\n"
                                                           "@app.route('/pull')\ndef pull():\n    return submit('https://feed.example/pull')\n")}
    assert _findings(tmp_path / "package", package, IMAGES) == [KEPT]
    tool = "import requests\n\n\ndef main():\n    requests.post('https://feed.example/drain')\n\n\nif __name__ == '__main__':\n    main()\n"
    assert _failing(tmp_path / "tool", {**package, "legacy/drain.py": tool}) == {"legacy": 1, "legacy.app": 0, "legacy.pull": 0}


def test_the_python2_names_are_no_python3_modules_and_shebangs_name_a_major() -> None:
    assert "urlparse" in PYTHON2_ONLY and "urllib2" in PYTHON2_ONLY
    assert not PYTHON2_ONLY & set(getattr(sys, "stdlib_module_names", ()))
    assert [python_major(line) for line in ("#!/usr/bin/python3", "#!/usr/bin/env python2.7", "#!/usr/bin/python", "#!/bin/sh")] == [3, 2, None, None]
