"""PRR000 in a project that declares no runtime but whose web service code runs only on Python 2 (project/python2_code.py):
two modules the web service loads that import, unconditionally, what only Python 2's standard library has leave the
service's Python 2 files unreported; a Python 3 sign anywhere (python3_signs.py), evidence from other programs, or
a single such module keeps them reported."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Dict, Tuple

import pytest

from prr_lint.project.python2_files import python2_line, python2_only_line, python2_statement, python3_only_line
from prr_lint.project import python3_syntax
from prr_lint.project.python3_syntax import first_construct, without_failures
from test_python2_runtime import PYTHON2, VIEWS, _run

# The app imports a Python 2 standard module at its top level, and so does a module it imports; a third module has
# a Python 2 statement.
PY2_VIEWS = "from urlparse import urljoin\n" + VIEWS.replace("from svc import report\n", "from svc import report, net\n")
NET = "from StringIO import StringIO\n\nbuffer = StringIO()\n"
SERVICE = {"svc/__init__.py": "", "svc/views.py": PY2_VIEWS, "svc/net.py": NET, "svc/report.py": PYTHON2}
# A Python 3 app (no Python 2 import of its own) and the report module with the Python 2 statement.
PY3_VIEWS = VIEWS.replace("from svc import report\n", "from svc import report, net\n")
# An OSQA-like Django site run from a checkout whose folder is a package: settings name middleware and the URL conf.
DJANGO = {
    "__init__.py": "",
    "settings.py": "MIDDLEWARE_CLASSES = [\n    'shop.middleware.cookies.CookieHandler',\n]\nROOT_URLCONF = 'urls'\n",
    "urls.py": "from django.conf.urls import include, url\n\nurlpatterns = [url(r'', include('shop.urls'))]\n",
    "shop/__init__.py": "",
    "shop/middleware/__init__.py": "",
    "shop/middleware/cookies.py": "from Cookie import SimpleCookie\n\n\nclass CookieHandler(object):\n    jar = SimpleCookie()\n",
    "shop/urls.py": "from django.conf.urls import url\nfrom shop import views\n\nurlpatterns = [url(r'^$', views.home)]\n",
    "shop/views.py": "import urllib2\n\n\ndef home(request):\n    return urllib2.urlopen('http://x').read()\n",
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": "def forwards(orm):\n    print \"migrating\"\n",
}


def _reported(tmp_path: Path, files: Dict[str, str], declarations: Dict[str, str] = {}):
    run = _run(tmp_path, declarations, files)
    return [finding.path for finding in run.findings if finding.rule == "PRR000"], run


@pytest.mark.parametrize("files, views_line", [
    (SERVICE, 1),
    # the other Python 2 names of PEP 3108, through `import`, a dotted import
    ({**SERVICE, "svc/views.py": "import urllib2, json\n" + PY3_VIEWS}, 1),
    ({**SERVICE, "svc/views.py": "import os\nimport cookielib.jar\n" + PY3_VIEWS}, 2),
    # what only looks like a Python 3 sign: print() with keywords under the print_function import, `x[...]`, a
    # Python 3 name under `try`, a python-future name where the project declares python-future
    ({**SERVICE, "svc/tools.py": "from __future__ import print_function\nimport sys\n\nprint('x', file=sys.stderr)\n"}, 1),
    ({**SERVICE, "svc/tools.py": "def first(array):\n    return array[..., 0]\n"}, 1),
    ({**SERVICE, "svc/tools.py": "try:\n    import queue\nexcept ImportError:\n    import Queue as queue\n"}, 1),
    # python-future's aliases make the Python 3 name importable on Python 2
    ({**SERVICE, "svc/tools.py": "from future import standard_library\nstandard_library.install_aliases()\nimport queue\n"}, 1),
])
def test_a_service_whose_web_code_imports_python2_modules_leaves_its_python2_files_unreported(
        tmp_path: Path, files: Dict[str, str], views_line: int) -> None:
    """The message names each served module that shows Python 2 (the net and views modules' imports, the report
    module's syntax) with its line."""
    reported, run = _reported(tmp_path, files)
    assert reported == []
    assert run.python2_files == 1
    assert run.python2_runtime == ("no runtime is declared, and modules the web service loads import what only Python 2 has "
                                   f"or are written in its syntax: svc/net.py:1, svc/views.py:{views_line}, svc/report.py:7")


def test_a_python3_name_python_future_installs_is_no_python3_sign_where_the_project_declares_it(tmp_path: Path) -> None:
    reported, run = _reported(tmp_path, {**SERVICE, "svc/tools.py": "import queue\n"}, {"requirements.txt": "future==0.18.2\n"})
    assert reported == []
    assert run.python2_files == 1


def test_a_django_site_whose_middleware_and_url_conf_import_python2_modules_leaves_its_migrations_unreported(
        tmp_path: Path) -> None:
    reported, run = _reported(tmp_path, DJANGO, {"requirements.txt": "django==1.6.0\nSouth\n"})
    assert reported == []
    assert run.python2_files == 1
    assert "shop/middleware/cookies.py:1, shop/views.py:1" in run.python2_runtime


# Scripts, loops, examples and commands beside a Python 3 app: two Python 2 programs that the app never imports.
POLLER = "import time, urllib2\n\nwhile True:\n    urllib2.urlopen('http://x')\n    time.sleep(60)\n"
SERVER = "import SocketServer\n\nSocketServer.TCPServer(('', 8000), SocketServer.BaseRequestHandler).serve_forever()\n"
# The service with only the app module left to fail on an import: with the report module in Python 2 syntax, one more
# failing module decides.
NO_NET = {**SERVICE, "svc/net.py": "import json\n"}
PY3_SERVICE = {"svc/__init__.py": "", "svc/views.py": PY3_VIEWS, "svc/net.py": "import json\n", "svc/report.py": PYTHON2}


@pytest.mark.parametrize("files, declarations", [
    # a Python 3 service with one Python 2 slip and no Python 2 import
    ({"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/report.py": PYTHON2}, {}),
    # one module the service loads fails: a slip, not how it is written (the report module, in Python 2 syntax, is a
    # second one where the service imports it: test_a_django_site_whose_served_modules_are_in_python2_syntax...)
    ({**SERVICE, "svc/net.py": "import json\n", "svc/views.py": PY2_VIEWS.replace("from svc import report, net\n", ""),
      "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
      "svc/management/commands/report_now.py": "from svc import report\n"}, {}),
    # the Python 2 imports are in programs the web app never imports: scripts, a poller, example servers, a server
    # beside the app, Django management commands
    ({**PY3_SERVICE, "scripts/crawl.py": "import urllib2\n\nprint(urllib2.urlopen('http://x').read())\n",
      "scripts/fetch.py": "import httplib\n\nprint(httplib.HTTPConnection('x'))\n"}, {}),
    ({**PY3_SERVICE, "scripts/poller.py": POLLER, "scripts/pusher.py": POLLER.replace("urllib2", "httplib")}, {}),
    ({**PY3_SERVICE, "examples/old_server.py": SERVER, "examples/other_server.py": SERVER}, {}),
    ({**PY3_SERVICE, "legacy/server.py": "import BaseHTTPServer\nimport urllib2\n\nBaseHTTPServer.HTTPServer(('', 80), "
      "BaseHTTPServer.BaseHTTPRequestHandler).serve_forever()\n", "legacy/util.py": "import cPickle\n"}, {}),
    ({"shop/__init__.py": "", "shop/models.py": "from shop import report\n", "shop/report.py": PYTHON2,
      "shop/management/__init__.py": "", "shop/management/commands/__init__.py": "",
      "shop/management/commands/import_legacy.py": "import urllib2\n", "shop/management/commands/export.py": "import cPickle\n"},
     {"requirements.txt": "Django==1.11\n"}),
    # only tests import them
    ({**PY3_SERVICE, "tests/test_views.py": "import urllib2\nimport cPickle\nfrom svc import views\n\n\ndef test_a():\n"
      "    assert views.a() == 'ok'\n"}, {}),
    # a fallback to the Python 3 name, a version test, an import inside a function, a `sys.path` or `sys.modules`
    # edit before it
    ({**NO_NET, "svc/views.py": "try:\n    from urlparse import urljoin\nexcept ImportError:\n"
      "    from urllib.parse import urljoin\n" + PY3_VIEWS}, {}),
    ({**NO_NET, "svc/views.py": "import sys\nif sys.version_info[0] == 2:\n    from urlparse import urljoin\n" + PY3_VIEWS}, {}),
    ({**NO_NET, "svc/views.py": PY3_VIEWS + "\n\ndef join(a, b):\n    from urlparse import urljoin\n    return urljoin(a, b)\n"}, {}),
    ({**NO_NET, "svc/views.py": "import sys\nsys.path.insert(0, 'vendor')\nfrom urlparse import urljoin\n" + PY3_VIEWS}, {}),
    ({**NO_NET, "svc/views.py": "import sys\nfrom svc import compat\nsys.modules['urlparse'] = compat\nfrom urlparse import urljoin\n"
      + PY3_VIEWS, "svc/compat.py": "def urljoin(a, b):\n    return a + b\n"}, {}),
    # a project module answers the name
    ({**NO_NET, "svc/urlparse.py": "def urljoin(a, b):\n    return a + b\n"}, {}),
    # a project module has syntax only Python 3 parses
    ({**SERVICE, "svc/tools.py": "def shown(name):\n    return f'<{name}>'\n"}, {}),
    ({**SERVICE, "svc/tools.py": "def shown(name: str) -> str:\n    return name\n"}, {}),
    ({**SERVICE, "svc/tools.py": "import sys\n\nprint('start', file=sys.stderr)\n"}, {}),
    ({**SERVICE, "svc/tools.py": "print('ready', end='')\n"}, {}),
    ({**SERVICE, "svc/tools.py": "DEFAULTS = {'a': 1}\nCONF = {**DEFAULTS, 'b': 2}\n"}, {}),
    ({**SERVICE, "svc/tools.py": "A = [1]\nB = [*A, 2]\n"}, {}),
    ({**SERVICE, "svc/tools.py": "def f(*a):\n    return a\n\n\nX = f(*[1], *[2])\n"}, {}),
    ({**SERVICE, "svc/tools.py": "PLACEHOLDER = ...\n"}, {}),
    # a project module imports, unconditionally, what only Python 3's standard library has
    ({**SERVICE, "svc/tools.py": "from urllib.parse import urljoin\n"}, {}),
    ({**SERVICE, "svc/tools.py": "import queue\n"}, {}),
    ({**SERVICE, "svc/tools.py": "import http.client\n"}, {}),
    ({**SERVICE, "svc/tools.py": "import configparser\n"}, {}),
    # ... after statements that install no module: a subscript write other than `sys.modules`, a call merely named so
    ({**SERVICE, "svc/tools.py": "import os\nos.environ['MODE'] = 'web'\nimport queue\n"}, {}),
    ({**SERVICE, "svc/tools.py": "def register_hooks():\n    pass\n\n\nregister_hooks()\nimport queue\n"}, {}),
    # a project program or a launch file runs python3
    ({**SERVICE, "manage.py": "#!/usr/bin/env python3\nimport sys\n\nprint(sys.argv)\n"}, {}),
    (SERVICE, {"Procfile": "web: python3 -m flask --app svc.views run\n"}),
    # a tool setting targets Python 3
    (SERVICE, {"pyproject.toml": "[tool.black]\ntarget-version = ['py38']\n"}),
    (SERVICE, {"pyproject.toml": "[tool.mypy]\npython_version = '3.8'\n"}),
    (SERVICE, {"ruff.toml": "target-version = \"py311\"\n"}),
    (SERVICE, {"setup.cfg": "[mypy]\npython_version = 3.9\n"}),
    # a dependency pinned at releases that support only Python 3
    (SERVICE, {"requirements.txt": "Flask==2.3.2\n"}),
    (SERVICE, {"requirements.txt": "Django>=2.0\n"}),
    # a declaration of any Python 3 decides, whatever the code imports
    (SERVICE, {"Dockerfile": "FROM python:3.11-slim\nCOPY . /app\nCMD [\"gunicorn\", \"svc.views:app\"]\n"}),
    (SERVICE, {"tox.ini": "[tox]\nenvlist = py27,py36\n"}),
    (SERVICE, {"setup.py": "setup(python_requires='>=2.7')\n"}),
])
def test_python2_imports_that_do_not_show_the_service_runs_python2_keep_its_python2_files_reported(
        tmp_path: Path, files: Dict[str, str], declarations: Dict[str, str]) -> None:
    reported, run = _reported(tmp_path, files, declarations)
    assert [path.replace("shop/", "svc/") for path in reported] == ["svc/report.py"]
    assert run.python2_files == 0


def test_a_python2_service_still_reports_a_file_that_fails_on_no_python2_line(tmp_path: Path) -> None:
    reported, run = _reported(tmp_path, {**SERVICE, "svc/report.py": "def check(url)\n    return url\n"})
    assert reported == ["svc/report.py"]
    assert run.python2_files == 0


def test_a_python2_service_still_reports_a_tab_and_space_mix(tmp_path: Path) -> None:
    reported, run = _reported(tmp_path, {**SERVICE, "svc/report.py": "def check(url):\n        if url:\n\treturn url\n"})
    assert reported == ["svc/report.py"]
    assert run.python2_files == 0


@pytest.mark.parametrize("text, shown", [
    ("import sys\nprint('x', file=sys.stderr)\n", "print() with keywords"),
    ("C = {**{}, 'b': 2}\n", "dict unpacking"),
    ("B = (*[1], 2)\n", "starred display"),
    ("S = {*[1]}\n", "starred display"),
    ("X = dict(**{}, **{})\n", "repeated unpacking"),
    ("X = ...\n", "Ellipsis outside a subscript"),
    ("from __future__ import print_function\nprint('x', end='')\n", None),
    ("X = a[..., 1]\nf(*args, **kwargs)\nfirst, second = pair\n", None),
])
def test_python3_only_syntax(text: str, shown) -> None:
    found = first_construct(text, "m.py")
    assert (found[1] if found else None) == shown


# A Django 1.5 site that declares no runtime, whose served modules are themselves in Python 2 syntax (read_FEC): the
# middleware its settings name and the models Django imports fail on a Python 2 line, so they import nothing Python 2
# only has that the import reading could see.
SYNTAX_SITE = {
    "__init__.py": "",
    "settings.py": "MIDDLEWARE_CLASSES = (\n    'shop.middleware.KeyCheck',\n)\nROOT_URLCONF = 'urls'\nINSTALLED_APPS = ['shop']\n",
    "urls.py": "from django.conf.urls import include, url\n\nurlpatterns = [url(r'', include('shop.urls'))]\n",
    "wsgi.py": "from django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n",
    "shop/__init__.py": "",
    "shop/middleware.py": "class KeyCheck(object):\n    def process_request(self, request):\n        print \"key\", request\n",
    "shop/models.py": "ORDER = sorted({}.items(), key=lambda (k, v): v)\n",
    "shop/urls.py": "from django.conf.urls import url\nfrom shop import views\n\nurlpatterns = [url(r'^$', views.home)]\n",
    "shop/views.py": "def home(request):\n    return 'ok'\n",
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": "def forwards(orm):\n    print \"migrating\"\n",
}
# A management command in Python 2 syntax: `manage.py` runs it, the web process does not.
COMMAND = {"shop/management/__init__.py": "", "shop/management/commands/__init__.py": "",
           "shop/management/commands/load.py": "def handle():\n    print \"loading\"\n"}


@pytest.mark.parametrize("files, shown, counts", [
    (SYNTAX_SITE, "are written in Python 2 syntax: shop/middleware.py:3, shop/models.py:1", (1, 2)),
    # an import of what only Python 2 has and a module in its syntax, each one served module
    ({**SYNTAX_SITE, "shop/models.py": "import cPickle\n"}, "import what only Python 2 has or are written in its syntax: "
     "shop/models.py:1, shop/middleware.py:3", (1, 1)),
    # a module a served one imports, in Python 2 syntax (an octal literal), instead of the models
    ({**SYNTAX_SITE, "shop/models.py": "", "shop/views.py": "from shop import util\n\n\ndef home(request):\n    return util.a()\n",
      "shop/util.py": "import os\n\n\ndef a():\n    return os.umask(022)\n"},
     "are written in Python 2 syntax: shop/middleware.py:3, shop/util.py:5", (2, 1)),
    # the app installed through an `AppConfig` path in another list the settings add
    ({**SYNTAX_SITE, "settings.py": SYNTAX_SITE["settings.py"].replace(
        "INSTALLED_APPS = ['shop']", "LOCAL_APPS = ('shop.apps.ShopConfig',)\nINSTALLED_APPS = ('django.contrib.admin',) + LOCAL_APPS"),
      "shop/apps.py": "from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = 'shop'\n"},
     "are written in Python 2 syntax: shop/middleware.py:3, shop/models.py:1", (1, 2)),
    # a Python 2 file using `async` as a name, which Python 2 reads too, is no sign of Python 3
    ({**SYNTAX_SITE, "shop/tasks.py": "def run(results):\n    print \"run\"\n    return {async.id: async for async in results}\n"},
     "are written in Python 2 syntax: shop/middleware.py:3, shop/models.py:1", (1, 3)),
])
def test_a_django_site_whose_served_modules_are_in_python2_syntax_leaves_its_python2_files_unreported(
        tmp_path: Path, files: Dict[str, str], shown: str, counts: Tuple[int, int]) -> None:
    """`counts`: the files in Python 2 syntax left unchecked, and the findings held back as outside the service, each
    exactly: a change of one cannot hide in the other."""
    reported, run = _reported(tmp_path, files, {"requirements.txt": "django==1.5\n"})
    assert reported == []
    assert (run.python2_files, run.out_of_scope) == counts
    assert run.python2_runtime == f"no runtime is declared, and modules the web service loads {shown}"


@pytest.mark.parametrize("files, declarations", [
    # one served module in Python 2 syntax, the other Python 2 file a management command: a slip, and another program
    ({**SYNTAX_SITE, "shop/middleware.py": "class KeyCheck(object):\n    pass\n", **COMMAND}, {}),
    # the Python 2 syntax is in a test module the served code does not load
    ({**SYNTAX_SITE, "shop/middleware.py": "class KeyCheck(object):\n    pass\n",
      "shop/tests.py": "from shop import models\n\n\ndef test_a():\n    print \"a\"\n"}, {}),
    # a Python 3 sign elsewhere vetoes: an f-string in a parsed module, a Python 3 import, a pin of Django 2
    ({**SYNTAX_SITE, "shop/views.py": "def home(request):\n    return f'ok {request}'\n"}, {}),
    ({**SYNTAX_SITE, "shop/views.py": "from urllib.parse import urljoin\n\n\ndef home(request):\n    return urljoin('a', 'b')\n"}, {}),
    (SYNTAX_SITE, {"requirements.txt": "Django>=2.0\n"}),
    # ... or in a file in Python 2 syntax itself, which no parsed module shows: an f-string, a python3 `#!` line
    ({**SYNTAX_SITE, "shop/middleware.py": SYNTAX_SITE["shop/middleware.py"] + "\n\nNAME = f'{KeyCheck}'\n"}, {}),
    ({**SYNTAX_SITE, "shop/models.py": "#!/usr/bin/env python3\n" + SYNTAX_SITE["shop/models.py"]}, {}),
    # a tab/space mix, which a Python 3 editor makes as well, is no evidence
    ({**SYNTAX_SITE, "shop/middleware.py": "class KeyCheck(object):\n        def check(self):\n\treturn 1\n"}, {}),
    # a declared runtime decides
    (SYNTAX_SITE, {"Dockerfile": "FROM python:3.11-slim\nCOPY . /app\nCMD [\"gunicorn\", \"wsgi:application\"]\n"}),
])
def test_python2_syntax_that_does_not_show_the_service_runs_python2_keeps_its_python2_files_reported(
        tmp_path: Path, files: Dict[str, str], declarations: Dict[str, str]) -> None:
    reported, run = _reported(tmp_path, files, declarations or {"requirements.txt": "django==1.5\n"})
    assert run.python2_runtime == ""
    assert run.python2_files == 0
    assert "shop/migrations/0001_initial.py" in reported


# A Python 3 service whose served modules have slips (reviewer's probes): each shows no Python 2, or Python 3 itself.
KEYCHECK = "class KeyCheck(object):\n    def process_request(self, request):\n"


@pytest.mark.parametrize("over", [
    # `async` and `await` as names: Python 3.0 to 3.6 read them, so they are no Python 2 syntax
    {"shop/middleware.py": KEYCHECK + "        async = True\n        return async\n",
     "shop/models.py": "def run(task):\n    return task.delay(async=True)\n"},
    {"shop/models.py": "def run(task):\n    return task.delay(async=True)\n"},
    # Python 3 syntax in the files in Python 2 syntax themselves, which the parser stopped before
    {"shop/middleware.py": "class KeyCheck(object):\n    async def process_request(self, request):\n        print \"key\"\n",
     "shop/models.py": "def total(items: list) -> int:\n    print \"total\"\n    return sum(items)\n"},
    {"shop/middleware.py": "def make():\n    n = 0\n\n    def inc():\n        nonlocal n\n        n += 1\n    print \"x\"\n",
     "shop/models.py": "def gen(a, *, b):\n    yield from a\n    print \"y\"\n"},
    {"shop/middleware.py": "def f(x) -> int:\n    print \"key\"\n", "shop/models.py": "if (n := 3):\n    print \"n\"\n"},
    {"shop/middleware.py": "import sys\nprint('a', file=sys.stderr)\nprint \"key\"\n",
     "shop/models.py": "print('a', end='')\nprint \"n\"\n"},
    # ... on the very line the parser fails on
    {"shop/models.py": "def total(items):\n    print f\"{items}\"\n"},
    # a Python 3 sign in another file that does not parse, on no Python 2 line
    {"shop/views.py": "def home(request):\n    name = f'{request}'\n    return name +\n"},
    # convention modules of an app no settings module installs (vendored, an example), or where none exists (Flask)
    {"shop/models.py": "X = 1\n", "vendor/__init__.py": "", "vendor/oldapp/__init__.py": "",
     "vendor/oldapp/models.py": "print \"old\"\n", "vendor/oldapp/admin.py": "print \"old admin\"\n"},
    {"shop/models.py": "X = 1\n", "examples/__init__.py": "", "examples/blog/__init__.py": "",
     "examples/blog/models.py": "print \"old\"\n", "examples/blog/admin.py": "print \"old admin\"\n"},
    {"settings.py": "MIDDLEWARE_CLASSES = ()\n", "shop/middleware.py": "X = 1\n",
     "app.py": "from flask import Flask\nfrom shop import views\napp = Flask(__name__)\n",
     "shop/models.py": "print \"m\"\n", "shop/signals.py": "print \"s\"\n"},
])
def test_served_python2_syntax_in_a_python3_service_keeps_its_python2_files_reported(tmp_path: Path, over: Dict[str, str]) -> None:
    reported, run = _reported(tmp_path, {**SYNTAX_SITE, **over}, {"requirements.txt": "django==1.5\n"})
    assert run.python2_runtime == ""
    assert "shop/migrations/0001_initial.py" in reported


@pytest.mark.parametrize("text, blanked", [
    ("def f(x) -> int:\n    print \"key\"\n", ['    print "key"']),
    ("try:\n    x = 1\nexcept IOError, e:\n    print e\n", ["except IOError, e:", "    print e"]),
    ("if a:\n\tx = 1\n        y = 2\n", []),
    ("def total(items):\n    print \"x\"\n\n\ndef g(:\n", ['    print "x"', "def g(:"]),
])
def test_lines_the_parser_fails_on_are_blanked_until_the_file_parses(text: str, blanked) -> None:
    repaired = without_failures(text, "m.py")
    assert (repaired[1] if repaired else None) == blanked


# Two failures no Python 2 line pattern knows: one parse blanks only the first.
BROKEN_TWICE = "def g(:\n    pass\n\n\ndef h(:\n    pass\n"


def test_python2_statements_are_blanked_in_one_pass() -> None:
    """A Python 2 module of many print statements costs one parse, not one a statement."""
    text = "def report(rows):\n" + "".join(f"    print 'row {n}'\n" for n in range(500)) + "    return rows\n"
    repaired = without_failures(text, "m.py", python2_statement)
    assert repaired is not None and len(repaired[1]) == 500
    assert without_failures(text, "m.py") is None  # one parse a line: past the bound


def test_a_file_that_blanking_does_not_make_parse_shows_python3_as_far_as_anyone_knows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(python3_syntax, "_MOST_PARSES", 1)
    assert without_failures(BROKEN_TWICE, "m.py") is None
    reported, run = _reported(tmp_path, {**SYNTAX_SITE, "shop/extra.py": BROKEN_TWICE}, {"requirements.txt": "django==1.5\n"})
    assert run.python2_runtime == ""
    assert "shop/migrations/0001_initial.py" in reported


def test_a_file_that_blanking_does_not_make_parse_does_not_outweigh_two_served_python2_imports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rietveld: codereview's models and utils import Python-2-only modules; a vendored `third_party/gflags.py` beside
    them does not parse however its lines are blanked. What it holds is unknown, and parsed imports are no less
    Python 2 for it."""
    monkeypatch.setattr(python3_syntax, "_MOST_PARSES", 1)
    reported, run = _reported(tmp_path, {**SERVICE, "third_party/__init__.py": "", "third_party/gflags.py": BROKEN_TWICE})
    assert reported == []
    assert run.python2_runtime.startswith("no runtime is declared, and modules the web service loads import what only Python 2 has")


@pytest.mark.parametrize("line, python2, only", [
    ('print "x"', True, True),
    ("lambda (k, v): v", True, True),
    ("async = True", True, False),
    ("task.delay(async=True)", True, False),
])
def test_async_names_are_python2_lines_but_not_only_python2(line: str, python2: bool, only: bool) -> None:
    finding = SimpleNamespace(message="syntax error: invalid syntax", source_line=line)
    assert (python2_line(finding), python2_only_line(finding)) == (python2, only)


@pytest.mark.parametrize("line, shown", [
    ('print f"{x}"', True), ("if (n := 3): print n", True), ("    async def f(): print 'x'", True),
    ("x = await task", True), ("async = True", False), ("{async.id: async for async in tasks}", False),
    ("await(x)", False), ('print "x", y', False),
])
def test_python3_only_lines(line: str, shown: bool) -> None:
    assert python3_only_line(line) is shown
