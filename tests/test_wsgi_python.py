"""PRR000 for Python 2 files of a project deployed with mod_wsgi: the site-packages folder its WSGI script or Apache
configuration puts on the path names the interpreter (wsgi_python.py, read by python2_runtime.py as packaging)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest

from prr_lint.project.wsgi_python import wsgi_declarations
from test_python2_runtime import FILES, PYTHON2, VIEWS, _run

# A WSGI script that puts a Python 2.6 virtualenv on the path before it builds Django's handler.
SCRIPT26 = ("import os, site, sys\n\nHOME = '/srv/svc'\nSITE = os.path.join(HOME, 'env/lib/python2.6/site-packages')\n\n"
            "site.addsitedir(SITE)\nsys.path.insert(0, HOME)\nos.environ['DJANGO_SETTINGS_MODULE'] = 'svc.settings'\n\n"
            "import django.core.handlers.wsgi\napplication = django.core.handlers.wsgi.WSGIHandler()\n")
DAEMON27 = ("<VirtualHost *:80>\n    WSGIDaemonProcess svc processes=2 python-path=/srv/svc:/srv/env/lib/python2.7/site-packages\n"
            "    WSGIScriptAlias / /srv/svc/deploy/svc.wsgi\n</VirtualHost>\n")
VENV = "import site\n\nsite.addsitedir(VENV)\n"


@pytest.mark.parametrize("declarations, shown", [
    ({"deploy/svc.wsgi": SCRIPT26}, "deploy/svc.wsgi: lib/python2.6/site-packages"),
    # two Python 2 folders, the system's dist-packages, `sys.path.append`
    ({"svc.wsgi": "import sys\nsys.path.append('/usr/lib/python2.7/dist-packages')\nsys.path.append('/opt/env/lib/python2.6/site-packages')\n"},
     "svc.wsgi: lib/python2.7/site-packages"),
    # a comment that names no Python, a docstring that names Python 2's folder, beside the code that does
    ({"app.wsgi": "\"\"\"Runs in lib/python2.7/site-packages.\"\"\"\n# TODO: the new host\nimport site\nsite.addsitedir('/srv/env/lib64/python2.7/site-packages')\n"},
     "app.wsgi: lib/python2.7/site-packages"),
    # the Apache configuration: a daemon process's python-path, WSGIPythonPath, a directive continued over lines
    ({"apache/svc.conf": DAEMON27}, "apache/svc.conf: lib/python2.7/site-packages"),
    ({"apache/httpd.conf.production": "WSGIPythonHome /usr/local/pythonenv/BASELINE\nWSGIPythonPath /srv/env/lib/python2.7/site-packages\n"},
     "apache/httpd.conf.production: lib/python2.7/site-packages"),
    ({"apache/vhost.conf": "WSGIDaemonProcess svc \\\n    python-path=/srv/env/lib/python2.7/site-packages \\\n    threads=15\n"},
     "apache/vhost.conf: lib/python2.7/site-packages"),
    # beside CI that tests Python 2 only: the first declaration is named
    ({"deploy/svc.wsgi": SCRIPT26, "tox.ini": "[tox]\nenvlist = py27\n"}, "tox.ini: envlist = py27"),
])
def test_a_mod_wsgi_deployment_of_python2_leaves_its_python2_files_unreported(
        tmp_path: Path, declarations: Dict[str, str], shown: str) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_runtime) == (1, shown)


@pytest.mark.parametrize("declarations", [
    # Python 2 only in what the script does not run: a comment, a docstring, a bare string statement
    {"svc.wsgi": "import site\n# was: site.addsitedir('/srv/env/lib/python2.7/site-packages')\nsite.addsitedir(VENV)\n"},
    {"svc.wsgi": "\"\"\"Once site.addsitedir('/srv/env/lib/python2.7/site-packages').\"\"\"\nimport site\nsite.addsitedir(VENV)\n"},
    {"svc.wsgi": VENV + "if OLD:\n    '/srv/env/lib/python2.7/site-packages'\n"},
    # a script that asks which Python runs it: it may be written for both
    {"svc.wsgi": "import site, sys\nif sys.version_info[0] == 2:\n    site.addsitedir('/srv/env/lib/python2.7/site-packages')\n"
                 "else:\n    site.addsitedir(VENV)\n"},
    {"svc.wsgi": "import site, six\nif six.PY2:\n    site.addsitedir('/srv/env/lib/python2.7/site-packages')\n"},
    {"svc.wsgi": "import site, sys\nif sys.version.startswith('2'):\n    site.addsitedir('/srv/env/lib/python2.7/site-packages')\n"},
    # a script that does not change the path
    {"svc.wsgi": "LEGACY = '/srv/env/lib/python2.7/site-packages'\nfrom svc.views import app as application\n"},
    # a folder whose name only looks like one, and a version-free home
    {"svc.wsgi": "import site\nsite.addsitedir('/srv/mylib/python2.7/site-packages')\n"},
    {"svc.wsgi": "import site\nsite.addsitedir('/srv/env/lib/python2.7/site-packages-old')\n"},
    {"apache/httpd.conf": "WSGIPythonHome /usr/local/pythonenv/BASELINE\nWSGIDaemonProcess svc python-home=/srv/env\n"},
    # Python 3 in the same file: a fallback, or a comment
    {"svc.wsgi": "import site\nfor folder in ('/srv/env/lib/python2.7/site-packages', '/srv/env/lib/python3.6/site-packages'):\n"
                 "    site.addsitedir(folder)\n"},
    {"svc.wsgi": "import site\n# now /srv/env/lib/python3.8/site-packages\nsite.addsitedir('/srv/env/lib/python2.7/site-packages')\n"},
    # an Apache configuration: a commented directive, a path no mod_wsgi directive puts on the path, a Python 3 daemon
    {"apache/svc.conf": "# WSGIPythonPath /srv/env/lib/python2.7/site-packages\nWSGIScriptAlias / /srv/svc/app.wsgi\n"},
    {"apache/svc.conf": "Alias /static/admin /srv/env/lib/python2.7/site-packages/django/contrib/admin/static/admin\n"},
    {"deploy/svc.wsgi": SCRIPT26, "apache/svc.conf": DAEMON27.replace("python2.7", "python3.8")},
    # a Python 2 mod_wsgi file beside a deployment, tests or packaging that admit Python 3
    {"deploy/svc.wsgi": SCRIPT26, "Dockerfile": "FROM python:3.11\nCMD gunicorn svc.views:app\n"},
    {"deploy/svc.wsgi": SCRIPT26, "tox.ini": "[tox]\nenvlist = py27,py36\n"},
    {"deploy/svc.wsgi": SCRIPT26, "setup.py": "setup(python_requires='>=3.6')\n"},
    {"deploy/svc.wsgi": SCRIPT26, "setup.py": "setup(classifiers=['Programming Language :: Python :: 2.7', "
                                              "'Programming Language :: Python :: 3.6'])\n"},
    # a test's script, a sub-distribution's
    {"tests/fixtures/svc.wsgi": SCRIPT26},
    {"contrib/libfoo/setup.py": "setup(name='libfoo')\n", "contrib/libfoo/example.wsgi": SCRIPT26},
    # Python 2 named only where no mod_wsgi file is: a module named wsgi.py, documentation, a template
    {"svc/wsgi.py": SCRIPT26},
    {"docs/deploy.rst": "Add ``site.addsitedir('/srv/env/lib/python2.7/site-packages')`` to your svc.wsgi.\n"},
    {"deploy/svc.wsgi.j2": SCRIPT26},
])
def test_a_mod_wsgi_file_that_shows_no_python2_only_runtime_keeps_python2_files_reported(
        tmp_path: Path, declarations: Dict[str, str]) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("files", [
    # the failing file's own `#!` runs python3
    {**FILES, "svc/report.py": "#!/usr/bin/env python3\n" + PYTHON2},
    # another module of the project has syntax only Python 3 reads
    {**FILES, "svc/views.py": VIEWS + "\ndef b(name):\n    return f'hello {name}'\n"},
    {**FILES, "svc/util.py": "def merge(first, *, second=None) -> dict:\n    return first\n"},
])
def test_python3_code_keeps_python2_files_of_a_python2_mod_wsgi_deployment_reported(tmp_path: Path, files: Dict[str, str]) -> None:
    """A stale sample WSGI script beside code that runs only on Python 3."""
    run = _run(tmp_path, {"apache.example/production.wsgi": SCRIPT26}, files)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


def test_a_python2_wsgi_script_that_python3_cannot_tokenize_still_names_python3_anywhere(tmp_path: Path) -> None:
    """A Python 2 script (`0644`, backquotes) may stop the tokenizer early: a Python 3 folder after that point is still
    read from the whole text."""
    (tmp_path / "svc.wsgi").write_text("import os, site\nos.umask(0644)\nx = `1`\nsite.addsitedir('/srv/env/lib/python2.7/site-packages')\n"
                                       "site.addsitedir('/srv/env/lib/python3.8/site-packages')\n")
    found = wsgi_declarations(str(tmp_path), [(str(tmp_path), "svc.wsgi")])
    assert len(found) == 1 and 3 in {major for major, _ in found[0][0]}


SCRIPT27 = "import site\nsite.addsitedir('/srv/env/lib/python2.7/site-packages')\nfrom svc.views import app as application\n"


@pytest.mark.parametrize("declarations", [
    # mod_wsgi's own Python 3: the interpreter home, the module's build, the package that installs it
    {"deploy/svc.wsgi": SCRIPT27, "deploy/apache.conf": "WSGIDaemonProcess svc python-home=/opt/python3.9-venv\n"},
    {"deploy/svc.wsgi": SCRIPT27, "deploy/apache.conf": "WSGIPythonHome /usr/local/python3.8\n"},
    {"deploy/svc.wsgi": SCRIPT27, "deploy/apache.conf": "LoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi-py3.so\n"},
    {"deploy/svc.wsgi": SCRIPT27, "provision.sh": "#!/bin/sh\napt-get install -y apache2 libapache2-mod-wsgi-py3\n"},
    {"deploy/svc.wsgi": SCRIPT27, "roles/web/tasks/main.yml": "- apt: name=libapache2-mod-wsgi-py3\n"},
    {"deploy/svc.wsgi": SCRIPT27, "Dockerfile": "FROM debian:11\nRUN apt-get install -y apache2 libapache2-mod-wsgi-py3\n"},
    # a comment that names Python 3, in this script or another
    {"deploy/svc.wsgi": "# TODO: python3\n" + SCRIPT27},
    {"deploy/svc.wsgi": SCRIPT27, "deploy/new.wsgi": "# runs under python3.8\nfrom svc.views import app as application\n"},
    # the live script has syntax only Python 3 parses, or a `#!` that runs python3
    {"deploy/old/svc.wsgi": SCRIPT27, "deploy/svc.wsgi": "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).parent))\n"
                                                          "print(f'loading {__name__}', file=sys.stderr)\n"},
    {"deploy/old/svc.wsgi": SCRIPT27, "deploy/svc.wsgi": "import sys\ndef load(name: str):\n    return name\n"},
    {"deploy/svc.wsgi": "#!/usr/bin/env python3\n" + SCRIPT27},
    # the folder does not surely reach the path: under a condition, removed, through a call, rebound, unused
    {"svc.wsgi": "import sys\nif '/usr/lib/python2.7/dist-packages' in sys.path:\n    sys.path.remove('/usr/lib/python2.7/dist-packages')\n"},
    {"svc.wsgi": "import sys\nsys.path.remove('/usr/lib/python2.7/dist-packages')\n"},
    {"svc.wsgi": "import site\nif False:  # the old host\n    site.addsitedir('/srv/env/lib/python2.7/site-packages')\n"},
    {"svc.wsgi": "import site\nif str is bytes: site.addsitedir('/srv/env/lib/python2.7/site-packages')\nelse: site.addsitedir('/srv/env3/site')\n"},
    {"svc.wsgi": "import site\ntry:\n    import ConfigParser\n    site.addsitedir('/srv/env/lib/python2.7/site-packages')\n"
                 "except ImportError:\n    site.addsitedir('/srv/env3/site')\n"},
    {"svc.wsgi": "import site\nSITE = '/srv/env/lib/python2.7/site-packages'\nif str is bytes:\n    site.addsitedir(SITE)\n"},
    {"svc.wsgi": "import site\nSITE = '/srv/env/lib/python2.7/site-packages'\nif str is not bytes:\n    SITE = '/srv/env3/site'\nsite.addsitedir(SITE)\n"},
    {"svc.wsgi": "import site\nSITE = pick('/srv/env/lib/python2.7/site-packages')\nsite.addsitedir(SITE)\n"},
    {"svc.wsgi": "import site\nOLD = '/srv/env/lib/python2.7/site-packages'\nsite.addsitedir('/srv/env3/site')\n"},
    {"svc.wsgi": "import site\nSITE = '/srv/env/lib/python2.7/site-packages'\nfrom svc.paths import SITE\nsite.addsitedir(SITE)\n"},
    # a configuration shared with another application's Python 2 daemon process
    {"deploy/apache.conf": "WSGIDaemonProcess admin python-path=/srv/admin/env/lib/python2.7/site-packages\n"
                           "WSGIDaemonProcess svc python-home=/srv/svc/venv\nWSGIScriptAlias / /srv/svc/svc.wsgi process-group=svc\n"},
    # sample and documentation folders: nothing deploys them
    {"examples/apache/svc.wsgi": SCRIPT27},
    {"docs/svc.wsgi": SCRIPT27},
    {"samples/svc.wsgi": SCRIPT27},
    # the service deploys some other way: a Procfile, an image, that runs no mod_wsgi
    {"apache.example/svc.wsgi": SCRIPT27, "Procfile": "web: gunicorn svc.views:app\n"},
    {"apache.example/svc.wsgi": SCRIPT27, "Dockerfile": "FROM debian:11\nCMD [\"gunicorn\", \"svc.views:app\"]\n"},
])
def test_a_python2_mod_wsgi_file_beside_python3_or_off_the_path_keeps_python2_files_reported(
        tmp_path: Path, declarations: Dict[str, str]) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == ["svc/report.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("declarations, shown", [
    # a module-level folder that a module-level call puts on the path, through names and os.path calls
    ({"svc.wsgi": "import os, site\nROOT = '/srv'\nENV = os.path.join(ROOT, 'env')\nSITE = os.path.join(ENV, 'lib/python2.7/site-packages')\n"
                  "site.addsitedir(SITE)\n"}, "svc.wsgi: lib/python2.7/site-packages"),
    ({"svc.wsgi": "import sys\nsys.path[:0] = ['/srv/env/lib/python2.7/site-packages']\n"}, "svc.wsgi: lib/python2.7/site-packages"),
    # a Procfile that runs mod_wsgi itself names the script it serves
    ({"deploy/svc.wsgi": SCRIPT27, "Procfile": "web: mod_wsgi-express start-server deploy/svc.wsgi\n"},
     "deploy/svc.wsgi: lib/python2.7/site-packages"),
])
def test_a_python2_mod_wsgi_script_of_other_shapes_leaves_python2_files_unreported(
        tmp_path: Path, declarations: Dict[str, str], shown: str) -> None:
    run = _run(tmp_path, declarations)
    assert [finding.path for finding in run.findings if finding.rule == "PRR000"] == []
    assert (run.python2_files, run.python2_runtime) == (1, shown)
